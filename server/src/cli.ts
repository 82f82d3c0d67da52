#!/usr/bin/env node
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { PROVIDERS } from './providers/registry.js';
import { createInboxServer, type Authorization } from './server.js';

const USAGE = `Usage: inbox-elements-server --provider ${Object.keys(PROVIDERS).join('|')} [options]

  --provider NAME          upstream provider
  --api-key KEY            the provider's secret (or INBOX_PROVIDER_API_KEY)
  --upstream URL           the provider's base URL (sandbox: http://127.0.0.1:8787)
  --port N                 default 8788 (or PORT)
  --host HOST              default 127.0.0.1 (or HOST)
  --database-url URL       PostgreSQL (or DATABASE_URL); default: embedded PGlite
  --data-dir DIR           where the embedded database keeps its files; default: in memory
  --public-url URL         this server's public URL (webhooks point there)
  --cors-origin ORIGIN     a page origin allowed to call the server (repeatable)
  --authorize-url URL      your backend's endpoint that says who the user is: it gets the
                           session request's Cookie and Authorization headers and answers
                           200 {"customerId": "...", "channels"?: [ids]}, or 401
  --insecure-demo-auth     trust the X-Customer-Id header (demos on localhost only)
  --socket-token-in-query  also accept ?token= on the socket (logs keep URLs)

Session tokens are signed with INBOX_SESSION_SECRET (32+ bytes).`;

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    'api-key': { type: 'string' },
    upstream: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'public-url': { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
    'authorize-url': { type: 'string' },
    'insecure-demo-auth': { type: 'boolean' },
    'socket-token-in-query': { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const makeProvider = values.provider ? PROVIDERS[values.provider] : undefined;
if (!makeProvider) fail(`Unknown or missing --provider.`);
if (!values['authorize-url'] && !values['insecure-demo-auth'])
  fail('Give --authorize-url (or --insecure-demo-auth for a local demo).');

/** Asks the host's backend who the user of this session request is. */
async function authorizeThroughUrl(authorizeUrl: string, request: Request): Promise<Authorization | null> {
  const headers: Record<string, string> = {};
  for (const name of ['cookie', 'authorization']) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const response = await fetch(authorizeUrl, {
    headers,
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) return null;
  const body = (await response.json()) as Partial<Authorization>;
  return typeof body.customerId === 'string'
    ? { customerId: body.customerId, ...(body.channels ? { channels: body.channels } : {}) }
    : null;
}

const authorizeUrl = values['authorize-url'];
if (!authorizeUrl)
  console.warn('--insecure-demo-auth: anyone who can reach this server can act as any customer.');
const port = Number(values.port ?? process.env['PORT'] ?? 8788);
const host = values.host ?? process.env['HOST'] ?? '127.0.0.1';
let provider;
try {
  provider = makeProvider({
    apiKey: values['api-key'] ?? process.env['INBOX_PROVIDER_API_KEY'],
    upstreamUrl: values.upstream,
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const server = await createInboxServer({
  provider,
  authorize: authorizeUrl
    ? (request) => authorizeThroughUrl(authorizeUrl, request)
    : (request) => {
        const customerId = request.headers.get('x-customer-id');
        return customerId ? { customerId } : null;
      },
  ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
  ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
  allowSocketTokenInQuery: values['socket-token-in-query'] ?? false,
});
const listening = await server.listen(port, host);
const { port: actualPort } = listening.address() as AddressInfo;
console.log(
  `inbox-elements-server (${values.provider}) on http://${host}:${actualPort}: session POST /inbox/session, API /api/v1, socket /socket/websocket`,
);
if (server.webhookUrl) console.log(`Webhooks: ${server.webhookUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
