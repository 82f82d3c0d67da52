// Imports the built package and each of its entries under plain Node, as a server-side rendering framework
// does, each in a fresh process; fails when one throws or does not register its elements (lit's server
// build provides the `customElements` registry).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface PackageJson {
  name: string;
  exports: Record<string, string | Record<string, string>>;
}

const { name, exports } = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;

const allTags = [
  'channel-connect',
  'qr-scanner',
  'instagram-2fa',
  'phone-login',
  'accounts-list',
  'conversation-view',
];
// What each entry registers when imported; nested elements may load later, when first needed.
const tagsByEntry: Record<string, string[]> = {
  '.': allTags,
  './react': allTags,
  ...Object.fromEntries(allTags.map((tag) => [`./${tag}`, [tag]])),
};

const importAndListTags = `
  const module = await import(process.argv[1]);
  const tags = ${JSON.stringify(allTags)}.filter((tag) => globalThis.customElements?.get(tag));
  console.log(JSON.stringify({ exports: Object.keys(module), tags }));
`;

// Plain Node: without the TypeScript loader this script itself runs under.
const plainEnv = { ...process.env };
delete plainEnv.NODE_OPTIONS;

const failures: string[] = [];
const entries = Object.keys(exports).filter((entry) => {
  const target = exports[entry];
  return !entry.includes('*') && typeof target === 'object' && 'default' in target;
});
for (const entry of entries) {
  const specifier = entry === '.' ? name : `${name}/${entry.slice(2)}`;
  let result: { exports: string[]; tags: string[] };
  try {
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '--eval', importAndListTags, specifier],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: plainEnv,
      },
    );
    result = JSON.parse(output.trim().split('\n').at(-1)!) as typeof result;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    failures.push(`import '${specifier}' throws under Node:\n${stderr || message}`);
    continue;
  }
  if (result.exports.length === 0) failures.push(`'${specifier}' exports nothing`);
  for (const tag of tagsByEntry[entry] ?? []) {
    if (!result.tags.includes(tag))
      failures.push(`import '${specifier}' does not register <${tag}> under Node`);
  }
  console.log(`import '${specifier}' works under Node`);
}

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exitCode = 1;
}
