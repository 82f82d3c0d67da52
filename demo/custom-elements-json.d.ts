// The manifest as the API page imports it (Vite, and the test runner's json-modules plugin, serve it as a module).
declare module '*/custom-elements.json' {
  const manifest: unknown;
  export default manifest;
}
