import { defineConfig } from 'vite';

// A relative base, so the built app runs from any folder (the tests serve it from /examples/react-19/dist/).
export default defineConfig({
  base: './',
});
