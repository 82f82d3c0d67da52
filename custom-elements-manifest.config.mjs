export default {
  globs: ['src/elements/**/*.ts', 'src/internal/inbox-element.ts', 'src/index.ts'],
  outdir: process.env.MANIFEST_OUTDIR ?? '.',
  litelement: true,
  packagejson: false,
};
