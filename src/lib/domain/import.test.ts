import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { TEXT, claim, datasetParts, location } from '../test-data/factories.ts';
import { CSV_COLUMNS, exportCsv, serializeExport } from './export.ts';
import { formatIssue } from './issues.ts';
import { importFiles, normalizeLineBreaks, type ImportFile } from './import.ts';
import type { Dataset } from './schema.ts';
import { datasetFiles, type DatasetParts } from './validate.ts';

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

/** The dataset of the factories, as a whole `Dataset`. */
const small = (over: Partial<DatasetParts> = {}): Dataset =>
	({ meta: { name: 'Small' }, ...datasetParts(over) }) as Dataset;
const text = { name: 's1.txt', content: TEXT };
/** The CSV export's row for the factories' claim c1 at l1, as cells by column. */
const baseRow = (): Record<string, string> =>
	Papa.parse<Record<string, string>>(exportCsv(small(), small().claims), {
		header: true,
		skipEmptyLines: true
	}).data[0]!;
/** A CSV of the export's columns (or `fields`), each row the base row with some cells changed. */
const csvOf = (rows: Record<string, string>[], fields: string[] = [...CSV_COLUMNS]) =>
	Papa.unparse(
		{ fields, data: rows.map((r) => fields.map((f) => ({ ...baseRow(), ...r })[f] ?? '')) },
		{ newline: '\r\n' }
	) + '\r\n';
const csvErrors = (rows: Record<string, string>[], fields?: string[]) =>
	errors([{ name: 'x.csv', content: csvOf(rows, fields) }, text]);
const bytes = (s: string) => new TextEncoder().encode(s);
/** `s` as bytes with the byte 0xE9 (é in Windows-1252) in place of the first `@`. */
const latin1 = (s: string) => {
	const b = bytes(s);
	b[s.indexOf('@')] = 0xe9;
	return b;
};

describe('decoding: every reader refuses what is not UTF-8, against the user’s file', () => {
	it('a CSV', () => {
		const csv = csvOf([{ quote: 'caf@ near the river' }]);
		expect(errors([{ name: 'x.csv', content: latin1(csv) }, text])).toEqual([
			`x.csv: line 2: not UTF-8 text: invalid byte 0xE9 at byte offset ${csv.indexOf('@')}; looks like Windows-1252 (save the file as UTF-8)`
		]);
	});

	it('a GeoJSON file', () => {
		const content = points([point('a', [1, 2], { name: 'caf@' })]);
		expect(errors([{ name: 'x.geojson', content: latin1(content) }])[0]).toMatch(
			/^x\.geojson: line 1: not UTF-8 text: invalid byte 0xE9 at byte offset \d+;/
		);
	});

	it('a source text beside a CSV, and a file in a zip, named as the user gave them', () => {
		expect(
			errors([
				{ name: 'x.csv', content: csvOf([{}]) },
				{ name: 'texts/s1.txt', content: latin1('We saw troops near the river @') }
			])[0]
		).toMatch(/^texts\/s1\.txt: line 1: not UTF-8 text: invalid byte 0xE9/);
		const files = datasetFiles(datasetParts());
		const zip = zipSync(
			Object.fromEntries(
				Object.entries(files).map(([n, c]) => [
					`d/${n}`,
					n === 'claims.json' ? latin1(c.replace('river', 'river@')) : bytes(c)
				])
			)
		);
		expect(errors([{ name: 'd.zip', content: zip }])).toEqual([
			expect.stringMatching(/^d\.zip\/d\/claims\.json: line 1: not UTF-8 text: invalid byte 0xE9/)
		]);
	});

	it('a dataset folder’s files given as bytes are decoded by the validator', () => {
		const given = Object.entries(datasetFiles(datasetParts())).map(([name, content]) => ({
			name,
			content: bytes(content)
		}));
		expect(errors(given)).toEqual([]);
	});
});

