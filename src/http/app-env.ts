/**
 * The Hono environment type: what every handler finds on the context. Services are injected per
 * app (`createApp(services)`), never imported as a singleton; so are the logger and metrics.
 */
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Services } from '../services.js';

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    logger: Logger;
    metrics: Metrics;
  };
}
