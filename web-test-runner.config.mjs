import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { visualRegressionPlugin } from '@web/test-runner-visual-regression/plugin';
import { sandboxPlugin } from './sandbox/wtr-plugin.ts';
import { chategyServerPlugin } from './server/test/wtr-chategy-plugin.ts';
import { inboxServerPlugin } from './server/test/wtr-server-plugin.ts';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { esmVendorPlugin, nodeEnvPlugin } from './scripts/esm-vendor-plugin.mjs';
import { jsonModulesPlugin } from './scripts/json-modules-plugin.mjs';
import { unavailableModulesPlugin } from './scripts/unavailable-modules.mjs';
import { strictCspPlugin } from './scripts/strict-csp-plugin.mjs';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['development', 'browser'] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  // A test file's page can take over the default 20 s to load its modules on a busy 2-core machine.
  testsStartTimeout: 120000,
  plugins: [
    esmVendorPlugin(['qrcode', 'jsqr']),
    nodeEnvPlugin('development'),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    sandboxPlugin(),
    chategyServerPlugin(),
    // After the sandbox: it takes its own path first and hands the rest on.
    inboxServerPlugin(),
    unavailableModulesPlugin(),
    strictCspPlugin(),
    jsonModulesPlugin(),
    // test/visual: screenshots compared with the committed ones in test/visual/screenshots/<browser>/baseline.
    visualRegressionPlugin({
      update: process.argv.includes('--update-visual-baseline'),
      baseDir: 'test/visual/screenshots',
      // Per pixel: anti-aliased edges and faint colour noise are not differences.
      diffOptions: { threshold: 0.2, includeAA: false },
      // Per screenshot: a moved or resized box changes far more than this.
      failureThresholdType: 'percent',
      failureThreshold: 0.2,
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        ...chromiumLaunchOptions,
        headless: true,
      },
      // The first pages wait for esbuild to compile the sources; on a loaded 2-core machine that
      // outlasts playwright's 30 s navigation default.
      createPage: async ({ context }) => {
        const page = await context.newPage();
        page.setDefaultNavigationTimeout(180_000);
        return page;
      },
    }),
  ],
};
