/**
 * A response that answers several claims (`responds_to` as a list of ids): validated, joined,
 * filtered and exported under each claim, and read back from each export as it was.
 */
import { describe, expect, it } from 'vitest';
import { actor, claim, datasetParts, location, source, TEXT } from '../test-data/factories.ts';
import { serializeExport, type ExportContext } from './export.ts';
import { buildFilterIndex } from './filter.ts';
import { importFiles } from './import.ts';
import { formatIssue } from './issues.ts';
import {
	describeLocation,
	describeUnlocated,
	joinClaimsToLocations,
	orphanResponses
} from './join.ts';
import { respondsTo } from './responses.ts';
import type { Claim, Dataset } from './schema.ts';
import { datasetFiles, MAX_RESPONSE_DEPTH, validateDataset } from './validate.ts';

const context: ExportContext = {
	exportedAt: '2026-12-01T00:00:00.000Z',
	tool: { name: 'claims-map', version: '0.1.0' },
	filter: {}
};

const parts = (claims: Claim[]) =>
	datasetParts({
		locations: [location('l1'), location('l2')],
		actors: [actor('a1'), actor('a2')],
		sources: [source('s1')],
		texts: { s1: TEXT },
		claims
	});
const errorsOf = (claims: Claim[]) =>
	validateDataset(datasetFiles(parts(claims))).errors.map(formatIssue);
const valid = (claims: Claim[]): Dataset => {
	const result = validateDataset(datasetFiles(parts(claims)));
	expect(result.errors.map(formatIssue)).toEqual([]);
	return result.dataset!;
};

/** Two reports at two places, and one statement (at neither) that answers both. */
const twoReports = () => [
	claim('report-1', { locations: ['l1'] }),
	claim('report-2', { locations: ['l2'], claimant: 'a2' }),
	claim('answer', {
		locations: [],
		said_on: '2024-10-19',
		claimant: 'a2',
		responds_to: ['report-1', 'report-2'],
		stance: 'cannot_confirm'
	})
];

describe('respondsTo', () => {
	it('reads none, one id and a list alike', () => {
		expect(respondsTo({})).toEqual([]);
		expect(respondsTo({ responds_to: 'c1' })).toEqual(['c1']);
		expect(respondsTo({ responds_to: ['c1', 'c2'] })).toEqual(['c1', 'c2']);
		expect(respondsTo({ responds_to: ['c1', 'c1'] })).toEqual(['c1']);
	});
});

describe('validating several responds_to ids', () => {
	it('accepts a list of distinct known ids', () => {
		expect(errorsOf(twoReports())).toEqual([]);
	});

	it('names each unknown id, the claim itself and an id listed twice, by its place in the list', () => {
		const claims = twoReports();
		claims[2]!.responds_to = ['report-1', 'nowhere', 'answer', 'report-1'];
		expect(errorsOf(claims)).toEqual([
			'claims.json: claim "answer" field "responds_to[1]": unknown claim "nowhere"',
			'claims.json: claim "answer" field "responds_to[2]": a claim cannot respond to itself',
			'claims.json: claim "answer" field "responds_to[3]": claim "report-1" is listed twice'
		]);
	});

	it('refuses an empty list and a list of non-ids', () => {
		const claims = twoReports();
		claims[2]!.responds_to = [];
		expect(errorsOf(claims)).toEqual([
			'claims.json: claim "answer" field "responds_to": expected a non-empty list of claim ids, got an array'
		]);
		(claims[2] as { responds_to: unknown }).responds_to = 7;
		expect(errorsOf(claims)).toEqual([
			'claims.json: claim "answer" field "responds_to": expected a claim id or a non-empty list of claim ids, got 7'
		]);
	});

	it('finds a cycle through a second claim answered', () => {
		const claims = twoReports();
		// report-2 answers the answer: a ring through the answer's second parent only.
		claims[1] = { ...claims[1]!, responds_to: 'answer', stance: 'disputes' };
		expect(errorsOf(claims)).toEqual([
			'claims.json: claim "report-2" field "responds_to": responses form a cycle: report-2 → answer → report-2'
		]);
	});

	it('measures depth along the deepest claim answered', () => {
		const chain: Claim[] = [claim('chain-0', { locations: ['l1'] })];
		for (let i = 1; i <= MAX_RESPONSE_DEPTH; i++)
			chain.push(
				claim(`chain-${i}`, { locations: [], responds_to: `chain-${i - 1}`, stance: 'supports' })
			);
		// Answering the top claim and the end of a 100-deep chain is 101 deep.
		const deep = claim('deep', {
			locations: [],
			responds_to: ['chain-0', `chain-${MAX_RESPONSE_DEPTH}`],
			stance: 'disputes'
		});
		expect(errorsOf([...chain, deep])).toEqual([
			`claims.json: claim "deep" field "responds_to": responses nest deeper than ${MAX_RESPONSE_DEPTH} levels (a response to a response to …): answer an earlier claim of the chain instead`
		]);
		expect(errorsOf([...chain, { ...deep, responds_to: ['chain-0', 'chain-99'] }])).toEqual([]);
	});
});

