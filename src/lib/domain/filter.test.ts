import { describe, expect, it } from 'vitest';
import { actor, claim, location, source } from '../test-data/factories.ts';
import {
	applyFilter,
	buildFilterIndex,
	claimsPerDay,
	EMPTY_FILTER,
	FACET_SHOWN,
	facetValuesToShow,
	highlight,
	isEmptyFilter,
	normalizeSearch,
	type ClaimFilter
} from './filter.ts';

const dataset = {
	locations: [
		location('ussuriysk', { name: 'Ussuriysk', alt_names: ['Ussuriisk'] }),
		location('other', { name: 'Other' })
	],
	actors: [
		actor('gov', { kind: 'government', name: 'A Government' }),
		actor('paper', { kind: 'media', name: 'Le Journal' })
	],
	sources: [source('s1'), source('s2')],
	claims: [
		claim('c1', {
			claimant: 'gov',
			status: 'unverified',
			said_on: '2024-10-18',
			locations: ['ussuriysk'],
			quote: 'Troops are at the base'
		}),
		claim('c2', {
			claimant: 'paper',
			status: 'disputed',
			said_on: '2024-10',
			source: 's2',
			quote_kind: 'reported',
			quote: 'Café owners saw nothing'
		}),
		claim('c3', {
			claimant: 'gov',
			status: 'verified',
			said_on: null,
			locations: ['other'],
			quote: 'Convoy filmed'
		}),
		claim('c4', {
			claimant: 'paper',
			status: 'unverified',
			said_on: '2024-10-19',
			responds_to: 'c1',
			stance: 'cannot_confirm',
			locations: [],
			quote: 'We cannot confirm'
		})
	]
};
const index = buildFilterIndex(dataset);
const ids = (f: Partial<ClaimFilter>) => {
	const result = applyFilter(index, { ...EMPTY_FILTER, ...f });
	return dataset.claims.filter((_, i) => result.pass[i]).map((c) => c.id);
};
const counts = (f: Partial<ClaimFilter>, facet: keyof typeof index.values) => {
	const result = applyFilter(index, { ...EMPTY_FILTER, ...f });
	return Object.fromEntries(index.values[facet].map((v, i) => [v, result.counts[facet][i]]));
};

