/**
 * Writes a dataset as static tiles (the layout is in src/lib/tiles/format.ts and docs/tiles.md):
 * the places as gzip-compressed MVT tiles in one PMTiles archive, clustered by supercluster up to
 * `clusterMaxZoom` and encoded by vt-pbf; the claims in shards keyed by place; the claims tied to
 * no place in pages; the manifest last, so that a reader that finds it finds every file it names.
 */
import { countsOf } from '../../src/lib/data/static-parts.ts';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
	joinClaimsToLocations,
	sortNewestFirst,
	type JoinResult
} from '../../src/lib/domain/join.ts';
import type { Claim, Dataset } from '../../src/lib/domain/schema.ts';
import { placeShard, unlocatedPage } from '../../src/lib/tiles/claims.ts';
import {
	MANIFEST_FILE,
	PLACES_FILE,
	PLACES_LAYER,
	SHARD_HASH,
	SHARD_PATH,
	TILES_FORMAT,
	TILES_FORMAT_VERSION,
	UNLOCATED_PATH,
	shardPath,
	unlocatedPath,
	type TilesManifest
} from '../../src/lib/tiles/format.ts';
import { PLACES_FIELDS, placeProperties } from '../../src/lib/tiles/places.ts';
import {
	Compression,
	TileType,
	archiveHead,
	type Entry
} from '../../src/lib/tiles/pmtiles-write.ts';
import { chooseShardCount, fnv1a32 } from '../../src/lib/tiles/shard.ts';
import { CLUSTER_RADIUS, EXTENT, encodePlaceTiles, mercX, mercY } from './place-tiles.ts';

export type TilesInput = Pick<Dataset, 'meta' | 'locations' | 'actors' | 'sources' | 'claims'>;

export interface TilesOptions {
	/** Highest zoom of the archive (single places); 12 by default. */
	maxZoom?: number;
	/** Highest zoom with clusters; 10 by default. */
	clusterMaxZoom?: number;
	/** A shard or an unlocated page stays under this many bytes unless one place is larger. */
	fileLimit?: number;
	tool?: { name: string; version: string };
	/** Threads that encode the tiles; by default none below 20,000 places, else the cores (up to 4). */
	workers?: number;
	/** Told what is being done, for a long run. */
	progress?: (message: string) => void;
}

export interface TilesReport {
	places: number;
	tiles: number;
	archiveBytes: number;
	largestTile: number;
	shards: number;
	shardBytes: number;
	largestShard: number;
	unlocatedPages: number;
	unlocatedBytes: number;
	/** Seconds for each step. */
	seconds: { join: number; tiles: number; shards: number; unlocated: number };
}

const FILE_LIMIT = 200_000;

export async function writeTiles(
	dataset: TilesInput,
	outDir: string,
	options: TilesOptions = {}
): Promise<TilesReport> {
	const maxZoom = options.maxZoom ?? 12;
	const clusterMaxZoom = Math.min(options.clusterMaxZoom ?? 10, maxZoom);
	const fileLimit = options.fileLimit ?? FILE_LIMIT;
	const tool = options.tool ?? { name: 'claims-map', version: '0.0.0' };
	const progress = options.progress ?? (() => {});
	if (dataset.locations.length === 0)
		throw new Error('the dataset has no places: there is nothing to draw as tiles');

	const clock = timer();
	const joined = joinClaimsToLocations(dataset);
	const seconds = { join: clock(), tiles: 0, shards: 0, unlocated: 0 };

	await mkdir(outDir, { recursive: true });
	// The claim files are this tool's own folders: stale shards of a larger build must not stay.
	for (const dir of ['claims', 'unlocated'])
		await rm(join(outDir, dir), { recursive: true, force: true });

	progress(`places: ${joined.locations.length}, zooms 0-${maxZoom}`);
	const bounds = placeBounds(dataset);
	const archive = await writePlacesArchive(joined, join(outDir, PLACES_FILE), {
		maxZoom,
		clusterMaxZoom,
		bounds,
		name: dataset.meta.name,
		description: dataset.meta.description,
		attribution: dataset.meta.license,
		workers: options.workers
	});
	seconds.tiles = clock();

	const estimate = claimByteEstimate(joined);
	const placeBytes = Float64Array.from(
		joined.locations,
		(entry) => estimate.location + entry.claims.length * estimate.claim
	);
	const ids = joined.locations.map((e) => e.location.id);
	const shardCount = chooseShardCount(ids, placeBytes, fileLimit);
	progress(`shards: ${shardCount}`);
	const shards = await writeShards(joined, outDir, shardCount);
	seconds.shards = clock();

	const unlocated = sortNewestFirst(joined.unlocated);
	const perPage = Math.max(1, Math.floor((0.75 * fileLimit) / estimate.claim));
	const pages = await writeUnlocated(joined, outDir, unlocated, perPage);
	seconds.unlocated = clock();

	const manifest: TilesManifest = {
		format: TILES_FORMAT,
		version: TILES_FORMAT_VERSION,
		meta: dataset.meta,
		tool,
		counts: {
			...countsOf(dataset),
			unlocated: unlocated.length,
			citations: joined.locations.reduce((n, e) => n + e.claims.length, 0)
		},
		bounds,
		places: {
			path: PLACES_FILE,
			layer: PLACES_LAYER,
			minzoom: 0,
			maxzoom: maxZoom,
			cluster_max_zoom: clusterMaxZoom,
			cluster_radius: CLUSTER_RADIUS,
			extent: EXTENT
		},
		shards: { path: SHARD_PATH, count: shardCount, hash: SHARD_HASH },
		unlocated: { path: UNLOCATED_PATH, pages: pages.count, per_page: perPage }
	};
	await writeFile(join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, '\t') + '\n');

	return {
		places: joined.locations.length,
		tiles: archive.tiles,
		archiveBytes: archive.bytes,
		largestTile: archive.largestTile,
		shards: shardCount,
		shardBytes: shards.bytes,
		largestShard: shards.largest,
		unlocatedPages: pages.count,
		unlocatedBytes: pages.bytes,
		seconds
	};
}

