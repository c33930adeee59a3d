/**
 * A real, throwaway PostgreSQL server for the tests: Debian's server binaries (`postgresql`,
 * which `.ci/run` installs when missing), a fresh cluster in a temp folder, listening on a free
 * loopback port with password authentication. Run as the `postgres` user when the tests run as
 * root (PostgreSQL refuses root). Nothing depends on a server left running: each run starts its
 * own, stops it at the end, and removes the clusters of earlier runs whose test process died.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { worldReadableTemp } from './world-readable.js';

const PREFIX = 'morelike-pg-';
const OWNER_FILE = 'owner.pid';

/** One running test cluster. */
export interface PostgresServer {
  readonly port: number;
  /** The superuser's URL to database `name` (the password is in it). */
  url(name?: string): string;
  /** Stops the server (fast shutdown, as `pg_ctl stop -m fast`); the cluster stays. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and cluster. */
  start(): Promise<void>;
  /** Stops the server and removes its cluster. */
  destroy(): Promise<void>;
}

/** The folder of `initdb` and `postgres`: Debian's newest, else the PATH's. */
function binDir(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    const found = versions.find((v) => existsSync(join(debian, v, 'bin', 'postgres')));
    if (found !== undefined) {
      return join(debian, found, 'bin');
    }
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'PostgreSQL server binaries not found: install them (Debian: apt-get install postgresql)',
    );
  }
}

/** uid/gid to run the server as: `postgres` when we are root (the server refuses root). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops and removes clusters left by test runs whose process is gone (killed mid-run). */
function reapOrphans(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const root = join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(join(root, OWNER_FILE), 'utf8'));
      if (alive(owner)) {
        continue;
      }
      const postmaster = join(root, 'cluster', 'postmaster.pid');
      const pid = existsSync(postmaster)
        ? Number(readFileSync(postmaster, 'utf8').split('\n')[0])
        : 0;
      if (pid > 0 && alive(pid)) {
        process.kill(pid, 'SIGQUIT');
      }
      rmSync(root, { recursive: true, force: true });
    } catch {
      // Another run owns it and is setting it up, or it is already gone.
    }
  }
}

function initCluster(bin: string, cluster: string, password: string, user = runAs()): void {
  const pwfile = join(cluster, '..', 'pwfile');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  execFileSync(
    join(bin, 'initdb'),
    ['-D', cluster, '-U', 'morelike', `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '--no-sync'],
    { ...user, stdio: 'pipe', env: { LC_ALL: 'C', PATH: '/usr/bin:/bin' } },
  );
  rmSync(pwfile);
}

/** Spawns the server; resolves once it accepts connections. */
function spawnServer(bin: string, cluster: string, port: number): Promise<ChildProcess> {
  const args = ['-D', cluster, '-p', String(port), '-k', join(cluster, '..')];
  const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'max_connections=200'];
  const child = spawn(join(bin, 'postgres'), [...args, ...settings.flatMap((s) => ['-c', s])], {
    ...runAs(),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { LC_ALL: 'C' },
  });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) {
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${log}`)));
  });
}

/** Starts a fresh test cluster (a few seconds: initdb, then the server). */
export async function startPostgresServer(): Promise<PostgresServer> {
  reapOrphans();
  const bin = binDir();
  const root = worldReadableTemp(PREFIX);
  writeFileSync(join(root, OWNER_FILE), String(process.pid));
  const cluster = join(root, 'cluster');
  const password = `pw-${randomBytes(8).toString('hex')}`;
  execFileSync('mkdir', ['-m', '0700', cluster]);
  const user = runAs();
  if (user !== undefined) {
    execFileSync('chown', [`${user.uid}:${user.gid}`, root, cluster]);
  }
  initCluster(bin, cluster, password, user);
  const port = await freePort();
  let child: ChildProcess | undefined = await spawnServer(bin, cluster, port);
  // Should the test process end without `destroy` (a crash), the server ends with it.
  process.once('exit', () => child?.kill('SIGQUIT'));
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running !== undefined && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGINT');
      await exited;
    }
  };
  return {
    port,
    url: (name = 'postgres') => `postgres://morelike:${password}@127.0.0.1:${port}/${name}`,
    stop,
    async start() {
      child ??= await spawnServer(bin, cluster, port);
    },
    async destroy() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Creates a new, empty database on the server of `adminUrl`; returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database of `url` (closing its other sessions first). */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
