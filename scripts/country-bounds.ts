/**
 * `npm run country-bounds`: writes src/lib/domain/country-bounds.json, the bounding box of each
 * country by ISO 3166-1 alpha-2 code, from Natural Earth 1:50m (world-atlas, the basemap's own
 * data). The validator warns of a point that lies outside the box of the country it gives, and of
 * one that would lie inside it with longitude and latitude swapped. A test keeps the file current.
 */
import { writeFile } from 'node:fs/promises';
import countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import world from 'world-atlas/countries-50m.json' with { type: 'json' };

export const OUT = 'src/lib/domain/country-bounds.json';

/** [west, south, east, north] of each part, merged; a country across the antimeridian spans all. */
function bounds(geometry: Polygon | MultiPolygon): [number, number, number, number] {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	const rings: Position[][] =
		geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
	for (const ring of rings) {
		for (const [x, y] of ring) {
			w = Math.min(w, x!);
			e = Math.max(e, x!);
			s = Math.min(s, y!);
			n = Math.max(n, y!);
		}
	}
	// Outward to a tenth of a degree: the box is for a warning, so it may be a little generous.
	const out = (v: number, up: boolean) => (up ? Math.ceil(v * 10) : Math.floor(v * 10)) / 10;
	return [out(w, false), out(s, false), out(e, true), out(n, true)];
}

export function countryBounds(): Record<string, [number, number, number, number]> {
	const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
	const collection = feature(topology, topology.objects.countries) as unknown as {
		features: Feature<Polygon | MultiPolygon>[];
	};
	const out: Record<string, [number, number, number, number]> = {};
	for (const f of collection.features) {
		const code = f.id === undefined ? undefined : countries.numericToAlpha2(String(f.id));
		if (!code || !f.geometry) continue;
		out[code] = bounds(f.geometry);
	}
	return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function serialize(table: Record<string, number[]>): string {
	const lines = Object.entries(table).map(([code, box]) => `\t"${code}": [${box.join(', ')}]`);
	return `{\n${lines.join(',\n')}\n}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await writeFile(OUT, serialize(countryBounds()));
	console.log(`country-bounds: wrote ${OUT}`);
}
