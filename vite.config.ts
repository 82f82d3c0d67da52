import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { sandboxPlugin } from './sandbox/vite-plugin.js';

const port = Number(process.env.PORT ?? 5173);

export default defineConfig({
  root: 'demo',
  plugins: [sandboxPlugin()],
  server: { port, strictPort: true, host: process.env.HOST ?? 'localhost' },
  preview: { port, strictPort: true },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    lib: {
      entry: {
        index: resolve(import.meta.dirname, 'src/index.ts'),
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: [],
    },
  },
});
