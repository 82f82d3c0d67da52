import { describeEmbedding } from '../helpers/embedded-page.js';

// Built by `npm run build:consumers` from the packed tarball (scripts/build-consumers.ts).
const consumers = {
  'vanilla-ts': 'Vite + plain TypeScript',
  'react-19': 'React 19',
  'react-18': 'React 18 (the inbox-elements/react wrappers)',
  'vue-3': 'Vue 3',
  'svelte-5': 'Svelte 5',
  angular: 'Angular',
};

for (const [app, framework] of Object.entries(consumers)) {
  describeEmbedding(
    `${framework} app with the package installed from its tarball (test/consumers/${app})`,
    `/test/consumers/${app}/dist/index.html`,
  );
}
