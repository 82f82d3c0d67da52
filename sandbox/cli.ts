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
const sandbox = createSandbox({
  timings: timingsFromEnv(process.env),
  log: process.env['SANDBOX_LOG'] !== '0',
});
await sandbox.listen(port, host);
process.stdout.write(
  `Inbox sandbox on http://${host}:${port} (API /api/v1, controls /__sandbox, socket ws://${host}:${port}/socket/websocket)\n`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => sandbox.close());
}
