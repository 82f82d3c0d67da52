export default {
  globs: ['src/elements/**/*.ts', 'src/internal/inbox-element.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
