import { resolve } from 'node:path';
import { defineConfig, type BuildEnvironmentOptions } from 'vite';
import packageJson from './package.json' with { type: 'json' };
import { sandboxPlugin } from './sandbox/vite-plugin.js';
import { inboxServerVitePlugin } from './sandbox/inbox-server-vite-plugin.js';
import { classicScript } from './scripts/classic-script.js';
import { minifyCssLiterals } from './scripts/minify-css-literals.js';

const port = Number(process.env.PORT ?? 5173);
const source = (path: string) => resolve(import.meta.dirname, 'src', path);
const dist = (path = '') => resolve(import.meta.dirname, 'dist', path);

const elementEntries = {
  'channel-connect': source('elements/channel-connect/channel-connect.ts'),
  'qr-scanner': source('elements/qr-scanner/qr-scanner.ts'),
  'instagram-2fa': source('elements/instagram-2fa/instagram-2fa.ts'),
  'phone-login': source('elements/phone-login/phone-login.ts'),
  'accounts-list': source('elements/accounts-list/accounts-list.ts'),
  'conversation-view': source('elements/conversation-view/conversation-view.ts'),
};

const reactEntries = Object.fromEntries(
  ['index', ...Object.keys(elementEntries)].map((name) => [`react/${name}`, source(`react/${name}.ts`)]),
);

/** The package's own modules, imported by a host's bundler: one entry per element, dependencies left as imports. */
const packageBuild: BuildEnvironmentOptions = {
  outDir: dist(),
  emptyOutDir: true,
  lib: {
    entry: { index: source('index.ts'), classes: source('classes.ts'), ...elementEntries, ...reactEntries },
    formats: ['es'],
  },
  rolldownOptions: {
    // Dependencies stay imports, so a host app that also uses lit (or ky, react…) loads one copy.
    external: (id) =>
      [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.peerDependencies)].some(
        (name) => id === name || id.startsWith(`${name}/`),
      ),
  },
};

/** For `<script type="module">` from a CDN: every dependency inside, split so each element loads alone. */
const moduleScriptBuild: BuildEnvironmentOptions = {
  outDir: dist('cdn'),
  emptyOutDir: true,
  // Not library mode, which keeps the whitespace of ES output for the host's bundler to shake.
  minify: true,
  rolldownOptions: {
    input: {
      'inbox-elements': source('index.ts'),
      ...elementEntries,
    },
    preserveEntrySignatures: 'exports-only',
    output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  },
};

/** `conversation-view.js` for our modules, `<package>-<name>.js` for a dependency's (`phoenix.js` alone). */
function lazyChunkName({ name, facadeModuleId }: { name: string; facadeModuleId: string | null }): string {
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(facadeModuleId ?? '')?.[1];
  const base = name.replace(/\.component$/, '');
  return `cdn/lazy/${dependency && dependency !== base ? `${dependency.replace('/', '-')}-${base}` : base}.js`;
}

/**
 * For a classic `<script>`: `dist/inbox-elements.min.js` registers the elements and exposes
 * `window.InboxElements`; what a page may never need (conversation-view, phone-login, the QR encoder, the
 * socket client, the Arabic strings) is fetched with `import()` from `dist/cdn/lazy/`, relative to it.
 */
const classicScriptBuild: BuildEnvironmentOptions = {
  outDir: dist(),
  emptyOutDir: false,
  // Library mode: no preload helper around `import()` (it reads `import.meta`, which a classic script lacks).
  lib: {
    entry: source('script-tag/classic.ts'),
    formats: ['es'],
    fileName: () => 'inbox-elements.min.js',
  },
  rolldownOptions: {
    output: {
      // Library mode keeps the whitespace of ES output unless told otherwise.
      minify: true,
      chunkFileNames: lazyChunkName,
      // Everything the entry imports statically in the script itself; only `import()`s become chunks.
      codeSplitting: { groups: [{ name: 'inbox-elements.min', tags: ['$initial'] }] },
    },
    plugins: [classicScript(`inbox-elements@${packageJson.version}`)],
  },
};

// `vite build` makes the package's modules, `--mode cdn` the module-script build, `--mode script` the classic one.
export default defineConfig(({ mode }) => ({
  root: 'demo',
  // The demo's elements talk to inbox-elements-server (under /inbox-server), which talks to the sandbox.
  plugins: [sandboxPlugin(), inboxServerVitePlugin(), minifyCssLiterals()],
  server: { port, strictPort: true, host: process.env.HOST ?? 'localhost' },
  preview: { port, strictPort: true },
  ...(mode === 'cdn' || mode === 'script'
    ? {
        // These run in a browser with no `process`; the package build leaves it to the host's bundler.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: mode === 'cdn' ? moduleScriptBuild : classicScriptBuild,
        ...(mode === 'script'
          ? { resolve: { alias: [{ find: /^qrcode$/, replacement: source('script-tag/qrcode.ts') }] } }
          : {}),
      }
    : { build: packageBuild }),
}));
