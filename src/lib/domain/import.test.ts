import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { claim, datasetParts, location } from '../test-data/factories.ts';
import { formatIssue } from './issues.ts';
import { importFiles, type ImportFile } from './import.ts';
import { datasetFiles } from './validate.ts';

const errors = (files: ImportFile[]) => importFiles(files).errors.map(formatIssue);
const points = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const point = (
	id: string,
	coordinates: unknown,
	properties: Record<string, unknown> = { name: id }
) => ({
	type: 'Feature',
	id,
	geometry: { type: 'Point', coordinates },
	properties
});

describe('importing a dataset folder', () => {
	it('takes the files selected together, sources/*.txt by name', async () => {
		const files = Object.entries((await readDatasetFolder('geodata')).files).map(
			([name, content]) => ({
				name: `geodata/${name}`,
				content
			})
		);
		const result = importFiles(files);
		expect(result.errors).toEqual([]);
		expect(result.kind).toBe('folder');
		expect(result.dataset?.claims.length).toBeGreaterThan(10);
	});

	it('takes a .zip of the folder', async () => {
		const entries = Object.fromEntries(
			Object.entries((await readDatasetFolder('geodata')).files).map(([n, c]) => [
				`geodata/${n}`,
				c as Uint8Array
			])
		);
		const result = importFiles([{ name: 'geodata.zip', content: zipSync(entries) }]);
		expect(result.errors).toEqual([]);
		expect(result.dataset?.locations).toHaveLength(5);
	});

	it('names the user’s file in errors: a claim citing a missing place, a quote not in its source', () => {
		const files = datasetFiles(
			datasetParts({
				claims: [
					claim('c1', { locations: ['nowhere'] }),
					claim('c2', { quote: 'Not in the text.' })
				]
			})
		);
		const given = Object.entries(files).map(([name, content]) => ({
			name: `mine/${name}`,
			content
		}));
		expect(errors(given)).toEqual([
			'mine/claims.json: claim "c1" field "locations[0]": unknown location "nowhere": not in locations.geojson',
			'mine/claims.json: claim "c2" field "quote": not found verbatim in sources/s1.txt'
		]);
	});

	it('accepts a byte-order mark and CRLF line ends', () => {
		const given = Object.entries(datasetFiles(datasetParts())).map(([name, content]) => ({
			name,
			content: name.endsWith('.txt')
				? '\uFEFF' + content.replaceAll('\n', '\r\n')
				: '\uFEFF' + JSON.stringify(JSON.parse(content), null, 2).replaceAll('\n', '\r\n')
		}));
		expect(errors(given)).toEqual([]);
	});
});

describe('importing a plain GeoJSON file of points', () => {
	it('the places appear with no claims, their precision read as approximate', () => {
		const result = importFiles([
			{
				name: 'sites.geojson',
				content: points([
					point('a', [30, 50], { name: 'Alpha', country: 'UA' }),
					{ type: 'Feature', geometry: { type: 'Point', coordinates: [31, 51] }, properties: {} }
				])
			}
		]);
		expect(result.errors).toEqual([]);
		expect(result.kind).toBe('points');
		expect(result.dataset!.claims).toEqual([]);
		expect(
			result.dataset!.locations.map((l) => [
				l.id,
				l.properties.name,
				l.properties.country,
				l.properties.precision
			])
		).toEqual([
			['a', 'Alpha', 'UA', 'region'],
			['point-2-2', 'Point 2', null, 'region']
		]);
	});

	it.each([
		[
			'not JSON',
			'this is not json',
			['x.geojson: line 1 column 1: invalid JSON: unexpected character']
		],
		['an empty file', '', ['x.geojson: line 1 column 1: invalid JSON: the file is empty']],
		[
			'JSON but not a FeatureCollection',
			'{"type": "Feature"}',
			['x.geojson: field "type": expected a GeoJSON FeatureCollection, got "Feature"']
		],
		[
			'a feature with no geometry',
			points([{ type: 'Feature', id: 'a', properties: { name: 'A' } }]),
			['x.geojson: location "a" field "geometry": missing: expected an object']
		],
		[
			'a LineString',
			points([
				{
					type: 'Feature',
					id: 'a',
					geometry: {
						type: 'LineString',
						coordinates: [
							[0, 0],
							[1, 1]
						]
					},
					properties: {}
				}
			]),
			[
				'x.geojson: location "a" field "geometry.type": expected one of "Point"; got "LineString"',
				'x.geojson: location "a" field "geometry.coordinates[0]": expected a number, got an array',
				'x.geojson: location "a" field "geometry.coordinates[1]": expected a number, got an array'
			]
		],
		[
			'coordinates as strings',
			points([point('a', ['30.5', '50.4'])]),
			[
				'x.geojson: location "a" field "geometry.coordinates[0]": expected a number, got "30.5"',
				'x.geojson: location "a" field "geometry.coordinates[1]": expected a number, got "50.4"'
			]
		],
		[
			'latitude 95',
			points([point('a', [30, 95])]),
			[
				'x.geojson: location "a" field "geometry.coordinates[1]": expected a latitude in [-90, 90], got 95 (longitude and latitude look swapped: GeoJSON order is [longitude, latitude])'
			]
		],
		[
			'duplicate ids',
			points([point('a', [30, 50]), point('a', [31, 51])]),
			[
				'x.geojson: location "a" (at index 1) field "id": duplicate id: already used by the location at index 0'
			]
		]
	])('rejects %s, with every error', (_what, content, expected) => {
		expect(errors([{ name: 'x.geojson', content }])).toEqual(expected);
	});
});

describe('importing a CSV export', () => {
	it('needs its columns', () => {
		expect(errors([{ name: 'x.csv', content: 'a,b\r\n1,2\r\n' }])[0]).toMatch(
			/^x\.csv: missing columns: claim_id, location_id/
		);
	});

	it('an empty file says so', () => {
		expect(errors([{ name: 'x.csv', content: '' }])).toEqual(['x.csv: the file is empty']);
	});
});

describe('what is not a dataset', () => {
	it('two unrelated files are refused with a clear message', () => {
		expect(
			errors([
				{ name: 'a.png', content: 'x' },
				{ name: 'b.doc', content: 'y' }
			])[0]
		).toMatch(/^a\.png, b\.doc: not a dataset/);
	});

	it('a broken zip is named', () => {
		expect(errors([{ name: 'd.zip', content: new Uint8Array([1, 2, 3]) }])[0]).toMatch(
			/^d\.zip: not a readable \.zip archive/
		);
	});
});

it('keeps a big point file whole', () => {
	const features = Array.from({ length: 20_000 }, (_, i) =>
		point(`p-${i}`, [(i % 360) - 180, (i % 170) - 85])
	);
	const result = importFiles([{ name: 'big.geojson', content: points(features) }]);
	expect(result.errors).toEqual([]);
	expect(result.dataset!.locations).toHaveLength(20_000);
	void location;
});
