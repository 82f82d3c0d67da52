import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// A relative base, so the built app runs from any folder (the tests serve it from /test/consumers/svelte-5/dist/).
export default defineConfig({
  base: './',
  plugins: [svelte()],
});
