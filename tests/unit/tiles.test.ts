/**
 * `npm run tiles`, read back as a browser and a GIS would read it: the archive through the
 * `pmtiles` reader over a Buffer, its tiles decoded by @mapbox/vector-tile and by GDAL's MVT
 * driver, the claim shards as the panel would use them. On the seed (through the command line)
 * and on the bench's S dataset (1,000 places, 10,000 claims, through `writeTiles`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, type Source } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/bench/generate.ts';
import { validateFolder } from '../../scripts/read-dataset.ts';
import { placeBounds, writeTiles, type TilesInput } from '../../scripts/tiles/build.ts';
import {
	describeLocation,
	describeUnlocated,
	joinClaimsToLocations
} from '../../src/lib/domain/join.ts';
import { STATUSES } from '../../src/lib/domain/vocabulary.ts';
import { describeShardPlace, describeUnlocatedPage } from '../../src/lib/tiles/claims.ts';
import {
	PLACES_LAYER,
	shardPath,
	unlocatedPath,
	type ClaimShard,
	type TilesManifest,
	type UnlocatedPage
} from '../../src/lib/tiles/format.ts';
import { placeProperties } from '../../src/lib/tiles/places.ts';
import {
	Compression,
	TileType,
	archiveHead,
	tileIdToZxy,
	zxyToTileId,
	type Entry
} from '../../src/lib/tiles/pmtiles-write.ts';
import { fnv1a32, shardOf } from '../../src/lib/tiles/shard.ts';

const run = promisify(execFile);
let dir: string;

/** A pmtiles Source over bytes in memory: what FileSource and FetchSource are for a File and a URL. */
function bufferSource(bytes: Uint8Array, key = 'memory'): Source {
	return {
		getKey: () => key,
		getBytes: async (offset, length) => ({
			data: bytes.slice(offset, offset + length).buffer as ArrayBuffer
		})
	};
}

interface Built {
	dataset: TilesInput;
	out: string;
	archive: PMTiles;
	manifest: TilesManifest;
}

async function open(dataset: TilesInput, out: string): Promise<Built> {
	const bytes = new Uint8Array(await readFile(join(out, 'places.pmtiles')));
	const manifest = JSON.parse(await readFile(join(out, 'dataset.json'), 'utf8')) as TilesManifest;
	return { dataset, out, archive: new PMTiles(bufferSource(bytes, out)), manifest };
}

async function layerAt(archive: PMTiles, z: number, x: number, y: number) {
	const tile = await archive.getZxy(z, x, y);
	if (!tile) return null;
	const layer = new VectorTile(new PbfReader(new Uint8Array(tile.data))).layers[PLACES_LAYER];
	return { layer: layer!, bytes: new Uint8Array(tile.data) };
}

