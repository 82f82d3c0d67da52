import { build, type Metafile } from 'esbuild';
import { relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Size {
  min: number;
  gzip: number;
  brotli: number;
}

export interface EntrySize {
  /** What a page importing the entry downloads before anything renders: the entry and its static imports. */
  initial: Size;
  /** Chunks fetched later through `import()`, e.g. the socket client or another language's strings. */
  lazy: Size;
}

const zero: Size = { min: 0, gzip: 0, brotli: 0 };

/** Sizes of minified JavaScript, compressed the way the issue measures peers (gzip -9, brotli quality 11). */
export function sizeOf(code: Uint8Array): Size {
  return {
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

function add(a: Size, b: Size): Size {
  return { min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

function staticClosure(metafile: Metafile, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
    }
  }
  return seen;
}

/** `source` bundled the way a host app's bundler would; the path of the page's own file among the outputs. */
async function bundle(source: string, name: string) {
  const outdir = `/virtual/${name}`;
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), sourcefile: `${name}.ts`, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir,
    entryNames: name,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  // Chunks split off at `import()` name an entry point too; the page's own file is the one named after it.
  const entryOutput = Object.keys(result.metafile.outputs).find((path) => path.endsWith(`/${name}.js`));
  if (!entryOutput) throw new Error(`esbuild produced no entry for ${name}`);
  const files = result.outputFiles
    .filter((file) => file.path.endsWith('.js'))
    .map((file) => ({ path: relative(process.cwd(), file.path), size: sizeOf(file.contents) }));
  return { metafile: result.metafile, entryOutput, files };
}

/**
 * Bundles `source` (module text resolved from the repository root) the way a host app's bundler would:
 * every dependency included, minified, split at dynamic imports. Measures each chunk on its own.
 */
export async function measureModule(source: string, name = 'entry'): Promise<EntrySize> {
  const { metafile, entryOutput, files } = await bundle(source, name);
  const initialPaths = staticClosure(metafile, entryOutput);
  let initial = zero;
  let lazy = zero;
  for (const file of files) {
    if (initialPaths.has(file.path)) initial = add(initial, file.size);
    else lazy = add(lazy, file.size);
  }
  return { initial, lazy };
}

export interface ScreenSize {
  /** Brotli of every file the screen needs, the entry included. */
  brotli: number;
  /** Files fetched after the entry. */
  requests: number;
}

/**
 * What a page importing `source` fetches until a screen is up: the entry and its static imports, and
 * the chunks of the `import()`s the screen waits for (those whose module matches one of `needed`) with
 * theirs. Bundled as by `measureModule`.
 */
export async function measureScreen(source: string, name: string, needed: RegExp[]): Promise<ScreenSize> {
  const { metafile, entryOutput, files } = await bundle(source, name);
  const paths = staticClosure(metafile, entryOutput);
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const module = output.entryPoint;
    if (path === entryOutput || !module || !needed.some((pattern) => pattern.test(module))) continue;
    for (const chunk of staticClosure(metafile, path)) paths.add(chunk);
  }
  const brotli = files.reduce((sum, file) => sum + (paths.has(file.path) ? file.size.brotli : 0), 0);
  return { brotli, requests: paths.size - 1 };
}

/** Sizes of one built file, as it is served. */
export async function measureFile(path: string): Promise<Size> {
  const { readFile } = await import('node:fs/promises');
  return sizeOf(await readFile(path));
}

export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
