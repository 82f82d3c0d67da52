/**
 * Fails the running test when lit prints a dev-mode warning (a change scheduled during an update, a
 * missing `override`, and so on); the one notice that lit runs in dev mode is expected in tests.
 */
const warnings: string[] = [];
const originalWarn = console.warn.bind(console);

console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (text.includes('lit.dev/msg/') && !text.includes('lit.dev/msg/dev-mode')) warnings.push(text);
  originalWarn(...args);
};

afterEach(function failOnLitWarnings() {
  if (warnings.length === 0) return;
  const printed = warnings.splice(0);
  throw new Error(`lit warned during "${this.currentTest?.fullTitle() ?? ''}":\n${printed.join('\n')}`);
});
