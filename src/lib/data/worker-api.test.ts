import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { EMPTY_FILTER } from '../domain/filter.ts';
import { validateDataset } from '../domain/validate.ts';
import { datasetFiles } from '../domain/validate.ts';
import { DamagedDatasetError, type StoredDataset } from '../state/library.ts';
import { MemoryLibrary, servedDataset } from '../test-data/worker.ts';
import { toStaticParts, fetchStaticParts, STATIC_INDEX } from './static-parts.ts';
import { WorkerApi } from './worker-api.ts';
import type { Dataset } from '../domain/schema.ts';

async function seed(): Promise<Dataset> {
	const { files } = await readDatasetFolder('geodata');
	return validateDataset(files).dataset!;
}

/** The seed's folder as the File objects a reader picks. */
function seedFiles(dataset: Dataset): File[] {
	return Object.entries(datasetFiles(dataset)).map(
		([name, text]) => new File([text], name.split('/').at(-1)!)
	);
}

describe('static parts', () => {
	it('the dataset comes back whole from its parts, whatever the chunk size', async () => {
		const dataset = await seed();
		for (const size of [1, 4, 5000]) {
			const files = toStaticParts(dataset, size);
			const back = await fetchStaticParts('/b', async (url) => {
				const text = files.get(url.slice(3));
				return new Response(text ?? '', { status: text === undefined ? 404 : 200 });
			});
			expect(back).toEqual(dataset);
		}
	});

	it('no part holds more than a chunk of records, so none nears the limit of a string', async () => {
		const dataset = await seed();
		const files = toStaticParts(dataset, 3);
		const index = JSON.parse(files.get(STATIC_INDEX)!);
		expect(index.chunks).toEqual({
			meta: 1,
			locations: Math.ceil(dataset.locations.length / 3),
			actors: Math.ceil(dataset.actors.length / 3),
			sources: Math.ceil(dataset.sources.length / 3),
			claims: Math.ceil(dataset.claims.length / 3)
		});
		for (const [name, text] of files)
			if (name.startsWith('claims-')) expect(JSON.parse(text).length).toBeLessThanOrEqual(3);
	});

	it('a missing part fails the load with its name, rather than showing part of a dataset', async () => {
		const dataset = await seed();
		const files = toStaticParts(dataset, 5);
		files.delete('claims-1.json');
		await expect(
			fetchStaticParts('/b', async (url) => {
				const text = files.get(url.slice(3));
				return new Response(text ?? '', { status: text === undefined ? 404 : 200 });
			})
		).rejects.toThrow("the built-in dataset's file claims-1.json could not be loaded (404)");
	});
});

describe('WorkerApi', () => {
	it('opens the built-in dataset from its parts and answers for it', async () => {
		const dataset = await seed();
		const { fetch, summary } = servedDataset(dataset);
		const api = new WorkerApi({ library: new MemoryLibrary(), fetch });
		expect(await api.openBuiltin(summary.base)).toEqual({
			meta: summary.meta,
			counts: summary.counts,
			bounds: summary.bounds
		});
		expect(api.list('name', 0, 2).items.map((i) => i.name)).toEqual([
			'Blagoveshchensk',
			'Khabarovsk'
		]);
		expect(api.setFilter(EMPTY_FILTER, {}).passed).toBe(dataset.claims.length);
	});

	it('an import is held until named; stored, it opens again from storage', async () => {
		const dataset = await seed();
		const library = new MemoryLibrary();
		const api = new WorkerApi({ library });
		const progress: string[] = [];
		const outcome = await api.importFiles(seedFiles(dataset), [], 'x', (p) =>
			progress.push(p.phase)
		);
		expect(outcome.errors).toEqual([]);
		expect(outcome.kind).toBe('folder');
		expect(outcome.overview?.counts.claims).toBe(dataset.claims.length);
		expect(progress.at(0)).toBe('reading');
		expect(progress.at(-1)).toBe('validating');
		const keep = { id: 'seed-1', name: 'Seed', importedAt: '2026-01-01T00:00:00Z', from: [] };
		expect(await api.keepImport({ ...keep, store: true })).toEqual({});
		expect(library.records.get('seed-1')?.dataset).toEqual(dataset);
		await expect(api.keepImport({ ...keep, store: true })).rejects.toThrow('no import to keep');

		const again = new WorkerApi({ library });
		expect(await again.open('seed-1')).toMatchObject({
			overview: { counts: outcome.overview?.counts }
		});
		expect(await again.open('gone')).toEqual({ missing: true });
	});

	it('an import the browser will not keep is held for the visit, until forgotten', async () => {
		const dataset = await seed();
		const full = Object.assign(new MemoryLibrary(), {
			put: async () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		});
		const api = new WorkerApi({ library: full });
		await api.importFiles(seedFiles(dataset), [], 'x', () => {});
		const keep = { id: 'v-1', name: 'Seed', importedAt: '2026-01-01T00:00:00Z', from: [] };
		expect(await api.keepImport({ ...keep, store: true })).toEqual({
			notKept: { kind: 'quota', name: 'QuotaExceededError', message: 'full' }
		});
		expect(await api.open('v-1')).toHaveProperty('overview');
		api.forget('v-1');
		expect(await api.open('v-1')).toEqual({ missing: true });
	});

	it('a refused import keeps nothing and leaves the open dataset open', async () => {
		const dataset = await seed();
		const { fetch, summary } = servedDataset(dataset);
		const api = new WorkerApi({ library: new MemoryLibrary(), fetch });
		await api.openBuiltin(summary.base);
		const outcome = await api.importFiles([new File(['{'], 'claims.json')], [], 'x', () => {});
		expect(outcome.errors.length).toBeGreaterThan(0);
		expect(outcome.overview).toBeUndefined();
		await expect(
			api.keepImport({ id: 'x', name: 'x', importedAt: '', from: [], store: true })
		).rejects.toThrow();
		expect(api.setFilter(EMPTY_FILTER, {}).passed).toBe(dataset.claims.length);
	});

	it('says a stored dataset is damaged, or that storage failed, in terms the page can say', async () => {
		const damaged = new WorkerApi({
			library: {
				get: async (id: string): Promise<StoredDataset | undefined> => {
					throw new DamagedDatasetError(id);
				},
				put: async () => {}
			}
		});
		expect(await damaged.open('x')).toEqual({ damaged: true });
		const broken = new WorkerApi({
			library: {
				get: async () => {
					throw new DOMException('no', 'InvalidStateError');
				},
				put: async () => {}
			}
		});
		expect(await broken.open('x')).toEqual({
			storageFailed: { kind: 'unavailable', name: 'InvalidStateError', message: 'no' }
		});
	});
});
