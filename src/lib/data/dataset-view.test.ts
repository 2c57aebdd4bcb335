/**
 * The worker's view of a dataset against a naive oracle written on the claim objects: what
 * passes a filter, per place and in all, the list's order, a place's claims, the unlocated ones,
 * and the clusters' sums. On the seed, on generated data, and on random datasets and filters.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { normalizeForQuoteMatch } from '../domain/quotes.ts';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { generateDataset } from '../../../scripts/bench/generate.ts';
import { EMPTY_FILTER, normalizeSearch, type ClaimFilter } from '../domain/filter.ts';
import type { Claim, Dataset } from '../domain/schema.ts';
import { validateDataset } from '../domain/validate.ts';
import { validDatasetArb } from '../test-data/arbitraries.ts';
import { DatasetView } from './dataset-view.ts';
import type { JoinedClaim } from '../domain/join.ts';
import { UNLOCATED } from '../state/url.ts';
import { wrapBounds } from './place-layer.ts';

const seed = async (): Promise<Dataset> => {
	const { files } = await readDatasetFolder('geodata');
	const result = validateDataset(files);
	if (!result.dataset) throw new Error('the seed is invalid');
	return result.dataset;
};

/** The oracle: does a claim pass, straight from the records. */
function passes(dataset: Dataset, claim: Claim, filter: ClaimFilter): boolean {
	const actor = dataset.actors.find((a) => a.id === claim.claimant);
	const inList = (list: string[], value: string | undefined) =>
		list.length === 0 || (value !== undefined && list.includes(value));
	if (!inList(filter.status, claim.status)) return false;
	if (!inList(filter.claimant, claim.claimant)) return false;
	if (!inList(filter.claimant_kind, actor?.kind)) return false;
	if (!inList(filter.source, claim.source)) return false;
	if (!inList(filter.quote_kind, claim.quote_kind)) return false;
	if (filter.stance.length) {
		const stances = [
			claim.stance,
			// One id or a list of them: a response marks each claim it answers.
			...dataset.claims
				.filter((r) => [r.responds_to].flat().includes(claim.id))
				.map((r) => r.stance)
		];
		if (!stances.some((s) => s !== undefined && filter.stance.includes(s))) return false;
	}
	if (filter.from || filter.to) {
		if (!claim.said_on) return false;
		const first = claim.said_on.length === 7 ? `${claim.said_on}-01` : claim.said_on;
		const last = claim.said_on.length === 7 ? `${claim.said_on}-31` : claim.said_on;
		if (filter.from && last < filter.from) return false;
		if (filter.to && first > filter.to) return false;
	}
	// The dataset's own facets: a claim's values, or those of the places it cites.
	const facets = dataset.meta.facets ?? [];
	const places = claim.locations.flatMap((id) => dataset.locations.filter((l) => l.id === id));
	for (const facet of facets) {
		const selected = filter.tags?.[facet.id] ?? [];
		if (!selected.length) continue;
		const records = facet.applies_to === 'claims' ? [claim] : places.map((l) => l.properties);
		const values = records.flatMap((r) => [r.tags?.[facet.id] ?? []].flat());
		if (!values.some((v) => selected.includes(v))) return false;
	}
	const label = (facetId: string, value: string) =>
		facets.find((f) => f.id === facetId)!.values.find((v) => v.id === value)!.label;
	const labels = (r: Pick<Claim, 'tags'>) =>
		Object.entries(r.tags ?? {}).flatMap(([f, v]) => [v].flat().map((x) => label(f, x)));
	const terms = normalizeSearch(filter.q).split(' ').filter(Boolean);
	if (terms.length) {
		const places = [...new Set(claim.locations)].map((id) => {
			const l = dataset.locations.find((p) => p.id === id);
			return l
				? [l.properties.name, ...l.properties.alt_names, ...labels(l.properties)].join(' ')
				: '';
		});
		const text = normalizeSearch(
			`${claim.quote ?? claim.description} ${actor?.name ?? ''} ${places.join(' ')} ${labels(claim).join(' ')}`
		);
		if (!terms.every((t) => text.includes(t))) return false;
	}
	return true;
}

