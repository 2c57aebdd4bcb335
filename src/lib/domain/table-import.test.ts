import { describe, expect, it } from 'vitest';
import { readTable, type Table } from './table.ts';
import {
	assignColumn,
	columnUses,
	detectDateFormat,
	guessMapping,
	readDate,
	type TableMapping
} from './table-mapping.ts';
import { tableToDataset } from './table-import.ts';
import type { Claim, LocationFeature, Source } from './schema.ts';

const OPTIONS = { fileName: 'incidents.csv', importedOn: '2025-01-02', today: '2025-01-02' };

function table(name: string, text: string): Table {
	const read = readTable(name, text);
	expect(read.errors).toEqual([]);
	return read.table!;
}

function guess(t: Table) {
	return guessMapping(
		t.header,
		t.rows.map((r) => r.cells)
	);
}

/** A messy export, as a newsroom's spreadsheet gives it: BOM, odd headers, a blank row. */
const MESSY =
	'\ufeffLatitude ,LONG,Place,Date of incident,Description,Source URL(s),Weapon,Status\r\n' +
	'48.5,35.1,Kharkiv,02/24/2022,Strike on a school,https://a.example/1|https://b.example/2,missile,Verified\r\n' +
	',,,,,,,\r\n' +
	'48.5,35.1,Kharkiv,03/13/2022,"Second strike, at night",https://c.example/3,,\r\n' +
	'50.45,30.52,Kyiv,10/08/2023,Drone over the centre,,drone,disputed\r\n';

describe('readTable', () => {
	it('strips the BOM, skips blank rows and numbers rows as a spreadsheet does', () => {
		const t = table('incidents.csv', MESSY);
		expect(t.header[0]).toBe('Latitude ');
		expect(t.header).toHaveLength(8);
		expect(t.rows.map((r) => r.label)).toEqual(['row 2', 'row 4', 'row 5']);
		expect(t.rows[1]!.cells[4]).toBe('Second strike, at night');
	});

	it('reads TSV by its name, and refuses cells beyond the header', () => {
		expect(table('a.tsv', 'a\tb\n1\t2\n').rows[0]!.cells).toEqual(['1', '2']);
		const read = readTable('a.csv', 'a,b\n1,2\n1,2,3\n');
		expect(read.table).toBeNull();
		expect(read.errors[0]).toMatchObject({ file: 'a.csv', record: 'row 3' });
		expect(read.errors[0]!.message).toContain('"3"');
	});

	it('reads a JSON array of objects, and one held under a key, naming its rows by path', () => {
		const t = table('x.json', JSON.stringify({ count: 2, data: [{ a: 1 }, { a: 2, b: [1] }] }));
		expect(t.header).toEqual(['a', 'b']);
		expect(t.rows).toEqual([
			{ label: 'data[0]', cells: ['1', ''] },
			{ label: 'data[1]', cells: ['2', '[1]'] }
		]);
		expect(readTable('x.json', JSON.stringify({ n: 1 })).errors[0]!.message).toContain(
			'not a table'
		);
	});
});

describe('dates', () => {
	it('reads US, European, month-name and ISO dates', () => {
		expect(readDate('02/24/2022', 'mdy')).toEqual({ ok: true, iso: '2022-02-24' });
		expect(readDate('24.02.2022', 'dmy')).toEqual({ ok: true, iso: '2022-02-24' });
		expect(readDate('October 8 2023', 'text')).toEqual({ ok: true, iso: '2023-10-08' });
		expect(readDate('8 Oct, 2023', 'text')).toEqual({ ok: true, iso: '2023-10-08' });
		expect(readDate('02/30/2022', 'mdy').ok).toBe(false);
	});

	it('tells the format from the values, and says when day and month cannot be told apart', () => {
		expect(detectDateFormat(['02/24/2022', '03/01/2022'])).toBe('mdy');
		expect(detectDateFormat(['24.02.2022', '01.03.2022'])).toBe('dmy');
		expect(detectDateFormat(['03.04.2022', '05.06.2022', ''])).toBe('ambiguous');
		expect(detectDateFormat(['2022-02-24', '2022-03'])).toBe('iso');
		expect(detectDateFormat(['October 8 2023'])).toBe('text');
		expect(detectDateFormat(['soon'])).toBeNull();
	});
});

