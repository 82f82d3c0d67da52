import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { measureFile, measureModule, type EntrySize, type Size } from '../../scripts/sizes.js';

export interface SizeRow {
  label: string;
  size: EntrySize;
}

export interface SizeFigures {
  entries: SizeRow[];
  /** The classic script-tag bundle, with its lazy parts; undefined when it was not built. */
  classic?: EntrySize;
  floor: SizeRow[];
  /** Every floor dependency in one bundle. */
  floorTotal: EntrySize;
}

export const CLASSIC_BUNDLE = 'dist/inbox-elements.min.js';
/** Where the classic bundle's `import()`s point, relative to it. */
export const CLASSIC_LAZY_DIR = 'dist/cdn/lazy';

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g;

/**
 * The files the classic bundle may fetch later, as paths from the repository root: those under
 * `CLASSIC_LAZY_DIR` and every module they import, however deep.
 */
export function classicLazyFiles(): string[] {
  if (!existsSync(CLASSIC_LAZY_DIR)) return [];
  const found = new Set<string>();
  const pending = readdirSync(CLASSIC_LAZY_DIR)
    .filter((name) => name.endsWith('.js'))
    .map((name) => `${CLASSIC_LAZY_DIR}/${name}`);
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (found.has(path) || !existsSync(path)) continue;
    found.add(path);
    for (const [, specifier] of readFileSync(path, 'utf8').matchAll(RELATIVE_IMPORT)) {
      if (specifier) pending.push(posix.join(posix.dirname(path), specifier));
    }
  }
  return [...found].sort();
}

async function measureClassic(): Promise<EntrySize | undefined> {
  if (!existsSync(CLASSIC_BUNDLE)) return undefined;
  let lazy: Size = { min: 0, gzip: 0, brotli: 0 };
  for (const path of classicLazyFiles()) {
    const size = await measureFile(path);
    lazy = { min: lazy.min + size.min, gzip: lazy.gzip + size.gzip, brotli: lazy.brotli + size.brotli };
  }
  return { initial: await measureFile(CLASSIC_BUNDLE), lazy };
}

const ELEMENTS = ['channel-connect', 'qr-scanner', 'instagram-2fa', 'accounts-list', 'conversation-view'];

/** Each dependency's whole public entry, as our code could use it: the floor no library built on it goes under. */
const FLOOR: [label: string, source: string][] = [
  ['lit', "export * from 'lit';"],
  ['@lit/context', "export * from '@lit/context';"],
  ['nanostores', "export * from 'nanostores';"],
  ['ky', "export { default } from 'ky';"],
  ['qrcode', "export { default } from 'qrcode';"],
  ['phoenix', "export * from 'phoenix';"],
  ['idb-keyval', "export * from 'idb-keyval';"],
];

const FLOOR_TOTAL = `
export * as lit from 'lit';
export * as context from '@lit/context';
export * as nanostores from 'nanostores';
export { default as ky } from 'ky';
export { default as qrcode } from 'qrcode';
export * as phoenix from 'phoenix';
export * as idbKeyval from 'idb-keyval';
`;

function bundleName(label: string): string {
  return label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
}

/** Sizes of every entry point (everything it exports kept) and of the dependency floor, in one run. */
export async function measureSizes(): Promise<SizeFigures> {
  const entries: SizeRow[] = [];
  const modules: [string, string][] = [
    ['src/index.ts', './src/index.ts'],
    ...ELEMENTS.map((name): [string, string] => [
      `src/elements/${name}/${name}.ts`,
      `./src/elements/${name}/${name}.ts`,
    ]),
  ];
  for (const [label, path] of modules) {
    entries.push({ label, size: await measureModule(`export * from '${path}';`, bundleName(label)) });
  }
  const floor: SizeRow[] = [];
  for (const [label, source] of FLOOR) {
    floor.push({ label, size: await measureModule(source, `floor-${bundleName(label)}`) });
  }
  const floorTotal = await measureModule(FLOOR_TOTAL, 'floor-all');
  const classic = await measureClassic();
  return { entries, floor, floorTotal, ...(classic ? { classic } : {}) };
}