describe('applyFilter', () => {
	it('search text normalised a slice at a time is the text a first search normalises at once', () => {
		const sliced = buildFilterIndex(dataset);
		expect(sliced.prepareText(2)).toBe(false);
		const q = { ...EMPTY_FILTER, q: dataset.claims.at(-1)!.quote!.split(' ')[0]! };
		// A search in between finishes the text, and finds what it would have found.
		expect(applyFilter(sliced, q).pass).toEqual(applyFilter(buildFilterIndex(dataset), q).pass);
		expect(sliced.prepareText(2)).toBe(true);
		expect(sliced.text()).toEqual(buildFilterIndex(dataset).text());
		expect(sliced.text()).toHaveLength(dataset.claims.length);
	});

	it('keeps everything with no filter', () => {
		expect(ids({})).toEqual(['c1', 'c2', 'c3', 'c4']);
		expect(isEmptyFilter(EMPTY_FILTER)).toBe(true);
		expect(isEmptyFilter({ ...EMPTY_FILTER, q: '  ' })).toBe(true);
	});

	it('each facet narrows; values within a facet are alternatives, facets combine', () => {
		expect(ids({ status: ['unverified'] })).toEqual(['c1', 'c4']);
		expect(ids({ status: ['unverified', 'verified'] })).toEqual(['c1', 'c3', 'c4']);
		expect(ids({ claimant: ['paper'] })).toEqual(['c2', 'c4']);
		expect(ids({ claimant_kind: ['government'] })).toEqual(['c1', 'c3']);
		expect(ids({ source: ['s2'] })).toEqual(['c2']);
		expect(ids({ quote_kind: ['reported'] })).toEqual(['c2']);
		expect(ids({ status: ['unverified'], claimant_kind: ['media'] })).toEqual(['c4']);
	});

	it('stance keeps the claims a party answered that way, and the answers', () => {
		expect(ids({ stance: ['cannot_confirm'] })).toEqual(['c1', 'c4']);
		expect(ids({ stance: ['denies'] })).toEqual([]);
	});

	it('counts each facet as if its own selection were not made', () => {
		expect(counts({ status: ['verified'] }, 'status')).toEqual({
			verified: 1,
			corroborated: 0,
			unverified: 2,
			disputed: 1,
			false: 0
		});
		expect(counts({ status: ['verified'] }, 'claimant')).toEqual({ gov: 1, paper: 0 });
		expect(counts({ claimant: ['paper'] }, 'stance')).toMatchObject({ cannot_confirm: 1 });
	});

	it('dates: ranges that start or end on a claim’s day keep it; a month meets any day of it', () => {
		expect(ids({ from: '2024-10-18', to: '2024-10-18' })).toEqual(['c1', 'c2']);
		expect(ids({ from: '2024-10-19' })).toEqual(['c2', 'c4']);
		expect(ids({ to: '2024-10-17' })).toEqual(['c2']);
		expect(ids({ from: '2024-11-01' })).toEqual([]);
		expect(ids({ from: '2024-09-01', to: '2024-09-30' })).toEqual([]);
	});

	it('a claim with no known date is left out once a date range is set', () => {
		expect(ids({ from: '2000-01-01' })).not.toContain('c3');
	});

	it('search is case- and accent-insensitive, every word must match, and alternate names count', () => {
		expect(ids({ q: 'TROOPS base' })).toEqual(['c1']);
		expect(ids({ q: 'cafe' })).toEqual(['c2']);
		expect(ids({ q: 'ussuriisk' })).toEqual(['c1']);
		expect(ids({ q: 'journal' })).toEqual(['c2', 'c4']);
		expect(ids({ q: 'troops nothing' })).toEqual([]);
	});
});

describe('search helpers', () => {
	it('normalises case, accents, typographic quotes and spaces', () => {
		expect(normalizeSearch('  Zelenskiy’s  CAFÉ\n')).toBe("zelenskiy's cafe");
	});

	it('highlights matches in the original text, accents and all', () => {
		expect(highlight('Le Café était plein', 'cafe')).toEqual([
			{ text: 'Le ', match: false },
			{ text: 'Café', match: true },
			{ text: ' était plein', match: false }
		]);
		expect(highlight('No match here', '')).toEqual([{ text: 'No match here', match: false }]);
	});
});

describe('the location index', () => {
	it('lists each place’s claims once', () => {
		expect([...index.locationClaims[0]!]).toEqual([0]);
		expect([...index.locationClaims[1]!]).toEqual([2]);
	});
});

describe('claimsPerDay', () => {
	it('bins dated claims from the first day to the last, under every filter but the dates', () => {
		expect(claimsPerDay(index, applyFilter(index, EMPTY_FILTER))).toEqual([
			{ day: '2024-10-18', claims: 1 },
			{ day: '2024-10-19', claims: 1 }
		]);
		expect(
			claimsPerDay(
				index,
				applyFilter(index, { ...EMPTY_FILTER, claimant: ['gov'], from: '2024-10-19' })
			)
		).toEqual([
			{ day: '2024-10-18', claims: 1 },
			{ day: '2024-10-19', claims: 0 }
		]);
	});

	it('crosses month ends and leaves days with no claim at zero', () => {
		const spread = buildFilterIndex({
			...dataset,
			claims: [claim('a', { said_on: '2024-01-30' }), claim('b', { said_on: '2024-02-02' })]
		});
		expect(
			claimsPerDay(spread, applyFilter(spread, EMPTY_FILTER)).map((b) => `${b.day}:${b.claims}`)
		).toEqual(['2024-01-30:1', '2024-01-31:0', '2024-02-01:0', '2024-02-02:1']);
	});
});

