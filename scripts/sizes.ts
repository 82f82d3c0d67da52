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

/**
 * Bundles `source` (module text resolved from the repository root) the way a host app's bundler would:
 * every dependency included, minified, split at dynamic imports. Measures each chunk on its own.
 */
export async function measureModule(source: string, name = 'entry'): Promise<EntrySize> {
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
  const initialPaths = staticClosure(result.metafile, entryOutput);
  let initial = zero;
  let lazy = zero;
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    const size = sizeOf(file.contents);
    if (initialPaths.has(relative(process.cwd(), file.path))) initial = add(initial, size);
    else lazy = add(lazy, size);
  }
  return { initial, lazy };
}

/** Sizes of one built file, as it is served. */
export async function measureFile(path: string): Promise<Size> {
  const { readFile } = await import('node:fs/promises');
  return sizeOf(await readFile(path));
}

export const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