describe('guessMapping', () => {
	it('maps messy headers by name and by value', () => {
		const { mapping, notes } = guess(table('incidents.csv', MESSY));
		expect(mapping.columns).toEqual({
			latitude: 'Latitude ',
			longitude: 'LONG',
			place: 'Place',
			occurred: 'Date of incident',
			description: 'Description',
			// Several links in a cell: evidence, not one source's URL.
			evidence: 'Source URL(s)',
			status: 'Status'
		});
		expect(mapping.dateFormats).toEqual({ occurred: 'mdy' });
		expect(mapping.evidenceSeparator).toBe('|');
		// Named as a facet: its values are the facet's, not text kept in a note.
		expect(mapping.facets).toEqual([{ column: 'Weapon' }]);
		expect(mapping.extra).toEqual([]);
		expect(notes).toEqual([]);
		// The mapping is plain JSON.
		expect(JSON.parse(JSON.stringify(mapping))).toEqual(mapping);
	});

	it('reads a single "lat, lon" column, a statement date and a source URL', () => {
		const t = table(
			'a.csv',
			'Coordinates,Statement date,Source,Claimed by,Text\n"48.1, 37.7",24.02.2022,https://x.example/a,Ministry,It happened\n'
		);
		const { mapping } = guess(t);
		expect(mapping.columns).toMatchObject({
			coordinates: 'Coordinates',
			said_on: 'Statement date',
			source_url: 'Source',
			claimant: 'Claimed by',
			description: 'Text'
		});
		expect(mapping.dateFormats).toEqual({ said_on: 'dmy' });
	});

	it('reports an ambiguous date column and gives it no format', () => {
		const t = table('a.csv', 'lat,lon,Date\n1,2,03/04/2022\n1,2,05/06/2022\n');
		const { mapping, notes } = guess(t);
		expect(mapping.columns.occurred).toBe('Date');
		expect(mapping.dateFormats).toBeUndefined();
		expect(notes[0]).toMatchObject({ column: 'Date', kind: 'ambiguous' });
	});

	it('finds the URL and caption keys of a JSON list of link objects', () => {
		const t = table(
			'a.json',
			JSON.stringify([
				{
					lat: 1,
					lon: 2,
					links: [{ url: 'https://a.example/v', text: 'the video', hidden: false }]
				}
			])
		);
		const { mapping } = guess(t);
		expect(mapping.columns.evidence).toBe('links');
		expect(mapping.evidenceKeys).toEqual({ url: 'url', caption: 'text' });
	});
});

