/**
 * The app's reader of a tiled dataset (`?tiles=`), over the files `writeTiles` writes for the
 * seed, served by a fetch that reads the folder: what it answers equals what the whole dataset
 * gives, shards are fetched once, and a file the schema refuses is an error naming it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFolder } from '../../scripts/read-dataset.ts';
import { writeTiles } from '../../scripts/tiles/build.ts';
import {
	describeLocation,
	describeUnlocated,
	joinClaimsToLocations
} from '../../src/lib/domain/join.ts';
import type { Dataset } from '../../src/lib/domain/schema.ts';
import { TilesClient, type FetchLike } from '../../src/lib/tiles/client.ts';
import { shardPath } from '../../src/lib/tiles/format.ts';
import { shardOf } from '../../src/lib/tiles/shard.ts';

let dir: string;
let dataset: Dataset;
const BASE = new URL('https://app.example.org/tiles/');
const fetched: string[] = [];

const fetchFolder: FetchLike = async (url) => {
	fetched.push(url);
	const path = url.slice(BASE.href.length);
	try {
		const text = await readFile(join(dir, path), 'utf8');
		return { ok: true, status: 200, json: async () => JSON.parse(text) };
	} catch {
		return { ok: false, status: 404, statusText: 'Not Found', json: async () => null };
	}
};

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'claims-map-tiles-client-'));
	const result = await validateFolder('geodata');
	dataset = result.dataset!;
	await writeTiles(dataset, dir);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('TilesClient', () => {
	it('gives the overview from the manifest, and the archive by URL', async () => {
		const client = new TilesClient(BASE, fetchFolder);
		const overview = await client.openTiles();
		expect(overview.counts).toEqual({
			locations: dataset.locations.length,
			claims: dataset.claims.length,
			actors: dataset.actors.length,
			sources: dataset.sources.length
		});
		expect(overview.meta.name).toBe(dataset.meta.name);
		expect(overview.tiles.archive).toBe('https://app.example.org/tiles/places.pmtiles');
		expect(overview.tiles.layer).toBe('places');
	});

	it('answers for each place what the whole dataset gives, fetching each shard once', async () => {
		const client = new TilesClient(BASE, fetchFolder);
		await client.openTiles();
		const joined = joinClaimsToLocations(dataset);
		fetched.length = 0;
		for (const entry of joined.locations) {
			const found = await client.locate(entry.location.id);
			expect(found?.coordinates).toEqual(entry.location.geometry.coordinates);
			const details = await client.place(found!.index, 200);
			const whole = describeLocation(joined, entry);
			expect(details?.claims).toEqual(whole.claims);
			expect(details?.summary).toEqual(whole.summary);
			expect(details?.total).toBe(whole.claims.length);
		}
		const shards = new Set(
			joined.locations.map((e) => shardOf(e.location.id, client.manifest.shards.count))
		);
		expect(fetched.length).toBe(shards.size);
		expect(await client.locate('not-a-place')).toBeNull();
	});

	it('reads the claims tied to no place from the unlocated pages', async () => {
		const client = new TilesClient(BASE, fetchFolder);
		await client.openTiles();
		const page = await client.unlocated(200);
		const whole = describeUnlocated(joinClaimsToLocations(dataset));
		expect(page.claims).toEqual(whole.slice(0, 200));
		expect(page.total).toBe(client.manifest.counts.unlocated);
	});

	it('claims no filter, list or export it cannot answer', async () => {
		const client = new TilesClient(BASE, fetchFolder);
		await client.openTiles();
		const view = await client.setFilter();
		expect(view.passed).toBe(dataset.claims.length);
		expect(view.days).toEqual([]);
		expect((await client.list('claims', 0)).items).toEqual([]);
		await expect(client.exportFile()).rejects.toThrow(/not available for a tiled dataset/);
	});

	it('refuses a manifest of another format or version, and a record the schema refuses', async () => {
		const manifest = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8'));
		const served =
			(files: Record<string, unknown>): FetchLike =>
			async (url) => {
				const path = url.slice(BASE.href.length);
				return path in files
					? { ok: true, status: 200, json: async () => files[path] }
					: { ok: false, status: 404, json: async () => null };
			};
		await expect(
			new TilesClient(BASE, served({ 'dataset.json': { ...manifest, version: 9 } })).openTiles()
		).rejects.toThrow(/version 9/);
		await expect(
			new TilesClient(BASE, served({ 'dataset.json': { format: 'x' } })).openTiles()
		).rejects.toThrow(/not a claims-map tiles manifest/);
		await expect(new TilesClient(BASE, served({})).openTiles()).rejects.toThrow(/HTTP 404/);

		const id = dataset.locations[0]!.id;
		const path = shardPath(shardOf(id, manifest.shards.count));
		const shard = JSON.parse(await readFile(join(dir, path), 'utf8'));
		const source = Object.keys(shard.sources)[0]!;
		shard.sources[source] = { ...shard.sources[source], url: 'javascript:alert(1)' };
		const client = new TilesClient(BASE, served({ 'dataset.json': manifest, [path]: shard }));
		await client.openTiles();
		await expect(client.locate(id)).rejects.toThrow(
			`${path}: source "${source}" is not a valid record`
		);
	});
});
