/**
 * MODEL_CARD.md of an archive model: what it was trained on (size, languages, date), how, its
 * shape, and the SHA-256 of every file, so a newsroom can tell which model made its vectors.
 */
import { byPrimaryLanguage, MIN_ARCHIVE_ARTICLES } from '../embedding/model-registry.js';
import { fileTable } from '../static-model/file-table.js';
import type { ArchiveModelRecord } from './archive-record.js';
import type { TrainedTable } from './train-table.js';

export interface ArchiveCardInput {
  readonly modelId: string;
  readonly folder: string;
  readonly files: readonly string[];
  readonly table: TrainedTable;
  readonly record: ArchiveModelRecord;
  readonly trainedAt: Date;
  readonly seconds: number;
}

/** The card's Markdown text. */
export function archiveCard(input: ArchiveCardInput): string {
  const { record, table } = input;
  const languages = Object.entries(record.languages)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([language, count]) => `${language} ${count.toLocaleString('en')}`)
    .join(', ');
  const sigma = table.singularValues
    .slice(0, 5)
    .map((value) => value.toFixed(2))
    .join(', ');
  return `# ${input.modelId}

A static embedding model trained by \`morelike model train\` on this site's own archive: latent
semantic analysis (a truncated SVD of the archive's TF-IDF matrix) baked into one ONNX lookup
table that transformers.js loads like the shipped model.

## Training
- Archive: ${record.articles.toLocaleString('en')} articles (${languages}), trained ${input.trainedAt.toISOString()} in ${input.seconds.toFixed(1)} s.
- ${coverage(record.languages)}
- Terms: the lexical analysis of each article in its own language (stems, stopwords left out);
  the title counted twice; the ${record.terms.toLocaleString('en')} stems found in at least ${record.min_document_frequency} articles.
- Weights: TF-IDF, idf = ln((N + 1) / (df + 0.5)), each article scaled to unit length.
- SVD: randomized (seed ${record.seed}, ${record.oversample} extra sketch columns, ${record.power_iterations} power iterations),
  ${record.dims} dimensions; leading singular values ${sigma}.
- Vocabulary: the ${record.word_forms.toLocaleString('en')} most used lower-case word forms of the archive, as the
  tokenizer splits them (accents and every script kept whole), each mapped to its stem's term
  vector times the stem's idf, each dimension weighted by its singular value to the power
  ${record.sigma_power}. A new article's vector (the mean of its words' rows) is then its LSA
  fold-in; words the archive never used add nothing.

## Shape
- Dimensions: ${record.dims}; rows: ${(record.word_forms + 4).toLocaleString('en')} (\`[PAD] [UNK] [CLS] [SEP]\` are zero rows);
  pooling: mean; normalize: true; half floats in \`onnx/model.onnx\`.
- Retrain when the archive has grown by a tenth: \`serve\` logs it.

## Files
${fileTable(input.folder, input.files)}
`;
}

/** Which languages the model gives topic evidence for, and which it leaves to the words. */
function coverage(languages: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byPrimaryLanguage(languages)).sort(([a], [b]) => (a < b ? -1 : 1));
  const list = (covered: boolean) =>
    entries
      .filter(([, count]) => count >= MIN_ARCHIVE_ARTICLES === covered)
      .map(([language]) => language)
      .join(', ') || 'none';
  return (
    `Covers (topic evidence for, at the default minimum of ${MIN_ARCHIVE_ARTICLES} articles per ` +
    `language): ${list(true)}; fewer, ranked on lexical evidence alone: ${list(false)}.`
  );
}
