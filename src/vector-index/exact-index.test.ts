import { describeVectorIndexContract } from '../../test/helpers/vector-index-contract.js';
import { createExactIndex } from './exact-index.js';

describeVectorIndexContract('exact index', (dimensions) => createExactIndex(dimensions));
