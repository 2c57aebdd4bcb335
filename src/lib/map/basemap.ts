/**
 * The offline basemap: Natural Earth 1:50m from the `world-atlas` package, shipped as TopoJSON
 * (236 kB gzipped, against some 700 kB for the same data as GeoJSON) and turned into GeoJSON in the
 * browser with `topojson-client`: land, country borders, and a label point per country.
 */
import area from '@turf/area';
import centroid from '@turf/centroid';
import type {
	Feature,
	FeatureCollection,
	MultiLineString,
	MultiPolygon,
	Point,
	Polygon
} from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface Basemap {
	land: FeatureCollection<Polygon | MultiPolygon>;
	borders: Feature<MultiLineString>;
	countryLabels: FeatureCollection<Point, { name: string; rank: number }>;
}

type Countries = Topology<{
	countries: GeometryCollection<{ name: string }>;
	land: GeometryCollection;
}>;

export function basemapFromTopology(topology: Countries): Basemap {
	const land = feature(topology, topology.objects.land) as FeatureCollection<
		Polygon | MultiPolygon
	>;
	// Borders between two countries only; coasts come from the land polygons' outline.
	const borders = {
		type: 'Feature',
		properties: {},
		geometry: mesh(topology, topology.objects.countries, (a, b) => a !== b)
	} as Feature<MultiLineString>;
	const countries = feature(topology, topology.objects.countries) as FeatureCollection<
		Polygon | MultiPolygon,
		{ name: string }
	>;
	const labels: Feature<Point, { name: string; rank: number }>[] = [];
	for (const country of countries.features) {
		const largest = largestPolygon(country.geometry);
		if (!largest || !country.properties?.name) continue;
		const size = area(largest);
		labels.push({
			type: 'Feature',
			geometry: centroid(largest).geometry,
			// Bigger countries are labelled first and at lower zooms.
			properties: { name: country.properties.name, rank: Math.round(Math.log10(Math.max(size, 1))) }
		});
	}
	return { land, borders, countryLabels: { type: 'FeatureCollection', features: labels } };
}

/** A country's mainland: its polygon of greatest area (a label on it, not between its islands). */
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
