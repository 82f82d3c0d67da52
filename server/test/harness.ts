import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { createInboxServer, type InboxServer, type InboxServerOptions } from '../src/index.js';
import { sandboxProvider } from '../src/providers/sandbox/sandbox-provider.js';

export const SECRET = 'test-secret-of-at-least-thirty-two-bytes!';
export const TENANT_PREFIX = 'server-test:';

export interface Harness {
  sandbox: Sandbox;
  sandboxUrl: string;
  server: InboxServer;
  url: string;
  /** A session token of the customer (what `getToken` fetches). */
  token(customerId: string, channels?: number[]): Promise<string>;
  /** A call to the server's API with the customer's token. */
  api(token: string, method: string, path: string, body?: unknown): Promise<Response>;
  /** A call to the sandbox's control endpoints as the customer's tenant. */
  control(customerId: string, method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** The server with the sandbox provider, each on a port of its own; `x-customer` names the user. */
export async function startHarness(overrides: Partial<InboxServerOptions> = {}): Promise<Harness> {
  const sandbox = createSandbox({
    timings: { scanToCompleteMs: 100, connectingToOkMs: 100, receiptDeliveredMs: 200, receiptReadMs: 400 },
  });
  const sandboxServer = await sandbox.listen(0);
  const sandboxUrl = `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}`;
  const server = await createInboxServer({
    provider: sandboxProvider({ url: sandboxUrl, tenantPrefix: TENANT_PREFIX }),
    authorize: (request) => {
      const customerId = request.headers.get('x-customer');
      const channels = request.headers.get('x-channels');
      return customerId
        ? { customerId, ...(channels ? { channels: channels.split(',').map(Number) } : {}) }
        : null;
    },
    sessionSecret: SECRET,
    log: { info: () => undefined, warn: () => undefined },
    ...overrides,
  });
  const listening = await server.listen(0);
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  return {
    sandbox,
    sandboxUrl,
    server,
    url,
    async token(customerId, channels) {
      const headers: Record<string, string> = { 'x-customer': customerId };
      if (channels) headers['x-channels'] = channels.join(',');
      const response = await fetch(`${url}/inbox/session`, { method: 'POST', headers });
      const body = (await response.json()) as { data: { token: string } };
      return body.data.token;
    },
    api(token, method, path, body) {
      return fetch(`${url}/api/v1/${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    control(customerId, method, path, body) {
      return fetch(`${sandboxUrl}/__sandbox/${path}`, {
        method,
        headers: { 'X-Api-Key': TENANT_PREFIX + customerId, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async close() {
      await server.close();
      sandbox.close();
    },
  };
}
