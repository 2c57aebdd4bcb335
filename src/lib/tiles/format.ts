/**
 * The layout of a tiled dataset (`npm run tiles`), as the writer makes it and a reader expects it;
 * docs/tiles.md describes the same for people. A tiled dataset is a folder of static files:
 *
 *   dataset.json            the manifest below: what the dataset is, where each part lies
 *   places.pmtiles          the places as vector tiles, clustered at low zooms (layer "places")
 *   claims/<shard>.json     per place, the claims citing it with what the panel shows beside them
 *   unlocated/<page>.json   the claims that cite no place, newest first, a page at a time
 *
 * Any static host that answers HTTP range requests serves it: the archive is read a range at a
 * time, each JSON file whole.
 */
import type { Actor, Claim, DatasetMeta, LocationFeature, Source } from '../domain/schema.ts';
import type { Precision, Status } from '../domain/vocabulary.ts';

export const TILES_FORMAT = 'claims-map-tiles';
/** Raised when a reader of an older version could not read what is written. */
export const TILES_FORMAT_VERSION = 1;

export const MANIFEST_FILE = 'dataset.json';
export const PLACES_FILE = 'places.pmtiles';
export const PLACES_LAYER = 'places';
export const SHARD_PATH = 'claims/{shard}.json';
export const UNLOCATED_PATH = 'unlocated/{page}.json';

export const shardPath = (shard: number) => SHARD_PATH.replace('{shard}', String(shard));
export const unlocatedPath = (page: number) => UNLOCATED_PATH.replace('{page}', String(page));

/** `dataset.json`. */
export interface TilesManifest {
	format: typeof TILES_FORMAT;
	version: typeof TILES_FORMAT_VERSION;
	meta: DatasetMeta;
	/** The program that wrote it. */
	tool: { name: string; version: string };
	counts: {
		locations: number;
		claims: number;
		actors: number;
		sources: number;
		/** Claims that cite no place (and answer no claim): in the unlocated pages. */
		unlocated: number;
		/** Claim-and-place pairs: what the places' `claims` counts add up to. */
		citations: number;
	};
	/** [west, south, east, north] of the places, in degrees. */
	bounds: [number, number, number, number];
	places: {
		path: typeof PLACES_FILE;
		layer: typeof PLACES_LAYER;
		minzoom: number;
		maxzoom: number;
		/** Clusters up to this zoom; single places only above it. */
		cluster_max_zoom: number;
		/** In pixels of a 512-pixel tile, as MapLibre's GeoJSON `clusterRadius`. */
		cluster_radius: number;
		extent: number;
	};
	shards: {
		path: typeof SHARD_PATH;
		count: number;
		/** The place's shard is `fnv1a32(UTF-8 bytes of the location id) mod count`. */
		hash: typeof SHARD_HASH;
	};
	unlocated: { path: typeof UNLOCATED_PATH; pages: number; per_page: number };
}

export const SHARD_HASH = 'fnv1a32';

/**
 * Claims with what a reader needs beside them, each record once: the claims (those listed and
 * every response under them, to any depth), the responses to each claim in dataset order, and the
 * claimants and sources they name.
 */
export interface ClaimBundle {
	claims: Record<string, Claim>;
	/** Claim id to the ids of the claims that answer it, in dataset order. */
	responses: Record<string, string[]>;
	actors: Record<string, Actor>;
	sources: Record<string, Source>;
}

/** `claims/<shard>.json`: every place whose id hashes to this shard. */
export interface ClaimShard extends ClaimBundle {
	shard: number;
	places: Record<string, { location: LocationFeature; /** Newest first. */ claims: string[] }>;
}

/** `unlocated/<page>.json`. */
export interface UnlocatedPage extends ClaimBundle {
	page: number;
	/** Newest first; the pages in order are the whole list. */
	unlocated: string[];
}

export type StatusCounts = Record<Status, number>;

/** A single place's feature in the "places" layer: what the app's map draws, and its counts. */
export interface PlaceTileProperties extends StatusCounts {
	lid: string;
	name: string;
	claims: number;
	/** Best-supported status among its claims, `none` without any. */
	status: Status | 'none';
	precision: Precision;
}

/** A cluster's feature in the "places" layer: supercluster's properties and the summed counts. */
export interface ClusterTileProperties extends StatusCounts {
	cluster: true;
	cluster_id: number;
	point_count: number;
	point_count_abbreviated: string;
	claims: number;
	status: Status | 'none';
	/** The zoom at which the cluster splits: where a click on it should zoom to. */
	expansion_zoom: number;
}
