import pg from 'pg';
import type { Database, Queryable } from './database.js';

const POOL_SIZE = 10;

/** A PostgreSQL server through `pg`; LISTEN holds a connection of its own. */
export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE });
  const listeners = new Set<pg.Client>();
  // An idle pooled connection that the server drops must not crash the process.
  pool.on('error', (error) => console.error('[inbox-elements-server] database connection lost', error));

  const asQueryable = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query(sql, [...params])).rows as Row[];
    },
  });

  return {
    ...asQueryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString });
      client.on('error', (error) => console.error('[inbox-elements-server] LISTEN connection lost', error));
      await client.connect();
      client.on('notification', (notification) => {
        if (notification.channel === channel) onPayload(notification.payload ?? '');
      });
      await client.query(`LISTEN ${pg.Client.prototype.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end();
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end()));
      listeners.clear();
      await pool.end();
    },
  };
}
