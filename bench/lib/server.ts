import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Sandbox } from '../../sandbox/sandbox.js';
import type { Files } from './bundles.js';

export interface BenchServer {
  /** `http://127.0.0.1:<port>`: the pages, their scripts and the sandbox, on one origin. */
  origin: string;
  close(): Promise<void>;
}

const HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>inbox-elements bench</title>';
const STYLE = '<style>body { margin: 0; font: 14px/1.4 system-ui, sans-serif; }</style>';

function page(body: string): Uint8Array {
  return new TextEncoder().encode(`${HEAD}${STYLE}</head><body>${body}</body></html>`);
}

/** The HTML pages, besides the bundles. The cold-start pages need the origin for the element's attributes. */
function pages(origin: string, classic: boolean): Files {
  const connect = `<channel-connect base-url="${origin}" api-key="bench-cold-start"></channel-connect>`;
  const probe = '<script src="/probe/cold-start.js"></script>';
  const html: Files = new Map([
    [
      '/conversation.html',
      page('<div id="stage"></div><script type="module" src="/bundles/conversation.js"></script>'),
    ],
    ['/qr.html', page('<div id="stage"></div><script type="module" src="/bundles/qr.js"></script>')],
    [
      '/cold-esm.html',
      page(`${probe}${connect}<script type="module" src="/cold/channel-connect.js"></script>`),
    ],
  ]);
  if (classic) {
    html.set(
      '/cold-classic.html',
      page(`${probe}${connect}<script src="/dist/inbox-elements.min.js"></script>`),
    );
  }
  return html;
}

function contentType(path: string): string {
  if (path.endsWith('.html')) return 'text/html; charset=utf-8';
  if (path.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (path.endsWith('.css')) return 'text/css; charset=utf-8';
  return 'application/octet-stream';
}

/** Serves `files` (and the pages) next to the sandbox on a free local port. */
export async function startServer(sandbox: Sandbox, files: Files): Promise<BenchServer> {
  const served: Files = new Map(files);
  const serveFile = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://bench.invalid').pathname;
    const body = served.get(path);
    if (!body || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentType(path),
      'Content-Length': body.byteLength,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer((req, res) => sandbox.handle(req, res, () => serveFile(req, res)));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!sandbox.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  for (const [path, body] of pages(origin, served.has('/dist/inbox-elements.min.js'))) served.set(path, body);
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        sandbox.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