/** A nested export of the factories' dataset, as an object to break. */
const nested = (over: Partial<DatasetParts> = {}) =>
	JSON.parse(serializeExport('nested', small(over), small(over).claims, exportContext));
/** The parsed file, loosely typed: the tests break its shapes. */
type NestedFile = ReturnType<typeof nested>;
const exportContext = {
	exportedAt: '2026-12-01T10:00:00.000Z',
	tool: { name: 'claims-map', version: '0.1.0' },
	filter: {}
};
const nestedErrors = (change: (file: ReturnType<typeof nested>) => void) => {
	const file = nested({
		locations: [location('l1'), location('l2')],
		claims: [
			claim('c1', { locations: ['l1', 'l2'] }),
			claim('r1', {
				locations: [],
				quote: 'Officials could not confirm it.',
				responds_to: 'c1',
				stance: 'cannot_confirm',
				said_on: '2024-10-19'
			})
		]
	});
	change(file);
	return errors([{ name: 'x.geojson', content: JSON.stringify(file) }]);
};

describe('nested GeoJSON: every shape is checked, with its path', () => {
	it('is what the export writes: one claim under each place it cites, its response beneath', () => {
		expect(nestedErrors(() => {})).toEqual([]);
	});

	it('refuses a key given twice, which reading the file would lose', () => {
		const text = JSON.stringify(nested()).replace('"quote":', '"quote":"Other words.","quote":');
		expect(errors([{ name: 'x.geojson', content: text }])).toEqual([
			'x.geojson: field "features[0].properties.claims[0].quote": the key "quote" is given twice, at lines 1 and 1: only one value can be kept, so say which'
		]);
	});

	it.each([
		[
			'a null feature',
			(f: NestedFile) => (f.features[1] = null),
			['x.geojson: features[1]: expected a Feature object, got null']
		],
		[
			'null properties',
			(f: NestedFile) => (f.features[0].properties = null),
			[
				'x.geojson: features[0].properties: expected an object (the place’s properties and claims), got null'
			]
		],
		[
			'claims as an object',
			(f: NestedFile) => (f.features[0].properties.claims = {}),
			['x.geojson: features[0].properties.claims: expected an array of claims, got an object']
		],
		[
			'a null claim',
			(f: NestedFile) => f.features[0].properties.claims.push(null),
			['x.geojson: features[0].properties.claims[1]: expected a claim object, got null']
		],
		[
			'responses missing',
			(f: NestedFile) => delete f.features[0].properties.claims[0].responses[0].responses,
			[
				'x.geojson: features[0].properties.claims[0].responses[0].responses: expected an array of claims, got nothing'
			]
		],
		[
			'a null claimant',
			(f: NestedFile) =>
				(f.claims_map.unlocated_claims = [
					{ ...f.features[0].properties.claims[0], id: 'c9', claimant: null, responses: [] }
				]),
			[
				'x.geojson: claims_map.unlocated_claims[0] field "claimant": expected the actor as an object with an id, got null'
			]
		],
		[
			'claims_map.sources as an object',
			(f: NestedFile) => (f.claims_map.sources = { s1: f.claims_map.sources[0] }),
			['x.geojson: claims_map.sources: expected an array of sources, got an object']
		],
		[
			'a null source',
			(f: NestedFile) => f.claims_map.sources.push(null),
			['x.geojson: claims_map.sources[1]: expected a source object, got null']
		],
		[
			'a source without its text',
			(f: NestedFile) => delete f.claims_map.sources[0].text,
			[
				'x.geojson: claims_map.sources[0] field "text": expected the source’s full text as a string, got nothing'
			]
		],
		[
			'claims_map.actors missing',
			(f: NestedFile) => delete f.claims_map.actors,
			['x.geojson: claims_map.actors: expected an array of actors, got nothing']
		],
		[
			'a null actor',
			(f: NestedFile) => (f.claims_map.actors = [null, ...f.claims_map.actors]),
			['x.geojson: claims_map.actors[0]: expected an actor object, got null']
		],
		[
			'unlocated_claims as a string',
			(f: NestedFile) => (f.claims_map.unlocated_claims = 'none'),
			['x.geojson: claims_map.unlocated_claims: expected an array of claims, got "none"']
		],
		[
			'a claim inlining another actor than claims_map’s',
			(f: NestedFile) => (f.features[1].properties.claims[0].claimant.name = 'Someone else'),
			[
				'x.geojson: features[1].properties.claims[0] field "claimant": actor "a1" differs from claims_map.actors[0] (in "name")'
			]
		],
		[
			'a claim inlining another source than claims_map’s',
			(f: NestedFile) => (f.features[0].properties.claims[0].source.title = 'Other'),
			[
				'x.geojson: features[0].properties.claims[0] field "source": source "s1" differs from claims_map.sources[0] (in "title")'
			]
		],
		[
			'a response moved under another claim',
			(f: NestedFile) => {
				for (const feature of f.features)
					feature.properties.claims[0].responses[0].responds_to = 'c2';
			},
			[0, 1].map(
				(i) =>
					`x.geojson: features[${i}].properties.claims[0].responses[0] field "responds_to": placed among the responses to claim "c1", but responds to "c2"`
			)
		],
		[
			'a claim listed at a place it does not cite',
			(f: NestedFile) => (f.features[1].properties.claims[0].locations = ['l1']),
			[
				'x.geojson: features[1].properties.claims[0] field "locations": listed at location "l2", which it does not cite',
				'x.geojson: features[1].properties.claims[0] field "locations": claim "c1" differs from features[0].properties.claims[0]'
			]
		],
		[
			'two versions of a claim under two places',
			(f: NestedFile) => (f.features[1].properties.claims[0].quote = 'We saw troops.'),
			[
				'x.geojson: features[1].properties.claims[0] field "quote": claim "c1" differs from features[0].properties.claims[0]'
			]
		],
		[
			'two versions of a response',
			(f: NestedFile) => {
				f.features[1].properties.claims[0].responses[0].status = 'disputed';
			},
			[
				'x.geojson: features[1].properties.claims[0].responses[0] field "status": claim "r1" differs from features[0].properties.claims[0].responses[0]'
			]
		],
		[
			'a claim both placed and unlocated, differing',
			(f: NestedFile) =>
				f.claims_map.unlocated_claims.push({
					...f.features[0].properties.claims[0],
					said_on: '2024-10-17'
				}),
			[
				'x.geojson: claims_map.unlocated_claims[0] field "said_on": claim "c1" differs from features[0].properties.claims[0]'
			]
		],
		[
			'a flat export',
			(f: NestedFile) => (f.claims_map.format = 'flat'),
			[
				'x.geojson: claims_map field "format": a flat export cannot be imported (it holds no actors, sources or texts): import the nested GeoJSON export, or the CSV export with its sources’ .txt files'
			]
		],
		[
			'claims_map null',
			(f: NestedFile) => (f.claims_map = null),
			['x.geojson: claims_map: expected the nested export’s claims_map (format "nested"), got null']
		],
		[
			'features not an array',
			(f: NestedFile) => (f.features = {}),
			['x.geojson: field "features": expected an array of features, got an object']
		]
	])('%s', (_what, change, expected) => {
		expect(nestedErrors(change)).toEqual(expected);
	});

	it('the same claim repeated identically (keys in another order) is one claim', () => {
		const file = nested({
			locations: [location('l1'), location('l2')],
			claims: [claim('c1', { locations: ['l1', 'l2'] })]
		});
		const twice = file.features[1].properties.claims[0];
		file.features[1].properties.claims[0] = Object.fromEntries(Object.entries(twice).reverse());
		const result = importFiles([{ name: 'x.geojson', content: JSON.stringify(file) }]);
		expect(result.errors).toEqual([]);
		expect(result.dataset!.claims.map((c) => [c.id, c.locations])).toEqual([['c1', ['l1', 'l2']]]);
	});

	/** A nested export whose first claim has a chain of `depth` responses, each under the last. */
	function chainOf(depth: number): string {
		const file = nested();
		const { responses: _none, ...top } = file.features[0].properties.claims[0];
		// Each response written with its (empty) responses last, opened for the next one.
		const node = (i: number) =>
			JSON.stringify({
				...top,
				id: `r${i}`,
				quote: 'Officials could not confirm it.',
				responds_to: i === 1 ? 'c1' : `r${i - 1}`,
				stance: 'cannot_confirm',
				responses: []
			}).slice(0, -3);
		const parts: string[] = [];
		for (let i = 1; i <= depth; i++) parts.push(node(i));
		const chain = parts.join('[') + '[]}' + ']}'.repeat(depth - 1);
		return JSON.stringify(file).replace('"responses":[]', `"responses":[${chain}]`);
	}

	it('a chain of 100,000 responses is refused by the JSON depth limit, not by a crash', () => {
		const found = errors([{ name: 'x.geojson', content: chainOf(100_000) }]);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(
			/^x\.geojson: line 1 column \d+: invalid JSON: nesting deeper than 512 levels \(the most a dataset file may have\)$/
		);
	}, 60_000);

	it('a chain past the response depth limit is read whole, then refused by the validator', () => {
		const result = importFiles([{ name: 'x.geojson', content: chainOf(150) }]);
		expect(result.errors.map(formatIssue)).toEqual([
			'x.geojson (claims): claim "r101" field "responds_to": responses nest deeper than 100 levels (a response to a response to …): answer an earlier claim of the chain instead'
		]);
		expect(
			importFiles([{ name: 'x.geojson', content: chainOf(100) }]).dataset?.claims
		).toHaveLength(101);
	});
});

