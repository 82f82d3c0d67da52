// The package's own typings re-export './browser/commands.mjs', for which TypeScript finds no declarations
// (they are in commands.d.ts, not commands.d.mts): its browser API is declared here as the package documents it.
declare module '@web/test-runner-visual-regression' {
  /** Screenshots `element` and compares it with the baseline image `name` (a path under the plugin's baseDir). */
  export function visualDiff(element: Node, name: string): Promise<void>;
}
