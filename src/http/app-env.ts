/**
 * The Hono environment type: what every handler finds on the context. Services are injected per
 * app (`createApp(services)`), never imported as a singleton.
 */
import type { Services } from '../services.js';

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
  };
}