describe('plain GeoJSON points: every shape is checked, with its path', () => {
	it.each([
		[[null], 'x.geojson: features[0]: expected a Feature object, got null'],
		[[point('a', [1, 2]), 'a'], 'x.geojson: features[1]: expected a Feature object, got "a"'],
		[
			[{ ...point('a', [1, 2]), properties: [] }],
			'x.geojson: features[0].properties: expected an object or null, got an array'
		],
		[
			[{ ...point('a', [1, 2]), id: { a: 1 } }],
			'x.geojson: features[0].id: expected a string or a number, got an object'
		]
	])('%j', (features, expected) => {
		expect(errors([{ name: 'x.geojson', content: points(features) }])).toEqual([expected]);
	});

	it('null properties are allowed (RFC 7946)', () => {
		const result = importFiles([
			{ name: 'x.geojson', content: points([{ ...point('a', [1, 2]), properties: null }]) }
		]);
		expect(result.errors).toEqual([]);
		expect(result.dataset!.locations[0]!.properties.name).toBe('Point 1');
	});

	it('a GeoJSON file is imported alone', () => {
		expect(errors([{ name: 'x.geojson', content: points([]) }, text])).toEqual([
			's1.txt: cannot be combined with the GeoJSON file x.geojson: a GeoJSON import is that one file (a nested export carries its sources’ texts)'
		]);
	});
});

