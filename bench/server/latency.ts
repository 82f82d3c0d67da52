import { build } from 'esbuild';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { createInboxServer } from '../../server/src/index.js';
import { webhookProvider } from '../../server/test/fixtures/webhook-provider.js';
import { openPage } from '../lib/browser.js';
import type { ServerLatencyTarget } from '../pages/api.js';
import { postWebhook, webhookBody } from './load.js';
import { BENCH_SECRET } from './options.js';

const BASE_PATH = '/inbox-server';

/** The page's script, bundled as a host app would ship it. */
export async function bundleLatencyPage(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: ['bench/pages/server-latency.ts'],
    bundle: true,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].contents;
}

export interface ViewServer {
  /** The page's origin; the server is mounted under `/inbox-server` on it. */
  origin: string;
  webhookUrl: string;
  close(): Promise<void>;
}

/**
 * The server process the browser talks to (this one), on `databaseUrl` or on PGlite in memory, mounted
 * next to the latency page on one loopback origin.
 */
export async function startViewServer(
  script: Uint8Array,
  databaseUrl: string | undefined,
): Promise<ViewServer> {
  const html = new TextEncoder().encode(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>server latency</title></head>' +
      '<body><div id="stage"></div><script type="module" src="/server-latency.js"></script></body></html>',
  );
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const inbox = await createInboxServer({
    provider: webhookProvider().provider,
    authorize: (request) => {
      const customerId = request.headers.get('x-customer');
      return customerId ? { customerId } : null;
    },
    sessionSecret: BENCH_SECRET,
    // An empty URL keeps a DATABASE_URL in the environment from choosing PostgreSQL for the PGlite run.
    databaseUrl: databaseUrl ?? '',
    basePath: BASE_PATH,
    publicUrl: origin,
    log: { info: () => undefined, warn: (message) => process.stderr.write(`[inbox-server] ${message}\n`) },
  });
  const serveInbox = getRequestListener((request) => inbox.fetch(request));
  http.on('request', (req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith(`${BASE_PATH}/`)) {
      void serveInbox(req, res);
      return;
    }
    const body = path === '/' ? html : path === '/server-latency.js' ? script : undefined;
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, {
        'Content-Type': path === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      .end(body);
  });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!inbox.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return {
    origin,
    webhookUrl: inbox.webhookUrl!,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await inbox.close();
    },
  };
}

interface LatencyApi {
  mount(target: ServerLatencyTarget): Promise<void>;
  arm(text: string, timeoutMs: number): void;
  seenAt(text: string): Promise<number>;
}

function inPage<K extends keyof LatencyApi>(
  page: Page,
  name: K,
  ...args: Parameters<LatencyApi[K]>
): Promise<Awaited<ReturnType<LatencyApi[K]>>> {
  return page.evaluate(
    ([method, values]) => {
      const api = (globalThis as unknown as { serverBench: Record<string, (...input: unknown[]) => unknown> })
        .serverBench;
      return api[method](...values);
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<LatencyApi[K]>>>;
}

async function conversationId(view: ViewServer, customerId: string, limitMs: number): Promise<string> {
  const session = await fetch(`${view.origin}${BASE_PATH}/inbox/session`, {
    method: 'POST',
    headers: { 'x-customer': customerId },
  });
  const { token } = ((await session.json()) as { data: { token: string } }).data;
  const deadline = Date.now() + limitMs;
  for (;;) {
    const response = await fetch(`${view.origin}${BASE_PATH}/api/v1/conversations`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { items } = ((await response.json()) as { data: { items: { id: string }[] } }).data;
    if (items[0]) return items[0].id;
    if (Date.now() > deadline) throw new Error('the seeded conversation never showed on the view server');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const SAMPLE_TIMEOUT_MS = 15_000;

/** One webhook into `webhookUrl`, timed from just before its post to the frame that shows its message. */
async function sample(page: Page, webhookUrl: string, customerId: string, text: string): Promise<number> {
  await inPage(page, 'arm', text, SAMPLE_TIMEOUT_MS);
  const posted = performance.timeOrigin + performance.now();
  if (!(await postWebhook(webhookUrl, webhookBody(customerId, 'latency', text, text))))
    throw new Error(`the webhook for "${text}" was refused`);
  return (await inPage(page, 'seenAt', text)) - posted;
}

/**
 * Webhook-to-screen latency: a `<conversation-view>` in Chromium on `view`, webhooks posted one at a time
 * into `webhookUrl` (the view's own server, or another process on the same database).
 */
export async function webhookToScreen(
  browser: Browser,
  view: ViewServer,
  webhookUrl: string,
  customerId: string,
  samples: number,
  limitMs: number,
): Promise<number[]> {
  await postWebhook(webhookUrl, webhookBody(customerId, 'latency', 'seed', 'seed'));
  const target: ServerLatencyTarget = {
    baseUrl: `${view.origin}${BASE_PATH}`,
    socketUrl: `${view.origin.replace(/^http/, 'ws')}${BASE_PATH}/socket`,
    conversationId: await conversationId(view, customerId, 10_000),
    customerId,
  };
  const opened = await openPage(browser, `${view.origin}/`, false);
  try {
    await opened.page.waitForFunction('window.serverBench !== undefined');
    await inPage(opened.page, 'mount', target);
    // The rows show before the socket has joined; the first message it brings says it is live.
    let live = false;
    for (let attempt = 0; attempt < 10 && !live; attempt++) {
      live = await sample(opened.page, webhookUrl, customerId, `warm ${attempt}`).then(
        () => true,
        () => false,
      );
    }
    if (!live) throw new Error('no webhook reached the page over the socket');
    const latencies: number[] = [];
    const deadline = performance.now() + limitMs;
    for (let index = 0; index < samples && performance.now() < deadline; index++) {
      latencies.push(await sample(opened.page, webhookUrl, customerId, `latency ${index}`));
    }
    return latencies;
  } finally {
    await opened.close();
  }
}
