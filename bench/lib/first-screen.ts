import { build } from 'esbuild';
import { relative, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { sizeOf } from '../../scripts/sizes.js';
import type { FirstScreenResult } from '../pages/api.js';
import { call, openPage } from './browser.js';
import type { Files } from './bundles.js';
import { CLASSIC_BUNDLE } from './sizes.js';
import { BenchTenant } from './tenant.js';

/** One kind of page, as a host builds it: which elements, from which script. */
interface PageKind {
  label: string;
  /** The first useful screen, in words. */
  screen: string;
  path: string;
  /** The library's script (ES module entry or classic script), counted apart from what it fetches. */
  script: string;
  tags: string[];
}

export interface FirstScreenRow {
  label: string;
  screen: string;
  /** Brotli (quality 11) of the script itself. */
  scriptBrotli: number;
  /** Brotli of every JavaScript file fetched after it until the screen was up. */
  laterBrotli: number;
  /** JavaScript files fetched after the script until then. */
  laterFiles: string[];
  /** Calls to the backend until then. */
  apiCalls: number;
  /** From navigation to the screen. */
  ms: number;
}

export interface FirstScreenFigures {
  rows: FirstScreenRow[];
  /** Everything the classic script may ever fetch, it included; undefined when it was not built. */
  classicEverything?: { files: number; brotli: number };
}

const PREFIX = '/first-screen';
const PROBE = `${PREFIX}/probe.js`;
/** The package's element entries, as a host app imports them (through `exports`, from dist/). */
const ESM_ENTRIES = {
  'channel-connect': 'inbox-elements/channel-connect',
  'accounts-list': 'inbox-elements/accounts-list',
  'conversation-view': 'inbox-elements/conversation-view',
};

function page(tags: string[], script: string): Uint8Array {
  const elements = tags.map((tag) => `<${tag}></${tag}>`).join('');
  return new TextEncoder().encode(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first screen</title></head>' +
      `<body>${elements}<script src="${PROBE}"></script>${script}</body></html>`,
  );
}

/**
 * Adds the first-screen pages to `files` (`npm run build` first): each element entry of the built package
 * alone as a host's bundler ships it (ES modules, split at `import()`, as `scripts/check-size.ts` bundles
 * it), and, when the classic script was built, it on a page with
 * `<channel-connect>` and on a page with every screen (connect, accounts, conversation).
 */
export async function addFirstScreenPages(files: Files, classic: boolean): Promise<PageKind[]> {
  // Each entry bundled alone, as an app that uses only that element ships it.
  for (const [tag, entry] of Object.entries(ESM_ENTRIES)) {
    const outdir = resolve('bench/.out', PREFIX.slice(1), tag);
    const modules = await build({
      stdin: { contents: `import '${entry}';`, resolveDir: process.cwd(), sourcefile: `${tag}.ts` },
      entryNames: tag,
      bundle: true,
      minify: true,
      format: 'esm',
      splitting: true,
      platform: 'browser',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      outdir,
      chunkNames: '[name]-[hash]',
      write: false,
      logLevel: 'error',
    });
    for (const file of modules.outputFiles) {
      files.set(`${PREFIX}/${tag}/${relative(outdir, file.path).replaceAll('\\', '/')}`, file.contents);
    }
  }
  const probe = await build({
    entryPoints: ['bench/pages/first-screen.ts'],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const [probeFile] = probe.outputFiles;
  if (!probeFile) throw new Error('esbuild produced no first-screen probe');
  files.set(PROBE, probeFile.contents);

  const kinds: PageKind[] = [];
  const esm = (tag: keyof typeof ESM_ENTRIES, screen: string) => {
    const script = `${PREFIX}/${tag}/${tag}.js`;
    kinds.push({
      label: `only \`<${tag}>\`, ES modules`,
      screen,
      path: `${PREFIX}/${tag}.html`,
      script,
      tags: [tag],
    });
    files.set(`${PREFIX}/${tag}.html`, page([tag], `<script type="module" src="${script}"></script>`));
  };
  esm('channel-connect', 'first QR drawn');
  esm('accounts-list', 'account list filled');
  esm('conversation-view', 'newest messages shown');
  if (classic) {
    const script = `/${CLASSIC_BUNDLE}`;
    const tag = `<script src="${script}"></script>`;
    const everyScreen = ['channel-connect', 'accounts-list', 'conversation-view'];
    kinds.push(
      {
        label: 'classic script, `<channel-connect>`',
        screen: 'first QR drawn',
        path: `${PREFIX}/classic-connect.html`,
        script,
        tags: ['channel-connect'],
      },
      {
        label: 'classic script, connect + accounts + conversation',
        screen: 'all three',
        path: `${PREFIX}/classic-all.html`,
        script,
        tags: everyScreen,
      },
    );
    files.set(`${PREFIX}/classic-connect.html`, page(['channel-connect'], tag));
    files.set(`${PREFIX}/classic-all.html`, page(everyScreen, tag));
  }
  return kinds;
}

/** Brotli of the served file at `path` (0 when the page fetched something the bench does not serve). */
function brotliOf(files: Files, path: string): number {
  const body = files.get(path);
  return body ? sizeOf(body).brotli : 0;
}

/**
 * Loads each page kind once in a fresh context (bytes and requests do not vary between runs) against a
 * tenant with one conversation, and notes what it fetched until its first useful screen.
 */
export async function measureFirstScreen(
  browser: Browser,
  origin: string,
  files: Files,
  kinds: PageKind[],
  classicFiles: string[],
): Promise<FirstScreenFigures> {
  const rows: FirstScreenRow[] = [];
  for (const kind of kinds) {
    const tenant = new BenchTenant(origin);
    const conversationId = await tenant.createConversation(50);
    const query = new URLSearchParams({
      apiKey: tenant.apiKey,
      connectApiKey: new BenchTenant(origin).apiKey,
      conversationId,
    });
    const { page, close } = await openPage(browser, `${origin}${kind.path}?${query.toString()}`);
    let result: FirstScreenResult;
    try {
      result = await call(page, 'firstScreen');
    } catch (error) {
      throw new Error(`${kind.path}: ${String(error)}`, { cause: error });
    } finally {
      await close();
    }
    const scripts = result.resources
      .map((resource) => resource.path)
      .filter((path) => path.endsWith('.js') && path !== PROBE);
    const later = scripts.filter((path) => path !== kind.script);
    rows.push({
      label: kind.label,
      screen: kind.screen,
      scriptBrotli: brotliOf(files, kind.script),
      laterBrotli: later.reduce((sum, path) => sum + brotliOf(files, path), 0),
      laterFiles: later,
      apiCalls: result.resources.filter((resource) => resource.path.startsWith('/api/')).length,
      ms: result.ms,
    });
  }
  if (classicFiles.length === 0) return { rows };
  const brotli = classicFiles.reduce((sum, path) => sum + brotliOf(files, `/${path}`), 0);
  return { rows, classicEverything: { files: classicFiles.length, brotli } };
}
