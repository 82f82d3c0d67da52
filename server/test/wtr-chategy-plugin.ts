import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Plugin } from '@web/dev-server-core';
import { getRequestListener } from '@hono/node-server';
import { createChategySandbox, type ChategySandbox } from '../../sandbox/chategy/chategy-sandbox.js';
import { createInboxServer, type InboxServer } from '../src/index.js';
import { chategyProvider } from '../src/providers/chategy/chategy-provider.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Where the browser tests reach the server in front of Chategy: `base-url` is `{origin}/inbox-chategy`. */
export const CHATEGY_SERVER_BASE_PATH = '/inbox-chategy';
/** The developer key the server uses upstream; tests send it to `/__chategy/` controls. */
export const CHATEGY_TEST_API_KEY = 'browser-tests-chategy';
const CONTROL_PREFIX = '/__chategy/';

/**
 * inbox-elements-server with the Chategy provider, mounted under `/inbox-chategy` on the test runner's
 * origin, its upstream the Chategy sandbox flavour on a port of its own; the flavour's controls are
 * also served at `/__chategy/` on the test origin. `authorize` trusts an `X-Inbox-Customer` header.
 */
export function chategyServerPlugin(): Plugin {
  let started: Promise<{ sandbox: ChategySandbox; server: InboxServer }> | undefined;
  const sandbox = createChategySandbox({
    timings: { scanToAuthMs: 300, echoMs: 50, deliveredMs: 300, readMs: 600, webhookRetryMs: 500 },
  });
  let origin = '';
  const start = () =>
    (started ??= (async () => {
      const upstream = await sandbox.listen(0);
      const server = await createInboxServer({
        provider: chategyProvider({
          apiUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
          apiKey: CHATEGY_TEST_API_KEY,
        }),
        authorize: (request) => {
          const customerId = request.headers.get('x-inbox-customer');
          return customerId ? { customerId } : null;
        },
        sessionSecret: 'browser-tests-chategy-secret-of-32-bytes',
        basePath: CHATEGY_SERVER_BASE_PATH,
        publicUrl: `${origin}${CHATEGY_SERVER_BASE_PATH}/`,
        log: { info: () => undefined, warn: (message) => console.warn(`[inbox-chategy] ${message}`) },
      });
      return { sandbox, server };
    })());

  return {
    name: 'inbox-elements-server-chategy',
    serverStart({ server: httpServer }) {
      if (!httpServer)
        throw new Error('The Chategy server plugin needs the dev server to own its HTTP server.');
      origin = `http://localhost:${(httpServer.address() as AddressInfo).port}`;
      // The embedded database takes seconds to start on a busy machine: before the first test, not in it.
      start().catch((error: unknown) => console.error('[inbox-chategy] failed to start', error));
      const listeners = httpServer.listeners('request') as RequestListener[];
      httpServer.removeAllListeners('request');
      const serve = getRequestListener((request) => start().then(({ server }) => server.fetch(request)));
      httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.url?.startsWith(`${CHATEGY_SERVER_BASE_PATH}/`)) {
          void serve(req, res);
          return;
        }
        if (req.url?.startsWith(CONTROL_PREFIX)) {
          void start().then(({ sandbox: upstream }) => upstream.handle(req, res));
          return;
        }
        for (const listener of listeners) listener.call(httpServer, req, res);
      });
      httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (!req.url?.startsWith(`${CHATEGY_SERVER_BASE_PATH}/`)) return;
        start()
          .then(({ server }) => {
            if (!server.handleUpgrade(req, socket, head)) socket.destroy();
          })
          .catch(() => socket.destroy());
      });
    },
    async serverStop() {
      const running = await started;
      await running?.server.close();
      sandbox.close();
    },
  };
}
