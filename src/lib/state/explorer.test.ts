import { describe, expect, it } from 'vitest';
import { actor, claim, location, source } from '../test-data/factories.ts';
import type { Dataset } from '../domain/schema.ts';
import { MapController } from '../map/controller.ts';
import { FakeMap } from '../map/fake-map.ts';
import { Explorer, type History } from './explorer.svelte.ts';
import { UNLOCATED } from './url.ts';
import { EMPTY_FILTER } from '../domain/filter.ts';

function dataset(): Dataset {
	return {
		meta: { name: 'Test' },
		locations: [
			location('b-place', { name: 'Bravo' }, [10, 50]),
			location('a-place', { name: 'Alpha' }, [12, 52])
		],
		actors: [actor('a1')],
		sources: [source('s1')],
		claims: [
			claim('c1', { locations: ['b-place'] }),
			claim('c2', { locations: ['b-place'] }),
			claim('c3', { locations: [] })
		],
		texts: { s1: '' }
	};
}

function setup() {
	const log: [string, string, { location: string | null }][] = [];
	let url = new URL('http://test/');
	const history: History = {
		push: (u, s) => (log.push(['push', u, s]), (url = new URL(u, url))),
		replace: (u, s) => (log.push(['replace', u, s]), (url = new URL(u, url))),
		current: () => url
	};
	const explorer = new Explorer(dataset(), history);
	const map = new FakeMap();
	explorer.attachMap(new MapController(map));
	return { explorer, log, map };
}

describe('Explorer', () => {
	it('a map that attaches after another dataset was shown fits that dataset, unless the URL set the view', () => {
		const history: History = {
			push: () => {},
			replace: () => {},
			current: () => new URL('http://test/')
		};
		const other: Dataset = { ...dataset(), locations: [location('far', {}, [100, -20])] };
		for (const viewGiven of [false, true]) {
			const explorer = new Explorer(dataset(), history);
			const madeFor = explorer.dataset;
			explorer.setDataset({ ...other, claims: [] });
			const map = new FakeMap();
			explorer.attachMap(new MapController(map), { madeFor, viewGiven });
			expect(map.calls.filter((c) => c[0] === 'fitBounds')).toEqual(
				viewGiven ? [] : [['fitBounds', [100, -20, 100, -20]]]
			);
		}
		// Made for the dataset it shows: the view it was made with stands.
		const { map } = setup();
		expect(map.calls.some((c) => c[0] === 'fitBounds')).toBe(false);
	});

	it('lists places by number of claims, then by name', () => {
		const { explorer } = setup();
		expect(explorer.items.map((i) => [i.name, i.claims])).toEqual([
			['Bravo', 2],
			['Alpha', 0]
		]);
		explorer.sort = 'name';
		expect(explorer.items.map((i) => i.name)).toEqual(['Alpha', 'Bravo']);
	});

	it('selecting pushes a history entry, marks the place on the map and opens its panel', () => {
		const { explorer, log, map } = setup();
		explorer.select('b-place', { fly: true });
		expect(log).toEqual([
			['push', '/?location=b-place', { location: 'b-place', filter: EMPTY_FILTER }]
		]);
		expect(map.states.get(0)).toEqual({ selected: true });
		expect(map.calls.find((c) => c[0] === 'flyTo')).toEqual(['flyTo', [10, 50], 6]);
		expect(explorer.panel?.kind).toBe('location');
	});

	it('the unlocated claims have a panel of their own', () => {
		const { explorer } = setup();
		explorer.select(UNLOCATED);
		expect(explorer.panel).toMatchObject({ kind: 'unlocated' });
		expect(
			explorer.panel?.kind === 'unlocated' && explorer.panel.claims.map((c) => c.claim.id)
		).toEqual(['c3']);
	});

	it('an unknown id leaves the selection as it was and says why', () => {
		const { explorer, log } = setup();
		explorer.select('a-place');
		explorer.select('nowhere');
		expect(explorer.selected).toBe('a-place');
		expect(explorer.notice).toContain('nowhere');
		expect(log).toHaveLength(1);
	});

	it('applying a URL changes no history; the view goes into the hash by replacement', () => {
		const { explorer, log } = setup();
		explorer.select('a-place', { history: 'none' });
		explorer.setView({ zoom: 5, lat: 50, lon: 10 });
		expect(log).toEqual([
			[
				'replace',
				'/?location=a-place#map=5.00/50.00000/10.00000',
				{ location: 'a-place', filter: EMPTY_FILTER }
			]
		]);
	});

	it('a filter narrows the list and the panel, fades emptied places on the map, and goes into the URL', () => {
		const { explorer, log, map } = setup();
		explorer.setFilter({ ...EMPTY_FILTER, q: 'nothing matches this' }, { history: 'replace' });
		expect(explorer.items.map((i) => [i.name, i.claims, i.faded])).toEqual([
			['Alpha', 0, true],
			['Bravo', 0, true]
		]);
		expect(explorer.visibleClaims).toEqual([]);
		explorer.select(UNLOCATED, { history: 'none' });
		expect(explorer.panel).toEqual({ kind: 'unlocated', claims: [] });
		explorer.select(null, { history: 'none' });
		expect(map.states.get(0)).toMatchObject({ claims: 0, faded: true });
		expect(log.at(-1)).toEqual([
			'replace',
			'/?q=nothing+matches+this',
			{ location: null, filter: explorer.filter }
		]);
		explorer.setFilter({ ...EMPTY_FILTER, status: ['unverified'] });
		expect(explorer.items.map((i) => [i.name, i.claims])).toEqual([
			['Bravo', 2],
			['Alpha', 0]
		]);
		expect(explorer.placesInView).toBe(1);
		expect(log.at(-1)![0]).toBe('push');
	});

	it('fits all locations; an empty dataset has no bounds', () => {
		const { explorer } = setup();
		expect(explorer.bounds).toEqual([10, 50, 12, 52]);
		const empty = new Explorer(
			{ ...dataset(), locations: [], claims: [] },
			{ push() {}, replace() {}, current: () => new URL('http://t/') }
		);
		expect(empty.bounds).toBeNull();
		expect(empty.items).toEqual([]);
	});
});