describe('two files for one dataset file are an error naming both, never last-wins', () => {
	const folder = (prefix: string) =>
		Object.entries(datasetFiles(datasetParts())).map(([name, content]) => ({
			name: `${prefix}/${name}`,
			content
		}));

	it('two claims.json in a folder selection', () => {
		const given = [...folder('a'), ...folder('b').filter((f) => f.name === 'b/claims.json')];
		expect(errors(given)).toEqual([
			'b/claims.json: a second claims.json, besides a/claims.json: a dataset has one, and files are not merged (import one folder at a time)'
		]);
	});

	it('two folders in one zip', () => {
		const zip = zipSync(
			Object.fromEntries([...folder('a'), ...folder('b')].map((f) => [f.name, bytes(f.content)]))
		);
		expect(errors([{ name: 'd.zip', content: zip }])).toContain(
			'd.zip/b/sources/s1.txt: a second sources/s1.txt, besides d.zip/a/sources/s1.txt: a dataset has one, and files are not merged (import one folder at a time)'
		);
	});

	it('two texts of one source beside a CSV', () => {
		expect(
			errors([{ name: 'x.csv', content: csvOf([{}]) }, text, { name: 'old/s1.txt', content: TEXT }])
		).toEqual([
			'old/s1.txt: a second sources/s1.txt, besides s1.txt: a dataset has one, and files are not merged (import one folder at a time)'
		]);
	});
});

