/**
 * The data worker: owns the dataset shown, its join and indexes, behind the protocol of
 * `protocol.ts` (comlink turns the calls into messages). The page never holds the records.
 */
import { expose } from 'comlink';
import type { Library } from '../state/library.ts';
import { WorkerApi } from './worker-api.ts';

// The browser's storage (idb) loads when a stored dataset is opened or an import kept: the
// built-in dataset, which most readers see, needs none of it.
let library: Promise<Library> | null = null;
const storage = () => (library ??= import('../state/library.ts').then((m) => new m.Library()));

expose(
	new WorkerApi({
		library: {
			get: async (id) => (await storage()).get(id),
			places: async (id) => (await storage()).places(id),
			put: async (record) => (await storage()).put(record)
		}
	})
);
