/**
 * The Content-Security-Policy the README's Security section asks of a host page, sent with every page
 * under `test/reliability/csp/`, so a test can load the elements in a page held to it.
 */
export const STRICT_CSP = [
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob:",
  "media-src 'self' blob:",
  "require-trusted-types-for 'script'",
  "trusted-types lit-html 'allow-duplicates'",
].join('; ');

export function strictCspPlugin() {
  return {
    name: 'strict-csp',
    transform(context) {
      if (context.path.startsWith('/test/reliability/csp/') && context.path.endsWith('.html')) {
        return { headers: { 'Content-Security-Policy': STRICT_CSP } };
      }
      return undefined;
    },
  };
}
