import Papa from 'papaparse';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateFolder } from '../../../scripts/read-dataset.ts';
import { actor, claim, location, source } from '../test-data/factories.ts';
import {
	CSV_COLUMNS,
	FORMULA_ESCAPE,
	exportCsv,
	exportFileName,
	exportFlat,
	exportNested,
	serializeExport,
	unescapeFormula,
	type ExportContext
} from './export.ts';
import { importFiles } from './import.ts';
import type { Dataset } from './schema.ts';

const context: ExportContext = {
	exportedAt: '2026-12-01T10:00:00.000Z',
	tool: { name: 'claims-map', version: '0.1.0' },
	filter: {}
};

async function seed(): Promise<Dataset> {
	return (await validateFolder('geodata')).dataset!;
}

/** Quotes that break naive writers: commas, doubled quotes, line breaks, emoji, right-to-left text. */
const TRICKY = [
	'Troops, tanks, and "volunteers" arrived',
	'He said "no" — then, "yes"',
	'Line one\nline two',
	'🛰️ satellite images show it 🔥',
	'قال المتحدث "إنهم هنا"',
	'It\'s -- really; odd,"" stuff'
];

function trickyDataset(): Dataset {
	const text = TRICKY.join('\n\n');
	return {
		meta: { name: 'Tricky, "quoted" dataset' },
		locations: [
			location('l1', { name: 'Place, with comma' }, [30.5, 50.45]),
			location('l2', {}, [-0.1, 51.5])
		],
		actors: [actor('a1', { affiliation: 'Ministry of "Truth"' })],
		sources: [source('s1', { title: null, unknown: { title: 'None, "really"' } })],
		claims: TRICKY.map((quote, i) =>
			claim(`c${i}`, {
				quote,
				locations: i === 0 ? ['l1', 'l2'] : i < 3 ? ['l2'] : [],
				said_on: i === 4 ? null : `2024-10-${10 + i}`,
				...(i === 4 ? { unknown: { said_on: 'Not given in x.csv.' } } : {}),
				...(i === 5 ? { responds_to: 'c0', stance: 'disputes' as const } : {})
			})
		),
		texts: { s1: text }
	};
}

describe('nested GeoJSON', () => {
	it('carries each source text’s SHA-256, the figure the source reader shows', async () => {
		const dataset = await seed();
		const [article] = exportNested(dataset, dataset.claims, context).claims_map.sources;
		const file = await readFile('geodata/sources/article.txt');
		expect(article!.text_sha256).toBe(createHash('sha256').update(file).digest('hex'));
	});

	it('has a point per place with its claims and sourcing, and the unlocated claims beside', async () => {
		const dataset = await seed();
		const out = exportNested(dataset, dataset.claims, context);
		expect(out.features.map((f) => f.id)).toEqual(dataset.locations.map((l) => l.id));
		expect(out).not.toHaveProperty('crs');
		const vladivostok = out.features.find((f) => f.id === 'vladivostok')!;
		const [nis] = (
			vladivostok.properties as {
				claims: {
					claimant: { name: string };
					source: { publisher: null };
					responses: { stance: string }[];
				}[];
			}
		).claims;
		expect(nis!.claimant.name).toBe('National Intelligence Service');
		expect(nis!.responses.map((r) => r.stance)).toEqual(['cannot_confirm']);
		const ids = (items: { id: string; responses: unknown[] }[]): string[] =>
			items.flatMap((c) => [c.id, ...ids(c.responses as typeof items)]);
		const everywhere = new Set([
			...out.features.flatMap((f) =>
				ids((f.properties as { claims: { id: string; responses: unknown[] }[] }).claims)
			),
			...ids(out.claims_map.unlocated_claims)
		]);
		expect([...everywhere].sort()).toEqual(dataset.claims.map((c) => c.id).sort());
		expect(out.claims_map).toMatchObject({
			dataset: dataset.meta,
			exported_at: context.exportedAt,
			tool: context.tool,
			filter: {}
		});
	});

	it('export → import → export gives the identical file', () => {
		const dataset = trickyDataset();
		const first = serializeExport('nested', dataset, dataset.claims, context);
		const imported = importFiles([{ name: 'x.geojson', content: first }]);
		expect(imported.errors).toEqual([]);
		expect(imported.kind).toBe('nested');
		expect(serializeExport('nested', imported.dataset!, imported.dataset!.claims, context)).toBe(
			first
		);
	});

	it('round-trips the seed dataset too', async () => {
		const dataset = await seed();
		const first = serializeExport('nested', dataset, dataset.claims, context);
		const again = importFiles([{ name: 'seed.geojson', content: first }]).dataset!;
		expect(serializeExport('nested', again, again.claims, context)).toBe(first);
		expect(again.texts).toEqual(dataset.texts);
	});
});

