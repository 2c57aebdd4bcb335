/**
 * One dataset as the data worker holds it: the records, their join, the filter index, the current
 * filter's result per claim and per place (typed arrays), the list's order and the clusters. It
 * answers the page's questions with what the page draws and nothing more. Pure TypeScript: the
 * unit tests drive it in Node, the worker (`data.worker.ts`) behind the protocol.
 */
import Supercluster, { type ClusterProperties } from 'supercluster';
import {
	applyFilter,
	buildFilterIndex,
	claimsPerDay,
	EMPTY_FILTER,
	FACETS,
	facetValuesToShow,
	isEmptyFilter,
	normalizeSearch,
	type ClaimFilter,
	type Facet,
	type FilterIndex,
	type FilterResult
} from '../domain/filter.ts';
import { words } from '../domain/format.ts';
import {
	describeLocation,
	joinClaimsToLocations,
	orphanResponses,
	resolveClaim,
	sortNewestFirst,
	summarize,
	type JoinedClaim,
	type JoinResult
} from '../domain/join.ts';
import type { Claim, Dataset } from '../domain/schema.ts';
import { STATUSES } from '../domain/vocabulary.ts';
import type {
	Bounds,
	ClaimPage,
	FacetView,
	FilterView,
	ListPage,
	MapFeature,
	Overview,
	PlaceDetails,
	SortKey
} from './protocol.ts';
import { countsOf } from './static-parts.ts';

/**
 * Points closer than this many pixels (of a 512 px tile) make a cluster: circles that would
 * overlap. A cluster's disc has at most half this for radius (style.ts), so that two clusters
 * do not cover each other.
 */
export const CLUSTER_RADIUS = 32;
/** From this zoom on, every place is its own point. */
export const CLUSTER_MAX_ZOOM = 14;

type PointFeature = GeoJSON.Feature<GeoJSON.Point, { i: number }>;

export class DatasetView {
	readonly dataset: Dataset;
	readonly joined: JoinResult;
	readonly index: FilterIndex;
	readonly overview: Overview;
	#filter: ClaimFilter = EMPTY_FILTER;
	#result: FilterResult;
	/** Per place: claims that pass, and their best status (an index into STATUSES, -1: none). */
	#claimsAt: Uint32Array;
	#statusAt: Int8Array;
	/** Per facet, each value's label: actors and sources by name, vocabulary words as words. */
	readonly #labels: Record<Facet, string[]>;
	/** The claims tied to no place, by claim index. */
	readonly #unlocated: Uint32Array;
	#nameOrder: Uint32Array | null = null;
	#names: string[] | null = null;
	#order: { sort: SortKey; order: Uint32Array } | null = null;
	#clusters: Supercluster<{ i: number }> | null = null;
	readonly #leaves = new Map<number, Uint32Array>();

