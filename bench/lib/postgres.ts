import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';

export type PostgresChoice = { url: string; source: string } | { url?: undefined; reason: string };

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const [version] = (await client.query<{ server_version: string }>('SHOW server_version')).rows;
    const [fsync] = (await client.query<{ fsync: string }>('SHOW fsync')).rows;
    return `${version?.server_version ?? '(version unknown)'}, fsync=${fsync?.fsync ?? 'unknown'}`;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The PostgreSQL the bench measures: TEST_DATABASE_URL or DATABASE_URL when set, else the loopback server
 * `scripts/start-postgres.sh` starts from Debian's binaries; otherwise why there is none.
 */
export async function findPostgres(): Promise<PostgresChoice> {
  const given = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (given) {
    const version = await reachable(given);
    return version
      ? { url: given, source: `PostgreSQL ${version} from TEST_DATABASE_URL/DATABASE_URL` }
      : { reason: 'TEST_DATABASE_URL/DATABASE_URL is set but the server does not answer' };
  }
  // The script's own "already running" check does not hold when run as root, and a restart would cut off
  // whoever else uses that cluster: a server already answering at its URL is taken as it is.
  const loopback = `postgres://postgres@127.0.0.1:${process.env['PGPORT_TEST'] ?? '54329'}/postgres`;
  const running = await reachable(loopback);
  if (running)
    return { url: loopback, source: `PostgreSQL ${running}, already running on loopback at ${loopback}` };
  if (!existsSync('/usr/lib/postgresql') || readdirSync('/usr/lib/postgresql').length === 0)
    return { reason: 'no TEST_DATABASE_URL/DATABASE_URL and no PostgreSQL binaries in /usr/lib/postgresql' };
  // Other runs on the machine may be (re)starting the same loopback cluster: one more try after a failure.
  let started = spawnSync('bash', ['scripts/start-postgres.sh'], { encoding: 'utf8', timeout: 60_000 });
  if (started.status !== 0)
    started = spawnSync('bash', ['scripts/start-postgres.sh'], { encoding: 'utf8', timeout: 60_000 });
  const url = started.stdout.trim().split('\n').pop();
  if (started.status !== 0 || !url)
    return { reason: `scripts/start-postgres.sh failed: ${started.stderr.trim().split('\n').pop() ?? ''}` };
  const version = await reachable(url);
  return version
    ? { url, source: `PostgreSQL ${version}, on loopback, started by scripts/start-postgres.sh` }
    : { reason: `scripts/start-postgres.sh printed ${url} but nothing answers there` };
}
