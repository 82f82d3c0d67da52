export default {
  globs: ['src/elements/**/*.ts', 'src/internal/inbox-element.ts', 'src/index.ts'],
  outdir: process.env.MANIFEST_OUTDIR ?? '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order its file search finishes, which varies between runs;
      // sorted by path, the manifest is the same for the same source, so the freshness check is stable.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
    {
      // Only what a host uses: the element classes, their registration modules and the package entry. The
      // controllers and render modules beside an element are its own business, like its private members.
      name: 'element-modules-only',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules = customElementsManifest.modules.filter(
          (module) =>
            module.path === 'src/index.ts' ||
            /^src\/elements\/([^/]+)\/\1\.ts$/.test(module.path) ||
            (module.declarations ?? []).some((declaration) => declaration.customElement),
        );
      },
    },
    {
      // The manifest describes what a host can use; private members are the element's own business and
      // would make it change with every internal edit.
      name: 'public-members-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.members) {
              declaration.members = declaration.members.filter((member) => member.privacy !== 'private');
            }
          }
        }
      },
    },
  ],
};