function timer() {
	let last = performance.now();
	return () => {
		const now = performance.now();
		const s = (now - last) / 1000;
		last = now;
		return Math.round(s * 100) / 100;
	};
}

/** The places' extent, widened to the header's 1e-7 degree grid so that it still holds them. */
export function placeBounds(dataset: TilesInput): [number, number, number, number] {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const { geometry } of dataset.locations) {
		const [lon, lat] = geometry.coordinates;
		w = Math.min(w, lon!);
		e = Math.max(e, lon!);
		s = Math.min(s, lat!);
		n = Math.max(n, lat!);
	}
	const down = (v: number) => Math.floor(Math.round(v * 1e9) / 100) / 1e7;
	const up = (v: number) => Math.ceil(Math.round(v * 1e9) / 100) / 1e7;
	// A reader takes west >= east (one place, or all on one meridian) for broken bounds.
	const widen = (lo: number, hi: number) => (hi > lo ? [lo, hi] : [lo - 1e-7, hi + 1e-7]);
	const [west, east] = widen(down(w), up(e));
	const [south, north] = widen(down(s), up(n));
	return [west!, south!, east!, north!];
}

interface ArchiveOptions {
	maxZoom: number;
	clusterMaxZoom: number;
	bounds: [number, number, number, number];
	name: string;
	description: string | undefined;
	attribution: string | undefined;
	workers: number | undefined;
}

async function writePlacesArchive(joined: JoinResult, path: string, options: ArchiveOptions) {
	const { maxZoom, clusterMaxZoom, bounds } = options;
	const coords = new Float64Array(joined.locations.length * 2);
	joined.locations.forEach((entry, i) =>
		coords.set(entry.location.geometry.coordinates.slice(0, 2), 2 * i)
	);
	const props = joined.locations.map(placeProperties);
	const blocks = await encodePlaceTiles(
		{ coords, props, maxZoom, clusterMaxZoom },
		options.workers
	);

	const entries: Entry[] = [];
	let offset = 0;
	let largestTile = 0;
	for (const { tileIds, lengths } of blocks) {
		for (let i = 0; i < tileIds.length; i++) {
			entries.push({ tileId: tileIds[i]!, offset, length: lengths[i]!, runLength: 1 });
			offset += lengths[i]!;
			largestTile = Math.max(largestTile, lengths[i]!);
		}
	}
	const metadata = {
		name: options.name,
		...(options.description ? { description: options.description } : {}),
		...(options.attribution ? { attribution: options.attribution } : {}),
		type: 'overlay',
		format: 'pbf',
		bounds,
		vector_layers: [
			{
				id: PLACES_LAYER,
				description: 'Places, each with its claims counted by status; clusters at low zooms.',
				minzoom: 0,
				maxzoom: maxZoom,
				fields: PLACES_FIELDS
			}
		],
		claims_map: {
			format: TILES_FORMAT,
			version: TILES_FORMAT_VERSION,
			cluster_max_zoom: clusterMaxZoom
		}
	};
	const head = archiveHead(
		entries,
		offset,
		metadata,
		{
			tileType: TileType.Mvt,
			tileCompression: Compression.Gzip,
			minZoom: 0,
			maxZoom,
			bounds,
			center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2],
			centerZoom: fitZoom(bounds, maxZoom)
		},
		(bytes) => gzipSync(bytes)
	);
	const file = await open(path, 'w');
	try {
		await file.write(head);
		for (let i = 0; i < blocks.length; i += 64)
			await file.writev(blocks.slice(i, i + 64).map((b) => b.data));
	} finally {
		await file.close();
	}
	return { tiles: entries.length, bytes: head.length + offset, largestTile };
}