	constructor(dataset: Dataset) {
		this.dataset = dataset;
		this.joined = joinClaimsToLocations(dataset);
		this.index = buildFilterIndex(dataset);
		this.overview = overviewOf(dataset);
		const { actors, sources } = this.joined;
		this.#labels = Object.fromEntries(
			FACETS.map((facet) => [
				facet,
				this.index.values[facet].map((value) => {
					if (facet === 'claimant') return actors.get(value)?.name ?? value;
					if (facet === 'source') {
						const source = sources.get(value);
						return source?.title ?? source?.publisher ?? value;
					}
					return words(value);
				})
			])
		) as Record<Facet, string[]>;
		this.#unlocated = Uint32Array.from(this.joined.unlocated, (claim) =>
			this.index.claimIndex.get(claim.id)!
		);
		this.#result = applyFilter(this.index, EMPTY_FILTER);
		[this.#claimsAt, this.#statusAt] = this.#placeCounts();
	}

	get filter(): ClaimFilter {
		return this.#filter;
	}

	get filtering(): boolean {
		return !isEmptyFilter(this.#filter);
	}

	setFilter(filter: ClaimFilter, within: Partial<Record<Facet, string>> = {}): FilterView {
		this.#filter = filter;
		this.#result = applyFilter(this.index, filter);
		[this.#claimsAt, this.#statusAt] = this.#placeCounts();
		this.#order = null;
		let placesInView = 0;
		for (let i = 0; i < this.#claimsAt.length; i++) if (this.#claimsAt[i]! > 0) placesInView++;
		let unlocated = 0;
		for (const i of this.#unlocated) unlocated += this.#result.pass[i]!;
		return {
			passed: this.#result.passed,
			placesInView,
			unlocated,
			facets: this.facets(within),
			days: claimsPerDay(this.index, this.#result)
		};
	}

	/** Per place, the claims that pass and the best-supported status among them. */
	#placeCounts(): [Uint32Array, Int8Array] {
		const n = this.joined.locations.length;
		const claims = new Uint32Array(n);
		const status = new Int8Array(n).fill(-1);
		const { pass } = this.#result;
		const codes = this.index.codes.status;
		this.index.locationClaims.forEach((indexes, at) => {
			let count = 0;
			let best = 127;
			for (const i of indexes) {
				if (!pass[i]) continue;
				count++;
				// STATUSES is in order of support, best first: the lowest code is the best.
				if (codes[i]! < best) best = codes[i]!;
			}
			claims[at] = count;
			if (count) status[at] = best;
		});
		return [claims, status];
	}

	facets(within: Partial<Record<Facet, string>> = {}): Record<Facet, FacetView> {
		const { counts } = this.#result;
		return Object.fromEntries(
			FACETS.map((facet) => {
				const values = this.index.values[facet];
				const labels = this.#labels[facet];
				const checked = new Set(
					this.#filter[facet].map((v) => values.indexOf(v)).filter((i) => i >= 0)
				);
				const { shown, hidden } = facetValuesToShow(labels, counts[facet], checked, within[facet]);
				const view: FacetView = {
					size: values.length,
					shown: shown.map((i) => ({
						value: values[i]!,
						label: labels[i]!,
						count: counts[facet][i]!
					})),
					hidden
				};
				return [facet, view];
			})
		) as Record<Facet, FacetView>;
	}

	isVisible(claimIndex: number): boolean {
		return this.#result.pass[claimIndex] === 1;
	}

	#visible = (item: JoinedClaim) =>
		!this.filtering || this.#result.pass[this.index.claimIndex.get(item.claim.id)!] === 1;

	/** The claims that pass, in dataset order: what an export writes. */
	get visibleClaims(): readonly Claim[] {
		if (!this.filtering) return this.dataset.claims;
		const pass = this.#result.pass;
		return this.dataset.claims.filter((_, i) => pass[i]);
	}

	#statusName(at: number) {
		const s = this.#statusAt[at]!;
		return s < 0 ? ('none' as const) : STATUSES[s]!;
	}

	/** Places in the list's order: by claims under the filter (then name), or by name. */
	list(sort: SortKey, offset: number, limit: number, find = ''): ListPage {
		let order = this.#listOrder(sort);
		const q = normalizeSearch(find);
		if (q) {
			// Names and their other spellings, normalised once per dataset.
			const names = (this.#names ??= this.dataset.locations.map((l) =>
				normalizeSearch([l.properties.name, ...l.properties.alt_names].join(' '))
			));
			order = order.filter((at) => names[at]!.includes(q));
		}
		const items = [];
		for (let k = offset; k < Math.min(order.length, offset + limit); k++) {
			const at = order[k]!;
			const location = this.dataset.locations[at]!;
			items.push({
				index: at,
				id: location.id,
				name: location.properties.name,
				claims: this.#claimsAt[at]!,
				status: this.#statusName(at),
				faded: this.#claimsAt[at] === 0
			});
		}
		return { total: order.length, offset, items };
	}

	#listOrder(sort: SortKey): Uint32Array {
		if (this.#order?.sort === sort) return this.#order.order;
		// The names' order, once per dataset: a collator compares far faster than localeCompare.
		if (!this.#nameOrder) {
			const { compare } = new Intl.Collator();
			const names = this.dataset.locations.map((l) => l.properties.name);
			this.#nameOrder = Uint32Array.from(names.keys()).sort((a, b) =>
				compare(names[a]!, names[b]!)
			);
		}
		let order = this.#nameOrder;
		if (sort === 'claims') {
			const rank = new Uint32Array(order.length);
			order.forEach((at, k) => (rank[at] = k));
			const claims = this.#claimsAt;
			order = Uint32Array.from(order).sort(
				(a, b) => claims[b]! - claims[a]! || rank[a]! - rank[b]!
			);
		}
		this.#order = { sort, order };
		return order;
	}

	locate(id: string): { index: number; coordinates: [number, number] } | null {
		const entry = this.joined.byLocation.get(id);
		if (!entry) return null;
		const [lon, lat] = entry.location.geometry.coordinates;
		return { index: this.joined.locations.indexOf(entry), coordinates: [lon, lat] };
	}

	/** One place's claims that pass, newest first, up to `limit`, with the summary of them all. */
	place(index: number, limit: number): PlaceDetails | null {
		const entry = this.joined.locations[index];
		if (!entry) return null;
		const details = describeLocation(this.joined, entry);
		const claims = details.claims.filter(this.#visible);
		return {
			index,
			location: entry.location,
			summary: summarize(claims),
			total: claims.length,
			claims: claims.slice(0, limit)
		};
	}

	/** The claims tied to no place that pass, newest first: only the page is resolved. */
	unlocated(limit: number): ClaimPage {
		const sorted = (this.#unlocatedSorted ??= sortNewestFirst([
			...this.joined.unlocated,
			...orphanResponses(this.joined)
		]));
		const claims = this.filtering
			? sorted.filter((c) => this.#result.pass[this.index.claimIndex.get(c.id)!] === 1)
			: sorted;
		return {
			total: claims.length,
			claims: claims.slice(0, limit).map((claim) => resolveClaim(this.joined, claim))
		};
	}
	#unlocatedSorted: Claim[] | null = null;

	/**
	 * The clusters and points within `bounds` at `zoom`, each with what the filter leaves there.
	 * The zoom is rounded, not floored: at 4.99 the clusters of zoom 4 would hold points twice the
	 * radius apart (fitBounds lands on such zooms).
	 */
	view(bounds: Bounds, zoom: number): MapFeature[] {
		const clusters = (this.#clusters ??= new Supercluster<{ i: number }>({
			radius: CLUSTER_RADIUS,
			maxZoom: CLUSTER_MAX_ZOOM
		}).load(
			this.dataset.locations.map((location, i): PointFeature => ({
				type: 'Feature',
				geometry: { type: 'Point', coordinates: location.geometry.coordinates.slice(0, 2) },
				properties: { i }
			}))
		));
		const features: MapFeature[] = [];
		for (const found of clusters.getClusters(wrapBounds(bounds), Math.round(zoom))) {
			const coordinates = found.geometry.coordinates.slice(0, 2);
			const props = found.properties as { i: number } | ClusterProperties;
			if ('cluster' in props && props.cluster) {
				let claims = 0;
				for (const at of this.#leavesOf(props.cluster_id)) claims += this.#claimsAt[at]!;
				features.push({
					type: 'Feature',
					geometry: { type: 'Point', coordinates },
					properties: {
						cluster: true,
						cluster_id: props.cluster_id,
						places: props.point_count,
						claims,
						faded: claims === 0
					}
				});
			} else {
				const at = (props as { i: number }).i;
				const location = this.dataset.locations[at]!;
				features.push({
					type: 'Feature',
					id: at,
					geometry: { type: 'Point', coordinates },
					properties: {
						i: at,
						id: location.id,
						name: location.properties.name,
						claims: this.#claimsAt[at]!,
						status: this.#statusName(at),
						precision: location.properties.precision,
						faded: this.#claimsAt[at] === 0
					}
				});
			}
		}
		return features;
	}

	/** A cluster's places, once per cluster: the same for every filter. */
	#leavesOf(clusterId: number): Uint32Array {
		let leaves = this.#leaves.get(clusterId);
		if (!leaves) {
			leaves = Uint32Array.from(
				this.#clusters!.getLeaves(clusterId, Infinity),
				(leaf) => (leaf.properties as { i: number }).i
			);
			this.#leaves.set(clusterId, leaves);
		}
		return leaves;
	}

	clusterZoom(clusterId: number): number {
		return this.#clusters ? this.#clusters.getClusterExpansionZoom(clusterId) : 0;
	}
}

export function overviewOf(dataset: Dataset): Overview {
	return {
		meta: dataset.meta,
		counts: countsOf(dataset),
		bounds: boundsOf(dataset)
	};
}

function boundsOf(dataset: Dataset): Bounds | null {
	if (dataset.locations.length === 0) return null;
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const location of dataset.locations) {
		const [lon, lat] = location.geometry.coordinates;
		if (lon < west) west = lon;
		if (lon > east) east = lon;
		if (lat < south) south = lat;
		if (lat > north) north = lat;
	}
	return [west, south, east, north];
}

/** MapLibre's bounds run past ±180° when the world repeats; supercluster wants them within. */
export function wrapBounds([west, south, east, north]: Bounds): Bounds {
	const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));
	if (east - west >= 360) return [-180, clampLat(south), 180, clampLat(north)];
	const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
	return [wrap(west), clampLat(south), wrap(east), clampLat(north)];
}
