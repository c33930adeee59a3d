/**
 * The /docs page: the OpenAPI document laid out for a person, as plain, self-contained HTML (no
 * script, no CDN, works offline): a contents list, the operations grouped by tag with their
 * parameters and bodies as compact tables, the named schemas as field tables, and the error
 * codes, each with the anchor that problem `type` URIs point to. Every piece of text is escaped.
 */
import { ERROR_CATALOGUE, type ErrorCode } from '../../errors.js';
import { problemType, statusFor } from '../problem.js';
import { escapeHtml } from './escape.js';
import { fieldsTable, schemaAnchor, schemaText } from './schema-text.js';

type Json = Record<string, unknown>;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2.5rem;border-bottom:1px solid #ddd}h3{font-family:ui-monospace,monospace;font-size:1rem;background:#f4f4f4;padding:.4rem .6rem;margin-bottom:.3rem}
.m{display:inline-block;min-width:4.5em;font-weight:700}.id{float:right;font-weight:400;color:#666}
nav ul{columns:2}table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ddd;padding:.15rem .5rem;text-align:left;vertical-align:top}
section>p{margin:.3rem 0}`;

const asRecord = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};
const anchorOf = (operationId: unknown) => `op-${escapeHtml(operationId)}`;

function renderParameters(params: unknown): string {
  if (!Array.isArray(params) || params.length === 0) {
    return '';
  }
  const rows = params.map((raw) => {
    const p = asRecord(raw);
    return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${schemaText(p.schema)}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`;
  });
  return `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>${rows.join('')}</table>`;
}

function renderBody(body: unknown): string {
  const content = Object.entries(asRecord(asRecord(body).content));
  if (content.length === 0) {
    return '';
  }
  const types = content.map(([type]) => `<code>${escapeHtml(type)}</code>`).join(' or ');
  return `<p>Body (${types}): ${schemaText(asRecord(content[0]?.[1]).schema)}</p>`;
}

function renderResponses(responses: unknown): string {
  const items = Object.entries(asRecord(responses)).map(([status, raw]) => {
    const res = asRecord(raw);
    const media = Object.values(asRecord(res.content))[0];
    const schema = asRecord(media).schema ? `: ${schemaText(asRecord(media).schema)}` : '';
    return `<b>${escapeHtml(status)}</b> ${escapeHtml(res.description)}${schema}`;
  });
  return `<p>Answers: ${items.join('; ')}</p>`;
}

function renderOperation(path: string, method: string, op: Json): string {
  const auth = op.security ? ' <em>(needs an API key)</em>' : '';
  return `<section id="${anchorOf(op.operationId)}"><h3><span class="m">${escapeHtml(method.toUpperCase())}</span> ${escapeHtml(path)} <span class="id">${escapeHtml(op.operationId)}</span></h3>
<p>${escapeHtml(op.summary)}${auth}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${renderParameters(op.parameters)}${renderBody(op.requestBody)}${renderResponses(op.responses)}</section>`;
}

function operationsByTag(document: Json): Map<string, [string, string, Json][]> {
  const byTag = new Map<string, [string, string, Json][]>();
  for (const tag of (document.tags ?? []) as { name: string }[]) {
    byTag.set(tag.name, []);
  }
  for (const [path, item] of Object.entries(asRecord(document.paths))) {
    for (const [method, raw] of Object.entries(asRecord(item))) {
      const op = asRecord(raw);
      const tag = String((op.tags as string[] | undefined)?.[0] ?? 'Other');
      byTag.set(tag, [...(byTag.get(tag) ?? []), [path, method, op]]);
    }
  }
  return byTag;
}

function renderContents(byTag: Map<string, [string, string, Json][]>): string {
  const links = [...byTag.values()].flat().map(([path, method, op]) => {
    return `<li><a href="#${anchorOf(op.operationId)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`;
  });
  return `<nav aria-label="Contents"><ul>${links.join('')}<li><a href="#schemas">Schemas</a></li><li><a href="#errors">Errors</a></li></ul></nav>`;
}

function renderSchemas(schemas: unknown): string {
  return Object.entries(asRecord(schemas))
    .map(
      ([name, schema]) =>
        `<section id="${schemaAnchor(escapeHtml(name))}"><h3>${escapeHtml(name)}</h3>${fieldsTable(schema)}</section>`,
    )
    .join('\n');
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
  const byTag = operationsByTag(document);
  const groups = [...byTag.entries()].map(
    ([tag, ops]) =>
      `<h2>${escapeHtml(tag)}</h2>${ops.map(([path, method, op]) => renderOperation(path, method, op)).join('\n')}`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(info.title)} API</title>
<style>${STYLE}</style></head><body><main><h1>${escapeHtml(info.title)} API <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, for client generators).</p>
${renderContents(byTag)}${groups.join('\n')}<h2 id="schemas">Schemas</h2>${renderSchemas(asRecord(document.components).schemas)}
<h2 id="errors">Errors</h2>
<p>Every error is an RFC 9457 <code>application/problem+json</code> document with a stable <code>code</code> and the <code>requestId</code> (also in the <code>X-Request-Id</code> header).</p>
${renderErrors()}</main></body></html>`;
}
