import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readTableFile } from './table-files.ts';
import { guessMapping } from './table-mapping.ts';
import { tableToDataset } from './table-import.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const OPTIONS = { fileName: 'x', importedOn: '2025-01-02', today: '2025-01-02' };

describe('GeoJSON as a table', () => {
	const collection = {
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				geometry: { type: 'Point', coordinates: [30.5234, 50.4501] },
				properties: { name: 'Kyiv', date: '2023-10-08', tags: ['drone'], latitude: 'as typed' }
			},
			{
				type: 'Feature',
				geometry: {
					type: 'Polygon',
					coordinates: [
						[
							[30, 50],
							[32, 50],
							[32, 52],
							[30, 52],
							[30, 50]
						]
					]
				},
				properties: { name: 'An area' }
			},
			{ type: 'Feature', geometry: null, properties: { name: 'Nowhere' } }
		]
	};

	it('a row per feature: its point, a shape at its centroid (said), its properties as columns', async () => {
		const read = await readTableFile('umap.geojson', bytes(JSON.stringify(collection)));
		expect(read.errors).toEqual([]);
		const t = read.table!;
		// A property named like a geometry column keeps its name; the geometry's is set apart.
		expect(t.header).toEqual([
			'geometry latitude',
			'longitude',
			'name',
			'date',
			'tags',
			'latitude',
			'geometry'
		]);
		expect(t.rows.map((r) => r.label)).toEqual(['features[0]', 'features[1]', 'features[2]']);
		expect(t.rows[0]!.cells).toEqual([
			'50.4501',
			'30.5234',
			'Kyiv',
			'2023-10-08',
			'["drone"]',
			'as typed',
			''
		]);
		expect(t.rows[1]!.cells.slice(0, 2)).toEqual(['51', '31']);
		expect(t.rows[1]!.cells.at(-1)).toBe('Polygon');
		expect(read.warnings[0]!.message).toContain('1 feature(s) are lines or areas');
	});

	it('a .json holding a FeatureCollection is read as one', async () => {
		const read = await readTableFile('export.json', bytes(JSON.stringify(collection)));
		expect(read.table?.kind).toBe('geojson');
	});
});

describe('KML as a table', () => {
	const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>My map</name>
<Placemark><name>Sergiyevsky training ground</name><description>Filmed on 18 October</description>
<TimeStamp><when>2024-10-18</when></TimeStamp><Point><coordinates>131.6686,44.3269,0</coordinates></Point></Placemark>
<Placemark><name>Ussuriysk</name><Point><coordinates>131.9458,43.8029</coordinates></Point></Placemark>
</Document></kml>`;

	it('reads Placemarks (as Google My Maps and uMap write them) into rows the guess maps', async () => {
		const read = await readTableFile('mymap.kml', bytes(KML));
		expect(read.errors).toEqual([]);
		const t = read.table!;
		expect(t.kind).toBe('kml');
		expect(t.rows.map((r) => r.label)).toEqual(['Placemark 1', 'Placemark 2']);
		const { mapping } = guessMapping(
			t.header,
			t.rows.map((r) => r.cells)
		);
		expect(mapping.columns).toMatchObject({
			latitude: 'latitude',
			longitude: 'longitude',
			place: 'name',
			description: 'description'
		});
		const result = tableToDataset(t, mapping, { ...OPTIONS, fileName: 'mymap.kml' });
		expect(result.errors).toEqual([]);
		expect(
			result.dataset!.locations.map((l) => [l.properties.name, l.geometry.coordinates])
		).toEqual([
			['Sergiyevsky training ground', [131.6686, 44.3269]],
			['Ussuriysk', [131.9458, 43.8029]]
		]);
	});

	it('refuses what is not XML, saying so', async () => {
		const read = await readTableFile('bad.kml', bytes('<kml><Placemark>'));
		expect(read.table).toBeNull();
		expect(read.errors[0]!.message).toMatch(/^not readable as KML/);
	});
});

/** A real (minimal) Office Open XML workbook: the parts Excel writes, zipped. */
function workbook(rows: (string | number | { date: number })[][], sheets = ['Events']) {
	const ref = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;
	const strings: string[] = [];
	const cell = (v: string | number | { date: number }, r: number, c: number) => {
		if (typeof v === 'number') return `<c r="${ref(r, c)}"><v>${v}</v></c>`;
		if (typeof v === 'object') return `<c r="${ref(r, c)}" s="1"><v>${v.date}</v></c>`;
		strings.push(v);
		return `<c r="${ref(r, c)}" t="s"><v>${strings.length - 1}</v></c>`;
	};
	const sheetXml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
		.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, r, c)).join('')}</row>`)
		.join('')}</sheetData></worksheet>`;
	const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	const files: Record<string, Uint8Array> = {
		'[Content_Types].xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`
		),
		'_rels/.rels': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		),
		'xl/workbook.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`
		),
		'xl/styles.xml': strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`
		)
	};
	files['xl/worksheets/sheet1.xml'] = strToU8(sheetXml);
	for (let i = 1; i < sheets.length; i++)
		files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
			`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`
		);
	files['xl/sharedStrings.xml'] = strToU8(
		`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`
	);
	return zipSync(files);
}

describe('Excel (.xlsx) as a table', () => {
	it('the first sheet, dates as Excel stores them read as days, numbers as numbers', async () => {
		const book = workbook(
			[
				['Latitude', 'Longitude', 'Date', 'Description', 'Killed'],
				[49.9935, 36.2304, { date: 44616 }, 'Strike on a school', 3],
				[],
				[50.4501, 30.5234, { date: 45207 }, 'Drone & debris', 'Unknown']
			],
			['Events', 'Notes']
		);
		const read = await readTableFile('monitor.xlsx', book);
		expect(read.errors).toEqual([]);
		const t = read.table!;
		expect(t.header).toEqual(['Latitude', 'Longitude', 'Date', 'Description', 'Killed']);
		expect(t.rows).toEqual([
			{ label: 'row 2', cells: ['49.9935', '36.2304', '2022-02-24', 'Strike on a school', '3'] },
			{ label: 'row 4', cells: ['50.4501', '30.5234', '2023-10-08', 'Drone & debris', 'Unknown'] }
		]);
		expect(read.warnings[0]!.message).toContain('"Notes"');
		const { mapping } = guessMapping(
			t.header,
			t.rows.map((r) => r.cells)
		);
		const result = tableToDataset(t, mapping, { ...OPTIONS, fileName: 'monitor.xlsx' });
		expect(result.errors).toEqual([]);
		expect(result.dataset!.claims.map((c) => [c.occurred, c.numbers])).toEqual([
			['2022-02-24', { killed: 3 }],
			['2023-10-08', { killed: null }]
		]);
	});

	it('refuses a file that is not a workbook, saying so', async () => {
		const read = await readTableFile('notes.xlsx', bytes('just text'));
		expect(read.table).toBeNull();
		expect(read.errors[0]!.message).toMatch(/^not readable as an Excel workbook/);
	});
});
