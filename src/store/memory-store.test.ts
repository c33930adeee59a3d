import { describeArticleStoreContract } from '../../test/helpers/article-store-contract.js';
import { createMemoryCore } from './memory-store.js';
import { asyncStore, type SyncArticleStore } from './sync-store.js';

let core: SyncArticleStore;
describeArticleStoreContract(
  'memory store',
  () => {
    core = createMemoryCore();
    return asyncStore(core);
  },
  () => asyncStore(core),
);
