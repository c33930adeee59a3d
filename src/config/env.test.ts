import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, loadConfig } from './env.js';

describe('loadConfig', () => {
  it('applies the contract defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      modelId: DEFAULT_MODEL_ID,
      modelsDir: './models',
      allowRemoteModels: false,
      apiKeys: [],
      corsOrigins: ['*'],
      demo: true,
      logLevel: 'info',
      maxBatch: 1000,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('selects SQLite without a store URL and PostgreSQL with one', () => {
    expect(loadConfig({}).storeUrl).toBeUndefined();
    expect(loadConfig({ MORELIKE_STORE_URL: ' ' }).storeUrl).toBeUndefined();
    const url = 'postgres://app:pw@db.example:5432/news';
    expect(loadConfig({ MORELIKE_STORE_URL: url }).storeUrl).toBe(url);
    expect(loadConfig({ MORELIKE_STORE_URL: 'postgresql://db/news' }).storeUrl).toBeDefined();
  });

  it('rejects a store URL that is not postgres://host/database, without repeating it', () => {
    for (const bad of ['mysql://u:hunter2@db/news', 'postgres://u:hunter2@db', 'hunter2']) {
      expect(() => loadConfig({ MORELIKE_STORE_URL: bad })).toThrow(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          detail: expect.stringMatching(
            /^Invalid configuration: MORELIKE_STORE_URL: must be empty/,
          ),
        }),
      );
      expect(() => loadConfig({ MORELIKE_STORE_URL: bad })).toThrow(
        expect.not.objectContaining({ detail: expect.stringContaining('hunter2') }),
      );
    }
  });

  it('splits comma lists and reads booleans', () => {
    const config = loadConfig({
      MORELIKE_API_KEYS: ' k1 , k2,,',
      MORELIKE_CORS_ORIGINS: 'https://a.example, https://b.example',
      MORELIKE_DEMO: 'false',
      MORELIKE_ALLOW_REMOTE_MODELS: '1',
      PORT: '8080',
    });
    expect(config.apiKeys).toEqual(['k1', 'k2']);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.demo).toBe(false);
    expect(config.allowRemoteModels).toBe(true);
    expect(config.port).toBe(8080);
  });

  it('keeps CORS origins as browsers send them: no trailing slash, default ports dropped', () => {
    const config = loadConfig({
      MORELIKE_CORS_ORIGINS: 'https://a.example/, http://localhost:8080,HTTPS://B.example:443',
    });
    expect(config.corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:8080',
      'https://b.example',
    ]);
    expect(loadConfig({}).corsOrigins).toEqual(['*']);
  });

  it('rejects a CORS entry that is not * or an origin, naming the key and the entry', () => {
    for (const bad of ['not a url', 'news.example', 'https://a.example/news', 'ftp://a.example']) {
      expect(() => loadConfig({ MORELIKE_CORS_ORIGINS: `https://ok.example,${bad}` })).toThrow(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          detail: expect.stringContaining(`MORELIKE_CORS_ORIGINS: ${JSON.stringify(bad)} is not *`),
        }),
      );
    }
  });

  it('names every bad key in one CONFIG_INVALID error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', MORELIKE_LOG_LEVEL: 'loud', MORELIKE_DEMO: 'maybe' });
    expect(attempt).toThrow(/PORT: must be a number/);
    expect(attempt).toThrow(/MORELIKE_LOG_LEVEL: must be one of/);
    expect(attempt).toThrow(/MORELIKE_DEMO: must be true or false/);
    expect(attempt).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('trusts no proxy by default and validates MORELIKE_TRUST_PROXY as a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ MORELIKE_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    for (const bad of ['yes', '-1', '1.5', '11']) {
      expect(() => loadConfig({ MORELIKE_TRUST_PROXY: bad })).toThrow(
        /MORELIKE_TRUST_PROXY: must be/,
      );
    }
  });

  it('rejects a port outside 0..65535', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be 0\.\.65535/);
  });
});
