import { describeArticleStoreContract } from '../../test/helpers/article-store-contract.js';
import { createMemoryStore } from './memory-store.js';

describeArticleStoreContract('memory store', () => createMemoryStore());
