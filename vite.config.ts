import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { dependencies } from './package.json';
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
        classes: resolve(import.meta.dirname, 'src/classes.ts'),
        'channel-connect': resolve(import.meta.dirname, 'src/elements/channel-connect/channel-connect.ts'),
        'qr-scanner': resolve(import.meta.dirname, 'src/elements/qr-scanner/qr-scanner.ts'),
        'instagram-2fa': resolve(import.meta.dirname, 'src/elements/instagram-2fa/instagram-2fa.ts'),
        'accounts-list': resolve(import.meta.dirname, 'src/elements/accounts-list/accounts-list.ts'),
        'conversation-view': resolve(
          import.meta.dirname,
          'src/elements/conversation-view/conversation-view.ts',
        ),
      },
      formats: ['es'],
    },
    rollupOptions: {
      // Dependencies stay imports, so a host app that also uses lit (or ky, …) loads one copy.
      external: (id) => Object.keys(dependencies).some((name) => id === name || id.startsWith(`${name}/`)),
    },
  },
});