/** The highest zoom (at most maxZoom) at which the bounds fit in one tile. */
function fitZoom(bounds: readonly number[], maxZoom: number): number {
	const [w, s, e, n] = bounds as [number, number, number, number];
	const size = Math.max(mercX(e) - mercX(w), mercY(s) - mercY(n));
	return Math.max(0, Math.min(maxZoom, Math.floor(-Math.log2(size))));
}

/**
 * Bytes per place and per claim cited there, estimated from an even sample: a claim with its
 * claimant, source and responses (one in `1 - r` more for a share r of responses), and the keys
 * and commas around them. It errs high, since a shard holds each claimant and source once.
 */
function claimByteEstimate(joined: JoinResult): { location: number; claim: number } {
	const sample = <T>(xs: readonly T[], f: (x: T) => number) => {
		const step = Math.max(1, Math.floor(xs.length / 2000));
		let sum = 0;
		let n = 0;
		for (let i = 0; i < xs.length; i += step, n++) sum += f(xs[i]!);
		return n ? sum / n : 0;
	};
	const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');
	const claim = sample(joined.claims, (c) => {
		const actor = joined.actors.get(c.claimant);
		const source = joined.sources.get(c.source);
		return bytes(c) + bytes(actor) + bytes(source) + 3 * (c.id.length + 4) + 4;
	});
	const responses = joined.claims.filter((c) => c.responds_to !== undefined).length;
	const share = joined.claims.length ? Math.min(0.9, responses / joined.claims.length) : 0;
	const location = sample(joined.locations, (e) => bytes(e.location) + 2 * e.location.id.length);
	return { location: location + 30, claim: claim / (1 - share) };
}

async function writeShards(joined: JoinResult, outDir: string, count: number) {
	await mkdir(join(outDir, 'claims'), { recursive: true });
	// Places by shard, in dataset order: a counting sort over the hashes.
	const n = joined.locations.length;
	const shardOfPlace = new Uint32Array(n);
	const starts = new Uint32Array(count + 1);
	for (let i = 0; i < n; i++) {
		shardOfPlace[i] = fnv1a32(joined.locations[i]!.location.id) % count;
		starts[shardOfPlace[i]! + 1]!++;
	}
	for (let s = 0; s < count; s++) starts[s + 1]! += starts[s]!;
	const order = new Uint32Array(n);
	const fill = starts.slice(0, count);
	for (let i = 0; i < n; i++) order[fill[shardOfPlace[i]!]!++] = i;

	let bytes = 0;
	let largest = 0;
	for (let s = 0; s < count; s++) {
		const entries = Array.from(
			order.subarray(starts[s]!, starts[s + 1]!),
			(i) => joined.locations[i]!
		);
		// Every shard is written, empty or not: a place id that is not in the dataset (an old link)
		// then reads as "not in its shard", the same on every host, rather than as a missing file.
		const text = JSON.stringify(placeShard(joined, s, entries));
		await writeFile(join(outDir, shardPath(s)), text);
		const size = Buffer.byteLength(text);
		bytes += size;
		largest = Math.max(largest, size);
	}
	return { bytes, largest };
}

async function writeUnlocated(
	joined: JoinResult,
	outDir: string,
	claims: readonly Claim[],
	perPage: number
) {
	const count = Math.ceil(claims.length / perPage);
	if (count > 0) await mkdir(join(outDir, 'unlocated'), { recursive: true });
	let bytes = 0;
	for (let p = 0; p < count; p++) {
		const text = JSON.stringify(
			unlocatedPage(joined, p, claims.slice(p * perPage, (p + 1) * perPage))
		);
		await writeFile(join(outDir, unlocatedPath(p)), text);
		bytes += Buffer.byteLength(text);
	}
	return { count, bytes };
}
