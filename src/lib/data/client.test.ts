import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { validateDataset } from '../domain/validate.ts';
import { testClient } from '../test-data/worker.ts';
import { deferredClient } from './client.ts';

describe('deferredClient', () => {
	it('answers through a client that comes later, though a client answers every key', async () => {
		const { files } = await readDatasetFolder('geodata');
		const { client, summary } = testClient(validateDataset(files).dataset!);
		let arrive!: (holder: { client: typeof client }) => void;
		const later = deferredClient(new Promise((resolve) => (arrive = resolve)));
		const overview = later.openBuiltin(summary.base);
		arrive({ client });
		expect((await overview).counts).toEqual(summary.counts);
		expect((await later.list('name', 0, 1)).items[0]?.name).toBe('Blagoveshchensk');
	});
});