describe('CSV: what is read, and what is refused with a precise message', () => {
	it('the base row imports', () => {
		expect(csvErrors([{}])).toEqual([]);
	});

	it.each([
		['0x2B', 'longitude'],
		['Infinity', 'longitude'],
		['', 'latitude'],
		[' 10', 'longitude'],
		['10,5', 'latitude'],
		['+10', 'longitude'],
		['1e400', 'latitude']
	])('coordinate %j is not a decimal number', (value, column) => {
		expect(csvErrors([{ [column]: value }])).toEqual([
			`x.csv: row 2 field "${column}": expected a decimal number, got ${JSON.stringify(value)}`
		]);
	});

	it('decimal coordinates, exponents included, are read as numbers', () => {
		const result = importFiles([
			{ name: 'x.csv', content: csvOf([{ longitude: '-0.1250', latitude: '5e1' }]) },
			text
		]);
		expect(result.errors).toEqual([]);
		expect(result.dataset!.locations[0]!.geometry.coordinates).toEqual([-0.125, 50]);
	});

	it('a header without rows', () => {
		expect(errors([{ name: 'x.csv', content: CSV_COLUMNS.join(',') + '\r\n\r\n' }])).toEqual([
			'x.csv: the CSV has a header but no rows'
		]);
	});

	it('a duplicate column', () => {
		const at = CSV_COLUMNS.indexOf('quote') + 1;
		expect(csvErrors([{}], [...CSV_COLUMNS, 'quote'])).toEqual([
			`x.csv: row 1: duplicate column "quote" (columns ${at} and ${CSV_COLUMNS.length + 1})`
		]);
	});

	it('unknown columns', () => {
		expect(csvErrors([{ notes: 'x' }], [...CSV_COLUMNS, 'notes', ''])).toEqual([
			'x.csv: unknown columns: "notes", "": not columns of the CSV export (nor the tag.<id> and number.<id> columns of declared facets and figures), and their values would be lost'
		]);
	});

	it('a row with more fields than the header', () => {
		const csv = csvOf([{}]).replace(/\r\n$/, ',extra\r\n');
		expect(errors([{ name: 'x.csv', content: csv }, text])).toEqual([
			`x.csv: row 2: has ${CSV_COLUMNS.length + 1} fields, the header has ${CSV_COLUMNS.length}`
		]);
	});

	it('a row without an id', () => {
		expect(csvErrors([{}, { claim_id: '' }])).toEqual([
			'x.csv: row 3 field "claim_id": empty: every row needs this id'
		]);
	});

	it('a place’s columns in a row that cites no place', () => {
		const noPlace = Object.fromEntries(
			[
				'location_id',
				'location_name',
				'location_kind',
				'location_country',
				'location_precision',
				'latitude'
			].map((c) => [c, ''])
		);
		expect(csvErrors([{ ...noPlace, longitude: '10', location_kind: 'city' }])).toEqual([
			'x.csv: row 2 field "location_kind": expected nothing in a row with no location_id, got "city"',
			'x.csv: row 2 field "longitude": expected nothing in a row with no location_id, got "10"'
		]);
	});

	it('given with a dataset folder’s files', () => {
		expect(
			errors([
				{ name: 'x.csv', content: csvOf([{}]) },
				{ name: 'd/claims.json', content: '[]' },
				{ name: 'd/actors.json', content: '[]' }
			])
		).toEqual([
			'x.csv: a CSV export cannot be combined with a dataset folder’s files (d/claims.json, d/actors.json): import the CSV with its sources’ .txt files, or the folder, not both'
		]);
	});

	it('given with another file', () => {
		expect(
			errors([{ name: 'x.csv', content: csvOf([{}]) }, text, { name: 'notes.md', content: '#' }])
		).toEqual([
			'notes.md: cannot be combined with the CSV export x.csv: it takes only its sources’ .txt files beside it'
		]);
	});

	it('mixed line endings are read as the rows they show; a quote’s own CRLF stays', () => {
		const quotes = ['Line one\r\nline two', 'Line three\nline four', 'Line five'];
		const parts = datasetParts({
			claims: quotes.map((quote, i) => claim(`c${i}`, { quote })),
			texts: { s1: quotes.join('\n\n') }
		});
		const csv = exportCsv(small(parts), small(parts).claims);
		// Rows end in CRLF, LF and CR; the quotes' own line breaks are inside quoted fields.
		const ends = ['\n', '\r', '\r\n'];
		let k = 0;
		const mixed = csv.replace(/\r\n(?=c\d|$)/g, () => ends[k++ % 3]!);
		expect(mixed).not.toBe(csv);
		const result = importFiles([
			{ name: 'x.csv', content: mixed },
			{ name: 's1.txt', content: parts.texts.s1! }
		]);
		expect(result.errors).toEqual([]);
		expect(result.dataset!.claims.map((c) => c.quote)).toEqual(quotes);
	});

	it('normalizeLineBreaks touches only breaks outside quoted fields', () => {
		expect(normalizeLineBreaks('a,"x\r\ny"\r\nb,c\rd,"e\r"\n')).toBe('a,"x\r\ny"\nb,c\nd,"e\r"\n');
		// A quote inside an unquoted field opens nothing (as papaparse reads it).
		expect(normalizeLineBreaks('a,x"y\r\nb,"c""\r\n"\r\n')).toBe('a,x"y\nb,"c""\r\n"\n');
	});
});

