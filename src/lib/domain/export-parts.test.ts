/**
 * The exports in parts (exportParts): joined, they are byte for byte the file that one
 * `JSON.stringify(collection, null, 1) + '\n'` or one `Papa.unparse(...) + '\r\n'` writes, for
 * every format; no part is longer than EXPORT_PART_CHARS, and none ends inside a surrogate pair.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../scripts/bench/generate.ts';
import { syntheticMeta } from '../../../scripts/bench/write-folder.ts';
import { validateFolder } from '../../../scripts/read-dataset.ts';
import { validDatasetArb } from '../test-data/arbitraries.ts';
import { actor, claim, location, source } from '../test-data/factories.ts';
import { claimReview } from './cite.ts';
import {
	CSV_COLUMNS,
	csvHeader,
	CSV_UNPARSE,
	EXPORT_FORMATS,
	EXPORT_PART_CHARS,
	bounded,
	exportFlat,
	flatCitations,
	exportNested,
	exportParts,
	type ExportContext,
	type ExportFormat
} from './export.ts';
import type { Claim, Dataset } from './schema.ts';

const context: ExportContext = {
	exportedAt: '2026-12-01T10:00:00.000Z',
	tool: { name: 'claims-map', version: '0.1.0' },
	filter: { status: 'confirmed,unverified', q: 'troops "near"' }
};

/** The file as the export wrote it before it came in parts: one string, one call. */
function wholeFile(format: ExportFormat, dataset: Dataset, claims: readonly Claim[]): string {
	if (format === 'csv') {
		// The cells as the export made them before it wrote them out: by column name.
		// The dataset's facets and figures after them, by name: `[location_](tag|number).<id>`.
		const extras = csvHeader(dataset.meta).slice(CSV_COLUMNS.length);
		const data = flatCitations(dataset, claims).map(({ row, claim, location }) => [
			...CSV_COLUMNS.map((column) => {
				if (column === 'longitude') return location ? location.geometry.coordinates[0] : '';
				if (column === 'latitude') return location ? location.geometry.coordinates[1] : '';
				const value = row[column];
				return value === null ? '' : value;
			}),
			...extras.map((name) => {
				const [, place, kind, id] = /^(location_)?(tag|number)\.(.+)$/.exec(name)!;
				const record = place ? location?.properties : claim;
				if (kind === 'tag') {
					const value = record?.tags?.[id!];
					return value === undefined ? '' : [value].flat().join(',');
				}
				const value = record?.numbers?.[id!];
				return value === undefined ? '' : value === null ? 'unknown' : value;
			})
		]);
		return Papa.unparse({ fields: csvHeader(dataset.meta), data }, CSV_UNPARSE) + '\r\n';
	}
	if (format === 'claimreview') {
		const reviews = claims.flatMap((claim) => {
			const review = claimReview(
				{
					claim,
					claimant: dataset.actors.find((a) => a.id === claim.claimant) ?? null,
					source: dataset.sources.find((s) => s.id === claim.source) ?? null
				},
				{ meta: dataset.meta, permalink: null }
			);
			if (!review) return [];
			const { '@context': _, ...item } = review;
			return [item];
		});
		const unrated = claims.filter((c) => c.status === 'unverified').length;
		const document = {
			'@context': 'https://schema.org',
			description:
				`ClaimReview of ${claims.length - unrated} of ${claims.length} claims of “${dataset.meta.name}”` +
				(unrated ? `: ${unrated} unverified, which nobody has rated, have none.` : '.') +
				` Exported ${context.exportedAt} by ${context.tool.name} ${context.tool.version}.`,
			'@graph': reviews
		};
		return JSON.stringify(document, null, 1) + '\n';
	}
	const collection =
		format === 'nested'
			? exportNested(dataset, claims, context)
			: exportFlat(dataset, claims, context);
	return JSON.stringify(collection, null, 1) + '\n';
}

function partsOf(
	format: ExportFormat,
	dataset: Dataset,
	claims: readonly Claim[] = dataset.claims
) {
	return [...exportParts(format, dataset, claims, context)];
}

const HIGH_SURROGATE = /[\ud800-\udbff]$/;
const LOW_SURROGATE = /^[\udc00-\udfff]/;

