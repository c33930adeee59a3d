/**
 * The service's other routes in the OpenAPI table: health, readiness, stats and metrics for
 * operators, and the pages and files a person or a browser loads (editor, widget, docs).
 */
import { HealthAnswerSchema, ReadinessAnswerSchema, StatsAnswerSchema } from '../answers.js';
import type { Operation } from './operations.js';

const html = (summary: string) => ({ description: summary, contentType: 'text/html' });

export const PAGE_OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/v1/stats',
    operationId: 'getStats',
    tag: 'Service',
    summary: 'Counts, model id, dimensions, index size',
    ok: { 200: { description: 'Stats', schema: StatsAnswerSchema } },
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/auth',
    operationId: 'checkApiKey',
    tag: 'Service',
    summary: 'Check an API key',
    description: 'Changes nothing; rate-limited like writes. HEAD answers the same.',
    write: true,
    ok: { 204: { description: 'The key is valid' } },
    errors: [401, 429],
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'Service',
    summary: 'Liveness',
    ok: { 200: { description: 'Alive', schema: HealthAnswerSchema } },
    errors: [],
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'Service',
    summary: 'Readiness: model and index loaded',
    ok: { 200: { description: 'Ready', schema: ReadinessAnswerSchema } },
    errors: [503],
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'Service',
    summary: 'Prometheus metrics',
    ok: { 200: { description: 'Text exposition format', contentType: 'text/plain' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/editor',
    operationId: 'getEditorPage',
    tag: 'Pages',
    summary: "The editors' preview page",
    ok: { 200: html('HTML') },
    errors: [],
  },
  {
    method: 'get',
    path: '/editor/',
    operationId: 'redirectEditorPage',
    tag: 'Pages',
    summary: 'Redirects to /editor',
    ok: { 301: { description: 'Moved to /editor' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/editor/{file}',
    operationId: 'getEditorFile',
    tag: 'Pages',
    summary: "A script or stylesheet of the editors' page",
    ok: { 200: { description: 'JavaScript or CSS', contentType: 'text/javascript' } },
    errors: [404],
  },
  {
    method: 'get',
    path: '/widget.js',
    operationId: 'getWidget',
    tag: 'Pages',
    summary: 'The embeddable "More like this" widget',
    ok: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/docs',
    operationId: 'getDocsPage',
    tag: 'Pages',
    summary: 'The API reference as a web page',
    ok: { 200: html('HTML') },
    errors: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    tag: 'Pages',
    summary: 'This document',
    ok: { 200: { description: 'OpenAPI 3.1' } },
    errors: [],
  },
];
