/**
 * Vitest global setup of the integration project: one throwaway PostgreSQL server for the whole
 * run (a few seconds, once), its superuser URL handed to the test files as
 * `inject('postgresAdminUrl')`. Each test creates and drops its own databases on it
 * (`createDatabase`, `dropDatabase`); the server and its cluster are removed at the end.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from '../helpers/postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's superuser URL (database `postgres`). */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  project.provide('postgresAdminUrl', server.url());
  return () => server.destroy();
}