function expectBounded(parts: string[]) {
	for (const part of parts) {
		expect(part.length).toBeGreaterThan(0);
		expect(part.length).toBeLessThanOrEqual(EXPORT_PART_CHARS);
		expect(part).not.toMatch(HIGH_SURROGATE);
		expect(part).not.toMatch(LOW_SURROGATE);
	}
}

/** A generated dataset of the bench's S size: 1,000 places, 10,000 claims, files of 6 to 20 MB. */
const generated: Dataset = { meta: syntheticMeta('S'), ...generateDataset('S', 5) };

describe('exports in parts', () => {
	it.each(EXPORT_FORMATS)('%s: the seed dataset, joined, is the whole file', async (format) => {
		const seed = (await validateFolder('geodata')).dataset!;
		expect(partsOf(format, seed).join('')).toBe(wholeFile(format, seed, seed.claims));
		// A filtered view: some claims, and responses whose claim is not in view.
		const some = seed.claims.filter((_, i) => i % 2 === 0);
		expect(partsOf(format, seed, some).join('')).toBe(wholeFile(format, seed, some));
	});

	it.each(EXPORT_FORMATS)(
		'%s: a generated dataset (10,000 claims) in many parts, each bounded, joined is the whole file',
		(format) => {
			const parts = partsOf(format, generated);
			expect(parts.length).toBeGreaterThan(4);
			expectBounded(parts);
			expect(parts.join('')).toBe(wholeFile(format, generated, generated.claims));
		}
	);

	it.each(EXPORT_FORMATS)('%s: an empty view, and an empty dataset', (format) => {
		expect(partsOf(format, generated, []).join('')).toBe(wholeFile(format, generated, []));
		const empty: Dataset = {
			meta: { name: 'Empty' },
			locations: [],
			actors: [],
			sources: [],
			claims: [],
			texts: {}
		};
		expect(partsOf(format, empty).join('')).toBe(wholeFile(format, empty, []));
	});

	it.each(EXPORT_FORMATS)(
		'%s: a claim longer than a part (emoji across every cut) is cut, never a surrogate pair',
		(format) => {
			const quote = `He said "${'🛰️ troops, near\n'.repeat(EXPORT_PART_CHARS / 8)}"`;
			const dataset: Dataset = {
				meta: { name: 'Long' },
				locations: [location('l1', {}, [30.5, 50.45]), location('l2')],
				actors: [actor('a1')],
				sources: [source('s1')],
				claims: [
					claim('c1', { quote, locations: ['l1', 'l2'], status: 'verified' }),
					claim('c2', { locations: [] }),
					claim('c3', { locations: [], responds_to: 'c1', stance: 'disputes' })
				],
				texts: { s1: quote }
			};
			const parts = partsOf(format, dataset);
			expect(parts.length).toBeGreaterThan(2);
			expectBounded(parts);
			expect(parts.join('')).toBe(wholeFile(format, dataset, dataset.claims));
		}
	);

	it('any valid dataset, every format: joined is the whole file', () => {
		fc.assert(
			fc.property(validDatasetArb(), (dataset) => {
				for (const format of EXPORT_FORMATS)
					expect(partsOf(format, dataset).join('')).toBe(
						wholeFile(format, dataset, dataset.claims)
					);
			}),
			{ numRuns: Number(process.env.FC_RUNS ?? 0) || 100 }
		);
	});
});

describe('bounded', () => {
	it('joins short pieces up to the bound and cuts long ones, never inside a surrogate pair', () => {
		const pieces = ['ab', 'c', '😀'.repeat(10), 'de', 'f'.repeat(20), 'g'];
		for (const max of [3, 4, 7, 8]) {
			const parts = [...bounded(pieces, max)];
			expect(parts.join('')).toBe(pieces.join(''));
			for (const part of parts) {
				expect(part.length).toBeLessThanOrEqual(max);
				expect(part).not.toMatch(HIGH_SURROGATE);
				expect(part).not.toMatch(LOW_SURROGATE);
			}
		}
		// Short pieces joined up to the bound; one of a quarter of it or more passed on alone.
		expect([...bounded(['ab', 'c', 'd'], 15)]).toEqual(['abcd']);
		expect([...bounded(['ab', 'c', 'defg', 'h'], 15)]).toEqual(['abc', 'defg', 'h']);
		expect([...bounded([], 3)]).toEqual([]);
	});
});