describe('a response to two claims', () => {
	it('is listed under each in the join and the panel, and is neither unlocated nor an orphan', () => {
		const dataset = valid(twoReports());
		const joined = joinClaimsToLocations(dataset);
		expect(joined.responses.get('report-1')!.map((c) => c.id)).toEqual(['answer']);
		expect(joined.responses.get('report-2')!.map((c) => c.id)).toEqual(['answer']);
		expect(joined.unlocated).toEqual([]);
		expect(orphanResponses(joined)).toEqual([]);
		expect(describeUnlocated(joined)).toEqual([]);
		for (const entry of joined.locations) {
			const details = describeLocation(joined, entry);
			expect(details.claims[0]!.responses.map((r) => r.claim.id)).toEqual(['answer']);
			expect(details.summary.byStance.cannot_confirm).toBe(1);
		}
	});

	it('shows under both when both are at one place, and counts once there', () => {
		const claims = twoReports();
		claims[1]!.locations = ['l1'];
		const joined = joinClaimsToLocations(valid(claims));
		const details = describeLocation(joined, joined.byLocation.get('l1')!);
		expect(details.claims.map((c) => c.responses.map((r) => r.claim.id))).toEqual([
			['answer'],
			['answer']
		]);
		expect(details.summary.byStance.cannot_confirm).toBe(1);
	});

	it('is an orphan only when none of its claims exists', () => {
		const records = {
			locations: [location('l1'), location('l2')],
			actors: [actor('a1'), actor('a2')],
			sources: [source('s1')]
		};
		const claims = twoReports();
		claims[2]!.responds_to = ['gone', 'report-2'];
		expect(orphanResponses(joinClaimsToLocations({ ...records, claims }))).toEqual([]);
		claims[2]!.responds_to = ['gone', 'also-gone'];
		expect(orphanResponses(joinClaimsToLocations({ ...records, claims })).map((c) => c.id)).toEqual(
			['answer']
		);
	});

	it('gives its stance bit to each claim it answers in the filter index', () => {
		const dataset = valid(twoReports());
		const index = buildFilterIndex(dataset);
		const bit = 1 << index.values.stance.indexOf('cannot_confirm');
		expect([...index.codes.stance].map((code) => (code & bit) !== 0)).toEqual([true, true, true]);
	});

	it('nested export → import gives the same dataset back, the copies merged into one record', () => {
		const dataset = valid(twoReports());
		const first = serializeExport('nested', dataset, dataset.claims, context);
		const file = JSON.parse(first);
		const under = (i: number) =>
			file.features[i].properties.claims[0].responses.map((r: Claim) => r.id);
		expect([under(0), under(1)]).toEqual([['answer'], ['answer']]);
		const imported = importFiles([{ name: 'x.geojson', content: first }]);
		expect(imported.errors.map(formatIssue)).toEqual([]);
		const byId = (d: Dataset) => [...d.claims].sort((a, b) => (a.id < b.id ? -1 : 1));
		expect(byId(imported.dataset!)).toEqual(byId(dataset));
		expect(serializeExport('nested', imported.dataset!, imported.dataset!.claims, context)).toBe(
			first
		);
	});

	it('nested import refuses copies that differ, and a copy under a claim it does not answer', () => {
		const dataset = valid(twoReports());
		const file = JSON.parse(serializeExport('nested', dataset, dataset.claims, context));
		file.features[1].properties.claims[0].responses[0].status = 'false';
		expect(
			importFiles([{ name: 'x.geojson', content: JSON.stringify(file) }]).errors.map(formatIssue)
		).toEqual([
			'x.geojson: features[1].properties.claims[0].responses[0] field "status": claim "answer" differs from features[0].properties.claims[0].responses[0]'
		]);
		file.features[1].properties.claims[0].responses[0].status = 'unverified';
		file.features[1].properties.claims[0].responses[0].responds_to = ['report-1'];
		const errors = importFiles([{ name: 'x.geojson', content: JSON.stringify(file) }]).errors.map(
			formatIssue
		);
		expect(errors[0]).toBe(
			'x.geojson: features[1].properties.claims[0].responses[0] field "responds_to": placed among the responses to claim "report-2", but responds to "report-1" only'
		);
	});

	it('CSV: the ids joined by commas in one cell, split back on import', () => {
		const dataset = valid(twoReports());
		const csv = serializeExport('csv', dataset, dataset.claims, context);
		expect(csv).toContain('report-1,report-2');
		const imported = importFiles([
			{ name: 'claims.csv', content: csv },
			{ name: 's1.txt', content: TEXT }
		]);
		expect(imported.errors.map(formatIssue)).toEqual([]);
		const answer = imported.dataset!.claims.find((c) => c.id === 'answer')!;
		expect(answer.responds_to).toEqual(['report-1', 'report-2']);
		expect(serializeExport('csv', imported.dataset!, imported.dataset!.claims, context)).toBe(csv);
	});
});

describe('a format 1 dataset (one id)', () => {
	const v1 = () => [
		claim('report-1', { locations: ['l1'] }),
		claim('answer', { locations: [], responds_to: 'report-1', stance: 'denies' })
	];

	it('keeps responds_to a string through validation and both round trips', () => {
		const dataset = valid(v1());
		expect(dataset.claims[1]!.responds_to).toBe('report-1');
		const nested = serializeExport('nested', dataset, dataset.claims, context);
		const back = importFiles([{ name: 'x.geojson', content: nested }]).dataset!;
		expect(back.claims.find((c) => c.id === 'answer')!.responds_to).toBe('report-1');
		const csv = serializeExport('csv', dataset, dataset.claims, context);
		const fromCsv = importFiles([
			{ name: 'claims.csv', content: csv },
			{ name: 's1.txt', content: TEXT }
		]).dataset!;
		expect(fromCsv.claims.find((c) => c.id === 'answer')!.responds_to).toBe('report-1');
		expect(serializeExport('csv', fromCsv, fromCsv.claims, context)).toBe(csv);
	});
});
