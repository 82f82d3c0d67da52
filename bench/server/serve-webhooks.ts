// A server process of its own for the server bench: the webhook-fed test provider, on DATABASE_URL when
// set, else on an in-memory embedded database. Prints one JSON line `{webhookUrl}` once it listens.
import type { AddressInfo } from 'node:net';
import { createInboxServer } from '../../server/src/index.js';
import { webhookProvider } from '../../server/test/fixtures/webhook-provider.js';
import { BENCH_SECRET } from './options.js';

const server = await createInboxServer({
  provider: webhookProvider().provider,
  authorize: (request) => {
    const customerId = request.headers.get('x-customer');
    return customerId ? { customerId } : null;
  },
  sessionSecret: BENCH_SECRET,
  publicUrl: 'http://127.0.0.1',
  log: { info: () => undefined, warn: () => undefined },
});
const listening = await server.listen(0, '127.0.0.1');
const { port } = listening.address() as AddressInfo;
const url = new URL(server.webhookUrl!);
url.port = String(port);
process.stdout.write(`${JSON.stringify({ webhookUrl: url.href })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