describe('tableToDataset', () => {
	it('turns rows into places, claims, evidence and the table as the source', () => {
		const t = table('incidents.csv', MESSY);
		const { mapping } = guess(t);
		const result = tableToDataset(t, mapping, { ...OPTIONS, sha256: 'ab'.repeat(32) });
		expect(result.errors).toEqual([]);
		const ds = result.dataset!;
		// Rows 2 and 4 share Kharkiv.
		expect(ds.locations.map((l: LocationFeature) => [l.id, l.geometry.coordinates])).toEqual([
			['kharkiv', [35.1, 48.5]],
			['kyiv', [30.52, 50.45]]
		]);
		expect(ds.locations[0]!.properties.precision).toBe('unstated');
		expect(ds.locations[0]!.properties.coord_source).toBe('incidents.csv, row 2');
		const [a, b, c] = ds.claims as [Claim, Claim, Claim];
		expect(a).toMatchObject({
			id: 'row-2',
			claimant: 'table-author',
			said_on: null,
			occurred: '2022-02-24',
			description: 'Strike on a school',
			source: 'table',
			locations: ['kharkiv'],
			status: 'verified',
			tags: { weapon: 'missile' }
		});
		expect(a.note).toBeUndefined();
		expect(a.quote).toBeUndefined();
		expect(a.evidence).toEqual([
			{ kind: 'other', url: 'https://a.example/1' },
			{ kind: 'other', url: 'https://b.example/2' }
		]);
		expect(b).toMatchObject({ id: 'row-4', status: 'unverified', locations: ['kharkiv'] });
		expect(b.note).toBeUndefined();
		expect(c).toMatchObject({
			occurred: '2023-10-08',
			status: 'disputed',
			tags: { weapon: 'drone' }
		});
		expect(b.tags).toBeUndefined();
		expect(ds.meta.facets).toEqual([
			{
				id: 'weapon',
				label: 'Weapon',
				applies_to: 'claims',
				values: [
					{ id: 'missile', label: 'missile' },
					{ id: 'drone', label: 'drone' }
				]
			}
		]);
		const source = ds.sources[0] as Source;
		expect(source).toMatchObject({
			id: 'table',
			title: 'incidents.csv',
			retrieved_on: '2025-01-02',
			url: null
		});
		expect(source.note).toContain('ab'.repeat(32));
		expect(ds.actors).toMatchObject([{ id: 'table-author', name: 'The author of incidents.csv' }]);
		expect(result.warnings.map((w) => w.message).join('\n')).not.toContain('"Weapon"');
		expect(Object.keys(result.files!).sort()).toEqual([
			'actors.json',
			'claims.json',
			'dataset.json',
			'locations.geojson',
			'sources.json'
		]);
	});

	it('refuses an ambiguous date column without a format, naming row and column', () => {
		const t = table('a.csv', 'lat,lon,Date\n1,2,03/04/2022\n1,2,05/06/2022\n');
		const { mapping } = guess(t);
		const result = tableToDataset(t, mapping, OPTIONS);
		expect(result.files).toBeNull();
		expect(result.errors[0]).toMatchObject({
			file: 'incidents.csv',
			record: 'row 2',
			field: 'Date'
		});
		const given = tableToDataset(t, { ...mapping, dateFormats: { occurred: 'dmy' } }, OPTIONS);
		expect(given.dataset!.claims.map((c) => c.occurred)).toEqual(['2022-04-03', '2022-06-05']);
	});

	it('reads European dates, claimants, and sources named by the rows', () => {
		const t = table(
			'a.csv',
			'Coordinates,Statement date,Source,Publisher,Claimed by,Text\n' +
				'"48.1, 37.7",24.02.2022,https://x.example/a,Outlet,Ministry,It happened\n' +
				'"48.1, 37.7",25.02.2022,https://x.example/a,Outlet,,Again\n'
		);
		const result = tableToDataset(t, guess(t).mapping, OPTIONS);
		expect(result.errors).toEqual([]);
		const ds = result.dataset!;
		expect(ds.claims.map((c) => [c.said_on, c.claimant, c.source])).toEqual([
			['2022-02-24', 'ministry', 'source-1'],
			['2022-02-25', 'table-author', 'source-1']
		]);
		expect(ds.sources).toHaveLength(1);
		expect(ds.sources[0]).toMatchObject({ url: 'https://x.example/a', publisher: 'Outlet' });
		expect(ds.locations).toHaveLength(1);
		expect(ds.locations[0]!.properties.name).toBe('48.1, 37.7');
		expect(ds.actors.map((a) => a.id).sort()).toEqual(['ministry', 'table-author']);
	});

	it('makes evidence of JSON link objects and keeps their other keys in the claim’s extra', () => {
		const t = table(
			'strikes.json',
			JSON.stringify({
				data: [
					{
						lat: 47.1,
						lon: 37.5,
						summary: 'A strike on a depot',
						links: [
							{ url: 'https://v.example/1', text: 'Video of the strike', hidden: true },
							{ url: 'https://v.example/2', text: '' }
						]
					}
				]
			})
		);
		const result = tableToDataset(t, guess(t).mapping, { ...OPTIONS, fileName: 'strikes.json' });
		expect(result.errors).toEqual([]);
		const claim = result.dataset!.claims[0]!;
		expect(claim.id).toBe('data-0');
		expect(claim.description).toBe('A strike on a depot');
		expect(claim.evidence).toEqual([
			{ kind: 'other', url: 'https://v.example/1', caption: 'Video of the strike' },
			{ kind: 'other', url: 'https://v.example/2' }
		]);
		expect(claim.extra).toEqual({ 'links[1].hidden': 'true' });
		expect(claim.note).toBeUndefined();
	});

	it('splits a links column on ";" and names the row and column of a bad link', () => {
		const t = table(
			'a.csv',
			'lat,lon,Links\n1,2,https://a.example/x; https://b.example/y\n1,2,not a url\n'
		);
		const mapping: TableMapping = {
			columns: { latitude: 'lat', longitude: 'lon', evidence: 'Links' },
			evidenceSeparator: ';'
		};
		const result = tableToDataset(t, mapping, OPTIONS);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({
			file: 'incidents.csv',
			record: 'row 3',
			field: 'Links'
		});
		expect(result.errors[0]!.message).toContain('URL');
		const fixed = tableToDataset(
			table('a.csv', 'lat,lon,Links\n1,2,https://a.example/x; https://b.example/y\n'),
			mapping,
			OPTIONS
		);
		expect(fixed.dataset!.claims[0]!.evidence!.map((e) => e.url)).toEqual([
			'https://a.example/x',
			'https://b.example/y'
		]);
	});

	it('refuses an impossible mapping and values out of range, naming row and column', () => {
		const t = table('a.csv', 'lat,lon\n1,2\n95,2\nabc,2\n');
		expect(
			tableToDataset(t, { columns: { latitude: 'Lat', longitude: 'lon' } }, OPTIONS).errors[0]!
				.message
		).toContain('no column "Lat"');
		const result = tableToDataset(t, { columns: { latitude: 'lat', longitude: 'lon' } }, OPTIONS);
		expect(result.errors).toEqual([expect.objectContaining({ record: 'row 4', field: 'lat' })]);
		const ok = tableToDataset(
			table('a.csv', 'lat,lon\n1,2\n95,2\n'),
			{ columns: { latitude: 'lat', longitude: 'lon' } },
			OPTIONS
		);
		expect(ok.errors).toEqual([
			expect.objectContaining({ file: 'incidents.csv', record: 'row 3', field: 'lat' })
		]);
	});

	it('keeps a column mapped to quote as quotes, which the validator refuses without a text', () => {
		const t = table('a.csv', 'Quote\n"We did it"\n');
		const result = tableToDataset(t, { columns: { quote: 'Quote' } }, OPTIONS);
		expect(result.dataset).toBeNull();
		expect(result.errors.map((e) => e.message).join('\n')).toContain('no text file');
	});
});

