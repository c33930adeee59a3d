/**
 * The sections of a lexical snapshot: a LexicalState as twelve flat byte runs (two JSON string
 * lists, the rest typed arrays), and the check that a decoded set of sections is a consistent
 * state before an index is built on it. The file layout around them is in lexical-snapshot.ts.
 */
import type { LexicalState } from './memory-lexical-index.js';

/** Element type of each section, in file order. */
export const SECTION_KINDS = [
  'json', // terms: string[] by term id
  'int32', // df by term id
  'json', // doc ids by document number (null: free number)
  'int32', // terms per document (-1: free number)
  'uint8', // 1: the document keeps float64 frequencies
  'int32', // term ids of every document, concatenated
  'uint8', // frequency codes (tf * 2), same positions
  'float64', // frequencies of the float64 documents, concatenated
  'int32', // postings per term id
  'int32', // posting document numbers, concatenated
  'float64', // norm cache: the article count it was made at, then the norm by document number
  'int32', // frozen df by term id (the statistics the weights use)
] as const;

export type Section = Uint8Array | Int32Array | Float64Array;

type SectionTuple = [
  Uint8Array,
  Int32Array,
  Uint8Array,
  Int32Array,
  Uint8Array,
  Int32Array,
  Uint8Array,
  Float64Array,
  Int32Array,
  Int32Array,
  Float64Array,
  Int32Array,
];

/** Bytes per element of each kind. */
export const ELEMENT_BYTES = { json: 1, uint8: 1, int32: 4, float64: 8 } as const;

/** The sections of `state`, in file order. */
export function toSections(state: LexicalState): Section[] {
  const encoder = new TextEncoder();
  const docIds = state.docIds.map((id) => id ?? null);
  return [
    encoder.encode(JSON.stringify(state.terms)),
    state.df,
    encoder.encode(JSON.stringify(docIds)),
    state.docs.lengths,
    state.docs.wideDocs,
    state.docs.ids,
    state.docs.codes,
    state.docs.wide,
    state.postings.lengths,
    state.postings.docs,
    state.normCache,
    state.frozenDf ?? state.df,
  ];
}

/** The state held by `sections`; throws an Error saying what is inconsistent. */
export function fromSections(sections: readonly Section[]): LexicalState {
  const decoder = new TextDecoder();
  const [
    termsJson,
    df,
    idsJson,
    lengths,
    wideDocs,
    ids,
    codes,
    wide,
    postLengths,
    docs,
    norms,
    frozenDf,
  ] = sections as SectionTuple;
  const terms: unknown = JSON.parse(decoder.decode(termsJson));
  const docIds: unknown = JSON.parse(decoder.decode(idsJson));
  if (!isStringList(terms) || !Array.isArray(docIds)) {
    throw new Error('the term or document lists are malformed');
  }
  const state: LexicalState = {
    terms,
    df,
    docIds: docIds.map((id: unknown) => (typeof id === 'string' ? id : undefined)),
    docs: {
      lengths,
      wideDocs,
      ids,
      codes,
      wide,
    },
    postings: { lengths: postLengths, docs },
    normCache: norms,
    frozenDf,
  };
  const problem = inconsistency(state);
  if (problem) {
    throw new Error(problem);
  }
  return state;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** What makes `state` unusable, or undefined when every count and reference fits. */
function inconsistency(state: LexicalState): string | undefined {
  const { terms, df, docIds, docs, postings } = state;
  if (df.length !== terms.length || (state.frozenDf?.length ?? 0) > terms.length) {
    return 'the document frequencies do not match the vocabulary';
  }
  const slots = docIds.length;
  if (
    docs.lengths.length !== slots ||
    docs.wideDocs.length !== slots ||
    state.normCache.length !== slots + 1
  ) {
    return 'the document tables differ in length';
  }
  let entries = 0;
  let wideEntries = 0;
  for (let doc = 0; doc < docIds.length; doc += 1) {
    const length = docs.lengths[doc] as number;
    if (length >= 0 !== (docIds[doc] !== undefined)) {
      return `document ${doc} has terms but no id, or an id but no terms`;
    }
    entries += Math.max(0, length);
    wideEntries += docs.wideDocs[doc] === 1 ? Math.max(0, length) : 0;
  }
  if (entries !== docs.ids.length || entries !== docs.codes.length) {
    return 'the document terms do not add up';
  }
  if (wideEntries !== docs.wide.length) {
    return 'the float64 frequencies do not add up';
  }
  if (!allBelow(docs.ids, terms.length) || !allBelow(postings.docs, docIds.length)) {
    return 'a term id or document number is out of range';
  }
  const postingCount = postings.lengths.reduce((sum, n) => sum + Math.max(0, n), 0);
  if (postings.lengths.length > terms.length || postingCount !== postings.docs.length) {
    return 'the postings do not add up';
  }
  return undefined;
}

function allBelow(values: Int32Array, limit: number): boolean {
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (value < 0 || value >= limit) {
      return false;
    }
  }
  return true;
}
