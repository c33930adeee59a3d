import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARCHIVE_CONFIG_KEY, archiveModelNotice } from './archive-record.js';

const modelsDir = mkdtempSync(join(tmpdir(), 'morelike-archive-record-'));
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

function model(id: string, config: Record<string, unknown>): void {
  mkdirSync(join(modelsDir, id), { recursive: true });
  writeFileSync(join(modelsDir, id, 'config.json'), JSON.stringify(config));
}

model('archive-a', {
  hidden_size: 5,
  [ARCHIVE_CONFIG_KEY]: { articles: 1000, languages: { en: 1000 } },
});
model('other', { hidden_size: 5 });

describe('archiveModelNotice', () => {
  it('stays quiet while the archive has grown less than a tenth since training', () => {
    expect(archiveModelNotice(modelsDir, 'archive-a', 1000)).toBeUndefined();
    expect(archiveModelNotice(modelsDir, 'archive-a', 1099)).toBeUndefined();
  });

  it('says to train again once the archive has grown by a tenth', () => {
    expect(archiveModelNotice(modelsDir, 'archive-a', 1100)).toBe(
      'The archive has grown 10% since model archive-a was trained (1000 -> 1100 articles): run ' +
        '`morelike model train`, then `MORELIKE_MODEL=<new id> morelike reindex --full`, and ' +
        'restart with the new id',
    );
  });

  it('says nothing for a model that is no archive model, or is missing', () => {
    expect(archiveModelNotice(modelsDir, 'other', 5000)).toBeUndefined();
    expect(archiveModelNotice(modelsDir, 'archive-missing', 5000)).toBeUndefined();
  });
});
