/**
 * The tiles of the "places" layer: supercluster clusters the places up to `clusterMaxZoom` and
 * cuts each tile (`getTile`, in geojson-vt's tile format), vt-pbf encodes it as MVT, zlib gzips it.
 *
 * The work is split over worker threads, each with its own index: a tile's encoding allocates
 * a few small buffers, and on the main thread, whose heap holds the whole dataset (gigabytes at a
 * million claims), the garbage collections they cause walk all of it. At the bench's L the tiles
 * took 256 s on the main thread (a third of it collecting) and 73 s in two workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, Point } from 'geojson';
import Supercluster from 'supercluster';
import { PLACES_LAYER, type PlaceTileProperties } from '../../src/lib/tiles/format.ts';
import {
	clusterMap,
	clusterProperties,
	clusterReduce,
	type ClusterCounts,
	type SuperclusterProperties
} from '../../src/lib/tiles/places.ts';
import { tileIdToZxy, zxyToTileId } from '../../src/lib/tiles/pmtiles-write.ts';

/** MVT tile extent: 4096 units per tile, so 2.4 m at the equator at z12. */
export const EXTENT = 4096;
/** As MapLibre's GeoJSON source clusters by default: 50 pixels of a 512-pixel tile. */
export const CLUSTER_RADIUS = 50;
/** Tiles per message from a worker. */
const BLOCK = 4096;

export interface PlaceTilesInput {
	/** Longitude and latitude of each place, in dataset order. */
	coords: Float64Array;
	props: PlaceTileProperties[];
	maxZoom: number;
	clusterMaxZoom: number;
}

/** Tiles in tile id order: their ids, gzipped sizes, and bytes one after another. */
export interface TileBlock {
	block: number;
	tileIds: Float64Array<ArrayBuffer>;
	lengths: Uint32Array<ArrayBuffer>;
	data: Uint8Array<ArrayBuffer>;
}

type Index = Supercluster<PlaceTileProperties, ClusterCounts>;
type ClusterTags = SuperclusterProperties & ClusterCounts;

// Web Mercator in the unit square, as supercluster computes it.
export const mercX = (lng: number) => lng / 360 + 0.5;
export const mercY = (lat: number) => {
	const sin = Math.sin((lat * Math.PI) / 180);
	const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
	return y < 0 ? 0 : y > 1 ? 1 : y;
};

export function placeIndex({ coords, props, clusterMaxZoom }: PlaceTilesInput): Index {
	const points: Feature<Point, PlaceTileProperties>[] = props.map((properties, i) => ({
		type: 'Feature',
		geometry: { type: 'Point', coordinates: [coords[2 * i]!, coords[2 * i + 1]!] },
		properties
	}));
	// generateId: a single place's feature id is its index in the dataset, as in the app's map (dataset-view.ts)
	// numbers them; a cluster's is supercluster's cluster_id, which starts above the places.
	return new Supercluster<PlaceTileProperties, ClusterCounts>({
		minZoom: 0,
		maxZoom: clusterMaxZoom,
		radius: (CLUSTER_RADIUS * EXTENT) / 512,
		extent: EXTENT,
		generateId: true,
		map: clusterMap,
		reduce: clusterReduce
	}).load(points);
}

/**
 * Every tile that holds a cluster or place of its zoom, in tile id order. A feature sits in the
 * tile its rounded tile coordinates fall in; near an edge the neighbour is tried too, and a tile
 * left with nothing of its own is skipped when it is encoded.
 */
export function nonEmptyTiles(index: Index, maxZoom: number): Float64Array {
	const ids: number[] = [];
	const near = 1 / EXTENT;
	for (let z = 0; z <= maxZoom; z++) {
		const z2 = 2 ** z;
		const tiles = new Set<number>();
		for (const feature of index.getClusters([-180, -90, 180, 90], z)) {
			const [lng, lat] = feature.geometry.coordinates as [number, number];
			const fx = mercX(lng) * z2;
			const fy = mercY(lat) * z2;
			for (const tx of [Math.floor(fx - near), Math.floor(fx + near)]) {
				for (const ty of [Math.floor(fy - near), Math.floor(fy + near)]) {
					const x = ((tx % z2) + z2) % z2;
					const y = Math.min(z2 - 1, Math.max(0, ty));
					tiles.add(zxyToTileId(z, x, y));
				}
			}
		}
		for (const id of Float64Array.from(tiles).sort()) ids.push(id);
	}
	return Float64Array.from(ids);
}