describe('CSV: the rows of one record must agree, or the import names both rows', () => {
	const place2 = { location_id: 'l2', location_name: 'l2', longitude: '11', latitude: '51' };
	it('identical repeats merge: a claim at two places, a row given twice', () => {
		const result = importFiles([{ name: 'x.csv', content: csvOf([{}, place2, {}]) }, text]);
		expect(result.errors).toEqual([]);
		expect(result.dataset!.claims.map((c) => c.locations)).toEqual([['l1', 'l2']]);
	});

	it('a claim with two quotes', () => {
		expect(csvErrors([{}, { ...place2, quote: 'We saw troops.' }])).toEqual([
			'x.csv: row 3 field "quote": claim "c1" differs from row 2 ("We saw troops." here, "We saw troops near the river." there)'
		]);
	});

	it('quotes that differ past what a message shows say where', () => {
		const long = 'x'.repeat(70);
		expect(csvErrors([{ quote: `${long}a` }, { ...place2, quote: `${long}b` }])).toContain(
			`x.csv: row 3 field "quote": claim "c1" differs from row 2 ("${'x'.repeat(57)}…" here, "${'x'.repeat(57)}…" there), differing from character 71`
		);
	});

	it('a place with two coordinates, names, countries', () => {
		expect(csvErrors([{}, { claim_id: 'c2', longitude: '10.5', location_country: 'FR' }])).toEqual([
			'x.csv: row 3 field "location_country": location "l1" differs from row 2 ("FR" here, "DE" there)',
			'x.csv: row 3 field "longitude": location "l1" differs from row 2 ("10.5" here, "10" there)'
		]);
	});

	it('a claim given a row with no place beside its row with a place, either way round', () => {
		const noPlace = {
			location_id: '',
			location_name: '',
			location_kind: '',
			location_country: '',
			location_precision: '',
			longitude: '',
			latitude: ''
		};
		expect(csvErrors([{}, noPlace])).toEqual([
			'x.csv: row 3 field "location_id": claim "c1" has no place here but one in row 2: a claim has a row per place it cites, or one row with no place'
		]);
		expect(csvErrors([noPlace, {}])).toEqual([
			'x.csv: row 3 field "location_id": claim "c1" has a place here but none in row 2: a claim has a row per place it cites, or one row with no place'
		]);
	});

	it('the same coordinate written two ways is one', () => {
		expect(csvErrors([{}, { claim_id: 'c2', longitude: '10.0' }])).toEqual([]);
	});

	it('an actor with two names, a source with two titles', () => {
		expect(
			csvErrors([{}, { claim_id: 'c2', claimant: 'Other name', source_title: 'Other title' }])
		).toEqual([
			'x.csv: row 3 field "claimant": actor "a1" differs from row 2 ("Other name" here, "Actor a1" there)',
			'x.csv: row 3 field "source_title": source "s1" differs from row 2 ("Other title" here, "A title" there)'
		]);
	});
});

