/**
 * A dataset's places as the map and the list need them, without their claims: ids, names,
 * points and precision, the clusters over the points, and the list's orders. Counts come from
 * outside (`PlaceCounts`): the full dataset's filter, or the built-in summary of the unfiltered
 * dataset (`place-summary.ts`) while the claims are still loading. One layer serves both, so that
 * the clusters are built once and their ids stay the same when the claims arrive.
 */
import Supercluster, { type ClusterProperties } from 'supercluster';
import { normalizeSearch } from '../domain/claim-filter.ts';
import { STATUSES } from '../domain/vocabulary.ts';
import type { Bounds, ListPage, MapFeature, SortKey } from './protocol.ts';

/**
 * Points closer than this many pixels (of a 512 px tile) make a cluster: circles that would
 * overlap. A cluster's disc has at most half this for radius (style.ts), so that two clusters
 * do not cover each other.
 */
export const CLUSTER_RADIUS = 32;
/** From this zoom on, every place is its own point. */
export const CLUSTER_MAX_ZOOM = 14;

/** The places, one entry per place in dataset order, as plain arrays (JSON as they are). */
export interface PlaceRecords {
	ids: string[];
	names: string[];
	/** Other spellings, for "find a place by name"; an empty list for most places. */
	altNames: string[][];
	precision: string[];
	/** Longitude and latitude, place after place. */
	points: number[];
}

/** Per place: claims that pass the filter, and their best status (an index into STATUSES, -1: none). */
export interface PlaceCounts {
	claimsAt: Uint32Array;
	statusAt: Int8Array;
}

type PointFeature = GeoJSON.Feature<GeoJSON.Point, { i: number }>;

export class PlaceLayer {
	readonly places: PlaceRecords;
	#byId: Map<string, number> | null = null;
	#nameOrder: Uint32Array | null = null;
	#normalized: string[] | null = null;
	#order: { sort: SortKey; counts: PlaceCounts; order: Uint32Array } | null = null;
	#clusters: Supercluster<{ i: number }> | null = null;
	readonly #leaves = new Map<number, Uint32Array>();

	constructor(places: PlaceRecords) {
		this.places = places;
	}

	get size(): number {
		return this.places.ids.length;
	}

	locate(id: string): { index: number; coordinates: [number, number] } | null {
		this.#byId ??= new Map(this.places.ids.map((id, at) => [id, at]));
		const at = this.#byId.get(id);
		if (at === undefined) return null;
		return { index: at, coordinates: this.#point(at) };
	}

	#point(at: number): [number, number] {
		return [this.places.points[2 * at]!, this.places.points[2 * at + 1]!];
	}

	/** Places in the list's order: by claims under the filter (then name), or by name. */
	list(counts: PlaceCounts, sort: SortKey, offset: number, limit: number, find = ''): ListPage {
		let order = this.#listOrder(counts, sort);
		const q = normalizeSearch(find);
		if (q) {
			// Names and their other spellings, normalised once per dataset.
			const { names, altNames } = this.places;
			const normalized = (this.#normalized ??= names.map((name, at) =>
				normalizeSearch([name, ...altNames[at]!].join(' '))
			));
			order = order.filter((at) => normalized[at]!.includes(q));
		}
		const items = [];
		for (let k = offset; k < Math.min(order.length, offset + limit); k++) {
			const at = order[k]!;
			items.push({
				index: at,
				id: this.places.ids[at]!,
				name: this.places.names[at]!,
				claims: counts.claimsAt[at]!,
				status: statusName(counts, at),
				faded: counts.claimsAt[at] === 0
			});
		}
		return { total: order.length, offset, items };
	}

	#listOrder(counts: PlaceCounts, sort: SortKey): Uint32Array {
		if (this.#order?.sort === sort && (sort === 'name' || this.#order.counts === counts))
			return this.#order.order;
		// The names' order, once per dataset: a collator compares far faster than localeCompare.
		if (!this.#nameOrder) {
			const { compare } = new Intl.Collator();
			const names = this.places.names;
			this.#nameOrder = Uint32Array.from(names.keys()).sort((a, b) =>
				compare(names[a]!, names[b]!)
			);
		}
		let order = this.#nameOrder;
		if (sort === 'claims') {
			const rank = new Uint32Array(order.length);
			order.forEach((at, k) => (rank[at] = k));
			const claims = counts.claimsAt;
			order = Uint32Array.from(order).sort(
				(a, b) => claims[b]! - claims[a]! || rank[a]! - rank[b]!
			);
		}
		this.#order = { sort, counts, order };
		return order;
	}

	/**
	 * The clusters and points within `bounds` at `zoom`, each with what the filter leaves there.
	 * The zoom is rounded, not floored: at 4.99 the clusters of zoom 4 would hold points twice the
	 * radius apart (fitBounds lands on such zooms).
	 */
	view(counts: PlaceCounts, bounds: Bounds, zoom: number): MapFeature[] {
		const clusters = (this.#clusters ??= new Supercluster<{ i: number }>({
			radius: CLUSTER_RADIUS,
			maxZoom: CLUSTER_MAX_ZOOM
		}).load(
			this.places.ids.map((_, i): PointFeature => ({
				type: 'Feature',
				geometry: { type: 'Point', coordinates: this.#point(i) },
				properties: { i }
			}))
		));
		const features: MapFeature[] = [];
		for (const found of clusters.getClusters(wrapBounds(bounds), Math.round(zoom))) {
			const coordinates = found.geometry.coordinates.slice(0, 2);
			const props = found.properties as { i: number } | ClusterProperties;
			if ('cluster' in props && props.cluster) {
				let claims = 0;
				for (const at of this.#leavesOf(props.cluster_id)) claims += counts.claimsAt[at]!;
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
				features.push({
					type: 'Feature',
					id: at,
					geometry: { type: 'Point', coordinates },
					properties: {
						i: at,
						id: this.places.ids[at]!,
						name: this.places.names[at]!,
						claims: counts.claimsAt[at]!,
						status: statusName(counts, at),
						precision: this.places.precision[at]!,
						faded: counts.claimsAt[at] === 0
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

	/** [west, south, east, north] of every place; null when there is none. */
	bounds(): Bounds | null {
		if (this.size === 0) return null;
		let west = Infinity;
		let south = Infinity;
		let east = -Infinity;
		let north = -Infinity;
		const { points } = this.places;
		for (let k = 0; k < points.length; k += 2) {
			const lon = points[k]!;
			const lat = points[k + 1]!;
			if (lon < west) west = lon;
			if (lon > east) east = lon;
			if (lat < south) south = lat;
			if (lat > north) north = lat;
		}
		return [west, south, east, north];
	}
}

export function statusName({ statusAt }: PlaceCounts, at: number) {
	const s = statusAt[at]!;
	return s < 0 ? ('none' as const) : STATUSES[s]!;
}

/** MapLibre's bounds run past ±180° when the world repeats; supercluster wants them within. */
export function wrapBounds([west, south, east, north]: Bounds): Bounds {
	const clampLat = (lat: number) => Math.max(-90, Math.min(90, lat));
	if (east - west >= 360) return [-180, clampLat(south), 180, clampLat(north)];
	const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
	return [wrap(west), clampLat(south), wrap(east), clampLat(north)];
}