describe('when it happened (the occurred axis)', () => {
	const happened = buildFilterIndex({
		...dataset,
		claims: [
			claim('day', { said_on: '2024-10-19', occurred: '2024-10-03' }),
			claim('span', { said_on: '2024-10-19', occurred: '2024-10-02/2024-10-04' }),
			claim('open-start', { said_on: '2024-10-19', occurred: '../2024-10-05' }),
			claim('month', { said_on: '2024-10-19', occurred: '2024-09' }),
			claim('undated', { said_on: '2024-10-19' })
		]
	});
	const on = (filter: Partial<typeof EMPTY_FILTER>) => {
		const result = applyFilter(happened, { ...EMPTY_FILTER, time: 'occurred', ...filter });
		return {
			pass: happened.axes.occurred.start.reduce<string[]>(
				(ids, _, i) =>
					result.pass[i] ? [...ids, ['day', 'span', 'open-start', 'month', 'undated'][i]!] : ids,
				[]
			),
			days: claimsPerDay(happened, result)
				.filter((b) => b.claims)
				.map((b) => `${b.day.slice(5)}:${b.claims}`)
		};
	};

	it('counts a span on every day it covers, an open interval on its known end', () => {
		const { days } = on({});
		expect(days).toEqual([
			...Array.from({ length: 30 }, (_, d) => `09-${String(d + 1).padStart(2, '0')}:1`),
			'10-02:1',
			'10-03:2',
			'10-04:1',
			'10-05:1'
		]);
	});

	it('a range keeps what may have happened within it, and never the undated', () => {
		expect(on({ from: '2024-10-04', to: '2024-10-10' }).pass).toEqual(['span', 'open-start']);
		expect(on({ to: '2024-09-15' }).pass).toEqual(['open-start', 'month']);
		// Said on 19 October, all of them: the said axis is untouched.
		const said = applyFilter(happened, { ...EMPTY_FILTER, from: '2024-10-19' });
		expect(said.passed).toBe(5);
	});
});

describe('facetValuesToShow', () => {
	const labels = Array.from({ length: 30 }, (_, i) => `Actor ${i}`);
	const counts = labels.map((_, i) => (i * 7) % 30);

	it('shows a short facet whole, in its own order', () => {
		expect(facetValuesToShow(['b', 'a'], [0, 5], new Set())).toEqual({ shown: [0, 1], hidden: 0 });
	});

	it('shows a long facet’s checked values, then the commonest, and counts the rest', () => {
		const { shown, hidden } = facetValuesToShow(labels, counts, new Set([3]));
		expect(shown).toHaveLength(FACET_SHOWN);
		expect(shown[0]).toBe(3);
		const rest = shown.slice(1).map((i) => counts[i]!);
		expect(rest).toEqual([...rest].sort((a, b) => b - a));
		expect(Math.min(...rest)).toBeGreaterThanOrEqual(
			Math.max(
				...labels
					.map((_, i) => i)
					.filter((i) => !shown.includes(i))
					.map((i) => counts[i]!)
			)
		);
		expect(hidden).toBe(30 - FACET_SHOWN);
	});

	it('finds any value by its name, accents and case aside', () => {
		const names = [...labels, 'Élodie Dupont'];
		expect(facetValuesToShow(names, [], new Set(), 'elodie')).toEqual({ shown: [30], hidden: 0 });
		expect(facetValuesToShow(names, [], new Set(), 'actor 2').shown).toEqual([
			2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29
		]);
	});
});

