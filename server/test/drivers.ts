import { randomUUID } from 'node:crypto';

export interface Driver {
  name: string;
  /** Server options that select the database; `dataDir` keeps a PGlite database for a restart. */
  options(dataDir?: string): { databaseUrl?: string; dataDir?: string | undefined };
}

const databaseUrl = process.env['TEST_DATABASE_URL'];

/** The embedded database always; PostgreSQL when TEST_DATABASE_URL names a server. */
export const DRIVERS: Driver[] = [
  { name: 'PGlite', options: (dataDir) => ({ dataDir }) },
  ...(databaseUrl ? [{ name: 'PostgreSQL', options: () => ({ databaseUrl }) }] : []),
];

if (!databaseUrl) {
  console.warn('PostgreSQL tests skipped: set TEST_DATABASE_URL (bash scripts/start-postgres.sh)');
}

/** Customer ids unique to this run, so runs and parallel files sharing one PostgreSQL never meet. */
export function customer(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}`;
}
