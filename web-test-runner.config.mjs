import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { sandboxPlugin } from './sandbox/wtr-plugin.ts';

const commonjs = fromRollup(rollupCommonjs);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  // nanostores reads process.env.NODE_ENV, which bundlers replace and the test server does not.
  testRunnerHtml: (testFramework) =>
    `<html><body><script>window.process = { env: { NODE_ENV: 'development' } };</script><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [
    commonjs({ include: ['**/node_modules/qrcode/**', '**/node_modules/dijkstrajs/**', '**/node_modules/jsqr/**'] }),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), sandboxPlugin()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
};
