const marker = 'json-module';

/**
 * Serves a `.json` file that a module imports (`import manifest from '../custom-elements.json'`) as a
 * JavaScript module exporting it, as Vite does for the demo. The import is marked with a query so that a
 * plain `fetch()` of the same file still gets the JSON.
 */
export function jsonModulesPlugin() {
  const isJsonModule = (context) => context.path.endsWith('.json') && context.URL.searchParams.has(marker);
  return {
    name: 'json-modules',
    transformImport({ source }) {
      if (!/^[./].*\.json$/.test(source)) return undefined;
      return `${source}?${marker}`;
    },
    resolveMimeType(context) {
      return isJsonModule(context) ? 'js' : undefined;
    },
    transform(context) {
      return isJsonModule(context) ? { body: `export default ${context.body};` } : undefined;
    },
  };
}
