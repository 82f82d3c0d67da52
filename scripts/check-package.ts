// Checks the package as a host gets it: packs it (after `npm run build`), holds its contents to what a host
// needs, lints it with publint, checks its types with Are the Types Wrong (ESM profile: the package is
// ESM only), and prints its size.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { kilobytesOf, packPackage, removePacked } from './package-tarball.js';

const packed = packPackage();
const failures: string[] = [];

// Declaration maps would point at sources the tarball does not ship; tests and build leftovers are never a host's.
const shipped = /^(package\.json|README\.md|custom-elements\.json|dist\/.+)$/;
const neverShipped = /\.map$|\.test\.|\.tsbuildinfo$|(^|\/)(test|tests|__tests__)\//;
for (const { path } of packed.files) {
  if (!shipped.test(path) || neverShipped.test(path)) failures.push(`the tarball should not hold ${path}`);
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
const lint = await publint({
  pack: { tarball: readFileSync(packed.tarball).buffer },
  strict: true,
});
for (const message of lint.messages) {
  const line = `publint ${message.type}: ${formatMessage(message, manifest) ?? message.code}`;
  if (message.type === 'suggestion') console.log(line);
  else failures.push(line);
}
if (!lint.messages.some((message) => message.type !== 'suggestion')) console.log('✓ publint: no problems');

// attw skips wildcard exports (`./react/*`) unless told their names; these are the files that pattern serves.
const reactEntries = packed.files
  .map(({ path }) => /^dist\/react\/([^/]+)\.js$/.exec(path)?.[1])
  .filter((name): name is string => name !== undefined && name !== 'index')
  .map((name) => `./react/${name}`);
const attw = spawnSync(
  process.execPath,
  [
    'node_modules/@arethetypeswrong/cli/dist/index.js',
    packed.tarball,
    '--profile',
    'esm-only',
    '--format',
    'table',
    '--no-color',
    '--include-entrypoints',
    ...reactEntries,
  ],
  { encoding: 'utf8' },
);
if (attw.status === 0) console.log(`✓ attw (esm-only): every entry resolves with types`);
else failures.push(`attw (esm-only) found problems:\n${attw.stdout}${attw.stderr}`);

console.log(
  `Tarball: ${kilobytesOf(packed.packedBytes)} packed, ${kilobytesOf(packed.unpackedBytes)} unpacked, ` +
    `${packed.files.length} files`,
);
removePacked(packed);

if (failures.length > 0) {
  for (const failure of failures) console.error(`✗ ${failure}`);
  process.exit(1);
}
