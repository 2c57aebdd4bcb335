import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { EMPTY_FILTER } from '../domain/filter.ts';
import { validateDataset } from '../domain/validate.ts';
import { datasetFiles } from '../domain/validate.ts';
import { DamagedDatasetError, type StoredDataset } from '../state/library.ts';
import { MemoryLibrary, servedDataset } from '../test-data/worker.ts';
import { DatasetView } from './dataset-view.ts';
import { summaryOf } from './place-summary.ts';
import { toStaticParts, fetchStaticParts, STATIC_INDEX } from './static-parts.ts';
import { WorkerApi } from './worker-api.ts';
import type { Dataset } from '../domain/schema.ts';

async function seed(): Promise<Dataset> {
	const { files } = await readDatasetFolder('geodata');
	return validateDataset(files).dataset!;
}

function partsOf(dataset: Dataset, size?: number) {
	return toStaticParts(dataset, summaryOf(new DatasetView(dataset)), size);
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
			const files = partsOf(dataset, size);
			const back = await fetchStaticParts('/b', async (url) => {
				const text = files.get(url.slice(3));
				return new Response(text ?? '', { status: text === undefined ? 404 : 200 });
			});
			expect(back).toEqual(dataset);
		}
	});

	it('no part holds more than a chunk of records, so none nears the limit of a string', async () => {
		const dataset = await seed();
		const files = partsOf(dataset, 3);
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
		const files = partsOf(dataset, 5);
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
		expect((await api.list('name', 0, 2)).items.map((i) => i.name)).toEqual([
			'Blagoveshchensk',
			'Khabarovsk'
		]);
		expect((await api.setFilter(EMPTY_FILTER, {})).passed).toBe(dataset.claims.length);
	});

	it('draws the map and the list from the summary of the places while the claims load', async () => {
		const dataset = await seed();
		const { fetch } = servedDataset(dataset);
		let open!: () => void;
		const gate = new Promise<void>((resolve) => (open = resolve));
		const asked: string[] = [];
		const api = new WorkerApi({
			library: new MemoryLibrary(),
			fetch: async (url) => {
				const name = url.split('/').at(-1)!;
				asked.push(name);
				if (name !== 'places.json') await gate;
				return fetch(url);
			}
		});
		const overview = await api.openBuiltin('/data/test');
		expect(asked).toEqual(['places.json']);
		expect((await api.setFilter(EMPTY_FILTER, {})).passed).toBe(dataset.claims.length);
		expect((await api.list('claims', 0, 200)).total).toBe(dataset.locations.length);
		const world: [number, number, number, number] = [-180, -85, 180, 85];
		const drawn = await api.view(world, 3);
		expect(drawn.length).toBeGreaterThan(0);
		expect(overview.counts.claims).toBe(dataset.claims.length);

		// A place's claims wait for the claims; so does every question asked after it, in order.
		const answers: string[] = [];
		const place = api.place(0, 10).then(() => answers.push('place'));
		const list = api.list('name', 0, 2).then(() => answers.push('list'));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(answers).toEqual([]);
		expect(asked).toContain('index.json');
		open();
		await Promise.all([place, list]);
		expect(answers).toEqual(['place', 'list']);
		expect(await api.view(world, 3)).toEqual(drawn);
	});

	it('a failed load of the claims fails the question, and the next question tries again', async () => {
		const dataset = await seed();
		const { fetch } = servedDataset(dataset);
		let fail = true;
		const api = new WorkerApi({
			library: new MemoryLibrary(),
			fetch: async (url) =>
				fail && url.endsWith('claims-0.json') ? new Response('', { status: 503 }) : fetch(url)
		});
		await api.openBuiltin('/data/test');
		await expect(api.place(0, 10)).rejects.toThrow('claims-0.json could not be loaded (503)');
		fail = false;
		expect((await api.place(0, 10))?.total).toBeGreaterThan(0);
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
		// Drawn from the summary kept with it; its claims are read when asked for.
		expect(library.records.get('seed-1')?.places?.claims.length).toBe(dataset.locations.length);
		const first = (await again.list('claims', 0, 1)).items[0]!;
		expect((await again.place(first.index, 500))?.total).toBe(first.claims);
		library.records.set('seed-2', { ...library.records.get('seed-1')!, id: 'seed-2' });
		const lost = new WorkerApi({
			library: {
				places: (id) => library.places(id),
				put: async () => {},
				get: async () => undefined
			}
		});
		await lost.open('seed-2');
		await expect(lost.place(0, 1)).rejects.toThrow('the stored dataset “seed-2” is incomplete');
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
		expect((await api.setFilter(EMPTY_FILTER, {})).passed).toBe(dataset.claims.length);
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
