import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { findPostgres } from '../lib/postgres.js';
import { bundleLatencyPage, startViewServer, webhookToScreen } from './latency.js';
import { insertRate, startWebhookProcess, webhookRate, type Rate } from './load.js';
import type { ServerBenchOptions } from './options.js';

/** A figure, or why it is missing. */
export type Measured<T> = { value: T } | { missing: string };

export interface ServerFigures {
  /** Which PostgreSQL was measured, or why none was. */
  postgres: string;
  stored: { pglite: Measured<Rate>; postgres: Measured<Rate> };
  latency: {
    pgliteOne: Measured<number[]>;
    postgresOne: Measured<number[]>;
    postgresTwo: Measured<number[]>;
  };
  /** PostgreSQL's own single-row inserts, the ceiling for `stored.postgres`. */
  ceiling: Measured<Rate>;
}

async function attempt<T>(
  what: string,
  log: (line: string) => void,
  run: () => Promise<T>,
): Promise<Measured<T>> {
  log(`server: ${what}`);
  try {
    return { value: await run() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`server: ${what} failed: ${reason}`);
    return { missing: `failed: ${reason}` };
  }
}

/** Each customer id is new, so runs that share one PostgreSQL never see each other's messages. */
const customer = (name: string) => `bench-${name}-${randomUUID().slice(0, 8)}`;

async function storedRate(databaseUrl: string | undefined, options: ServerBenchOptions): Promise<Rate> {
  const server = await startWebhookProcess(databaseUrl);
  try {
    return await webhookRate(
      server.webhookUrl,
      customer('stored'),
      options.webhooks,
      options.concurrency,
      options.loopLimitMs,
    );
  } finally {
    await server.stop();
  }
}

async function latency(
  browser: Browser,
  script: Uint8Array,
  databaseUrl: string | undefined,
  processes: 1 | 2,
  options: ServerBenchOptions,
): Promise<number[]> {
  const view = await startViewServer(script, databaseUrl);
  const other = processes === 2 ? await startWebhookProcess(databaseUrl) : undefined;
  try {
    return await webhookToScreen(
      browser,
      view,
      other?.webhookUrl ?? view.webhookUrl,
      customer(`latency${processes}`),
      options.latencySamples,
      options.loopLimitMs,
    );
  } finally {
    await other?.stop();
    await view.close();
  }
}

/**
 * The server's figures side by side: webhooks stored per second and webhook-to-screen latency on the
 * embedded database and on PostgreSQL, and PostgreSQL's own insert rate on the same machine.
 */
export async function measureServer(
  browser: Browser,
  options: ServerBenchOptions,
  log: (line: string) => void,
): Promise<ServerFigures> {
  const postgres = await findPostgres();
  const url = postgres.url;
  const noPostgres = { missing: url ? '' : `not measured: ${'reason' in postgres ? postgres.reason : ''}` };
  const script = await bundleLatencyPage();
  const figures: ServerFigures = {
    postgres: 'source' in postgres ? postgres.source : noPostgres.missing,
    stored: {
      pglite: await attempt('webhooks stored per second, PGlite', log, () => storedRate(undefined, options)),
      postgres: url
        ? await attempt('webhooks stored per second, PostgreSQL', log, () => storedRate(url, options))
        : noPostgres,
    },
    latency: {
      pgliteOne: await attempt('webhook to screen, PGlite, one process', log, () =>
        latency(browser, script, undefined, 1, options),
      ),
      postgresOne: url
        ? await attempt('webhook to screen, PostgreSQL, one process', log, () =>
            latency(browser, script, url, 1, options),
          )
        : noPostgres,
      postgresTwo: url
        ? await attempt('webhook to screen, PostgreSQL, two processes', log, () =>
            latency(browser, script, url, 2, options),
          )
        : noPostgres,
    },
    ceiling: url
      ? await attempt('PostgreSQL single-row inserts', log, () =>
          insertRate(url, options.webhooks * 10, options.concurrency, options.loopLimitMs),
        )
      : noPostgres,
  };
  return figures;
}
