import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
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
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        ...chromiumLaunchOptions,
        headless: true,
      },
    }),
  ],
};
