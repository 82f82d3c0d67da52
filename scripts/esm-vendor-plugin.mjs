import { build } from 'esbuild';

/**
 * A @web/dev-server plugin that serves CommonJS-only packages as ES modules bundled by esbuild, the way
 * Vite pre-bundles them, so the test server and Vite run the same code.
 */
export function esmVendorPlugin(packages) {
  const bundles = new Map();
  const prefix = '/__vendor/';
  return {
    name: 'esm-vendor',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${prefix}${source}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length, -'.js'.length);
      if (!packages.includes(name)) return undefined;
      if (!bundles.has(name)) {
        bundles.set(
          name,
          build({
            stdin: { contents: `export { default } from '${name}';`, resolveDir: process.cwd() },
            bundle: true,
            format: 'esm',
            platform: 'browser',
            write: false,
            logLevel: 'silent',
          }).then((result) => result.outputFiles[0].text),
        );
      }
      return { body: await bundles.get(name), type: 'js' };
    },
  };
}

/** Replaces `process.env.NODE_ENV` in served modules, as bundlers do (nanostores reads it). */
export function nodeEnvPlugin(mode) {
  return {
    name: 'node-env',
    transform(context) {
      if (
        context.response.is('js') &&
        typeof context.body === 'string' &&
        context.body.includes('process.env.NODE_ENV')
      ) {
        return { body: context.body.replaceAll('process.env.NODE_ENV', JSON.stringify(mode)) };
      }
      return undefined;
    },
  };
}
