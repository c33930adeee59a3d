import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, loadConfig } from '../config/env.js';
import {
  isKnownModel,
  knownModelIds,
  MIN_ARCHIVE_ARTICLES,
  modelCoversLanguage,
  modelSettings,
  SHIPPED_MODEL_ID,
} from './model-registry.js';

describe('modelSettings', () => {
  it('knows the shipped model under the configured default id', () => {
    expect(SHIPPED_MODEL_ID).toBe(DEFAULT_MODEL_ID);
    expect(isKnownModel(DEFAULT_MODEL_ID)).toBe(true);
  });

  it('gives the shipped static model a long window and its half-float onnx/model.onnx', () => {
    const settings = modelSettings(DEFAULT_MODEL_ID);
    expect(settings).toMatchObject({ pooling: 'mean', normalize: true, quantized: false });
    expect(settings.maxTokens).toBeGreaterThanOrEqual(8192);
  });

  it('pools bge-small with the [CLS] token', () => {
    expect(modelSettings('Xenova/bge-small-en-v1.5').pooling).toBe('cls');
  });

  it('gives multilingual e5 its passage and query prefixes', () => {
    expect(modelSettings('Xenova/multilingual-e5-small')).toMatchObject({
      passagePrefix: 'passage: ',
      queryPrefix: 'query: ',
    });
  });

  it('caps MiniLM at the 256 tokens it was trained on', () => {
    expect(modelSettings('Xenova/all-MiniLM-L6-v2').maxTokens).toBe(256);
  });

  it('runs an unknown model on safe defaults and picks its ONNX file by what is present', () => {
    expect(isKnownModel('someone/some-model')).toBe(false);
    expect(modelSettings('someone/some-model')).toMatchObject({
      pooling: 'mean',
      normalize: true,
      maxTokens: 512,
      passagePrefix: '',
      quantized: undefined,
    });
  });

  it('lists the shipped model first among the known ones', () => {
    expect(knownModelIds()[0]).toBe(DEFAULT_MODEL_ID);
  });

  it('returns frozen settings so no caller changes them for others', () => {
    expect(Object.isFrozen(modelSettings(DEFAULT_MODEL_ID))).toBe(true);
  });
});

describe('modelCoversLanguage', () => {
  it('records English for the shipped and the English models, and every language for e5', () => {
    expect(modelCoversLanguage(SHIPPED_MODEL_ID, 'en')).toBe(true);
    expect(modelCoversLanguage(SHIPPED_MODEL_ID, 'uk')).toBe(false);
    expect(modelCoversLanguage('Xenova/all-MiniLM-L6-v2', 'uk')).toBe(false);
    expect(modelCoversLanguage('Xenova/bge-small-en-v1.5', 'ru')).toBe(false);
    expect(modelCoversLanguage('Xenova/multilingual-e5-small', 'uk')).toBe(true);
  });

  it('trusts a model the registry does not know', () => {
    expect(modelCoversLanguage('someone/other-model', 'uk')).toBe(true);
  });
});

describe('modelCoversLanguage for an archive model', () => {
  const trained = { en: 2_000, uk: MIN_ARCHIVE_ARTICLES - 1, 'de-AT': 300, 'de-DE': 100 };

  it('covers a language it was trained on at least the minimum of', () => {
    expect(modelCoversLanguage('archive-2026', 'en', trained)).toBe(true);
    expect(modelCoversLanguage('archive-2026', 'uk', { uk: MIN_ARCHIVE_ARTICLES })).toBe(true);
  });

  it('leaves a language below the minimum, or never trained on, to the lexical evidence', () => {
    expect(modelCoversLanguage('archive-2026', 'uk', trained)).toBe(false);
    expect(modelCoversLanguage('archive-2026', 'fr', trained)).toBe(false);
  });

  it('counts the articles of every region of a language together', () => {
    expect(modelCoversLanguage('archive-2026', 'de', trained)).toBe(true);
  });

  it('takes the minimum a site configures instead', () => {
    expect(modelCoversLanguage('archive-2026', 'uk', trained, 300)).toBe(true);
    expect(modelCoversLanguage('archive-2026', 'fr', trained, 0)).toBe(true);
    expect(loadConfig({}).archiveMinArticles).toBe(MIN_ARCHIVE_ARTICLES);
  });

  it('covers nothing when the model records no training', () => {
    expect(modelCoversLanguage('archive-2026', 'en')).toBe(false);
  });
});