describe('facets and figures from a table', () => {
	/** A monitor's table as the issue describes it: US dates, a links column, tags, a casualty
	 * figure that is sometimes "Unknown", a row id column. */
	const MONITOR =
		'ID,Lat,Lon,Date,Summary,Links,Tags,Area type,Civilians killed\n' +
		'1,48.5,35.1,02/24/2022,Strike on a school,https://a.example/1 https://a.example/2,"artillery; school",Residential,3\n' +
		'2,48.5,35.1,03/13/2022,Second strike,https://a.example/3,artillery,Residential,Unknown\n' +
		'3,50.45,30.52,10/08/2023,Drone over the centre,,"drone;  Drone ",Urban centre,0\n' +
		'4,50.45,30.52,10/09/2023,Debris,,,Residential,"1,204"\n';

	it('guesses the tags column (a list) and the area as facets, the killed as a figure, not the ID', () => {
		const { mapping } = guess(table('monitor.csv', MONITOR));
		expect(mapping.facets).toEqual([{ column: 'Tags', separator: ';' }, { column: 'Area type' }]);
		expect(mapping.numbers).toEqual([{ column: 'Civilians killed' }]);
		expect(mapping.extra).toEqual(['ID']);
		expect(mapping.columns).toMatchObject({ occurred: 'Date', evidence: 'Links' });
	});

	it('imports them: values declared with their labels, lists as lists, Unknown as null', () => {
		const t = table('monitor.csv', MONITOR);
		const result = tableToDataset(t, guess(t).mapping, OPTIONS);
		expect(result.errors).toEqual([]);
		const ds = result.dataset!;
		expect(ds.meta.facets).toEqual([
			{
				id: 'tags',
				label: 'Tags',
				applies_to: 'claims',
				multiple: true,
				values: [
					{ id: 'artillery', label: 'artillery' },
					{ id: 'school', label: 'school' },
					{ id: 'drone', label: 'drone' }
				]
			},
			{
				id: 'area-type',
				label: 'Area type',
				applies_to: 'claims',
				values: [
					{ id: 'residential', label: 'Residential' },
					{ id: 'urban-centre', label: 'Urban centre' }
				]
			}
		]);
		expect(ds.meta.numbers).toEqual([
			{ id: 'civilians-killed', label: 'Civilians killed', applies_to: 'claims' }
		]);
		expect(ds.claims.map((c) => [c.tags, c.numbers])).toEqual([
			[{ tags: ['artillery', 'school'], 'area-type': 'residential' }, { 'civilians-killed': 3 }],
			[{ tags: ['artillery'], 'area-type': 'residential' }, { 'civilians-killed': null }],
			// "drone" and " Drone " are one value.
			[{ tags: ['drone'], 'area-type': 'urban-centre' }, { 'civilians-killed': 0 }],
			[{ 'area-type': 'residential' }, { 'civilians-killed': 1204 }]
		]);
		expect(ds.claims.map((c) => c.occurred)).toEqual([
			'2022-02-24',
			'2022-03-13',
			'2023-10-08',
			'2023-10-09'
		]);
		expect(ds.claims[0]!.evidence).toHaveLength(2);
		// The ID column is listed, and kept in the claim's extra.
		expect(ds.claims[0]!.extra).toEqual({ ID: '1' });
	});

	it('a figure that is not one is refused, naming row and column', () => {
		const t = table('monitor.csv', 'lat,lon,Killed\n1,2,3\n1,2,a dozen\n');
		const result = tableToDataset(
			t,
			{ columns: { latitude: 'lat', longitude: 'lon' }, numbers: [{ column: 'Killed' }] },
			OPTIONS
		);
		expect(result.errors.map((e) => [e.record, e.field, e.message])).toEqual([
			[
				'row 3',
				'Killed',
				'"a dozen" is not a number (nor a word for unknown: "unknown", "n/a", "na", "?", "unclear", "not known")'
			]
		]);
	});

	it('a column read two ways is refused before any row', () => {
		const t = table('monitor.csv', MONITOR);
		const result = tableToDataset(
			t,
			{
				columns: { description: 'Summary' },
				facets: [{ column: 'Summary' }],
				numbers: [{ column: 'Nope' }]
			},
			OPTIONS
		);
		expect(result.errors.map((e) => e.message)).toEqual([
			'the mapping: facets[0]: column "Summary" is already read as description',
			'the mapping: numbers[0]: no column "Nope" in the header'
		]);
	});
});

