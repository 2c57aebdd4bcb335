/**
 * GeoJSON and KML as tables, as uMap, geojson.io, kepler.gl and Google My Maps export them: a row
 * per feature, its point as `latitude` and `longitude` columns (a line's or a polygon's centroid,
 * with a `geometry` column saying which it was), its properties as the other columns. KML is read
 * by `@tmcw/togeojson` on a DOM parsed by `@xmldom/xmldom` (no browser DOM: this runs in the
 * worker and in Node), which never runs or fetches anything.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import centroid from '@turf/centroid';
import type { Feature, Geometry } from 'geojson';
import type { DatasetIssue } from './issues.ts';
import { describeKeyIssue, parseJson } from './json.ts';
import { tableOfObjects, type TableRead } from './table.ts';

const issue = (file: string, message: string, record?: string): DatasetIssue => ({
	severity: 'error',
	file,
	record,
	message
});

export function readGeoJsonTable(fileName: string, text: string): TableRead {
	const parsed = parseJson(text);
	if (!parsed.ok)
		return {
			table: null,
			errors: [
				{
					severity: 'error',
					file: fileName,
					line: parsed.line,
					column: parsed.column,
					message: parsed.message
				}
			],
			warnings: []
		};
	const keyErrors = parsed.keyIssues.map((k) => issue(fileName, describeKeyIssue(k)));
	if (keyErrors.length) return { table: null, errors: keyErrors, warnings: [] };
	return featuresTable(fileName, 'geojson', parsed.value, (i) => `features[${i}]`);
}

export function readKmlTable(fileName: string, text: string): TableRead {
	const problems: string[] = [];
	let doc;
	try {
		doc = new DOMParser({
			onError: (level, message) => {
				if (level !== 'warning') problems.push(message);
			}
		}).parseFromString(text, 'text/xml');
	} catch (error) {
		// xmldom throws on what it cannot recover from (a tag never closed).
		problems.push((error as Error).message);
	}
	if (problems.length || !doc?.documentElement)
		return {
			table: null,
			errors: [issue(fileName, `not readable as KML: ${problems[0] ?? 'no document'}`)],
			warnings: []
		};
	const collection = kml(doc as unknown as Document);
	return featuresTable(fileName, 'kml', collection, (i) => `Placemark ${i + 1}`);
}

function featuresTable(
	fileName: string,
	kind: 'geojson' | 'kml',
	value: unknown,
	label: (i: number) => string
): TableRead {
	const collection = value as { type?: unknown; features?: unknown };
	if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
		return {
			table: null,
			errors: [issue(fileName, 'not a table: a GeoJSON FeatureCollection was expected')],
			warnings: []
		};
	const features = collection.features as Feature<Geometry | null>[];
	const errors: DatasetIssue[] = [];
	const warnings: DatasetIssue[] = [];
	const keys = new Set(features.flatMap((f) => Object.keys(f?.properties ?? {})));
	// The geometry's columns, named apart from any property of the same name.
	const named = (name: string) => (keys.has(name) ? `geometry ${name}` : name);
	const [lat, lon, kindColumn] = [named('latitude'), named('longitude'), named('geometry')];
	let shapes = 0;
	const items = features.map((feature, i) => {
		const values: Record<string, unknown> = {};
		const geometry = feature?.geometry;
		if (feature?.type !== 'Feature')
			errors.push(issue(fileName, 'a Feature was expected', label(i)));
		else if (geometry) {
			let point: number[] | undefined;
			if (geometry.type === 'Point') point = geometry.coordinates;
			else {
				point = centroid(feature as Feature<Geometry>).geometry.coordinates;
				shapes++;
			}
			values[lat] = point[1];
			values[lon] = point[0];
			if (geometry.type !== 'Point') values[kindColumn] = geometry.type;
		}
		return { label: label(i), values: { ...values, ...(feature?.properties ?? {}) } };
	});
	if (errors.length) return { table: null, errors, warnings };
	if (shapes)
		warnings.push({
			severity: 'warning',
			file: fileName,
			message: `${shapes} feature(s) are lines or areas, not points: each is placed at its centroid, and its column ${JSON.stringify(kindColumn)} says what it was`
		});
	return { table: tableOfObjects(fileName, kind, items), errors, warnings };
}
