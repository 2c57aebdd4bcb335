/**
 * The properties of the "places" layer: per place what the app's map draws (lid, name,
 * claims, status, precision) and its counts by status; per cluster supercluster's own and the
 * same counts summed, through supercluster's `map` and `reduce`.
 */
import type { LocationClaims } from '../domain/join.ts';
import { STATUSES, type Status } from '../domain/vocabulary.ts';
import type { ClusterTileProperties, PlaceTileProperties, StatusCounts } from './format.ts';

/** The best-supported status that has a claim (STATUSES is in order of support), or none. */
function summaryStatus(byStatus: Record<Status, number>): Status | 'none' {
	return STATUSES.find((status) => byStatus[status] > 0) ?? 'none';
}

export function placeProperties(entry: LocationClaims): PlaceTileProperties {
	return {
		lid: entry.location.id,
		name: entry.location.properties.name,
		claims: entry.claims.length,
		status: summaryStatus(entry.byStatus),
		precision: entry.location.properties.precision,
		...entry.byStatus
	};
}

/** What a cluster accumulates. */
export type ClusterCounts = StatusCounts & { claims: number };

/** supercluster's `map`: a fresh object per point, since `reduce` adds into it. */
export function clusterMap(place: PlaceTileProperties): ClusterCounts {
	const counts = { claims: place.claims } as ClusterCounts;
	for (const status of STATUSES) counts[status] = place[status];
	return counts;
}

/** supercluster's `reduce`. */
export function clusterReduce(into: ClusterCounts, other: Readonly<ClusterCounts>): void {
	into.claims += other.claims;
	for (const status of STATUSES) into[status] += other[status];
}

/** supercluster's properties of a cluster. */
export interface SuperclusterProperties {
	cluster: true;
	cluster_id: number;
	point_count: number;
	point_count_abbreviated: string | number;
}

/** A cluster's feature properties: a string abbreviation always, the summary status, the zoom. */
export function clusterProperties(
	cluster: SuperclusterProperties & ClusterCounts,
	expansionZoom: number
): ClusterTileProperties {
	const counts = {} as StatusCounts;
	for (const status of STATUSES) counts[status] = cluster[status];
	return {
		cluster: true,
		cluster_id: cluster.cluster_id,
		point_count: cluster.point_count,
		point_count_abbreviated: String(cluster.point_count_abbreviated),
		claims: cluster.claims,
		status: summaryStatus(counts),
		expansion_zoom: expansionZoom,
		...counts
	};
}

/** TileJSON `vector_layers[].fields` of the layer: each property and its type. */
export const PLACES_FIELDS: Record<string, 'String' | 'Number' | 'Boolean'> = {
	lid: 'String',
	name: 'String',
	claims: 'Number',
	status: 'String',
	precision: 'String',
	...(Object.fromEntries(STATUSES.map((s) => [s, 'Number'])) as Record<string, 'Number'>),
	cluster: 'Boolean',
	cluster_id: 'Number',
	point_count: 'Number',
	point_count_abbreviated: 'String',
	expansion_zoom: 'Number'
};