function featuresOf(layer: VectorTileLayer) {
	return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

/** The tile a longitude and latitude fall in at zoom z (Web Mercator). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
	const n = 2 ** z;
	const sin = Math.sin((lat * Math.PI) / 180);
	const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
	const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v * n)));
	return [clamp(lon / 360 + 0.5), clamp(y)];
}

let seed: Built;
let small: Built;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'claims-map-tiles-'));
	const seedOut = join(dir, 'seed');
	await run('npx', ['tsx', 'scripts/tiles.ts', 'geodata', '--out', seedOut]);
	seed = await open((await validateFolder('geodata')).dataset!, seedOut);
	const generated = { meta: { name: 'Bench S' }, ...generateDataset('S') };
	await writeTiles(generated, join(dir, 'S'));
	small = await open(generated, join(dir, 'S'));
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const NAMES = [['the seed'], ['the generated S dataset']];
const builtFor = (name: string) => (name === 'the seed' ? seed : small);

describe.each(NAMES)('places.pmtiles of %s', (name) => {
	const built = () => builtFor(name);

	it('has a header with zooms 0-12, MVT gzip tiles, and the bounds of the places', async () => {
		const { archive, dataset } = built();
		const header = await archive.getHeader();
		expect(header).toMatchObject({
			specVersion: 3,
			minZoom: 0,
			maxZoom: 12,
			tileType: TileType.Mvt,
			tileCompression: Compression.Gzip,
			internalCompression: Compression.Gzip,
			clustered: true
		});
		const lons = dataset.locations.map((l) => l.geometry.coordinates[0]!);
		const lats = dataset.locations.map((l) => l.geometry.coordinates[1]!);
		const [w, s, e, n] = [
			Math.min(...lons),
			Math.min(...lats),
			Math.max(...lons),
			Math.max(...lats)
		];
		// The header keeps degrees to 1e-7, rounded outward.
		expect(header.minLon).toBeLessThanOrEqual(w);
		expect(header.minLon).toBeGreaterThan(w - 1e-7);
		expect(header.minLat).toBeLessThanOrEqual(s);
		expect(header.minLat).toBeGreaterThan(s - 1e-7);
		expect(header.maxLon).toBeGreaterThanOrEqual(e);
		expect(header.maxLon).toBeLessThan(e + 1e-7);
		expect(header.maxLat).toBeGreaterThanOrEqual(n);
		expect(header.maxLat).toBeLessThan(n + 1e-7);
		expect(header.centerZoom).toBeGreaterThanOrEqual(0);
	});

	it('has metadata with the layer, its fields, the dataset name and the format version', async () => {
		const { archive, dataset } = built();
		const metadata = (await archive.getMetadata()) as Record<string, unknown>;
		expect(metadata).toMatchObject({
			name: dataset.meta.name,
			vector_layers: [{ id: 'places', minzoom: 0, maxzoom: 12 }],
			claims_map: { format: 'claims-map-tiles', version: 1, cluster_max_zoom: 10 },
			bounds: placeBounds(dataset)
		});
		const fields = (metadata.vector_layers as { fields: Record<string, string> }[])[0]!.fields;
		expect(fields).toMatchObject({ lid: 'String', claims: 'Number', point_count: 'Number' });
	});

	it('at zooms 0-3, counts every place once and every citation once, by status too', async () => {
		const { archive, dataset } = built();
		const joined = joinClaimsToLocations(dataset);
		const citations = joined.locations.reduce((n, e) => n + e.claims.length, 0);
		const byStatus = Object.fromEntries(
			STATUSES.map((s) => [s, joined.locations.reduce((n, e) => n + e.byStatus[s], 0)])
		);
		for (let z = 0; z <= 3; z++) {
			let places = 0;
			let claims = 0;
			const statuses = Object.fromEntries(STATUSES.map((s) => [s, 0]));
			for (let x = 0; x < 2 ** z; x++) {
				for (let y = 0; y < 2 ** z; y++) {
					const tile = await layerAt(archive, z, x, y);
					for (const f of tile ? featuresOf(tile.layer) : []) {
						const p = f.properties;
						places += p.cluster ? (p.point_count as number) : 1;
						claims += p.claims as number;
						for (const s of STATUSES) statuses[s]! += p[s] as number;
					}
				}
			}
			expect({ z, places, claims, statuses }).toEqual({
				z,
				places: dataset.locations.length,
				claims: citations,
				statuses: byStatus
			});
		}
	});

	it('at zoom 12, has each place once, as its own feature with its index as id', async () => {
		const { archive, dataset } = built();
		const joined = joinClaimsToLocations(dataset);
		const tiles = new Set(
			dataset.locations.map((l) =>
				tileOf(l.geometry.coordinates[0]!, l.geometry.coordinates[1]!, 12).join('/')
			)
		);
		const seen = new Map<string, { id: number | undefined; properties: Record<string, unknown> }>();
		for (const key of tiles) {
			const [x, y] = key.split('/').map(Number) as [number, number];
			const tile = await layerAt(archive, 12, x, y);
			expect(tile, `tile 12/${key}`).not.toBeNull();
			for (const f of featuresOf(tile!.layer)) {
				expect(f.properties.cluster).toBeUndefined();
				const lid = f.properties.lid as string;
				expect(seen.has(lid), `${lid} twice`).toBe(false);
				seen.set(lid, { id: f.id, properties: { ...f.properties } });
			}
		}
		expect([...seen.keys()].sort()).toEqual(dataset.locations.map((l) => l.id).sort());
		joined.locations.forEach((entry, index) => {
			const feature = seen.get(entry.location.id)!;
			expect(feature.id).toBe(index);
			expect(feature.properties).toEqual({ ...placeProperties(entry) });
		});
	});

	it('has clusters only up to zoom 10, with the zoom at which each splits', async () => {
		const { archive, dataset } = built();
		const [lon, lat] = dataset.locations[0]!.geometry.coordinates as [number, number];
		const [x11, y11] = tileOf(lon, lat, 11);
		const tile11 = await layerAt(archive, 11, x11, y11);
		expect(featuresOf(tile11!.layer).every((f) => f.properties.cluster === undefined)).toBe(true);
		const top = featuresOf((await layerAt(archive, 0, 0, 0))!.layer);
		const clusters = top.filter((f) => f.properties.cluster === true);
		expect(clusters.length).toBeGreaterThan(0);
		for (const c of clusters) {
			expect(c.properties.expansion_zoom).toBeGreaterThan(0);
			expect(c.properties.expansion_zoom).toBeLessThanOrEqual(11);
			expect(STATUSES).toContain(c.properties.status);
			expect(c.id).toBeGreaterThanOrEqual(dataset.locations.length);
		}
	});
});

describe.each(NAMES)('the claim files of %s', (name) => {
	const built = () => builtFor(name);

	async function shards({ out, manifest }: Built): Promise<ClaimShard[]> {
		const files = await readdir(join(out, 'claims'));
		expect(files.length).toBe(manifest.shards.count);
		return Promise.all(
			Array.from({ length: manifest.shards.count }, async (_, s) =>
				JSON.parse(await readFile(join(out, shardPath(s)), 'utf8'))
			)
		);
	}

	it('keep each place in the shard its id hashes to, with what the panel shows for it', async () => {
		const { dataset, manifest } = built();
		const all = await shards(built());
		const joined = joinClaimsToLocations(dataset);
		for (const entry of joined.locations) {
			const s = shardOf(entry.location.id, manifest.shards.count);
			expect(all[s]!.shard).toBe(s);
			expect(describeShardPlace(all[s]!, entry.location.id)).toEqual(
				describeLocation(joined, entry)
			);
		}
		const listed = all.flatMap((shard) => Object.keys(shard.places));
		expect(listed.length).toBe(dataset.locations.length);
	});

	it('list every claim under each place it cites', async () => {
		const { dataset, manifest } = built();
		const all = await shards(built());
		const count = manifest.shards.count;
		for (const claim of dataset.claims) {
			for (const lid of claim.locations) {
				const place = all[shardOf(lid, count)]!.places[lid]!;
				expect(place.claims, `${claim.id} under ${lid}`).toContain(claim.id);
			}
		}
	});

	it('keep the claims tied to no place in pages that add up to the unlocated list', async () => {
		const { out, manifest, dataset } = built();
		const joined = joinClaimsToLocations(dataset);
		const pages: UnlocatedPage[] = await Promise.all(
			Array.from({ length: manifest.unlocated.pages }, async (_, p) =>
				JSON.parse(await readFile(join(out, unlocatedPath(p)), 'utf8'))
			)
		);
		expect(pages.flatMap(describeUnlocatedPage)).toEqual(describeUnlocated(joined));
		expect(manifest.counts.unlocated).toBe(joined.unlocated.length);
	});

	it('say in dataset.json what they hold', () => {
		const { manifest, dataset } = built();
		expect(manifest).toMatchObject({
			format: 'claims-map-tiles',
			version: 1,
			meta: dataset.meta,
			counts: {
				locations: dataset.locations.length,
				claims: dataset.claims.length,
				actors: dataset.actors.length,
				sources: dataset.sources.length
			},
			bounds: placeBounds(dataset),
			places: { path: 'places.pmtiles', layer: 'places', minzoom: 0, maxzoom: 12 },
			shards: { path: 'claims/{shard}.json', hash: 'fnv1a32' }
		});
	});
});

describe('the shards of the generated S dataset', () => {
	it('are many, and each stays under 200 kB', async () => {
		const { out, manifest } = small;
		expect(manifest.shards.count).toBeGreaterThan(10);
		for (let s = 0; s < manifest.shards.count; s++) {
			const text = await readFile(join(out, shardPath(s)));
			expect(text.length, shardPath(s)).toBeLessThanOrEqual(200_000);
		}
	});
});

describe('the tile workers', () => {
	it('write the same archive as the main thread alone', async () => {
		await writeTiles(small.dataset, join(dir, 'S-workers'), { workers: 2 });
		const [alone, split] = await Promise.all(
			[small.out, join(dir, 'S-workers')].map((out) => readFile(join(out, 'places.pmtiles')))
		);
		expect(split!.equals(alone!)).toBe(true);
	});
});

describe('GDAL reads a tile', () => {
	it('ogrinfo lists the layer "places" with its features, at the place GDAL computes', async () => {
		const entry = joinClaimsToLocations(seed.dataset).locations[0]!;
		const [lon, lat] = entry.location.geometry.coordinates as [number, number];
		const [x, y] = tileOf(lon, lat, 12);
		const tile = (await layerAt(seed.archive, 12, x, y))!;
		const path = join(dir, 'tile.pbf');
		await writeFile(path, tile.bytes);
		const args = ['-oo', 'X=' + x, '-oo', 'Y=' + y, '-oo', 'Z=12'];
		const { stdout } = await run('ogrinfo', ['-ro', '-so', '-al', ...args, path]);
		expect(stdout).toMatch(/^Layer name: places$/m);
		expect(Number(/Feature Count: (\d+)/.exec(stdout)?.[1])).toBe(tile.layer.length);
		const { stdout: json } = await run('ogr2ogr', [
			'-f',
			'GeoJSON',
			'/vsistdout/',
			'-t_srs',
			'EPSG:4326',
			...args,
			path
		]);
		const features = (
			JSON.parse(json) as {
				features: { properties: { lid: string }; geometry: { coordinates: number[] } }[];
			}
		).features;
		const found = features.find((f) => f.properties.lid === entry.location.id)!;
		// 4096 units to a z12 tile: 2.4 m at the equator, some 1e-5 degrees.
		expect(found.geometry.coordinates[0]).toBeCloseTo(lon, 4);
		expect(found.geometry.coordinates[1]).toBeCloseTo(lat, 4);
	});
});

describe('the PMTiles writer', () => {
	it('puts a large directory in leaves that the pmtiles reader follows', async () => {
		// 60,000 one-byte-apart tiles at zoom 9-10: far more than a 16 kB root directory holds.
		const entries: Entry[] = [];
		const data: number[] = [];
		for (let i = 0; i < 60_000; i++) {
			const z = i < 40_000 ? 10 : 9;
			const tileId = zxyToTileId(z, (i * 7) % 2 ** z, Math.floor(i / 2 ** z) % 2 ** z);
			entries.push({ tileId, offset: 0, length: 0, runLength: 1 });
		}
		entries.sort((a, b) => a.tileId - b.tileId);
		entries.forEach((e, i) => {
			e.offset = i * 2;
			e.length = 2;
			data.push(i % 256, Math.floor(i / 256) % 256);
		});
		const head = archiveHead(
			entries,
			data.length,
			{ name: 'test' },
			{
				tileType: TileType.Unknown,
				tileCompression: Compression.None,
				minZoom: 9,
				maxZoom: 10,
				bounds: [-180, -85, 180, 85],
				center: [0, 0],
				centerZoom: 9
			},
			(bytes) => gzipSync(bytes)
		);
		const bytes = new Uint8Array(head.length + data.length);
		bytes.set(head);
		bytes.set(data, head.length);
		const archive = new PMTiles(bufferSource(bytes));
		const header = await archive.getHeader();
		expect(header.leafDirectoryLength).toBeGreaterThan(0);
		expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
		expect(header).toMatchObject({ numTileEntries: 60_000, numAddressedTiles: 60_000 });
		expect(await archive.getMetadata()).toEqual({ name: 'test' });
		for (const i of [0, 1, 4095, 4096, 30_000, 59_999]) {
			const { tileId } = entries[i]!;
			const [z, x, y] = tileIdToZxy(tileId);
			const tile = await archive.getZxy(z, x, y);
			expect([...new Uint8Array(tile!.data)]).toEqual([i % 256, Math.floor(i / 256) % 256]);
		}
	});
});

describe('fnv1a32', () => {
	it('is FNV-1a over UTF-8 bytes', () => {
		expect(fnv1a32('')).toBe(0x811c9dc5);
		expect(fnv1a32('a')).toBe(0xe40c292c);
		expect(fnv1a32('foobar')).toBe(0xbf9cf968);
		// é is two bytes in UTF-8, 0xc3 0xa9.
		let h = 0x811c9dc5;
		for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
		expect(fnv1a32('é')).toBe(h);
	});
});

describe('npm run tiles', () => {
	it('refuses to run without --out, and on a folder it cannot read', async () => {
		const noOut = await run('npx', ['tsx', 'scripts/tiles.ts', 'geodata']).catch((e) => e);
		expect(noOut.code).toBe(2);
		expect(noOut.stderr).toMatch(/--out DIR is required/);
		const missing = await run('npx', [
			'tsx',
			'scripts/tiles.ts',
			join(dir, 'no-such-folder'),
			'--out',
			join(dir, 'x')
		]).catch((e) => e);
		expect(missing.code).toBe(2);
	});
});