/** Everything the view says about one filter, checked against the oracle. */
function checkAgainstOracle(dataset: Dataset, filter: ClaimFilter) {
	const view = new DatasetView(dataset);
	const result = view.setFilter(filter);
	const passing = dataset.claims.filter((c) => passes(dataset, c, filter));
	expect(result.passed).toBe(passing.length);
	const at = (id: string) => passing.filter((c) => c.locations.includes(id));
	const counts = dataset.locations.map((l) => at(l.id).length);
	expect(result.placesInView).toBe(counts.filter((n) => n > 0).length);
	const unlocated = passing.filter(
		(c) =>
			c.responds_to === undefined &&
			!c.locations.some((id) => dataset.locations.some((l) => l.id === id))
	);
	expect(result.unlocated).toBe(unlocated.length);
	// The timeline: claims dated to a day, under every filter but the dates, on their day.
	const undated = { ...filter, from: null, to: null };
	const perDay = new Map<string, number>();
	for (const c of dataset.claims)
		if (c.said_on?.length === 10 && passes(dataset, c, undated))
			perDay.set(c.said_on, (perDay.get(c.said_on) ?? 0) + 1);
	expect(new Map(result.days.filter((d) => d.claims > 0).map((d) => [d.day, d.claims]))).toEqual(
		perDay
	);
	expect(view.unlocated(1e9).total).toBe(unlocated.length);
	// Each declared facet's counts: the claims that pass with its own selection aside, per value.
	for (const [k, facet] of (dataset.meta.facets ?? []).entries()) {
		const others = { ...filter, tags: { ...filter.tags, [facet.id]: [] } };
		const shown = result.tags[k]!;
		expect(shown.id).toBe(facet.id);
		for (const { value, count } of shown.shown) {
			const expected = dataset.claims.filter((c) => {
				if (!passes(dataset, c, others)) return false;
				const places = c.locations.flatMap((id) => dataset.locations.filter((l) => l.id === id));
				const records = facet.applies_to === 'claims' ? [c] : places.map((l) => l.properties);
				return records.some((r) => [r.tags?.[facet.id] ?? []].flat().includes(value));
			}).length;
			expect(count, `${facet.id}=${value}`).toBe(expected);
		}
	}

	// The list: every place once, by claims (most first) then by name.
	const { items, total } = view.list('claims', 0, 1e9);
	expect(total).toBe(dataset.locations.length);
	expect(items.map((i) => i.claims)).toEqual(items.map((i) => counts[i.index]));
	expect([...items.map((i) => i.index)].sort((a, b) => a - b)).toEqual(
		dataset.locations.map((_, i) => i)
	);
	const { compare } = new Intl.Collator();
	for (let k = 1; k < items.length; k++) {
		const [a, b] = [items[k - 1]!, items[k]!];
		expect(a.claims > b.claims || (a.claims === b.claims && compare(a.name, b.name) <= 0)).toBe(
			true
		);
	}
	// A page is a slice of the whole.
	expect(view.list('claims', 1, 2).items).toEqual(items.slice(1, 3));

	// One place's claims: those that pass and cite it.
	for (const [index, location] of dataset.locations.entries()) {
		const place = view.place(index, 1e9)!;
		expect(place.claims.map((c) => c.claim.id).sort()).toEqual(
			at(location.id)
				.map((c) => c.id)
				.sort()
		);
		expect(place.summary.claims).toBe(place.total);
	}

	// Zoomed in all the way, every place is a point with its count; zoomed out, the clusters and
	// points together hold every claim that passes, once per place.
	const world: [number, number, number, number] = [-180, -90, 180, 90];
	const points = view.view(world, 20);
	expect(points.map((f) => f.properties.claims).sort()).toEqual([...counts].sort());
	for (const zoom of [0, 3, 8]) {
		const features = view.view(world, zoom);
		expect(features.reduce((n, f) => n + f.properties.claims, 0)).toBe(
			counts.reduce((n, c) => n + c, 0)
		);
	}
	return view;
}

