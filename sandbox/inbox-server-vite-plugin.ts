import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Plugin, ViteDevServer } from 'vite';
import type { InboxProvider, InboxServer } from '../server/src/index.js';

/** Where the demo page reaches inbox-elements-server: `{origin}/inbox-server`. */
export const DEMO_SERVER_BASE_PATH = '/inbox-server';
/** The Chategy flavour's developer key in the demo; the page's controls send it to `/__chategy/`. */
export const DEMO_CHATEGY_KEY = 'demo';
const CHATEGY_CONTROLS = '/__chategy/';
const PROVIDER_PATH = '/__demo/provider';

export type DemoProvider = 'sandbox' | 'chategy';

/** `INBOX_DEMO_PROVIDER=chategy npm run demo` puts the Chategy flavour behind the server. */
export function demoProviderFromEnv(value = process.env['INBOX_DEMO_PROVIDER']): DemoProvider {
  if (value === undefined || value === '' || value === 'sandbox') return 'sandbox';
  if (value === 'chategy') return 'chategy';
  throw new Error(`INBOX_DEMO_PROVIDER must be sandbox or chategy, not "${value}"`);
}

/**
 * Puts inbox-elements-server in front of the demo's backend, on Vite's own origin under
 * `/inbox-server`: the elements get a session token from it and never see a provider key. Upstream is
 * the sandbox served on the same origin (each customer is the sandbox tenant of that name), or the
 * Chategy flavour on a port of its own with its controls at `/__chategy/`. The demo's login is a stand-in:
 * `authorize` trusts the page's `X-Inbox-Customer` header, which a real host replaces with its session.
 */
export function inboxServerVitePlugin(provider: DemoProvider = demoProviderFromEnv()): Plugin {
  let started:
    | Promise<{
        server: InboxServer;
        close: () => void;
        controls: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
      }>
    | undefined;

  async function start(origin: string) {
    const { createInboxServer } = await import('../server/src/index.js');
    let upstream: InboxProvider;
    let close = () => {};
    let controls: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
    if (provider === 'chategy') {
      const { createChategySandbox } = await import('./chategy/chategy-sandbox.js');
      const { chategyProvider } = await import('../server/src/providers/chategy/chategy-provider.js');
      const flavour = createChategySandbox();
      const listening = await flavour.listen(0);
      upstream = chategyProvider({
        apiUrl: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`,
        apiKey: DEMO_CHATEGY_KEY,
      });
      close = () => flavour.close();
      controls = (req, res) => flavour.handle(req, res);
    } else {
      const { sandboxProvider } = await import('../server/src/providers/sandbox/sandbox-provider.js');
      upstream = sandboxProvider({ url: origin, tenantPrefix: '' });
    }
    const server = await createInboxServer({
      provider: upstream,
      authorize: (request) => {
        const customerId = request.headers.get('x-inbox-customer');
        return customerId ? { customerId } : null;
      },
      // Tokens die with the demo, as they should.
      sessionSecret: randomBytes(32).toString('hex'),
      basePath: DEMO_SERVER_BASE_PATH,
      publicUrl: `${origin}${DEMO_SERVER_BASE_PATH}/`,
    });
    return { server, close, controls };
  }

  function mount(vite: Pick<ViteDevServer, 'httpServer' | 'middlewares'>) {
    const httpServer = vite.httpServer;
    if (!httpServer) return;
    const origin = () => `http://localhost:${(httpServer.address() as AddressInfo).port}`;
    const running = () => (started ??= start(origin()));
    vite.middlewares.use((req, res, next) => {
      const url = req.url ?? '';
      if (url === PROVIDER_PATH) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ provider }));
        return;
      }
      if (provider === 'chategy' && url.startsWith(CHATEGY_CONTROLS)) {
        void running().then(({ controls }) => controls?.(req, res));
        return;
      }
      if (!url.startsWith(`${DEMO_SERVER_BASE_PATH}/`)) {
        next();
        return;
      }
      void running()
        .then(({ server }) => server.handleNodeRequest(req, res))
        .catch((error: unknown) => next(error));
    });
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith(`${DEMO_SERVER_BASE_PATH}/`)) return;
      running()
        .then(({ server }) => {
          if (!server.handleUpgrade(req, socket, head)) socket.destroy();
        })
        .catch(() => socket.destroy());
    });
    httpServer.on('close', () => {
      void started?.then(({ server, close }) => {
        close();
        return server.close();
      });
    });
  }

  return {
    name: 'inbox-elements-server-demo',
    configureServer: (server) => mount(server),
    configurePreviewServer: (server) => mount(server),
  };
}