describe('flat GeoJSON', () => {
	it('one feature per citation with scalar properties; unlocated claims have no geometry', async () => {
		const dataset = await seed();
		const out = exportFlat(dataset, dataset.claims, context);
		const citations = dataset.claims.reduce((n, c) => n + new Set(c.locations).size, 0);
		const unlocated = dataset.claims.filter((c) => c.locations.length === 0).length;
		expect(out.features).toHaveLength(citations + unlocated);
		expect(out.features.filter((f) => f.geometry === null)).toHaveLength(unlocated);
		for (const feature of out.features) {
			for (const value of Object.values(feature.properties!))
				expect(['string', 'number', 'object']).toContain(typeof value);
			for (const value of Object.values(feature.properties!))
				if (typeof value === 'object') expect(value).toBeNull();
		}
		const nis = out.features.filter(
			(f) => f.properties!.claim_id === 'nis-2024-10-18-stationed-far-east'
		);
		expect(nis.map((f) => f.properties!.location_id)).toEqual([
			'vladivostok',
			'ussuriysk',
			'khabarovsk',
			'blagoveshchensk'
		]);
		expect(nis[0]!.properties).toMatchObject({
			responses: 1,
			response_stances: 'cannot_confirm',
			source_publisher: null
		});
	});
});

describe('CSV', () => {
	it('every quote survives byte for byte when read back with papaparse', () => {
		const dataset = trickyDataset();
		const csv = serializeExport('csv', dataset, dataset.claims, context);
		const rows = Papa.parse<Record<string, string>>(csv, {
			header: true,
			skipEmptyLines: true
		}).data;
		expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
		for (const c of dataset.claims) {
			for (const row of rows.filter((r) => r.claim_id === c.id)) expect(row.quote).toBe(c.quote);
		}
		// The unlocated claims are rows with empty coordinates.
		expect(
			rows.filter((r) => r.longitude === '' && r.latitude === '').map((r) => r.claim_id)
		).toEqual(['c3', 'c4', 'c5']);
	});

	it('export → import (with the source texts) → export gives the identical file', () => {
		const dataset = trickyDataset();
		const first = serializeExport('csv', dataset, dataset.claims, context);
		const imported = importFiles([
			{ name: 'claims.csv', content: first },
			{ name: 's1.txt', content: dataset.texts.s1! }
		]);
		expect(imported.errors).toEqual([]);
		expect(serializeExport('csv', imported.dataset!, imported.dataset!.claims, context)).toBe(
			first
		);
	});
});

describe('file names', () => {
	it('say what the file holds and the day', () => {
		expect(exportFileName(trickyDataset(), 'csv', context.exportedAt)).toBe(
			'tricky-quoted-dataset-claims-csv-2026-12-01.csv'
		);
		expect(exportFileName(trickyDataset(), 'nested', context.exportedAt)).toBe(
			'tricky-quoted-dataset-claims-nested-2026-12-01.geojson'
		);
	});
});

