/**
 * The locations as the map draws them: one Point feature per location, with a numeric feature id
 * (its index, which `feature-state` needs) and only the properties the layers read.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { JoinResult, LocationClaims } from './join.ts';
import type { Precision, Status } from './vocabulary.ts';

/** Best-supported first: the colour of a place is its best-supported claim's status. */
export const STATUS_PRECEDENCE: readonly Status[] = [
	'verified',
	'corroborated',
	'unverified',
	'disputed',
	'false'
];

export interface LocationFeatureProperties {
	/** The location's id in the dataset (the feature id is its index). */
	lid: string;
	name: string;
	claims: number;
	/** Status of the best-supported claim here, or `none` when no claim cites the place. */
	status: Status | 'none';
	precision: Precision;
}

export function summaryStatus(byStatus: Record<Status, number>): Status | 'none' {
	for (const status of STATUS_PRECEDENCE) if (byStatus[status] > 0) return status;
	return 'none';
}

export function locationFeatures(
	joined: JoinResult
): FeatureCollection<Point, LocationFeatureProperties> {
	return {
		type: 'FeatureCollection',
		features: joined.locations.map((entry: LocationClaims, index) => ({
			type: 'Feature',
			id: index,
			geometry: {
				type: 'Point',
				coordinates: [
					entry.location.geometry.coordinates[0],
					entry.location.geometry.coordinates[1]
				]
			},
			properties: {
				lid: entry.location.id,
				name: entry.location.properties.name,
				claims: entry.claims.length,
				status: summaryStatus(entry.byStatus),
				precision: entry.location.properties.precision
			}
		}))
	};
}
