import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actor, claim, location, source } from '../test-data/factories.ts';
import { MemoryLibrary, servedDataset, testClient } from '../test-data/worker.ts';
import { inProcess } from '../data/client.ts';
import { WorkerApi } from '../data/worker-api.ts';
import type { Dataset } from '../domain/schema.ts';
import { MapController } from '../map/controller.ts';
import { FakeMap } from '../map/fake-map.ts';
import { Explorer, PANEL_WAIT_MS, VIEW_URL_DELAY_MS, type History } from './explorer.svelte.ts';
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

function recorder(start = 'http://test/') {
	const log: [string, string, { location: string | null }][] = [];
	let url = new URL(start);
	const history: History = {
		push: (u, s) => (log.push(['push', u, s]), (url = new URL(u, url))),
		replace: (u, s) => (log.push(['replace', u, s]), (url = new URL(u, url))),
		current: () => url
	};
	return { log, history };
}

/** An explorer with the dataset open in the worker and a map attached. */
async function setup(data = dataset(), start?: string) {
	const { log, history } = recorder(start);
	const { client, summary } = testClient(data);
	const explorer = new Explorer(summary, client, history);
	const map = new FakeMap();
	// Zoomed in far enough for the two places, 2° apart, to be apart.
	map.zoom = 10;
	explorer.attachMap(new MapController(map));
	await client.openBuiltin(summary.base);
	await explorer.showDataset(summary, { keepFilter: true });
	return { explorer, log, map, client, summary };
}

const drawn = (map: FakeMap) =>
	(map.data.get('locations') as { features: { properties: Record<string, unknown> }[] }).features;

