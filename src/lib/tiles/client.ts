/**
 * The page's data questions answered from a tiled dataset (`npm run tiles`) on a static host,
 * instead of the data worker: the manifest gives the overview, a place's claims come from its
 * shard (fetched when first asked for, then kept), the claims tied to no place from the
 * unlocated pages. The map draws the places from the archive itself, so `view` has nothing to send.
 *
 * What needs every claim at once (the filters and their counts, the list of places, the
 * timeline, the exports, imports) cannot be answered from a shard: those methods say so, and the
 * page does not offer them in this mode. Every file is checked before it is used: a host serves
 * what it likes, and a record the schema refuses is an error naming the file, never shown.
 */
// Before the schemas are made (see the module).
import './zod-jitless.ts';
import type {
	ClaimPage,
	DataClient,
	FacetView,
	FilterView,
	ListPage,
	Overview,
	PlaceDetails
} from '../data/protocol.ts';
import { FACETS, type Facet } from '../domain/filter.ts';
import { Actor, Claim, DatasetMeta, LocationFeature, Source } from '../domain/schema.ts';
import { describeShardPlace, describeUnlocatedPage } from './claims.ts';
import {
	MANIFEST_FILE,
	shardPath,
	TILES_FORMAT,
	TILES_FORMAT_VERSION,
	unlocatedPath,
	type ClaimBundle,
	type ClaimShard,
	type TilesManifest,
	type UnlocatedPage
} from './format.ts';
import { shardOf } from './shard.ts';

/** Shards kept once fetched (each at most about 200 kB): a session of clicks refetches none. */
export const SHARD_CACHE = 64;

export type FetchLike = (url: string) => Promise<{
	ok: boolean;
	status: number;
	statusText?: string;
	json(): Promise<unknown>;
}>;

/** What the page needs to know of a tiled dataset beyond the overview. */
export interface TilesInfo {
	/** The folder's URL, ending in `/`. */
	base: string;
	/** The archive's absolute URL. */
	archive: string;
	layer: string;
	/** The zoom at which a cluster click lands when the tile does not say. */
	clusterMaxZoom: number;
	unlocated: number;
}

export class TilesError extends Error {}

const UNAVAILABLE =
	'is not available for a tiled dataset: it needs every claim, and tiles load one place at a time';

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `dataset.json`, refusing another format or a version this reader does not know. */
export function readManifest(json: unknown): TilesManifest {
	if (!isObject(json) || json.format !== TILES_FORMAT)
		throw new TilesError(`${MANIFEST_FILE} is not a claims-map tiles manifest`);
	if (json.version !== TILES_FORMAT_VERSION)
		throw new TilesError(
			`${MANIFEST_FILE} is version ${String(json.version)}; this app reads version ${TILES_FORMAT_VERSION}`
		);
	const m = json as unknown as TilesManifest;
	const counts = isObject(m.counts) ? m.counts : null;
	const numbers = ['locations', 'claims', 'actors', 'sources', 'unlocated'] as const;
	const ok =
		DatasetMeta.safeParse(m.meta).success &&
		counts !== null &&
		numbers.every((k) => Number.isInteger(counts[k]) && counts[k] >= 0) &&
		Array.isArray(m.bounds) &&
		m.bounds.length === 4 &&
		m.bounds.every(Number.isFinite) &&
		isObject(m.places) &&
		typeof m.places.path === 'string' &&
		typeof m.places.layer === 'string' &&
		isObject(m.shards) &&
		Number.isInteger(m.shards.count) &&
		m.shards.count > 0 &&
		isObject(m.unlocated) &&
		Number.isInteger(m.unlocated.pages) &&
		Number.isInteger(m.unlocated.per_page);
	if (!ok) throw new TilesError(`${MANIFEST_FILE} is missing a field or has one of the wrong type`);
	return m;
}

/** Checks each record of a shard or page against the dataset schema. */
function checkBundle(bundle: unknown, file: string): asserts bundle is ClaimBundle {
	if (!isObject(bundle)) throw new TilesError(`${file} is not a JSON object`);
	const parts = [
		['claims', Claim],
		['actors', Actor],
		['sources', Source]
	] as const;
	for (const [key, schema] of parts) {
		const records = bundle[key];
		if (!isObject(records)) throw new TilesError(`${file}: "${key}" is missing`);
		for (const [id, record] of Object.entries(records)) {
			if (!schema.safeParse(record).success || (record as { id: string }).id !== id)
				throw new TilesError(`${file}: ${key.slice(0, -1)} "${id}" is not a valid record`);
		}
	}
	if (!isObject(bundle.responses)) throw new TilesError(`${file}: "responses" is missing`);
	for (const [id, answers] of Object.entries(bundle.responses)) {
		if (!Array.isArray(answers) || !answers.every((a) => typeof a === 'string'))
			throw new TilesError(`${file}: the responses to "${id}" are not a list of ids`);
	}
}