describe('CSV formula escaping (OWASP CSV injection)', () => {
	/** Quotes a spreadsheet would run as formulas, and one that already begins with `'=`. */
	const FORMULAS = [
		'=SUM(A1:A9) troops',
		'+7 brigades',
		'-3 tanks',
		'@ the border',
		'\tTabbed',
		"'=kept as it is"
	];
	const formulaDataset = (): Dataset => ({
		meta: { name: 'Formulas' },
		locations: [location('l1', {}, [-0.5, 51.5])],
		actors: [actor('a1', { name: '=HYPERLINK("x")' })],
		sources: [source('s1')],
		claims: FORMULAS.map((quote, i) => claim(`c${i}`, { quote })),
		texts: { s1: FORMULAS.join('\n\n') }
	});

	it('writes each such text cell with one more leading quote; numbers stay numbers', () => {
		const dataset = formulaDataset();
		const rows = Papa.parse<Record<string, string>>(exportCsv(dataset, dataset.claims), {
			header: true,
			skipEmptyLines: true
		}).data;
		expect(rows.map((r) => r.quote)).toEqual(FORMULAS.map((q) => `'${q}`));
		expect(rows[0]).toMatchObject({ claimant: `'=HYPERLINK("x")`, longitude: '-0.5' });
	});

	it('export → import → export gives the identical file, every quote byte for byte', () => {
		const dataset = formulaDataset();
		const first = exportCsv(dataset, dataset.claims);
		const imported = importFiles([
			{ name: 'claims.csv', content: first },
			{ name: 's1.txt', content: dataset.texts.s1! }
		]);
		expect(imported.errors).toEqual([]);
		expect(imported.dataset!.claims.map((c) => c.quote)).toEqual(FORMULAS);
		expect(imported.dataset!.actors[0]!.name).toBe('=HYPERLINK("x")');
		expect(exportCsv(imported.dataset!, imported.dataset!.claims)).toBe(first);
	});

	it('the escape and its inverse', () => {
		for (const cell of ['=1', "'=1", "''+x", '-', '\t', 'a=1', "'a", '', "'"]) {
			const escaped = FORMULA_ESCAPE.test(cell) ? `'${cell}` : cell;
			expect(unescapeFormula(escaped)).toBe(cell);
		}
		expect(unescapeFormula("'a")).toBe("'a");
	});
});

describe('nested export details', () => {
	it('orders the responses to a claim itself, so that an import exports the same file', () => {
		const dataset: Dataset = {
			meta: { name: 'M' },
			locations: [location('l1')],
			actors: [actor('a1')],
			sources: [source('s1')],
			claims: [
				claim('c1', { locations: [] }),
				claim('c2', { locations: [], responds_to: 'c1', stance: 'supports' }),
				claim('c3', {
					locations: ['l1'],
					responds_to: 'c1',
					stance: 'supports',
					said_on: '2024-10-19'
				})
			],
			texts: { s1: 'We saw troops near the river.' }
		};
		const first = serializeExport('nested', dataset, dataset.claims, context);
		const back = importFiles([{ name: 'x.geojson', content: first }]).dataset!;
		expect(serializeExport('nested', back, back.claims, context)).toBe(first);
		const [c1] = JSON.parse(first).claims_map.unlocated_claims;
		expect(c1.responses.map((r: { id: string }) => r.id)).toEqual(['c3', 'c2']);
	});

	it('keeps a place’s Feature-level bbox (RFC 7946)', () => {
		const dataset = trickyDataset();
		const bbox = [30, 50, 31, 51];
		Object.assign(dataset.locations[0]!, { bbox });
		const out = exportNested(dataset, dataset.claims, context);
		expect((out.features[0] as { bbox?: unknown }).bbox).toEqual(bbox);
		expect(out.features[1]).not.toHaveProperty('bbox');
	});

	it('nests a chain of 100,000 responses without overflowing the stack', () => {
		const depth = 100_000;
		const claims = Array.from({ length: depth + 1 }, (_, i) =>
			claim(`c${i}`, {
				locations: i === 0 ? ['l1'] : [],
				...(i > 0 ? { responds_to: `c${i - 1}`, stance: 'disputes' as const } : {})
			})
		);
		const dataset: Dataset = {
			meta: { name: 'Deep' },
			locations: [location('l1')],
			actors: [actor('a1')],
			sources: [source('s1')],
			claims,
			texts: { s1: 'We saw troops near the river.' }
		};
		const out = exportNested(dataset, claims, context);
		let node = (out.features[0]!.properties as { claims: { responses: unknown[] }[] }).claims[0];
		let levels = 0;
		while (node && node.responses.length) {
			node = node.responses[0] as typeof node;
			levels++;
		}
		expect(levels).toBe(depth);
		expect(out.claims_map.unlocated_claims).toEqual([]);
	});
});
