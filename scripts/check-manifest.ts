import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { elementsOf, publicMembers, type Manifest, type ManifestElement } from './manifest.js';

/** What an element's own folder uses: events it emits, literal parts, and `--inbox-*` properties it reads. */
function usedInSource(element: ManifestElement) {
  const folder = dirname(element.path);
  const source = readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n');
  return {
    events: new Set([...source.matchAll(/\bemit\(\s*'([\w-]+)'/g)].map((match) => match[1])),
    parts: new Set([...source.matchAll(/\bpart="([^"$]+)"/g)].flatMap((match) => match[1].split(/\s+/))),
    cssProperties: new Set([...source.matchAll(/var\((--inbox-[\w-]+)/g)].map((match) => match[1])),
  };
}

/**
 * Everything a host needs described and is not: each attribute, public property and method, event (with its
 * detail type), slot, CSS part and custom property needs a one-line description, and whatever the
 * element's source emits, exposes as a part or reads as a custom property must be in the manifest.
 */
function gapsIn(manifest: Manifest): string[] {
  const gaps: string[] = [];
  for (const element of elementsOf(manifest)) {
    const tag = `<${element.tagName}>`;
    const check = (what: string, items: { name: string; description?: string }[] = []) => {
      for (const item of items) {
        const description = item.description?.trim() ?? '';
        if (!description) gaps.push(`${tag} ${what} ${item.name}: no description`);
        else if (description.includes('\n'))
          gaps.push(`${tag} ${what} ${item.name}: description not on one line`);
      }
    };
    if (!element.summary?.trim()) gaps.push(`${tag}: no @summary`);
    check('attribute', element.attributes);
    check(
      'property',
      publicMembers(element).filter((member) => member.kind === 'field'),
    );
    check(
      'method',
      publicMembers(element).filter((member) => member.kind === 'method'),
    );
    check('event', element.events);
    check('slot', element.slots);
    check('CSS part', element.cssParts);
    check('CSS custom property', element.cssProperties);
    for (const event of element.events ?? []) {
      if (!/^CustomEvent<.+>$/.test(event.type?.text ?? '')) {
        gaps.push(
          `${tag} event ${event.name}: no detail type (write @fires {CustomEvent<Detail>} ${event.name})`,
        );
      }
    }
    const used = usedInSource(element);
    const documented = (items: { name: string }[] = []) => new Set(items.map((item) => item.name));
    const missing = (what: string, names: Set<string>, listed: Set<string>) => {
      for (const name of names)
        if (!listed.has(name)) gaps.push(`${tag} ${what} ${name}: used but not in the manifest`);
    };
    missing('event', used.events, documented(element.events));
    missing('CSS part', used.parts, documented(element.cssParts));
    missing('CSS custom property', used.cssProperties, documented(element.cssProperties));
  }
  return gaps;
}

// The analyzer resolves its output folder against the working directory, so it must be relative.
const outdir = join('node_modules', '.cache', 'manifest-check');
try {
  execFileSync(
    process.execPath,
    [
      'node_modules/@custom-elements-manifest/analyzer/cem.js',
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
    ],
    { stdio: 'inherit', env: { ...process.env, MANIFEST_OUTDIR: outdir } },
  );
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('custom-elements.json is up to date.');
  }
  const gaps = gapsIn(JSON.parse(fresh) as Manifest);
  if (gaps.length > 0) {
    console.error(
      `custom-elements.json is incomplete (add JSDoc to the element classes):\n  ${gaps.join('\n  ')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      'custom-elements.json describes every attribute, property, event, slot, part and custom property.',
    );
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
