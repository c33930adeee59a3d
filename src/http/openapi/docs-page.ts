/**
 * The /docs page: the OpenAPI document rendered as plain, self-contained HTML (no script, no CDN,
 * works offline). Every piece of text is escaped; each error code has an anchor that problem
 * `type` URIs point to.
 */
import { ERROR_CATALOGUE, type ErrorCode } from '../../errors.js';
import { problemType, statusFor } from '../problem.js';

type Json = Record<string, unknown>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2.5rem;border-bottom:1px solid #ddd}h3{font-family:ui-monospace,monospace;font-size:1rem;background:#f4f4f4;padding:.4rem .6rem}
.m{display:inline-block;min-width:4.5em;font-weight:700}pre{background:#f8f8f8;padding:.6rem;overflow:auto;font-size:.85rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}`;

function asRecord(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function renderParameters(params: unknown): string {
  if (!Array.isArray(params) || params.length === 0) {
    return '';
  }
  const rows = params.map((raw) => {
    const p = asRecord(raw);
    return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${escapeHtml(p.description ?? '')}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`;
  });
  return `<table><tr><th>name</th><th>in</th><th>meaning</th><th>schema</th></tr>${rows.join('')}</table>`;
}

function renderBody(body: unknown): string {
  const content = asRecord(asRecord(body).content);
  return Object.entries(content)
    .map(([type, media]) => {
      const schema = JSON.stringify(asRecord(media).schema, null, 2);
      return `<p>Body (<code>${escapeHtml(type)}</code>):</p><pre>${escapeHtml(schema)}</pre>`;
    })
    .join('');
}

function renderResponses(responses: unknown): string {
  const items = Object.entries(asRecord(responses)).map(
    ([status, res]) =>
      `<li><b>${escapeHtml(status)}</b> ${escapeHtml(asRecord(res).description)}</li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

function renderOperation(path: string, method: string, raw: unknown): string {
  const op = asRecord(raw);
  const auth = op.security ? ' <em>(needs an API key)</em>' : '';
  return `<section><h3><span class="m">${escapeHtml(method.toUpperCase())}</span> ${escapeHtml(path)}</h3>
<p>${escapeHtml(op.summary)}${auth}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${renderParameters(op.parameters)}${renderBody(op.requestBody)}<p>Answers:</p>${renderResponses(op.responses)}</section>`;
}

function renderErrors(): string {
  const rows = (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).map((code) => {
    const anchor = problemType(code).split('#')[1] ?? '';
    return `<tr id="${escapeHtml(anchor)}"><td><code>${escapeHtml(code)}</code></td><td>${statusFor(code)}</td><td>${escapeHtml(ERROR_CATALOGUE[code])}</td></tr>`;
  });
  return `<table><tr><th>code</th><th>status</th><th>meaning</th></tr>${rows.join('')}</table>`;
}

/** Renders the OpenAPI document as one HTML page. */
export function renderDocsPage(document: Json): string {
  const info = asRecord(document.info);
  const operations = Object.entries(asRecord(document.paths)).flatMap(([path, item]) =>
    Object.entries(asRecord(item)).map(([method, op]) => renderOperation(path, method, op)),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(info.title)} API</title>
<style>${STYLE}</style></head><body><h1>${escapeHtml(info.title)} API <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a></p>
<h2>Routes</h2>${operations.join('\n')}<h2 id="errors">Errors</h2>
<p>Every error is an RFC 9457 <code>application/problem+json</code> document with a stable <code>code</code> and the <code>requestId</code> (also in the <code>X-Request-Id</code> header).</p>
${renderErrors()}</body></html>`;
}
