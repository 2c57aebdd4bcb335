/**
 * `npm run country-labels`: writes src/lib/map/country-labels.json, the basemap's label point
 * for each country (the centroid of its largest polygon, so that a label sits on the mainland
 * rather than between its islands) and its rank (the order of magnitude of that polygon's area in
 * m²: bigger countries are labelled first and at lower zooms), from Natural Earth 1:50m
 * (world-atlas, the basemap's own data). Worked out here, with turf, rather than in every browser:
 * the page then ships neither turf nor the work. A test keeps the file current.
 */
import area from '@turf/area';
import centroid from '@turf/centroid';
import { writeFile } from 'node:fs/promises';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-50m.json' with { type: 'json' };
import type { CountryLabels } from '../src/lib/map/basemap.ts';

export const OUT = 'src/lib/map/country-labels.json';

/** A country's mainland: its polygon of greatest area. */
function largestPolygon(geometry: Polygon | MultiPolygon | null): Polygon | null {
	if (!geometry) return null;
	if (geometry.type === 'Polygon') return geometry;
	let best: Polygon | null = null;
	let bestArea = -1;
	for (const coordinates of geometry.coordinates) {
		const polygon: Polygon = { type: 'Polygon', coordinates };
		const a = area(polygon);
		if (a > bestArea) {
			bestArea = a;
			best = polygon;
		}
	}
	return best;
}

export function countryLabels(): CountryLabels {
	const topology = world as unknown as Topology<{
		countries: GeometryCollection<{ name: string }>;
	}>;
	const countries = feature(topology, topology.objects.countries) as FeatureCollection<
		Polygon | MultiPolygon,
		{ name: string }
	>;
	const labels: CountryLabels['features'] = [];
	for (const country of countries.features) {
		const largest = largestPolygon(country.geometry);
		if (!largest || !country.properties?.name) continue;
		const [lon, lat] = (centroid(largest).geometry as Point).coordinates as [number, number];
		labels.push({
			type: 'Feature',
			// A ten-thousandth of a degree (about 10 m) is finer than a label needs.
			geometry: { type: 'Point', coordinates: [round(lon), round(lat)] },
			properties: {
				name: country.properties.name,
				rank: Math.round(Math.log10(Math.max(area(largest), 1)))
			}
		});
	}
	return { type: 'FeatureCollection', features: labels };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function serialize(labels: CountryLabels): string {
	return JSON.stringify(labels) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await writeFile(OUT, serialize(countryLabels()));
	console.log(`country-labels: wrote ${OUT}`);
}
