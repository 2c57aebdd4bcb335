/**
 * The data worker's API in the test's own thread, over a dataset served as the build serves the
 * built-in one (its static parts), with storage in memory.
 */
import { inProcess } from '../data/client.ts';
import type { BuiltinSummary, DataClient } from '../data/protocol.ts';
import { DatasetView } from '../data/dataset-view.ts';
import { summaryOf } from '../data/place-summary.ts';
import { toStaticParts } from '../data/static-parts.ts';
import { WorkerApi } from '../data/worker-api.ts';
import type { Dataset } from '../domain/schema.ts';
import type { StoredDataset } from '../state/library.ts';

export class MemoryLibrary {
	readonly records = new Map<string, StoredDataset>();
	async get(id: string) {
		return this.records.get(id);
	}
	async places(id: string) {
		return this.records.get(id)?.places;
	}
	async put(record: StoredDataset) {
		this.records.set(record.id, record);
	}
	async list() {
		return [];
	}
	async remove(id: string) {
		this.records.delete(id);
	}
}

export function servedDataset(dataset: Dataset, base = '/data/test') {
	const places = summaryOf(new DatasetView(dataset));
	const files = toStaticParts(dataset, places);
	const fetch = async (url: string) => {
		const text = files.get(url.slice(base.length + 1));
		return new Response(text ?? 'not found', { status: text === undefined ? 404 : 200 });
	};
	const summary: BuiltinSummary = { ...places.overview, base };
	return { files, fetch, summary };
}

export function testClient(
	dataset: Dataset,
	library = new MemoryLibrary()
): { client: DataClient; api: WorkerApi; summary: BuiltinSummary; library: MemoryLibrary } {
	const { fetch, summary } = servedDataset(dataset);
	const api = new WorkerApi({ library, fetch });
	return { client: inProcess(api), api, summary, library };
}
