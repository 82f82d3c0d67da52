import { parseArgs } from 'node:util';
import { createChategySandbox } from './chategy/chategy-sandbox.js';
import { createSandbox } from './sandbox.js';
import { parseTimings, TIMING_NAMES, type Timings } from './timings.js';

/** `whatsappFirstQrMs` is read from `SANDBOX_WHATSAPP_FIRST_QR_MS`. */
function envName(timing: keyof Timings): string {
  return `SANDBOX_${timing.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

function timingsFromEnv(env: NodeJS.ProcessEnv): Partial<Timings> {
  const given = Object.fromEntries(
    TIMING_NAMES.filter((name) => env[envName(name)] !== undefined).map((name) => [
      name,
      Number(env[envName(name)]),
    ]),
  );
  const { timings, errors } = parseTimings(given);
  const invalid = Object.keys(errors) as (keyof Timings)[];
  if (invalid.length > 0) {
    throw new Error(
      `Invalid timing variables: ${invalid.map((name) => `${envName(name)} (${errors[name]?.join(' ')})`).join(', ')}`,
    );
  }
  return timings;
}

const port = Number(process.env['PORT'] ?? 8787);
const host = process.env['HOST'] ?? '127.0.0.1';
const { values: args } = parseArgs({
  options: { flavour: { type: 'string', default: 'contract' }, 'webhook-url': { type: 'string' } },
});
const log = process.env['SANDBOX_LOG'] !== '0';
let sandbox: { listen(port: number, host: string): Promise<unknown>; close(): void };
if (args.flavour === 'chategy') {
  sandbox = createChategySandbox({ webhookUrl: args['webhook-url'], log });
  await sandbox.listen(port, host);
  process.stdout.write(
    `Chategy sandbox on http://${host}:${port} (developer calls /api/tmp and /developer/v1 with any key as Authorization, API /api/v1 with an instance token, controls /__chategy, socket ws://${host}:${port}/socket/websocket)\n`,
  );
} else if (args.flavour === 'contract') {
  sandbox = createSandbox({ timings: timingsFromEnv(process.env), log });
  await sandbox.listen(port, host);
  process.stdout.write(
    `Inbox sandbox on http://${host}:${port} (API /api/v1, controls /__sandbox, socket ws://${host}:${port}/socket/websocket)\n`,
  );
} else {
  throw new Error(`Unknown --flavour ${args.flavour}: use contract (the default) or chategy.`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => sandbox.close());
}
