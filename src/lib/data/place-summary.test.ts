/**
 * The summary of the places answers the first questions exactly as the full view does with no
 * filter: after a JSON round trip (it is a static file), on the seed and on generated data.
 */
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { generateDataset } from '../../../scripts/bench/generate.ts';
import { syntheticMeta } from '../../../scripts/bench/write-folder.ts';
import type { Dataset } from '../domain/schema.ts';
import { validateDataset } from '../domain/validate.ts';
import { DatasetView } from './dataset-view.ts';
import { SummaryView, summaryOf } from './place-summary.ts';
import type { Bounds } from './protocol.ts';

async function seed(): Promise<Dataset> {
	const { files } = await readDatasetFolder('geodata');
	return validateDataset(files).dataset!;
}

function agree(dataset: Dataset) {
	const full = new DatasetView(dataset);
	const summary = new SummaryView(JSON.parse(JSON.stringify(summaryOf(full))));
	expect(summary.overview).toEqual(full.overview);
	expect(summary.unfiltered).toEqual(full.setFilter(full.filter));
	for (const sort of ['claims', 'name'] as const) {
		for (const offset of [0, 7])
			expect(summary.list(sort, offset, 50)).toEqual(full.list(sort, offset, 50));
		const name = dataset.locations.at(-1)!.properties.name.slice(0, 4);
		expect(summary.list(sort, 0, 20, name)).toEqual(full.list(sort, 0, 20, name));
	}
	const world: Bounds = [-180, -85, 180, 85];
	const bounds = full.overview.bounds!;
	for (const zoom of [0, 2, 4.6, 8, 15]) {
		expect(summary.view(world, zoom)).toEqual(full.view(world, zoom));
		expect(summary.view(bounds, zoom)).toEqual(full.view(bounds, zoom));
	}
	const id = dataset.locations[Math.floor(dataset.locations.length / 2)]!.id;
	expect(summary.layer.locate(id)).toEqual(full.locate(id));
	expect(summary.layer.locate('no such place')).toBeNull();
}

describe('the summary of the places', () => {
	it('answers for the seed as its full view does', async () => {
		agree(await seed());
	});

	it('answers for generated data as its full view does', () => {
		agree({ meta: syntheticMeta('S'), ...generateDataset('S') });
	});

	it('a filtered view has no summary: the summary is of the unfiltered dataset', async () => {
		const view = new DatasetView(await seed());
		view.setFilter({ ...view.filter, status: ['false'] });
		expect(() => summaryOf(view)).toThrow('unfiltered');
	});
});