describe('DatasetView', () => {
	it('on the seed: each facet value, a date range and searches, as the oracle says', async () => {
		const dataset = await seed();
		checkAgainstOracle(dataset, EMPTY_FILTER);
		const view = new DatasetView(dataset);
		for (const [facet, values] of Object.entries(view.facets().facets)) {
			for (const { value } of values.shown)
				checkAgainstOracle(dataset, { ...EMPTY_FILTER, [facet]: [value] });
		}
		checkAgainstOracle(dataset, { ...EMPTY_FILTER, from: '2024-10-16', to: '2024-10-18' });
		for (const q of ['ussuriisk', 'unable', 'kim', 'Sergiyevsky training'])
			checkAgainstOracle(dataset, { ...EMPTY_FILTER, q });
	});

	it('on generated data (1,500 claims): facets together, as the oracle says', () => {
		const generated = generateDataset('S', 7);
		const dataset = {
			...generated,
			claims: generated.claims.slice(0, 1500),
			meta: { name: 'gen' }
		} as Dataset;
		// Cut to 1,500 claims, some responses answer claims that are gone: still a fair test of the
		// view, which must not lose or invent a claim either way.
		checkAgainstOracle(dataset, {
			...EMPTY_FILTER,
			status: ['unverified', 'disputed'],
			claimant_kind: [dataset.actors[0]!.kind]
		});
		checkAgainstOracle(dataset, { ...EMPTY_FILTER, q: 'convoy base' });
	});

	it('random valid datasets and filters drawn from their own values agree with the oracle', () => {
		fc.assert(
			fc.property(
				validDatasetArb({ maxClaims: 12 }).chain((dataset) =>
					fc.tuple(
						fc.constant(dataset),
						fc.record({
							q: fc.constantFrom('', dataset.claims[0]?.quote?.split(' ')[0] ?? '', 'zzz'),
							status: fc.subarray(['verified', 'corroborated', 'unverified', 'disputed', 'false']),
							claimant: fc.subarray(dataset.actors.map((a) => a.id)),
							claimant_kind: fc.subarray([...new Set(dataset.actors.map((a) => a.kind))]),
							source: fc.subarray(dataset.sources.map((s) => s.id)),
							quote_kind: fc.subarray(['direct', 'reported']),
							stance: fc.subarray(['supports', 'cannot_confirm', 'disputes', 'denies']),
							from: fc.constantFrom(null, '2020-01-01', '2024-10-15'),
							to: fc.constantFrom(null, '2024-12-31', '2030-01-01'),
							tags: fc.record(
								Object.fromEntries(
									(dataset.meta.facets ?? []).map((f) => [
										f.id,
										fc.subarray(f.values.map((v) => v.id))
									])
								)
							)
						})
					)
				),
				([dataset, filter]) => {
					checkAgainstOracle(dataset, filter as ClaimFilter);
				}
			),
			{ numRuns: Number(process.env.FC_RUNS ?? 150) }
		);
	});

	it('a long facet shows the checked and the commonest values, with labels, never all of them', () => {
		const generated = generateDataset('S', 3);
		const view = new DatasetView({ ...generated, meta: { name: 'gen' } } as Dataset);
		const claimant = generated.actors[5]!;
		view.setFilter({ ...EMPTY_FILTER, claimant: [claimant.id] });
		const facet = view.facets().facets.claimant;
		expect(facet.size).toBe(generated.actors.length);
		expect(facet.shown.length).toBeLessThanOrEqual(12);
		expect(facet.shown[0]).toMatchObject({ value: claimant.id, label: claimant.name });
		expect(facet.hidden).toBe(generated.actors.length - facet.shown.length);
		const found = view.facets({ claimant: generated.actors[9]!.name }).facets.claimant.shown;
		expect(found.map((v) => v.value)).toContain(generated.actors[9]!.id);
	});

	it('finding a place by name reaches any of a long list, in the list’s order', () => {
		const generated = generateDataset('S', 3);
		const view = new DatasetView({ ...generated, meta: { name: 'gen' } } as Dataset);
		const wanted = generated.locations.filter((l) => l.properties.name.includes('Place 99'));
		const page = view.list('name', 0, 1e9, 'place 99');
		expect(page.total).toBe(wanted.length);
		expect(page.items.map((i) => i.id).sort()).toEqual(wanted.map((l) => l.id).sort());
		expect(view.list('claims', 0, 5, 'PLACE 999').items.map((i) => i.name)).toEqual(['Place 999']);
		expect(view.list('name', 0, 5, 'nowhere at all').total).toBe(0);
	});

	it('bounds that run past ±180° (the world repeated) come back within it', () => {
		expect(wrapBounds([170, 10, 190, 20])).toEqual([170, 10, -170, 20]);
		expect(wrapBounds([-500, -100, 500, 100])).toEqual([-180, -90, 180, 90]);
	});

	it('a claim’s link finds the panel that shows it, at the rank it is listed, any claim of any dataset', async () => {
		const shows = (items: JoinedClaim[], id: string): boolean =>
			items.some((item) => item.claim.id === id || shows(item.responses, id));
		const check = (dataset: Dataset) => {
			const view = new DatasetView(dataset);
			for (const claim of dataset.claims) {
				const found = view.findClaim(claim.id)!;
				expect(found.hidden).toBe(false);
				const page =
					found.place === UNLOCATED
						? view.unlocated(found.rank + 1).claims
						: view.place(view.locate(found.place)!.index, found.rank + 1)!.claims;
				// The card at its rank is the claim, or the claim it answers (a response is under it).
				expect(shows([page[found.rank]!], claim.id)).toBe(true);
			}
			expect(view.findClaim('no-such-claim')).toBeNull();
		};
		check(await seed());
		fc.assert(fc.property(validDatasetArb(), check), { numRuns: 50 });
	});

	it('a claim the filter leaves out is found, and said to be hidden', async () => {
		const view = new DatasetView(await seed());
		view.setFilter({ ...EMPTY_FILTER, status: ['disputed'] });
		expect(view.findClaim('south-korea-shells-and-missiles')).toEqual({
			place: UNLOCATED,
			rank: 0,
			hidden: false
		});
		expect(view.findClaim('nis-2024-10-18-stationed-far-east')).toMatchObject({ hidden: true });
	});

	it('a source is read with its text, its SHA-256 and every quote of it placed in the text', async () => {
		const dataset = await seed();
		const view = new DatasetView(dataset);
		const reading = (await view.readSource('article'))!;
		const text = dataset.texts.article!;
		expect(reading.text).toBe(text);
		expect(reading.sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
		const quoted = dataset.claims.filter((c) => c.source === 'article' && c.quote !== undefined);
		expect(reading.unplaced).toEqual([]);
		expect(reading.quotes.map((q) => q.claim).sort()).toEqual(quoted.map((c) => c.id).sort());
		for (const q of reading.quotes) {
			const claim = quoted.find((c) => c.id === q.claim)!;
			expect(normalizeForQuoteMatch(text.slice(q.start, q.end))).toBe(
				normalizeForQuoteMatch(claim.quote!).trim()
			);
			expect(q.claimant).toBe(dataset.actors.find((a) => a.id === claim.claimant)!.name);
		}
		expect(await view.readSource('no-such-source')).toBeNull();
	});
});
