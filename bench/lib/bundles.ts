import { build } from 'esbuild';
import { relative, resolve } from 'node:path';

/** Served files: URL path → contents. */
export type Files = Map<string, Uint8Array>;

/** The way a host app's bundler ships the library: every dependency in, minified, production mode. */
const production = {
  bundle: true,
  minify: true,
  platform: 'browser',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'error',
} as const;

async function bundle(
  files: Files,
  urlPrefix: string,
  entryPoints: Record<string, string>,
  format: 'esm' | 'iife',
): Promise<void> {
  const outdir = resolve('bench/.out', urlPrefix.replace(/^\/+/, ''));
  const result = await build({
    ...production,
    entryPoints,
    format,
    splitting: format === 'esm',
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
  });
  for (const file of result.outputFiles) {
    files.set(`${urlPrefix}/${relative(outdir, file.path).replaceAll('\\', '/')}`, file.contents);
  }
}

/**
 * The pages' scripts, built in memory:
 * - `/bundles/conversation.js`, `/bundles/qr.js`: the measuring pages with the elements they mount;
 * - `/cold/channel-connect.js`: the `channel-connect` entry point alone, as a page that uses only it loads it;
 * - `/probe/cold-start.js`: the classic script that times the cold start.
 */
export async function buildPages(): Promise<Files> {
  const files: Files = new Map();
  await bundle(
    files,
    '/bundles',
    { conversation: 'bench/pages/conversation.ts', qr: 'bench/pages/qr.ts' },
    'esm',
  );
  await bundle(
    files,
    '/cold',
    { 'channel-connect': 'src/elements/channel-connect/channel-connect.ts' },
    'esm',
  );
  await bundle(files, '/probe', { 'cold-start': 'bench/pages/cold-start.ts' }, 'iife');
  return files;
}
