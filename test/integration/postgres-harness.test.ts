/**
 * The throwaway PostgreSQL server of the integration project (started once per run by
 * `postgres-global-setup.ts`): each test gets a database of its own and drops it.
 */
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../helpers/postgres-server.js';

describe('the test PostgreSQL server', () => {
  it('creates a database per test, answers with password authentication, and drops it', async () => {
    const url = await createDatabase(inject('postgresAdminUrl'));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT current_database() AS name');
    await client.end();
    expect(rows[0]?.name).toBe(new URL(url).pathname.slice(1));
    await dropDatabase(url);
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    const refused = new pg.Client({ connectionString: wrong.toString() });
    await expect(refused.connect()).rejects.toMatchObject({ code: '28P01' });
    await refused.end().catch(() => undefined);
  });
});