describe('the facets a dataset declares', () => {
	const tagged = {
		meta: {
			name: 'monitor',
			facets: [
				{
					id: 'weapon',
					label: 'Weapon system',
					applies_to: 'claims' as const,
					multiple: true,
					values: [
						{ id: 'artillery', label: 'Artillery' },
						{ id: 'drone', label: 'Drone' },
						{ id: 'missile', label: 'Missile' }
					]
				},
				{
					id: 'area',
					label: 'Type of area',
					applies_to: 'locations' as const,
					values: [
						{ id: 'residential', label: 'Residential' },
						{ id: 'industrial', label: 'Industrial' }
					]
				}
			]
		},
		locations: [
			location('north', { tags: { area: 'residential' } }),
			location('south', { tags: { area: 'industrial' } }),
			location('bare')
		],
		actors: [actor('a1')],
		sources: [source('s1')],
		claims: [
			claim('k1', { locations: ['north'], tags: { weapon: ['artillery', 'drone'] } }),
			claim('k2', { locations: ['south', 'north'], tags: { weapon: ['missile'] } }),
			claim('k3', { locations: ['bare'], status: 'verified' }),
			claim('k4', { locations: ['south'], tags: { weapon: ['drone'] }, status: 'verified' })
		]
	};
	const tagIndex = buildFilterIndex(tagged);
	const run = (f: Partial<ClaimFilter>) => applyFilter(tagIndex, { ...EMPTY_FILTER, ...f });
	const passing = (f: Partial<ClaimFilter>) => {
		const { pass } = run(f);
		return tagged.claims.filter((_, i) => pass[i]).map((c) => c.id);
	};
	const tagCounts = (f: Partial<ClaimFilter>, k: number) =>
		Object.fromEntries(tagIndex.tags[k]!.values.map((v, i) => [v, run(f).tagCounts[k]![i]]));

	it('a claim passes with any selected value; facets combine with each other and the rest', () => {
		expect(passing({ tags: { weapon: ['drone'] } })).toEqual(['k1', 'k4']);
		expect(passing({ tags: { weapon: ['drone', 'missile'] } })).toEqual(['k1', 'k2', 'k4']);
		expect(passing({ tags: { weapon: ['drone'] }, status: ['verified'] })).toEqual(['k4']);
		expect(passing({ tags: { weapon: [] } })).toEqual(['k1', 'k2', 'k3', 'k4']);
		expect(isEmptyFilter({ ...EMPTY_FILTER, tags: { weapon: [] } })).toBe(true);
		expect(isEmptyFilter({ ...EMPTY_FILTER, tags: { weapon: ['drone'] } })).toBe(false);
	});

	it('a facet of places keeps the claims citing a place with the value', () => {
		expect(passing({ tags: { area: ['industrial'] } })).toEqual(['k2', 'k4']);
		expect(passing({ tags: { area: ['residential'] } })).toEqual(['k1', 'k2']);
		expect(passing({ tags: { area: ['industrial'], weapon: ['drone'] } })).toEqual(['k4']);
	});

	it('counts claims per value with the facet’s own selection aside, the others applied', () => {
		expect(tagCounts({}, 0)).toEqual({ artillery: 1, drone: 2, missile: 1 });
		// k2 cites two places, one of each area: counted once under each.
		expect(tagCounts({}, 1)).toEqual({ residential: 2, industrial: 2 });
		expect(tagCounts({ tags: { weapon: ['drone'] } }, 0)).toEqual({
			artillery: 1,
			drone: 2,
			missile: 1
		});
		expect(tagCounts({ tags: { weapon: ['drone'] } }, 1)).toEqual({
			residential: 1,
			industrial: 1
		});
		expect(tagCounts({ status: ['verified'] }, 0)).toEqual({ artillery: 0, drone: 1, missile: 0 });
		// The built-in facets count under the declared ones too.
		const status = run({ tags: { area: ['industrial'] } }).counts.status;
		expect(status[tagIndex.values.status.indexOf('verified')]).toBe(1);
		expect(status[tagIndex.values.status.indexOf('unverified')]).toBe(1);
	});

	it('search finds a claim by the labels of its values and of its places’ values', () => {
		expect(passing({ q: 'artillery' })).toEqual(['k1']);
		expect(passing({ q: 'industrial' })).toEqual(['k2', 'k4']);
		expect(passing({ q: 'drone industrial' })).toEqual(['k4']);
	});
});
