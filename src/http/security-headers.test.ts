import { describe, expect, it } from 'vitest';
import { createFakeServices } from '../../test/helpers/fake-services.js';
import { createApp } from './app.js';
import { EDITOR_CSP } from './preview/routes.js';

describe('security headers', () => {
  it('sends nosniff, no-referrer and DENY framing on API answers and problems', async () => {
    const app = createApp(await createFakeServices());
    for (const path of ['/v1/stats', '/v1/articles/nope']) {
      const res = await app.request(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // HTTPS is declared by the proxy in front; public reads stay loadable by other sites.
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy')).toBeNull();
    }
  });

  it('keeps the headers a route set itself: the editor CSP and the widget CORP', async () => {
    const app = createApp(await createFakeServices());
    const editor = await app.request('/editor');
    expect(editor.headers.get('content-security-policy')).toBe(EDITOR_CSP);
    const widget = await app.request('/widget.js');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});
