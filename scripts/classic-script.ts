import { posix } from 'node:path';
import type { Plugin, Rollup } from 'vite';

/** A named import list as rolldown writes it: `import{a as e,b as t}from"./cdn/lazy/chunk.js";`. */
const namedImport = /import\s*\{([^}]*)\}\s*from\s*"([^"]+)";?/g;
/** An import for its effects only: `import"./cdn/lazy/chunk.js";`. */
const bareImport = /import\s*"([^"]+)";?/g;
/** A dynamic import of a chunk: ``import(`./chunk.js`)``. */
const dynamicImport = /import\((["'`])(\.{1,2}\/[^"'`]+)\1\)/g;
/** A chunk's export list, last in its code: `export{n as a,r as b};`. */
const exportList = /export\s*\{([^}]*)\};?\s*$/;

/** `a as e, b` → `[['a', 'e'], ['b', 'b']]`. */
function pairs(list: string): [string, string][] {
  return list
    .split(',')
    .map((specifier) => specifier.trim())
    .filter(Boolean)
    .map((specifier) => {
      const [name = '', alias = name] = specifier.split(/\s+as\s+/);
      return [name, alias];
    });
}

/** Replaces `chunk`'s imports of the chunks in `core` with reads of `read(fileName)`. */
function readImports(
  chunk: Rollup.OutputChunk,
  code: string,
  core: Set<string>,
  read: (fileName: string) => string,
): string {
  const inCore = (from: string) => core.has(posix.join(posix.dirname(chunk.fileName), from));
  return (
    code
      .replace(namedImport, (statement, list: string, from: string) => {
        if (!inCore(from)) return statement;
        const bindings = pairs(list).map(([name, local]) => (name === local ? name : `${name}:${local}`));
        return `const{${bindings.join(',')}}=${read(posix.join(posix.dirname(chunk.fileName), from))};`;
      })
      // The core runs first, in order, before anything imports it.
      .replace(bareImport, (statement, from: string) => (inCore(from) ? '' : statement))
      .replace(dynamicImport, (call, _quote: string, from: string) =>
        inCore(from) ? `Promise.resolve(${read(posix.join(posix.dirname(chunk.fileName), from))})` : call,
      )
  );
}

/**
 * Turns an ES module build with one entry into a classic script and the module chunks it fetches with
 * `import()`. The entry, and any chunk it imports statically (rolldown's runtime helpers), run as one
 * classic script, each chunk in a scope of its own. Their exports, which the fetched chunks use (lit, the
 * base element, the stores…), go on a global under `Symbol.for(key)`, and each fetched chunk reads them
 * from there instead of importing them, so the page runs one copy. The first copy of the script on a page
 * keeps the global, so chunks always join the elements it registered.
 */
export function classicScript(key: string): Plugin {
  const shared = `globalThis[Symbol.for(${JSON.stringify(key)})]`;
  // Longer than any name the minifier gives, so no declaration in a chunk can hide it.
  const local = '__inboxElementsClassicChunks';
  return {
    name: 'inbox-elements:classic-script',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((output): output is Rollup.OutputChunk => output.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk]),
      );
      const entries = [...chunks.values()].filter((chunk) => chunk.isEntry);
      const [entry] = entries;
      if (!entry || entries.length > 1) throw new Error('classic-script: the build needs exactly one entry');

      // The entry and what it imports statically, dependencies first (the order modules run in).
      const order: Rollup.OutputChunk[] = [];
      const visit = (chunk: Rollup.OutputChunk) => {
        if (order.includes(chunk)) return;
        for (const imported of chunk.imports) visit(chunks.get(imported)!);
        order.push(chunk);
      };
      visit(entry);
      const core = new Set(order.map((chunk) => chunk.fileName));
      // Each chunk's exports under a short name: its place in `order`.
      const slot = (fileName: string) => order.findIndex((chunk) => chunk.fileName === fileName);

      // A core chunk's `import()`s are relative to its own file; in the script they are relative to the entry.
      const fromEntry = (chunk: Rollup.OutputChunk, code: string) =>
        code.replace(dynamicImport, (_call, quote: string, from: string) => {
          const target = posix.relative(
            posix.dirname(entry.fileName),
            posix.join(posix.dirname(chunk.fileName), from),
          );
          return `import(${quote}${target.startsWith('.') ? target : `./${target}`}${quote})`;
        });
      const parts = order.map((chunk) => {
        if (/\bimport\.meta\b/.test(chunk.code))
          throw new Error(`classic-script: ${chunk.fileName} uses import.meta, which a classic script lacks`);
        const exported = exportList.exec(chunk.code);
        const body = fromEntry(
          chunk,
          readImports(
            chunk,
            exported ? chunk.code.slice(0, exported.index) : chunk.code,
            core,
            (fileName) => `${local}[${slot(fileName)}]`,
          ),
        );
        const bindings = pairs(exported?.[1] ?? '').map(
          ([binding, name]) => `${JSON.stringify(name)}:${binding}`,
        );
        return `${local}.push((()=>{${body}\nreturn{${bindings.join(',')}}})());`;
      });
      entry.code = `(()=>{"use strict";const ${local}=[];\n${parts.join('\n')}\n${shared}??=${local}})();\n`;

      for (const chunk of chunks.values()) {
        if (core.has(chunk.fileName)) {
          if (chunk !== entry) delete bundle[chunk.fileName];
          continue;
        }
        chunk.code = readImports(chunk, chunk.code, core, (fileName) => `${shared}[${slot(fileName)}]`);
        for (const fileName of core) {
          if (chunk.code.includes(posix.basename(fileName)))
            throw new Error(`classic-script: ${chunk.fileName} still imports ${fileName}`);
        }
      }
    },
  };
}
