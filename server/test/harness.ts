import type { AddressInfo } from 'node:net';
import { createResponseValidator } from '../../scripts/spec/response-validator.js';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { createInboxServer, type InboxServer, type InboxServerOptions } from '../src/index.js';
import { sandboxProvider } from '../src/providers/sandbox/sandbox-provider.js';
import { UpstreamSocket } from '../src/realtime/phoenix-client.js';

export const SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
export const TENANT_PREFIX = 'server-test:';
const validate = createResponseValidator();

export interface TestServer {
  server: InboxServer;
  url: string;
  /** A session token of the customer, as the elements' `getToken` would fetch it. */
  token(customerId: string, channels?: number[]): Promise<string>;
  /** A call to the server's API; a contract call's answer is checked against docs/openapi.yaml. */
  api(token: string, method: string, path: string, body?: unknown): Promise<Response>;
  /** A socket on the server with the customer's token, joined to `topic`, collecting its events. */
  socket(
    token: string,
    topic?: string,
  ): Promise<{ events: { event: string; payload: unknown }[]; socket: UpstreamSocket }>;
  close(): Promise<void>;
}

/** Every contract answer must be as docs/openapi.yaml says; a test fails on the first that is not. */
export async function checked(method: string, path: string, response: Response): Promise<Response> {
  const body = await response.clone().text();
  const problems = validate({
    method,
    path: new URL(path, 'http://x/').pathname,
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body,
  });
  if (problems.length > 0)
    throw new Error(`${method} ${path} → ${response.status}: ${problems.join(' ')}\n${body}`);
  return response;
}

/**
 * The database of a test that does not choose one: PostgreSQL when TEST_DATABASE_URL is set (quick to
 * open), else the embedded one. Tests that must see both choose per driver (stored.test.ts).
 */
function defaultDatabase(options: Partial<InboxServerOptions>): Partial<InboxServerOptions> {
  if ('databaseUrl' in options || 'dataDir' in options) return {};
  const url = process.env['TEST_DATABASE_URL'];
  return url ? { databaseUrl: url } : {};
}

/** `x-customer` names the user, `x-channels` limits the session (the test's authorize hook). */
export async function startServer(options: Omit<InboxServerOptions, 'authorize'>): Promise<TestServer> {
  const server = await createInboxServer({
    ...defaultDatabase(options),
    authorize: (request) => {
      const customerId = request.headers.get('x-customer');
      const channels = request.headers.get('x-channels');
      return customerId
        ? { customerId, ...(channels ? { channels: channels.split(',').map(Number) } : {}) }
        : null;
    },
    sessionSecret: SECRET,
    log: { info: () => undefined, warn: () => undefined },
    ...options,
  });
  const listening = await server.listen(0);
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const sockets: UpstreamSocket[] = [];
  return {
    server,
    url,
    async token(customerId, channels) {
      const headers: Record<string, string> = { 'x-customer': customerId };
      if (channels) headers['x-channels'] = channels.join(',');
      const response = await fetch(`${url}/inbox/session`, { method: 'POST', headers });
      const body = (await response.json()) as { data: { token: string } };
      return body.data.token;
    },
    async api(token, method, path, body) {
      const response = await fetch(`${url}/api/v1/${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return checked(method, `/api/v1/${path}`, response);
    },
    async socket(token, topic = 'inbox') {
      const events: { event: string; payload: unknown }[] = [];
      const socket = new UpstreamSocket({
        url: `${url.replace('http', 'ws')}/socket/websocket`,
        token,
        tokenIn: 'protocol',
      });
      sockets.push(socket);
      const reply = await socket.join(topic, (event, payload) => events.push({ event, payload }));
      if (reply.status !== 'ok') throw new Error(`join ${topic} refused: ${JSON.stringify(reply.response)}`);
      return { events, socket };
    },
    async close() {
      for (const socket of sockets) socket.close();
      await server.close();
    },
  };
}

export interface SandboxHarness extends TestServer {
  sandbox: Sandbox;
  sandboxUrl: string;
  /** A call to the sandbox's control endpoints as the customer's tenant. */
  control(customerId: string, method: string, path: string, body?: unknown): Promise<Response>;
}

/** The server with the sandbox provider, each on a port of its own. */
export async function startSandboxHarness(
  overrides: Partial<InboxServerOptions> = {},
): Promise<SandboxHarness> {
  const sandbox = createSandbox({
    timings: { scanToCompleteMs: 100, connectingToOkMs: 100, receiptDeliveredMs: 200, receiptReadMs: 400 },
  });
  const sandboxServer = await sandbox.listen(0);
  const sandboxUrl = `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}`;
  const started = await startServer({
    provider: sandboxProvider({ url: sandboxUrl, tenantPrefix: TENANT_PREFIX }),
    ...overrides,
  });
  return {
    ...started,
    sandbox,
    sandboxUrl,
    control(customerId, method, path, body) {
      return fetch(`${sandboxUrl}/__sandbox/${path}`, {
        method,
        headers: { 'X-Api-Key': TENANT_PREFIX + customerId, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async close() {
      await started.close();
      sandbox.close();
    },
  };
}

/** Waits for a condition, polling; fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function dataOf<T>(response: Response): Promise<T> {
  return ((await response.json()) as { data: T }).data;
}
