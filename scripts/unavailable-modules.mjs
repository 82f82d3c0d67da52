/**
 * A test-runner command that makes chosen paths unreachable for the calling test's page only, as a
 * dropped connection would, so tests can show what the elements do when a part they fetch on demand
 * cannot be loaded. `executeServerCommand('make-unavailable', { paths })`; an empty list restores them.
 */
export function unavailableModulesPlugin() {
  const routes = new Map();
  return {
    name: 'unavailable-modules',
    async executeCommand({ command, payload, session }) {
      if (command !== 'make-unavailable') return undefined;
      const page = session.browser.getPage(session.id);
      const previous = routes.get(session.id);
      if (previous) await page.unroute(previous.matches, previous.abort);
      const paths = new Set(payload.paths);
      const matches = (url) => paths.has(url.pathname);
      const abort = (route) => route.abort('internetdisconnected');
      routes.set(session.id, { matches, abort });
      await page.route(matches, abort);
      return true;
    },
  };
}