describe('Explorer', () => {
	beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
	afterEach(() => vi.useRealTimers());

	it('fits the dataset once its data is in, wherever the map was when it attached, unless the URL set the view', async () => {
		for (const start of ['http://test/', 'http://test/#map=3.00/10.00000/20.00000']) {
			const { map } = await setup(dataset(), start);
			expect(map.calls.filter((c) => c[0] === 'fitBounds')).toEqual(
				start.includes('#map') ? [] : [['fitBounds', [10, 50, 12, 52]]]
			);
		}
		// A map that attaches after the data: it goes to the dataset too.
		const { history } = recorder();
		const { client, summary } = testClient(dataset());
		const explorer = new Explorer(summary, client, history);
		await client.openBuiltin(summary.base);
		await explorer.showDataset(summary);
		const late = new FakeMap();
		explorer.attachMap(new MapController(late));
		expect(late.calls.filter((c) => c[0] === 'fitBounds')).toEqual([
			['fitBounds', [10, 50, 12, 52]]
		]);
	});

	it('the map is idle (shown whole) only once it has drawn the places the worker sent', async () => {
		const { history } = recorder();
		const { client, summary } = testClient(dataset());
		const explorer = new Explorer(summary, client, history);
		explorer.attachMap(new MapController(new FakeMap()));
		explorer.mapStatus = 'ready';
		explorer.mapIdle();
		expect(explorer.mapStatus).toBe('ready');
		await client.openBuiltin(summary.base);
		await explorer.showDataset(summary);
		explorer.mapIdle();
		expect(explorer.mapStatus).toBe('idle');
	});

	it('lists places by number of claims, then by name, a page from the worker', async () => {
		const { explorer } = await setup();
		expect(explorer.listItems.map((i) => [i.name, i.claims])).toEqual([
			['Bravo', 2],
			['Alpha', 0]
		]);
		expect(explorer.listTotal).toBe(2);
		await explorer.setSort('name');
		expect(explorer.listItems.map((i) => i.name)).toEqual(['Alpha', 'Bravo']);
	});

	it('draws what the worker says is in view, with its counts', async () => {
		const { map } = await setup();
		expect(drawn(map).map((f) => [f.properties.name, f.properties.claims])).toEqual([
			['Bravo', 2],
			['Alpha', 0]
		]);
	});

	it('zoomed out, places that would overlap are one cluster with their claims', async () => {
		const { explorer, map } = await setup();
		map.zoom = 1;
		explorer.setView({ zoom: 1, lat: 50, lon: 10 });
		await vi.waitFor(() => expect(drawn(map)).toHaveLength(1));
		expect(drawn(map)[0]!.properties).toMatchObject({ cluster: true, places: 2, claims: 2 });
		await explorer.setFilter({ ...EMPTY_FILTER, status: ['false'] });
		expect(drawn(map)[0]!.properties).toMatchObject({ cluster: true, claims: 0, faded: true });
	});

	it('selecting pushes a history entry, marks the place on the map and opens its panel', async () => {
		const { explorer, log, map } = await setup();
		await explorer.select('b-place', { fly: true });
		expect(log).toEqual([
			['push', '/?location=b-place', { location: 'b-place', filter: EMPTY_FILTER, claim: null }]
		]);
		expect(map.states.get(0)).toEqual({ selected: true });
		expect(map.calls.find((c) => c[0] === 'flyTo')).toEqual(['flyTo', [10, 50], 6]);
		expect(explorer.panel?.kind === 'location' && explorer.panel.details.claims).toHaveLength(2);
	});

	it('a permalink jumps the map to its place, without a history step', async () => {
		const { explorer, log, map } = await setup();
		await explorer.select('a-place', { history: 'none', fly: 'jump' });
		expect(map.calls.filter((c) => c[0] === 'jumpTo')).toEqual([['jumpTo', [12, 52], 6]]);
		expect(log).toEqual([]);
	});

	it('the unlocated claims have a panel of their own', async () => {
		const { explorer } = await setup();
		await explorer.select(UNLOCATED);
		expect(explorer.panel).toMatchObject({ kind: 'unlocated' });
		expect(
			explorer.panel?.kind === 'unlocated' && explorer.panel.page.claims.map((c) => c.claim.id)
		).toEqual(['c3']);
	});

	it('an unknown id leaves the selection as it was and says why', async () => {
		const { explorer, log } = await setup();
		await explorer.select('a-place');
		await explorer.select('nowhere');
		expect(explorer.selected).toBe('a-place');
		expect(explorer.notice).toContain('nowhere');
		expect(log).toHaveLength(1);
	});

	it('of two selections made at once, the later one is shown, whatever order the answers come in', async () => {
		const { explorer } = await setup();
		const first = explorer.select('b-place');
		const second = explorer.select('a-place');
		await Promise.all([first, second]);
		expect(explorer.selected).toBe('a-place');
		expect(explorer.panel?.kind === 'location' && explorer.panel.details.location.id).toBe(
			'a-place'
		);
	});

	it('the view goes into the hash by replacement, once the map has stopped moving', async () => {
		const { explorer, log } = await setup();
		await explorer.select('a-place', { history: 'none' });
		explorer.setView({ zoom: 4, lat: 40, lon: 10 });
		explorer.setView({ zoom: 5, lat: 50, lon: 10 });
		expect(log).toEqual([]);
		vi.advanceTimersByTime(VIEW_URL_DELAY_MS);
		expect(log).toEqual([
			[
				'replace',
				'/?location=a-place#map=5.00/50.00000/10.00000',
				{ location: 'a-place', filter: EMPTY_FILTER, claim: null }
			]
		]);
	});

	it('a filter narrows the list, the panel and the map, and goes into the URL', async () => {
		const { explorer, log, map } = await setup();
		await explorer.setFilter(
			{ ...EMPTY_FILTER, q: 'nothing matches this' },
			{ history: 'replace' }
		);
		expect(explorer.listItems.map((i) => [i.name, i.claims, i.faded])).toEqual([
			['Alpha', 0, true],
			['Bravo', 0, true]
		]);
		expect(explorer.filterView?.passed).toBe(0);
		expect(drawn(map).map((f) => [f.properties.claims, f.properties.faded])).toEqual([
			[0, true],
			[0, true]
		]);
		await explorer.select(UNLOCATED, { history: 'none' });
		expect(explorer.panel).toEqual({ kind: 'unlocated', page: { total: 0, claims: [] } });
		await explorer.select(null, { history: 'none' });
		expect(log.at(-1)).toEqual([
			'replace',
			'/?q=nothing+matches+this',
			{ location: null, filter: explorer.filter }
		]);
		await explorer.setFilter({ ...EMPTY_FILTER, status: ['unverified'] });
		expect(explorer.listItems.map((i) => [i.name, i.claims])).toEqual([
			['Bravo', 2],
			['Alpha', 0]
		]);
		expect(explorer.placesInView).toBe(1);
		expect(log.at(-1)![0]).toBe('push');
	});

	it('a filter set before the data is in applies once it is', async () => {
		const { history } = recorder();
		const { client, summary } = testClient(dataset());
		const explorer = new Explorer(summary, client, history);
		await explorer.setFilter({ ...EMPTY_FILTER, status: ['false'] }, { history: 'none' });
		expect(explorer.filterView).toBeNull();
		await client.openBuiltin(summary.base);
		await explorer.showDataset(summary, { keepFilter: true });
		expect(explorer.filterView?.passed).toBe(0);
		expect(explorer.filter.status).toEqual(['false']);
	});

	it('an empty dataset has no bounds and no places', async () => {
		const { explorer } = await setup({ ...dataset(), locations: [], claims: [] });
		expect(explorer.bounds).toBeNull();
		expect(explorer.listItems).toEqual([]);
	});

	it('shows the places before the claims are in; claims that cannot be read after say so', async () => {
		const { fetch, summary } = servedDataset(dataset());
		const api = new WorkerApi({
			library: new MemoryLibrary(),
			fetch: async (url) =>
				url.endsWith('claims-0.json') ? new Response('', { status: 404 }) : fetch(url)
		});
		const client = inProcess(api);
		const explorer = new Explorer(summary, client, recorder().history);
		const map = new FakeMap();
		map.zoom = 10;
		explorer.attachMap(new MapController(map));
		await client.openBuiltin(summary.base);
		await explorer.showDataset(summary);
		expect(explorer.listItems.map((i) => [i.name, i.claims])).toEqual([
			['Bravo', 2],
			['Alpha', 0]
		]);
		expect(drawn(map).map((f) => f.properties.name)).toEqual(['Bravo', 'Alpha']);
		expect(explorer.dataStatus).toBe('ready');
		await explorer.select('b-place');
		expect(explorer.dataStatus).toBe('error');
		expect(explorer.dataError).toBe(
			"the built-in dataset's file claims-0.json could not be loaded (404)"
		);
		expect(explorer.panel).toBeNull();
	});

	it('a place clicked before the claims are read says they are loading, then shows them', async () => {
		const { fetch, summary } = servedDataset(dataset());
		let open!: () => void;
		const gate = new Promise<void>((resolve) => (open = resolve));
		const api = new WorkerApi({
			library: new MemoryLibrary(),
			fetch: async (url) => {
				if (!url.endsWith('places.json')) await gate;
				return fetch(url);
			}
		});
		const client = inProcess(api);
		const explorer = new Explorer(summary, client, recorder().history);
		await client.openBuiltin(summary.base);
		await explorer.showDataset(summary);
		const selecting = explorer.select('b-place');
		await vi.advanceTimersByTimeAsync(PANEL_WAIT_MS - 1);
		expect(explorer.panelWaiting).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(explorer.panelWaiting).toBe(true);
		expect(explorer.panel).toBeNull();
		open();
		await selecting;
		expect(explorer.panelWaiting).toBe(false);
		expect(explorer.panel?.kind === 'location' && explorer.panel.details.total).toBe(2);
	});
});