/**
 * The features of a tile that lie in it: supercluster adds those within the cluster radius
 * around it too, which MapLibre never draws from this tile (a circle or label is drawn from the
 * tile its point is in, and a circle is not clipped at the tile's edge), so they would be bytes
 * for nothing. A place on the bottom edge of the world (latitude at or past -85.05) is kept in the
 * bottom row.
 */
function ownFeatures(index: Index, z: number, x: number, y: number): GeoJSONVTFeature[] {
	const tile = index.getTile(z, x, y);
	if (!tile) return [];
	const bottomRow = y === 2 ** z - 1;
	const out: GeoJSONVTFeature[] = [];
	for (const feature of tile.features) {
		const [tx, ty] = feature.geometry[0]!;
		if (tx < 0 || tx >= EXTENT || ty < 0 || ty > EXTENT || (ty === EXTENT && !bottomRow)) continue;
		const point: [number, number] = [tx, Math.min(ty, EXTENT - 1)];
		const tags = feature.tags as ClusterTags | PlaceTileProperties;
		if ('cluster' in tags && tags.cluster) {
			const expansion = index.getClusterExpansionZoom(tags.cluster_id);
			out.push({
				type: 1,
				id: tags.cluster_id,
				geometry: [point],
				tags: { ...clusterProperties(tags, expansion) }
			});
		} else out.push({ type: 1, id: feature.id, geometry: [point], tags: { ...tags } });
	}
	return out;
}

/** Encodes the given tiles; an empty one is left out. */
export function encodeBlock(index: Index, block: number, tileIds: Float64Array): TileBlock {
	const ids: number[] = [];
	const lengths: number[] = [];
	const tiles: Uint8Array[] = [];
	let size = 0;
	for (const tileId of tileIds) {
		const [z, x, y] = tileIdToZxy(tileId);
		const features = ownFeatures(index, z, x, y);
		if (features.length === 0) continue;
		const mvt = fromGeojsonVt({ [PLACES_LAYER]: { features } }, { version: 2, extent: EXTENT });
		const tile = gzipSync(mvt);
		ids.push(tileId);
		lengths.push(tile.length);
		tiles.push(tile);
		size += tile.length;
	}
	const data = new Uint8Array(size);
	let at = 0;
	for (const tile of tiles) {
		data.set(tile, at);
		at += tile.length;
	}
	return { block, tileIds: Float64Array.from(ids), lengths: Uint32Array.from(lengths), data };
}

/** The blocks of tiles numbered `worker`, `worker + workers`, …: what one worker encodes. */
export function* encodeShare(input: PlaceTilesInput, worker: number, workers: number) {
	const index = placeIndex(input);
	const tileIds = nonEmptyTiles(index, input.maxZoom);
	const blocks = Math.ceil(tileIds.length / BLOCK);
	for (let b = worker; b < blocks; b += workers)
		yield encodeBlock(index, b, tileIds.subarray(b * BLOCK, (b + 1) * BLOCK));
}

/**
 * Every tile, in tile id order. `workers` threads (by default the cores, at most 4; 0 for none,
 * which small datasets take: a worker costs a second to start). The result is the same bytes
 * whatever the number.
 */
export async function encodePlaceTiles(
	input: PlaceTilesInput,
	workers = input.props.length < 20_000 ? 0 : Math.min(4, availableParallelism())
): Promise<TileBlock[]> {
	if (workers === 0) return [...encodeShare(input, 0, 1)];
	const shares = Array.from(
		{ length: workers },
		(_, worker) =>
			new Promise<TileBlock[]>((resolve, reject) => {
				const blocks: TileBlock[] = [];
				const thread = new Worker(new URL('./tile-worker.mjs', import.meta.url), {
					workerData: { input, worker, workers }
				});
				thread.on('message', (block: TileBlock) => blocks.push(block));
				thread.on('error', reject);
				thread.on('exit', (code) =>
					code === 0 ? resolve(blocks) : reject(new Error(`tile worker exited with ${code}`))
				);
			})
	);
	return (await Promise.all(shares)).flat().sort((a, b) => a.block - b.block);
}