function checkShard(json: unknown, file: string): ClaimShard {
	checkBundle(json, file);
	const places = (json as Partial<ClaimShard>).places;
	if (!isObject(places)) throw new TilesError(`${file}: "places" is missing`);
	for (const [id, place] of Object.entries(places)) {
		const ok =
			isObject(place) &&
			LocationFeature.safeParse(place.location).success &&
			(place.location as LocationFeature).id === id &&
			Array.isArray(place.claims) &&
			place.claims.every((c) => typeof c === 'string');
		if (!ok) throw new TilesError(`${file}: place "${id}" is not a valid record`);
	}
	return json as ClaimShard;
}

function checkPage(json: unknown, file: string): UnlocatedPage {
	checkBundle(json, file);
	const ids = (json as Partial<UnlocatedPage>).unlocated;
	if (!Array.isArray(ids) || !ids.every((c) => typeof c === 'string'))
		throw new TilesError(`${file}: "unlocated" is not a list of ids`);
	return json as UnlocatedPage;
}

function emptyFacets(): Record<Facet, FacetView> {
	const empty: FacetView = { size: 0, shown: [], hidden: 0 };
	return Object.fromEntries(FACETS.map((f) => [f, empty])) as unknown as Record<Facet, FacetView>;
}

/** The overview and the tiles' own facts, from a manifest read at `base`. */
export function tilesOverview(manifest: TilesManifest, base: URL): Overview & { tiles: TilesInfo } {
	const { locations, claims, actors, sources } = manifest.counts;
	return {
		meta: manifest.meta,
		counts: { locations, claims, actors, sources },
		bounds: locations > 0 ? manifest.bounds : null,
		tiles: {
			base: base.href,
			archive: new URL(manifest.places.path, base).href,
			layer: manifest.places.layer,
			clusterMaxZoom: manifest.places.cluster_max_zoom,
			unlocated: manifest.counts.unlocated
		}
	};
}

/**
 * The tiled dataset at `base` (a folder URL ending in `/`), read with `fetch`. Places get an
 * index of this client's own, in the order they are first asked for: the explorer names a place
 * by index once it has located it.
 */
export class TilesClient implements DataClient {
	readonly base: URL;
	readonly #fetch: FetchLike;
	#manifest: TilesManifest | null = null;
	readonly #shards = new Map<number, Promise<ClaimShard>>();
	readonly #pages = new Map<number, Promise<UnlocatedPage>>();
	readonly #ids: string[] = [];
	readonly #indexes = new Map<string, number>();

	constructor(base: URL, fetchLike: FetchLike) {
		this.base = base;
		this.#fetch = fetchLike;
	}

