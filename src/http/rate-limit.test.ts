import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeServices, TEST_API_KEY } from '../../test/helpers/fake-services.js';
import { articleBody, send } from '../../test/helpers/requests.js';
import { silentLogger } from '../observability/logger.js';
import { createApp } from './app.js';
import { createErrorHandler } from './on-error.js';
import { rateLimit } from './rate-limit.js';

/** The bindings @hono/node-server gives a request arriving from `address`. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

function limitedApp(perMinute: number, trustProxy = 0, maxClients?: number) {
  const app = new Hono();
  app.onError(createErrorHandler(silentLogger()));
  app.use(rateLimit({ perMinute, what: 'previews', trustProxy, maxClients }));
  app.get('/', (c) => c.text('ok'));
  return async (address: string, headers: Record<string, string> = {}) =>
    (await app.request('/', { headers }, from(address))).status;
}

describe('rate limit memory', () => {
  it('keeps a limited client limited after more distinct clients than it remembers', async () => {
    const hit = limitedApp(2, 0, 100);
    expect([await hit('10.0.0.1'), await hit('10.0.0.1'), await hit('10.0.0.1')]).toEqual([
      200, 200, 429,
    ]);
    for (let i = 0; i < 250; i += 1) {
      expect(await hit(`10.1.${i >> 8}.${i & 255}`)).toBe(200);
    }
    expect(await hit('10.0.0.1')).toBe(429);
  });

  it('keeps it limited after 10,050 other addresses at the default size', async () => {
    const hit = limitedApp(1);
    expect([await hit('127.0.0.1'), await hit('127.0.0.1')]).toEqual([200, 429]);
    for (let i = 0; i < 10_050; i += 1) {
      await hit(`127.1.${i >> 8}.${i & 255}`);
    }
    expect(await hit('127.0.0.1')).toBe(429);
  }, 30_000);
});

describe('client address', () => {
  it('ignores X-Forwarded-For by default, so a client cannot pick a fresh address', async () => {
    const hit = limitedApp(1);
    expect(await hit('10.0.0.9', { 'X-Forwarded-For': '1.1.1.1' })).toBe(200);
    expect(await hit('10.0.0.9', { 'X-Forwarded-For': '2.2.2.2' })).toBe(429);
  });

  it('with one trusted proxy, limits the address that proxy saw, not a spoofed one', async () => {
    const hit = limitedApp(1, 1);
    const proxy = '10.0.0.254';
    expect(await hit(proxy, { 'X-Forwarded-For': '203.0.113.5' })).toBe(200);
    expect(await hit(proxy, { 'X-Forwarded-For': '203.0.113.6' })).toBe(200);
    expect(await hit(proxy, { 'X-Forwarded-For': '9.9.9.9, 203.0.113.5' })).toBe(429);
    expect(await hit(proxy, { 'X-Forwarded-For': '8.8.8.8,203.0.113.5' })).toBe(429);
  });

  it('counts an IPv6 client by its /64, so fresh addresses of one prefix share a budget', async () => {
    const hit = limitedApp(1);
    expect(await hit('2001:db8:aa:bb::1')).toBe(200);
    expect(await hit('2001:db8:aa:bb:ffff:1:2:3')).toBe(429);
    expect(await hit('2001:0db8:00aa:00bb:0:0:0:9')).toBe(429);
    expect(await hit('2001:db8:aa:bc::1')).toBe(200);
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 client it is', async () => {
    const hit = limitedApp(1);
    expect(await hit('::ffff:192.0.2.7')).toBe(200);
    expect(await hit('192.0.2.7')).toBe(429);
    expect(await hit('::ffff:192.0.2.8')).toBe(200);
  });
});

describe('write budget', () => {
  let app: ReturnType<typeof createApp>;
  beforeEach(async () => {
    app = createApp(await createFakeServices({ config: { rateLimitWritePerMinute: 3 } }));
  });

  const put = (id: string, key: string | null, body: unknown = articleBody(`Title ${id}`)) =>
    app.request(`/v1/articles/${id}`, send('PUT', body, { key }), from('10.0.0.7'));

  it('is not spent by refused requests from the same address', async () => {
    for (let i = 0; i < 20; i += 1) {
      expect((await put(`x${i}`, null)).status).toBe(401);
      expect((await put(`y${i}`, 'wrong-key')).status).toBe(401);
    }
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await put(`a${i}`, TEST_API_KEY)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it("is not spent by the client's own invalid writes", async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await put(`b${i}`, TEST_API_KEY, { title: '' })).status).toBe(400);
    }
    expect((await put('c0', TEST_API_KEY)).status).toBe(201);
  });
});
