import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Plugin } from '@web/dev-server-core';
import { getRequestListener } from '@hono/node-server';
import { createInboxServer, type InboxServer } from '../src/index.js';
import { sandboxProvider } from '../src/providers/sandbox/sandbox-provider.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Where the browser tests reach the server: the elements' `base-url` is `{origin}/inbox-server`. */
export const SERVER_BASE_PATH = '/inbox-server';

/**
 * Mounts inbox-elements-server under `/inbox-server` on the test runner's origin, with the sandbox (served
 * on the same origin by the sandbox plugin) as its upstream. The host's `authorize` hook of this test
 * server trusts an `X-Inbox-Customer` header; each customer is the sandbox tenant of that name, so a
 * test's `SandboxTenant` controls what the server shows that customer. The server (and its embedded
 * database) starts with the first request to it.
 */
export function inboxServerPlugin(): Plugin {
  let server: Promise<InboxServer> | undefined;
  let origin = '';
  const start = () =>
    (server ??= createInboxServer({
      provider: sandboxProvider({ url: origin, tenantPrefix: '' }),
      authorize: (request) => {
        const customerId = request.headers.get('x-inbox-customer');
        return customerId ? { customerId } : null;
      },
      sessionSecret: 'browser-tests-secret-of-32-bytes-or-more',
      basePath: SERVER_BASE_PATH,
      log: {
        info: () => undefined,
        warn: (message, details) => console.warn(`[inbox-server] ${message}`, details ?? ''),
      },
    }));

  return {
    name: 'inbox-elements-server',
    serverStart({ server: httpServer }) {
      if (!httpServer) throw new Error('The server plugin needs the dev server to own its HTTP server.');
      origin = `http://localhost:${(httpServer.address() as AddressInfo).port}`;
      const listeners = httpServer.listeners('request') as RequestListener[];
      httpServer.removeAllListeners('request');
      const serve = getRequestListener((request) => start().then((inbox) => inbox.fetch(request)));
      httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.url?.startsWith(`${SERVER_BASE_PATH}/`)) {
          void serve(req, res);
          return;
        }
        for (const listener of listeners) listener.call(httpServer, req, res);
      });
      httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (!req.url?.startsWith(`${SERVER_BASE_PATH}/`)) return;
        start()
          .then((inbox) => {
            if (!inbox.handleUpgrade(req, socket, head)) socket.destroy();
          })
          .catch(() => socket.destroy());
      });
    },
    async serverStop() {
      await (await server)?.close();
    },
  };
}
