import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Plugin } from '@web/dev-server-core';
import { contractCheck } from './contract-check.js';
import { createSandbox, type SandboxOptions } from './sandbox.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the sandbox from the @web/dev-server (and so @web/test-runner) origin, so tests reach it
 * at `location.origin`.
 *
 * It answers its paths before Koa sees them instead of through `app.use`: the server composed
 * Koa's middleware into a copy when it was created, so middleware added in `serverStart` would
 * never run, and the history fallback would turn `GET /api/v1/...` into the app index.
 *
 * Every API answer is checked against docs/openapi.yaml: one that breaks it reaches the test as a 500
 * saying why, and the run exits with a failure listing them all, whatever the tests made of the 500.
 */
export function sandboxPlugin(options: SandboxOptions = {}): Plugin {
  const contract = contractCheck();
  const sandbox = createSandbox({ ...options, checkApiReply: contract.check });
  process.on('exit', () => {
    if (contract.violations.length === 0) return;
    console.error(
      `\n${contract.violations.length} sandbox answer(s) violated docs/openapi.yaml:\n  ${contract.violations.join('\n  ')}`,
    );
    process.exitCode = 1;
  });
  return {
    name: 'inbox-sandbox',
    serverStart({ server }) {
      if (!server) throw new Error('The sandbox plugin needs the dev server to own its HTTP server.');
      const koaListeners = server.listeners('request') as RequestListener[];
      server.removeAllListeners('request');
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        sandbox.handle(req, res, () => {
          for (const listener of koaListeners) listener.call(server, req, res);
        });
      });
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        sandbox.handleUpgrade(req, socket, head);
      });
    },
    serverStop() {
      sandbox.close();
    },
  };
}