	async #json(path: string): Promise<unknown> {
		const url = new URL(path, this.base).href;
		let response: Awaited<ReturnType<FetchLike>>;
		try {
			response = await this.#fetch(url);
		} catch (error) {
			throw new TilesError(`${url} could not be fetched (${(error as Error).message})`);
		}
		if (!response.ok)
			throw new TilesError(`${url}: HTTP ${response.status} ${response.statusText ?? ''}`.trim());
		try {
			return await response.json();
		} catch {
			throw new TilesError(`${url} is not JSON`);
		}
	}

	/** Reads the manifest: the first call, before any other question. */
	async openTiles(): Promise<Overview & { tiles: TilesInfo }> {
		this.#manifest = readManifest(await this.#json(MANIFEST_FILE));
		return tilesOverview(this.#manifest, this.base);
	}

	get manifest(): TilesManifest {
		if (!this.#manifest) throw new TilesError('the tiled dataset is not open');
		return this.#manifest;
	}

	/** A place's shard, fetched once; the oldest of more than SHARD_CACHE is dropped. */
	shard(id: string): Promise<ClaimShard> {
		const index = shardOf(id, this.manifest.shards.count);
		let shard = this.#shards.get(index);
		if (shard) {
			this.#shards.delete(index);
		} else {
			const path = shardPath(index);
			shard = this.#json(path).then((json) => checkShard(json, path));
			// A failed fetch is not kept: the next click tries again.
			shard.catch(() => this.#shards.get(index) === shard && this.#shards.delete(index));
		}
		this.#shards.set(index, shard);
		if (this.#shards.size > SHARD_CACHE) this.#shards.delete(this.#shards.keys().next().value!);
		return shard;
	}

	#page(page: number): Promise<UnlocatedPage> {
		let answer = this.#pages.get(page);
		if (!answer) {
			const path = unlocatedPath(page);
			answer = this.#json(path).then((json) => checkPage(json, path));
			answer.catch(() => this.#pages.get(page) === answer && this.#pages.delete(page));
			this.#pages.set(page, answer);
		}
		return answer;
	}

	#indexOf(id: string): number {
		let index = this.#indexes.get(id);
		if (index === undefined) {
			index = this.#ids.push(id) - 1;
			this.#indexes.set(id, index);
		}
		return index;
	}

	async locate(id: string) {
		const shard = await this.shard(id);
		if (!Object.hasOwn(shard.places, id)) return null;
		const [lon, lat] = shard.places[id]!.location.geometry.coordinates;
		return { index: this.#indexOf(id), coordinates: [lon!, lat!] as [number, number] };
	}

	async place(index: number, limit: number): Promise<PlaceDetails | null> {
		const id = this.#ids[index];
		if (id === undefined) return null;
		const details = describeShardPlace(await this.shard(id), id);
		if (!details) return null;
		return {
			index,
			location: details.location,
			summary: details.summary,
			total: details.claims.length,
			claims: details.claims.slice(0, limit)
		};
	}

	/** A tiled dataset has no index from a claim to its place's shard. */
	async findClaim(): Promise<never> {
		throw new TilesError(`A link to one claim ${UNAVAILABLE}.`);
	}

	/** A tiled dataset's shards carry no source texts. */
	async readSource(): Promise<never> {
		throw new TilesError(`Reading a source ${UNAVAILABLE}.`);
	}

	async unlocated(limit: number): Promise<ClaimPage> {
		const { pages, per_page } = this.manifest.unlocated;
		const wanted = Math.min(pages, Math.ceil(limit / Math.max(1, per_page)));
		const read = await Promise.all(Array.from({ length: wanted }, (_, i) => this.#page(i)));
		const claims = read.flatMap(describeUnlocatedPage).slice(0, limit);
		return { total: this.manifest.counts.unlocated, claims };
	}

	/** No filter applies: the whole dataset's counts, which is what an empty filter leaves. */
	async setFilter(): Promise<FilterView> {
		const { counts } = this.manifest;
		return {
			passed: counts.claims,
			placesInView: counts.locations,
			unlocated: counts.unlocated,
			facets: emptyFacets(),
			tags: [],
			days: [],
			occurredDated: 0
		};
	}

	async facets() {
		return { facets: emptyFacets(), tags: [] };
	}

	/** The list of places needs every place: none is listed (the page says why). */
	async list(_sort: unknown, offset: number): Promise<ListPage> {
		return { total: 0, offset, items: [] };
	}

	/** The map reads the places from the archive. */
	async view() {
		return [];
	}

	/** A tile's cluster carries its `expansion_zoom`; without it, the first zoom without clusters. */
	async clusterZoom() {
		return this.manifest.places.cluster_max_zoom + 1;
	}

	async openBuiltin(): Promise<never> {
		throw new TilesError(`The built-in dataset ${UNAVAILABLE}.`);
	}
	async open(): Promise<never> {
		throw new TilesError(`Another dataset ${UNAVAILABLE}.`);
	}
	async importFiles(): Promise<never> {
		throw new TilesError(`Import ${UNAVAILABLE}.`);
	}
	async keepImport(): Promise<never> {
		throw new TilesError(`Import ${UNAVAILABLE}.`);
	}
	async openTable(): Promise<never> {
		throw new TilesError(`Import ${UNAVAILABLE}.`);
	}
	async previewTable(): Promise<never> {
		throw new TilesError(`Import ${UNAVAILABLE}.`);
	}
	async importTable(): Promise<never> {
		throw new TilesError(`Import ${UNAVAILABLE}.`);
	}
	async forget(): Promise<void> {}
	/** A place's claims are fetched with its shard, when it is opened. */
	async loadRecords(): Promise<void> {}
	async exportFile(): Promise<never> {
		throw new TilesError(`Export ${UNAVAILABLE}.`);
	}
}
