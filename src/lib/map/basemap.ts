/**
 * The offline basemap: Natural Earth 1:50m from the `world-atlas` package, shipped as TopoJSON
 * (236 kB gzipped, against some 700 kB for the same data as GeoJSON) and turned into GeoJSON in the
 * browser with `topojson-client`: land and country borders. The label point of each country is
 * worked out once, by `npm run country-labels`, and ships as a file of its own.
 */
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

export type CountryLabels = FeatureCollection<Point, { name: string; rank: number }>;

export interface Basemap {
	land: FeatureCollection<Polygon | MultiPolygon>;
	borders: Feature<MultiLineString>;
	countryLabels: CountryLabels;
}

type Countries = Topology<{
	countries: GeometryCollection<{ name: string }>;
	land: GeometryCollection;
}>;

export function basemapFromTopology(topology: Countries, countryLabels: CountryLabels): Basemap {
	const land = feature(topology, topology.objects.land) as FeatureCollection<
		Polygon | MultiPolygon
	>;
	// Borders between two countries only; coasts come from the land polygons' outline.
	const borders = {
		type: 'Feature',
		properties: {},
		geometry: mesh(topology, topology.objects.countries, (a, b) => a !== b)
	} as Feature<MultiLineString>;
	return { land, borders, countryLabels };
}
