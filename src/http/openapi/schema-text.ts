/**
 * JSON Schema in a few words for the /docs page: `string, 1..200 characters`, `array of
 * RelatedItem`, `integer, 1..50, or null`. Named schemas become links to their section.
 */
import { escapeHtml } from './escape.js';

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json =>
  typeof value === 'object' && value !== null ? (value as Json) : {};

/** The anchor of a named schema's section. */
export const schemaAnchor = (name: string) => `schema-${name}`;

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
}

function range(min: unknown, max: unknown, unit: string): string {
  const big = (n: unknown) => typeof n === 'number' && Math.abs(n) >= Number.MAX_SAFE_INTEGER;
  const lo = typeof min === 'number' && !big(min) ? min : undefined;
  const hi = typeof max === 'number' && !big(max) ? max : undefined;
  if (lo === undefined && hi === undefined) {
    return '';
  }
  if (lo === undefined) {
    return `, at most ${hi}${unit}`;
  }
  return hi === undefined ? `, at least ${lo}${unit}` : `, ${lo}..${hi}${unit}`;
}

function typeName(schema: Json): string {
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? '');
  if ('const' in schema) {
    return `always ${JSON.stringify(schema.const)}`;
  }
  if (Array.isArray(schema.enum)) {
    return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (type === 'string') {
    const pattern = schema.pattern ? `, matching ${schema.pattern}` : '';
    return `string${range(schema.minLength, schema.maxLength, ' characters')}${pattern}`;
  }
  if (type === 'number' || type === 'integer') {
    return `${type}${range(schema.minimum, schema.maximum, '')}`;
  }
  return type || 'any';
}

/** HTML (escaped) naming the type of `raw`, with links for named schemas. */
export function schemaText(raw: unknown): string {
  const schema = asRecord(raw);
  const name = refName(schema.$ref);
  if (name !== undefined) {
    return `<a href="#${schemaAnchor(name)}">${escapeHtml(name)}</a>`;
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    return alternatives.map(schemaText).join(' or ');
  }
  if (schema.type === 'array') {
    const items = schemaText(schema.items);
    return `array of ${items}${range(schema.minItems, schema.maxItems, ' items')}`;
  }
  if (schema.type === 'object') {
    return 'object';
  }
  return escapeHtml(typeName(schema));
}

/** A table of an object schema's fields: name, type, required, meaning. */
export function fieldsTable(raw: unknown): string {
  const schema = asRecord(raw);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const rows = Object.entries(asRecord(schema.properties)).map(([field, value]) => {
    const description = asRecord(value).description ?? '';
    return `<tr><td><code>${escapeHtml(field)}</code></td><td>${schemaText(value)}</td><td>${required.has(field) ? 'yes' : ''}</td><td>${escapeHtml(description)}</td></tr>`;
  });
  if (rows.length === 0) {
    return `<p>${schemaText(schema)}</p>`;
  }
  return `<table><tr><th>field</th><th>type</th><th>required</th><th>meaning</th></tr>${rows.join('')}</table>`;
}
