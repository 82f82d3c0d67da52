import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  elementsOf,
  readManifest,
  settableProperties,
  type ManifestElement,
  type ManifestEvent,
} from './manifest.js';

/**
 * Writes, from custom-elements.json, the React 18 wrappers (`src/react/`, made with `@lit/react`), the
 * React 19 JSX typings (`src/jsx.ts`) and the Vue 3 typings (`src/vue.ts`). With `--check` it writes
 * nothing and fails when a file differs from what it would write.
 */

const header = `// Generated from custom-elements.json by scripts/generate-framework-bindings.ts: run \`npm run bindings\`.`;

/** Types an event's `type.text` may name that are not exported by `src/events`. */
const globalTypes = new Set(['CustomEvent', 'Record']);

const pascalCase = (name: string) =>
  name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

const docComment = (text: string | undefined, indent = '') =>
  text ? `${indent}/** ${text.replaceAll('*/', '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '';

function eventType(event: ManifestEvent): string {
  const text = event.type?.text;
  if (!text)
    throw new Error(`event ${event.name} has no type: write @fires {CustomEvent<Detail>} ${event.name}`);
  return text;
}

function eventDetailImports(elements: ManifestElement[], from: string): string {
  const names = new Set(
    elements.flatMap((element) =>
      (element.events ?? []).flatMap((event) => eventType(event).match(/\b[A-Z]\w*/g) ?? []),
    ),
  );
  const imported = [...names].filter((name) => !globalTypes.has(name)).sort();
  return imported.length > 0 ? `import type { ${imported.join(', ')} } from '${from}';\n` : '';
}

/** `src/elements/qr-scanner/qr-scanner.component.ts` → the module that registers the tag. */
function registrationModule(element: ManifestElement): string {
  const path = element.path.replace(/\.component\.ts$/, '.ts');
  if (!existsSync(path)) throw new Error(`<${element.tagName}> has no registration module ${path}`);
  return path;
}

const importPath = (fromFile: string, toFile: string) => {
  const path = relative(dirname(fromFile), toFile).replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
};

function reactWrapper(element: ManifestElement, file: string): string {
  const events = (element.events ?? [])
    .map(
      (event) =>
        `${docComment(event.description, '    ')}    on${pascalCase(event.name)}: '${event.name}' as EventName<${eventType(event)}>,\n`,
    )
    .join('');
  return `${header}
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { ${element.name} as ${element.name}Element } from '${importPath(file, registrationModule(element))}';
${eventDetailImports([element], importPath(file, 'src/events/index.ts'))}
${docComment(`\`<${element.tagName}>\` for React 18: ${element.summary ?? ''} Events are \`on\` props, e.g. \`on${pascalCase(element.events?.[0]?.name ?? 'event')}\`.`)}export const ${element.name} = createComponent({
  react: React,
  tagName: '${element.tagName}',
  elementClass: ${element.name}Element,
  displayName: '${element.name}',
  events: {
${events}  },
});
`;
}

function reactIndex(elements: ManifestElement[]): string {
  return `${header}
