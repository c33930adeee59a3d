/**
 * The compose example (Docker does not run on our machines): every morelike setting it names is
 * one the server knows and accepts, its store URL points at its PostgreSQL service with that
 * service's user, password and database, and the balancer sends to the port the image serves on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema, isPostgresUrl, loadConfig } from '../src/config/env.js';

const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
const COMPOSE = read('compose.example.yaml');
const setting = (name: string) =>
  new RegExp(`^\\s+${name}:\\s*"?([^"\\n]+)"?$`, 'm').exec(COMPOSE)?.[1]?.trim();

describe('compose.example.yaml', () => {
  it('names only settings the server knows, with values it accepts', () => {
    const names = [...COMPOSE.matchAll(/^\s+(MORELIKE_[A-Z_]+):/gm)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThan(2);
    const env = Object.fromEntries(names.map((name) => [name, setting(name) ?? '']));
    for (const name of names) {
      expect(Object.keys(EnvSchema.shape)).toContain(name);
    }
    expect(() => loadConfig(env)).not.toThrow();
  });

  it("points the store URL at the PostgreSQL service with that service's credentials", () => {
    const url = new URL(setting('MORELIKE_STORE_URL') ?? '');
    expect(isPostgresUrl(url.toString())).toBe(true);
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(setting('POSTGRES_USER'));
    expect(url.password).toBe(setting('POSTGRES_PASSWORD'));
    expect(url.pathname).toBe(`/${setting('POSTGRES_DB')}`);
  });

  it('balances over the port the image serves on', () => {
    const port = /^\s+PORT=(\d+)/m.exec(read('Dockerfile'))?.[1];
    expect(COMPOSE).toContain(`--to morelike-1:${port} --to morelike-2:${port}`);
  });
});
