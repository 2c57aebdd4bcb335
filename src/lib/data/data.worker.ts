/**
 * The data worker: owns the dataset shown, its join and indexes, behind the protocol of
 * `protocol.ts` (comlink turns the calls into messages). The page never holds the records.
 */
import { expose } from 'comlink';
import { Library } from '../state/library.ts';
import { WorkerApi } from './worker-api.ts';

expose(new WorkerApi({ library: new Library() }));
