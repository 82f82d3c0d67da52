/** The session secret every bench server process shares (they run on one machine, for the bench only). */
export const BENCH_SECRET = 'bench-server-secret-of-at-least-32-bytes';

export interface ServerBenchOptions {
  /** Webhooks posted per database to measure how many are stored per second. */
  webhooks: number;
  /** Requests in flight at once, for the webhooks and for PostgreSQL's own inserts alike. */
  concurrency: number;
  /** Webhooks timed from the post to the frame that shows them, one at a time. */
  latencySamples: number;
  /** No loop of the bench runs longer than this. */
  loopLimitMs: number;
}
