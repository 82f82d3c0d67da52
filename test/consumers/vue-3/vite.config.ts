import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const inboxTags = ['channel-connect', 'qr-scanner', 'instagram-2fa', 'accounts-list', 'conversation-view'];

// A relative base, so the built app runs from any folder (the tests serve it from /test/consumers/vue-3/dist/).
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => inboxTags.includes(tag) } } })],
});