${elements.map((element) => `export { ${element.name} } from './${element.tagName}.js';`).join('\n')}
`;
}

/** Attributes whose name is not the property's (`base-url`), typed as what markup can say. */
function renamedAttributes(element: ManifestElement): string {
  return (element.attributes ?? [])
    .filter((attribute) => attribute.fieldName && attribute.fieldName !== attribute.name)
    .map((attribute) => {
      const type = attribute.type?.text ?? '';
      const value = type === 'boolean' ? 'boolean' : /^number\b/.test(type) ? 'string | number' : 'string';
      return `${docComment(attribute.description, '  ')}  '${attribute.name}'?: ${value};\n`;
    })
    .join('');
}

function properties(element: ManifestElement): string {
  return settableProperties(element)
    .map(
      (property) =>
        `${docComment(property.description, '  ')}  ${property.name}?: ${element.name}['${property.name}'];\n`,
    )
    .join('');
}

function elementTypeImports(elements: ManifestElement[], file: string): string {
  return elements
    .map((element) => `import type { ${element.name} } from '${importPath(file, element.path)}';`)
    .join('\n');
}

function jsxTypings(elements: ManifestElement[], file: string): string {
  const interfaces = elements.map((element) => {
    const events = (element.events ?? [])
      .map(
        (event) =>
          `${docComment(event.description, '  ')}  'on${event.name}'?: (event: ${eventType(event)}) => void;\n`,
      )
      .join('');
    return `${docComment(`Props of \`<${element.tagName}>\`: properties by name, the attributes named otherwise, events as \`on\` + the event's name.`)}interface ${element.name}Props {
${properties(element)}${renamedAttributes(element)}${events}}
`;
  });
  return `${header}
/**
 * The elements as React 19 JSX tags, which set properties and listen to events by themselves. Load once,
 * e.g. \`import type {} from 'inbox-elements/jsx';\`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${elementTypeImports(elements, file)}
${eventDetailImports(elements, importPath(file, 'src/events/index.ts'))}
/** An element's own props over what React offers on any element (\`ref\`, \`className\`, \`style\`…). */
type Tag<E extends HTMLElement, Own> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof Own> & Own;

${interfaces.join('\n')}
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares its JSX types as a namespace.
  namespace JSX {
    interface IntrinsicElements {
${elements.map((element) => `${docComment(element.summary, '      ')}      '${element.tagName}': Tag<${element.name}, ${element.name}Props>;`).join('\n')}
    }
  }
}
`;
}

function vueTypings(elements: ManifestElement[], file: string): string {
  const interfaces = elements.map((element) => {
    const events = (element.events ?? [])
      .map(
        (event) =>
          `${docComment(event.description, '  ')}  on${pascalCase(event.name)}?: (event: ${eventType(event)}) => void;\n`,
      )
      .join('');
    return `${docComment(`Props of \`<${element.tagName}>\`, and its events for \`@${element.events?.[0]?.name ?? 'event'}\` and the like.`)}interface ${element.name}Props {
${properties(element)}${events}}
`;
  });
  return `${header}
/**
 * Typings for the tags in Vue 3 templates (with \`isCustomElement\` set for them). Load once, e.g. with
 * \`/// <reference types="inbox-elements/vue" />\` in \`env.d.ts\`.
 */
import type { DefineComponent } from 'vue';
${elementTypeImports(elements, file)}
${eventDetailImports(elements, importPath(file, 'src/events/index.ts'))}
${interfaces.join('\n')}
declare module 'vue' {
  interface GlobalComponents {
${elements.map((element) => `${docComment(element.summary, '    ')}    '${element.tagName}': DefineComponent<${element.name}Props>;`).join('\n')}
  }
}
`;
}

function bindings(): Map<string, string> {
  const elements = elementsOf(readManifest());
  const files = new Map<string, string>();
  for (const element of elements) {
    const file = `src/react/${element.tagName}.ts`;
    files.set(file, reactWrapper(element, file));
  }
  files.set('src/react/index.ts', reactIndex(elements));
  files.set('src/jsx.ts', jsxTypings(elements, 'src/jsx.ts'));
  files.set('src/vue.ts', vueTypings(elements, 'src/vue.ts'));
  return files;
}

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [file, text] of bindings()) {
  const formatted = await format(text, { ...(await resolveConfig(file)), filepath: file });
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === formatted) continue;
  if (check) {
    stale.push(file);
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, formatted);
    console.log(`wrote ${file}`);
  }
}
if (stale.length > 0) {
  console.error(`Stale framework bindings, run \`npm run bindings\`: ${stale.join(', ')}`);
  process.exitCode = 1;
} else if (check) {
  console.log('The React wrappers and the JSX and Vue typings match custom-elements.json.');
}