describe('assignColumn: one column, one use', () => {
	const base: TableMapping = {
		columns: { latitude: 'Lat', longitude: 'Lon', description: 'Summary' },
		facets: [{ column: 'Tags', separator: ';' }],
		extra: ['ID']
	};

	it('moves a column to its new use, and the column it displaces to the note', () => {
		const next = assignColumn(base, 'ID', 'description');
		expect(next.columns).toEqual({ latitude: 'Lat', longitude: 'Lon', description: 'ID' });
		expect(next.extra).toEqual(['Summary']);
		expect(base.columns.description).toBe('Summary');
	});

	it('a facet takes its separator from the values; a figure, ignore and the note are uses too', () => {
		expect(assignColumn(base, 'Summary', 'facet', ['a | b', 'c']).facets).toEqual([
			{ column: 'Tags', separator: ';' },
			{ column: 'Summary', separator: '|' }
		]);
		const ignored = assignColumn(assignColumn(base, 'Tags', 'number'), 'ID', 'ignore');
		expect(ignored).toMatchObject({ numbers: [{ column: 'Tags' }], ignore: ['ID'] });
		expect(ignored.facets).toBeUndefined();
		expect(ignored.extra).toBeUndefined();
		expect(columnUses(ignored, ['Lat', 'Lon', 'Summary', 'Tags', 'ID', 'Other'])).toEqual([
			'latitude',
			'longitude',
			'description',
			'number',
			'ignore',
			'extra'
		]);
	});

	it('one "lat, lon" column replaces two; a quote replaces the description', () => {
		const next = assignColumn(base, 'ID', 'coordinates');
		expect(next.columns).toEqual({ coordinates: 'ID', description: 'Summary' });
		expect(next.extra).toEqual(['Lat', 'Lon']);
		expect(assignColumn(base, 'ID', 'quote').columns).toEqual({
			latitude: 'Lat',
			longitude: 'Lon',
			quote: 'ID'
		});
	});
});

describe('who geolocated a point, and dates as Excel stores them', () => {
	it('a geolocation column credits each name as an actor, once per place', () => {
		const t = table(
			'videos.csv',
			'Lat,Lon,Date,Geolocated by\n48.5,35.1,44616,Analyst A; Analyst B\n48.5,35.1,44617,Analyst B and Analyst C\n'
		);
		const { mapping } = guess(t);
		expect(mapping.columns).toMatchObject({ geolocated_by: 'Geolocated by', occurred: 'Date' });
		expect(mapping.dateFormats).toEqual({ occurred: 'excel' });
		const ds = tableToDataset(t, mapping, OPTIONS).dataset!;
		expect(ds.locations).toHaveLength(1);
		expect(ds.locations[0]!.properties.geolocated_by).toEqual([
			'analyst-a',
			'analyst-b',
			'analyst-c'
		]);
		expect(ds.actors.map((a) => a.name)).toEqual([
			'The author of incidents.csv',
			'Analyst A',
			'Analyst B',
			'Analyst C'
		]);
		expect(ds.claims.map((c) => c.occurred)).toEqual(['2022-02-24', '2022-02-25']);
	});

	it('reads an Excel day number, and refuses one before 1 March 1900', () => {
		expect(readDate('44616', 'excel')).toEqual({ ok: true, iso: '2022-02-24' });
		expect(readDate('45207', 'excel')).toEqual({ ok: true, iso: '2023-10-08' });
		expect(readDate('12', 'excel').ok).toBe(false);
		expect(readDate('44616.5', 'excel').ok).toBe(false);
		expect(detectDateFormat(['44616', '', '45207'])).toBe('excel');
	});
});
