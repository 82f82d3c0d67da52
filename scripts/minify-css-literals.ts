import { transform } from 'lightningcss';
import type { Plugin } from 'vite';

/** A lit `css` tag with a plain literal: no `${}` and no backslash, so its raw text is the CSS itself. */
const cssLiteral = /\bcss`([^`$\\]*)`/g;

/**
 * Minifies the style sheets of lit's `css` tags at build time: esbuild and rolldown minify JavaScript,
 * not the CSS inside template literals, whose indentation and comments every page would download.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'inbox-elements:minify-css-literals',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/src/') || !id.endsWith('.ts') || !code.includes('css`')) return null;
      const minified = code.replace(cssLiteral, (_literal, sheet: string) => {
        const { code: output } = transform({ filename: id, code: Buffer.from(sheet), minify: true });
        const text = output.toString();
        if (/[`$\\]/.test(text))
          throw new Error(`minify-css-literals: ${id} minifies to text a template cannot hold`);
        return `css\`${text}\``;
      });
      return { code: minified, map: null };
    },
  };
}
