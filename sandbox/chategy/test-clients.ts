import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';

/** Resolves when `check` returns something other than undefined; polls, so no fixed sleeps. */
export async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface Received {
  body: Record<string, unknown>;
  path: string;
}

/** A host's webhook endpoint: keeps every JSON body posted to it; `failing` answers 500 on a path. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Posts to `path` are answered 500 while `times` lasts. */
  failing = { path: '', times: 0 };
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (this.failing.times > 0 && req.url === this.failing.path) {
          this.failing.times -= 1;
          res.writeHead(500).end();
          return;
        }
        this.received.push({
          path: req.url ?? '/',
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  ofType(type: string): Received[] {
    return this.received.filter((item) => item.body['type'] === type);
  }

  waitFor(match: (body: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>> {
    return waitFor(() => this.received.find((item) => match(item.body))?.body, what);
  }

  close(): void {
    this.server?.close();
    this.server?.closeAllConnections();
  }
}

/** Payloads are read loosely in tests. */
type Payload = Record<string, any>;
type Frame = [string | null, string | null, string, string, Payload];

/** A bare Phoenix vsn 2.0.0 client, to speak to the rooms exactly as frames. */
export class PhoenixTestClient {
  readonly frames: Frame[] = [];
  private ref = 0;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString('utf8')) as Frame));
  }

  /** `protocols` carries a token the way phoenix's `authToken` does, for servers that take it there. */
  static connect(url: string, protocols?: string[]): Promise<PhoenixTestClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols);
      ws.once('open', () => resolve(new PhoenixTestClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Sends a frame and resolves with its `phx_reply` payload. */
  async push(topic: string, event: string, payload: Record<string, unknown> = {}): Promise<Payload> {
    const ref = String(++this.ref);
    this.ws.send(JSON.stringify(['1', ref, topic, event, payload]));
    const reply = await waitFor(
      () => this.frames.find((f) => f[1] === ref && f[3] === 'phx_reply'),
      `${event} reply`,
    );
    return reply[4];
  }

  events(topic: string, event: string): Payload[] {
    return this.frames.filter((f) => f[2] === topic && f[3] === event).map((f) => f[4]);
  }

  waitForEvent(topic: string, event: string, match: (payload: Payload) => boolean, what: string) {
    return waitFor(() => this.events(topic, event).find(match), what);
  }

  close(): void {
    this.ws.close();
  }
}
