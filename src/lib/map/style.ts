/**
 * The map style: the offline basemap and the location layers, added once. No `glyphs` and no
 * remote source: labels are drawn with the font the page ships, so nothing leaves the origin.
 * https://maplibre.org/maplibre-style-spec/
 */
import type { FeatureCollection } from 'geojson';
import type {
	ExpressionSpecification,
	LayerSpecification,
	StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
// In order of support, best first: a place is coloured by its best-supported claim.
import { STATUSES } from '../domain/vocabulary.ts';
import { BASEMAP_COLORS, CLUSTER_COLOR, LABEL_FONT, STATUS_COLORS } from './palette.ts';

export const SOURCES = {
	land: 'land',
	borders: 'borders',
	countryLabels: 'country-labels',
	locations: 'locations'
};
export const LAYERS = {
	locationHalo: 'locations-precision-halo',
	locations: 'locations',
	locationLabels: 'location-labels',
	clusters: 'clusters',
	clusterLabels: 'cluster-labels',
	/** Only over a tiled dataset: a ring around the selected place, found by its id. */
	tilesSelected: 'tiles-selected'
};
/** The vector source of a tiled dataset's places (`?tiles=`). */
export const TILES_SOURCE = 'tiles-places';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The data worker sends what is in view with the filter's counts in the properties: the claims
 * that pass, their best status, and whether none passes (the place fades but stays).
 */
const claimsNow: ExpressionSpecification = ['to-number', ['get', 'claims']];
const statusNow: ExpressionSpecification = ['to-string', ['get', 'status']];
const faded: ExpressionSpecification = ['boolean', ['get', 'faded'], false];
const isCluster: ExpressionSpecification = ['has', 'cluster'];
const isPlace: ExpressionSpecification = ['!', isCluster];

const statusColor: ExpressionSpecification = [
	'match',
	statusNow,
	...STATUSES.flatMap((s) => [s, STATUS_COLORS[s]]),
	STATUS_COLORS.none
] as unknown as ExpressionSpecification;

/** Area grows with the number of claims (radius with its square root), so size reads as a count. */
export const radius: ExpressionSpecification = [
	'interpolate',
	['linear'],
	['sqrt', claimsNow],
	0,
	5,
	1,
	7,
	10,
	24
];

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/** The ring of a point whose precision is not stated. */
export const UNSTATED_RING = '#9ca3af';

/** How far the precision halo reaches beyond the circle, in pixels: none for a `site`. */
export const HALO_PX = { settlement: 6, region: 14 } as const;

export function buildStyle(): StyleSpecification {
	const layers: LayerSpecification[] = [
		{ id: 'sea', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
		{
			id: 'land',
			type: 'fill',
			source: SOURCES.land,
			paint: { 'fill-color': BASEMAP_COLORS.land }
		},
		{
			id: 'coast',
			type: 'line',
			source: SOURCES.land,
			paint: { 'line-color': BASEMAP_COLORS.coast, 'line-width': 0.7 }
		},
		{
			id: 'borders',
			type: 'line',
			source: SOURCES.borders,
			paint: {
				'line-color': BASEMAP_COLORS.border,
				'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 6, 1.2]
			}
		},
		{
			id: 'country-labels',
			type: 'symbol',
			source: SOURCES.countryLabels,
			filter: [
				'>=',
				['get', 'rank'],
				['-', 12, ['floor', ['zoom']]]
			] as unknown as ExpressionSpecification,
			layout: {
				'text-field': ['get', 'name'],
				'text-font': [LABEL_FONT],
				'text-size': 11,
				'text-transform': 'uppercase',
				'text-letter-spacing': 0.08,
				'symbol-sort-key': ['-', 0, ['get', 'rank']]
			},
			paint: {
				'text-color': BASEMAP_COLORS.countryLabel,
				'text-halo-color': BASEMAP_COLORS.land,
				'text-halo-width': 1
			}
		},
		...placeLayers(SOURCES.locations)
	];
	return {
		version: 8,
		sources: {
			[SOURCES.land]: { type: 'geojson', data: empty },
			[SOURCES.borders]: { type: 'geojson', data: empty },
			[SOURCES.countryLabels]: { type: 'geojson', data: empty },
			[SOURCES.locations]: { type: 'geojson', data: empty }
		},
		layers
	};
}

/**
 * The places' layers over a source: the data worker's GeoJSON in the style, or a tiled dataset's
 * vector source (with its `source-layer`), which the controller puts in their stead.
 */
export function placeLayers(source: string, sourceLayer?: string): LayerSpecification[] {
	const layers: LayerSpecification[] = [
		{
			// A soft halo for points that stand for an area: the wider, the less exact.
			id: LAYERS.locationHalo,
			type: 'circle',
			source,
			// None for a site (exact) nor for an unstated precision: a radius there would be invented.
			filter: [
				'all',
				isPlace,
				['match', ['get', 'precision'], ['settlement', 'region'], true, false]
			],
			paint: {
				'circle-radius': [
					'+',
					radius,
					['match', ['get', 'precision'], 'region', HALO_PX.region, HALO_PX.settlement]
				],
				'circle-color': statusColor,
				'circle-opacity': [
					'case',
					faded,
					0.05,
					['match', ['get', 'precision'], 'region', 0.14, 0.24]
				],
				'circle-stroke-color': statusColor,
				'circle-stroke-width': 1,
				'circle-stroke-opacity': 0.5
			}
		},
		{
			id: LAYERS.locations,
			type: 'circle',
			source,
			filter: isPlace,
			paint: {
				'circle-radius': ['case', selected, ['+', radius, 2], radius],
				'circle-color': statusColor,
				// A place with no claim left under the filter fades but stays, so the map keeps its shape.
				'circle-opacity': ['case', faded, 0.25, 0.92],
				'circle-stroke-opacity': ['case', faded, 0.4, 1],
				// A site is ringed dark (exact); an area's point is ringed white inside its halo; a point
				// whose precision nobody stated is ringed grey, with no halo.
				'circle-stroke-color': [
					'case',
					['any', selected, hovered],
					'#111827',
					['match', ['get', 'precision'], 'site', '#1f2937', 'unstated', UNSTATED_RING, '#ffffff']
				],
				'circle-stroke-width': ['case', selected, 4, hovered, 3, 1.5]
			}
		},
		{
			// Places close enough to overlap, as one neutral disc: a cluster has no one status, so its
			// colour claims none; its area and number are the claims there that pass the filter.
			id: LAYERS.clusters,
			type: 'circle',
			source,
			filter: isCluster,
			paint: {
				// At most half the cluster radius (dataset-view.ts): neighbouring clusters stay apart.
				'circle-radius': ['interpolate', ['linear'], ['sqrt', claimsNow], 0, 9, 10, 13, 100, 16],
				'circle-color': CLUSTER_COLOR,
				'circle-opacity': ['case', faded, 0.25, 0.85],
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': 2
			}
		},
		{
			id: LAYERS.clusterLabels,
			type: 'symbol',
			source,
			filter: isCluster,
			layout: {
				'text-field': ['to-string', claimsNow],
				'text-font': [LABEL_FONT],
				'text-size': 12,
				'text-allow-overlap': true
			},
			paint: { 'text-color': '#ffffff' }
		},
		{
			id: LAYERS.locationLabels,
			type: 'symbol',
			source,
			filter: isPlace,
			layout: {
				'text-field': ['get', 'name'],
				'text-font': [LABEL_FONT],
				'text-size': 13,
				'text-anchor': 'top',
				'text-offset': [0, 1.1],
				'text-optional': true,
				'symbol-sort-key': ['-', 0, ['get', 'claims']]
			},
			paint: {
				'text-color': '#111827',
				'text-halo-color': '#ffffff',
				'text-halo-width': 1.5,
				'text-opacity': ['case', faded, 0.35, 1]
			}
		}
	];
	if (sourceLayer === undefined) return layers;
	return layers.map((layer) => ({ ...layer, 'source-layer': sourceLayer }) as LayerSpecification);
}

/**
 * The ring around the selected place of a tiled dataset. Its tiles' feature ids are not known
 * before a click (a `?location=` link has only the id), so the place is found by its `lid`.
 */
export function tilesSelectedLayer(sourceLayer: string, lid: string): LayerSpecification {
	return {
		id: LAYERS.tilesSelected,
		type: 'circle',
		source: TILES_SOURCE,
		'source-layer': sourceLayer,
		filter: selectedFilter(lid),
		paint: {
			'circle-radius': ['+', radius, 2],
			'circle-opacity': 0,
			'circle-stroke-color': '#111827',
			'circle-stroke-width': 4
		}
	};
}

export function selectedFilter(lid: string): ExpressionSpecification {
	return ['all', isPlace, ['==', ['get', 'lid'], lid]];
}