describe('CSV: the columns of a dataset’s facets and figures', () => {
	it('come back as declared facets and figures on their records, unknown as null', async () => {
		const folder = await readDatasetFolder('tests/fixtures/format2');
		const original = importFiles(
			Object.entries(folder.files).map(([name, content]) => ({
				name: `format2/${name}`,
				content: typeof content === 'string' ? new TextEncoder().encode(content) : content
			}))
		).dataset!;
		const csv = exportCsv(original, original.claims);
		const texts = Object.entries(original.texts).map(([id, text]) => ({
			name: `texts/${id}.txt`,
			content: new TextEncoder().encode(text)
		}));
		const result = importFiles([
			{ name: 'table.csv', content: new TextEncoder().encode(csv) },
			...texts
		]);
		expect(result.errors.map(formatIssue)).toEqual([]);
		const back = result.dataset!;
		expect(back.meta.facets).toEqual([
			// The CSV carries the value ids, not their labels, nor values no record takes.
			{
				id: 'weapon',
				label: 'weapon',
				applies_to: 'claims',
				values: [{ id: 'drone', label: 'drone' }]
			},
			{
				id: 'area',
				label: 'area',
				applies_to: 'locations',
				values: [
					{ id: 'industrial', label: 'industrial' },
					{ id: 'transport', label: 'transport' }
				]
			}
		]);
		expect(back.meta.numbers?.map((n) => n.id)).toEqual(['killed', 'tanks']);
		const depot = back.claims.find((c) => c.id === 'monitor-depot-struck')!;
		// One value in every cell: a facet of one value, as a value rather than a list of one.
		expect(depot.tags).toEqual({ weapon: 'drone' });
		expect(depot.numbers).toEqual({ killed: null, tanks: 3 });
		expect(back.locations.find((l) => l.id === 'crossing')!.properties.tags).toEqual({
			area: 'transport'
		});
		expect(exportCsv(back, back.claims)).toBe(csv);
	});

	it('a figure that is not a number, or rows of one claim that disagree, are refused by row', () => {
		const fields = [...CSV_COLUMNS, 'number.killed', 'tag.weapon'];
		expect(
			csvErrors(
				[{ 'number.killed': 'a few' }, { 'number.killed': 'a few', 'tag.weapon': 'drone' }],
				fields
			)
		).toEqual([
			'x.csv: row 3 field "tag.weapon": claim "c1" differs from row 2 ("drone" here, "" there)',
			'x.csv: row 2 field "number.killed": expected a number or "unknown", got "a few"'
		]);
	});
});
