import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import pg from 'pg';

export interface Rate {
  /** Operations that succeeded in the timed part. */
  count: number;
  /** Operations that failed (a non-200 answer or an error). */
  failed: number;
  ms: number;
  perSecond: number;
  /** True when the loop stopped at the time limit before doing all of them. */
  cut: boolean;
}

/**
 * Runs `operation(0 … total-1)` with `concurrency` in flight, stopping early at `limitMs`; failures are
 * counted, not retried.
 */
export async function rate(
  total: number,
  concurrency: number,
  limitMs: number,
  operation: (index: number) => Promise<boolean>,
): Promise<Rate> {
  let next = 0;
  let count = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + limitMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && performance.now() < deadline) {
        const index = next++;
        const ok = await operation(index).catch(() => false);
        if (ok) count += 1;
        else failed += 1;
      }
    }),
  );
  const ms = performance.now() - started;
  return { count, failed, ms, perSecond: (count / ms) * 1000, cut: count + failed < total };
}

/** The webhook of one incoming text message, as the bench's test provider takes it. */
export function webhookBody(customerId: string, chat: string, id: string, text: string): string {
  return JSON.stringify({
    customer: customerId,
    account: `bench-${customerId}`,
    chat,
    message: { id, text },
  });
}

export async function postWebhook(url: string, body: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  await response.arrayBuffer();
  return response.status === 200;
}

export interface WebhookProcess {
  webhookUrl: string;
  stop(): Promise<void>;
}

/** A server process of its own (bench/server/serve-webhooks.ts) on `databaseUrl`, or on PGlite in memory. */
export function startWebhookProcess(databaseUrl: string | undefined): Promise<WebhookProcess> {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./serve-webhooks.ts', import.meta.url).pathname],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const early = (code: number | null) => reject(new Error(`the bench server process exited (${code})`));
    child.once('exit', early);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      child.off('exit', early);
      const { webhookUrl } = JSON.parse(line) as { webhookUrl: string };
      resolve({
        webhookUrl,
        stop: () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

/** Webhooks stored per second by one server process, each a distinct incoming message. */
export async function webhookRate(
  webhookUrl: string,
  customerId: string,
  total: number,
  concurrency: number,
  limitMs: number,
): Promise<Rate> {
  const post = (prefix: string) => (index: number) =>
    postWebhook(
      webhookUrl,
      webhookBody(customerId, `chat-${index % 10}`, `${prefix}${index}`, `${prefix} ${index}`),
    );
  await rate(Math.min(100, total), concurrency, limitMs, post('warm'));
  return rate(total, concurrency, limitMs, post('m'));
}

/**
 * PostgreSQL's own single-row INSERTs through `pg`, one statement per round trip with `concurrency`
 * connections: what no server on top of it can beat.
 */
export async function insertRate(
  url: string,
  total: number,
  concurrency: number,
  limitMs: number,
): Promise<Rate> {
  const table = `bench_ceiling_${process.pid}`;
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  try {
    await pool.query(
      `CREATE TABLE ${table} (id bigserial PRIMARY KEY, customer_id text NOT NULL, text text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    const insert = (prefix: string) => async (index: number) => {
      await pool.query(`INSERT INTO ${table} (customer_id, text) VALUES ($1, $2)`, [
        'bench',
        `${prefix} ${index}`,
      ]);
      return true;
    };
    await rate(Math.min(100, total), concurrency, limitMs, insert('warm'));
    return await rate(total, concurrency, limitMs, insert('row'));
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pool.end();
  }
}
