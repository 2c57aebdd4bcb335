import { Map as MaplibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { MapController } from './controller.ts';
import { FakeMap } from './fake-map.ts';
import { LAYERS, SOURCES, TILES_SOURCE } from './style.ts';
import type { MapFeature } from '../data/protocol.ts';

const place = (i: number): MapFeature => ({
	type: 'Feature',
	id: i,
	geometry: { type: 'Point', coordinates: [i, i] },
	properties: {
		i,
		id: `l${i}`,
		name: `L${i}`,
		claims: 1,
		status: 'unverified',
		precision: 'site',
		faded: false
	}
});
const cluster: MapFeature = {
	type: 'Feature',
	geometry: { type: 'Point', coordinates: [130, 45] },
	properties: { cluster: true, cluster_id: 77, places: 4, claims: 9, faded: false }
};

function setup() {
	const map = new FakeMap();
	const events = {
		selected: [] as (string | null)[],
		clusters: [] as [number, number, number][],
		hovered: [] as (number | null)[],
		views: 0,
		idle: 0
	};
	const controller = new MapController(map, {
		onSelect: (id) => events.selected.push(id),
		onCluster: (id, lon, lat) => events.clusters.push([id, lon, lat]),
		onHover: (i) => events.hovered.push(i),
		onView: () => events.views++,
		onIdle: () => events.idle++
	});
	controller.setFeatures([place(0), place(1), place(2), cluster]);
	return { map, controller, events };
}

describe('MapController over a tiled dataset', () => {
	it('draws the places from the archive with the same layers, selects by id, zooms clusters', async () => {
		const map = new FakeMap();
		const selected: (string | null)[] = [];
		const clusters: unknown[][] = [];
		let registered = 0;
		const controller = new MapController(
			map,
			{
				onSelect: (id) => selected.push(id),
				onCluster: (...args) => clusters.push(args)
			},
			{ tilesProtocol: async () => void registered++ }
		);
		for (const id of Object.values(LAYERS)) if (id !== LAYERS.tilesSelected) map.addLayer({ id });
		await controller.showTiles('https://app.example.org/t/places.pmtiles', 'places');
		expect(registered).toBe(1);
		expect(map.calls).toContainEqual([
			'addSource',
			TILES_SOURCE,
			'pmtiles://https://app.example.org/t/places.pmtiles'
		]);
		expect(map.layers.map((l) => l.id).sort()).toEqual(Object.values(LAYERS).sort());
		controller.setSelected(3, 'vladivostok');
		expect(map.calls.at(-1)).toEqual([
			'setFilter',
			LAYERS.tilesSelected,
			['all', ['!', ['has', 'cluster']], ['==', ['get', 'lid'], 'vladivostok']]
		]);
		map.rendered.set('5,5', [{ properties: { lid: 'khabarovsk', name: 'Khabarovsk' } }]);
		map.rendered.set('6,6', [
			{
				properties: { cluster: true, cluster_id: 9, expansion_zoom: 7 },
				geometry: { type: 'Point', coordinates: [130, 45] }
			}
		]);
		map.fire('click', { point: { x: 5, y: 5 } });
		map.fire('click', { point: { x: 6, y: 6 } });
		expect(selected).toEqual(['khabarovsk']);
		expect(clusters).toEqual([[9, 130, 45, 7]]);
	});
});

describe('MapController', () => {
	it('draws what is in view through setData, not by adding sources or layers', () => {
		const { map } = setup();
		expect(map.calls.filter((c) => c[0] === 'setData')).toEqual([['setData', SOURCES.locations]]);
		expect((map.data.get(SOURCES.locations) as { features: unknown[] }).features).toHaveLength(4);
	});

	it('asks for half a screen more than the view each way, within the poles', () => {
		const { map, controller } = setup();
		map.bounds = [100, 40, 110, 80];
		map.zoom = 4.5;
		expect(controller.viewBounds()).toEqual({ bounds: [95, 20, 115, 90], zoom: 4.5 });
	});

	it('selection moves through feature-state, clearing the previous one', () => {
		const { map, controller } = setup();
		controller.setSelected(1);
		controller.setSelected(2);
		controller.setSelected(2);
		controller.setSelected(null);
		expect(map.calls.filter((c) => c[0] === 'setFeatureState')).toEqual([
			['setFeatureState', SOURCES.locations, 1, { selected: true }],
			['setFeatureState', SOURCES.locations, 1, { selected: false }],
			['setFeatureState', SOURCES.locations, 2, { selected: true }],
			['setFeatureState', SOURCES.locations, 2, { selected: false }]
		]);
	});

	it('a click on a place selects it by id, on a cluster opens it, on empty map clears', () => {
		const { map, events } = setup();
		map.rendered.set('10,20', [place(2)]);
		map.rendered.set('30,30', [cluster]);
		map.fire('click', { point: { x: 10, y: 20 } });
		map.fire('click', { point: { x: 30, y: 30 } });
		map.fire('click', { point: { x: 50, y: 50 } });
		expect(events.selected).toEqual(['l2', null]);
		expect(events.clusters).toEqual([[77, 130, 45]]);
		expect(map.calls.filter((c) => c[0] === 'queryRenderedFeatures')[0]).toEqual([
			'queryRenderedFeatures',
			[10, 20],
			[LAYERS.clusters, LAYERS.locations, LAYERS.locationHalo]
		]);
	});

	it('hovering sets hover feature-state and the pointer cursor, and tells the state', () => {
		const { map, events } = setup();
		map.fire('mousemove', { layer: LAYERS.locations, features: [{ id: 0 }] });
		map.fire('mousemove', { layer: LAYERS.locations, features: [{ id: 0 }] });
		expect(map.states.get(0)).toEqual({ hover: true });
		expect(map.canvas.style.cursor).toBe('pointer');
		map.fire('mouseleave', { layer: LAYERS.locations });
		expect(map.states.get(0)).toEqual({ hover: false });
		expect(map.canvas.style.cursor).toBe('');
		expect(events.hovered).toEqual([0, null]);
	});

	it('reports the view after a move and idle', () => {
		const { map, controller, events } = setup();
		map.center = { lng: 131.9, lat: 43.1 };
		map.zoom = 6;
		map.fire('moveend');
		map.fire('idle');
		expect(events).toMatchObject({ views: 1, idle: 1 });
		expect(controller.view).toEqual({ zoom: 6, lat: 43.1, lon: 131.9 });
	});

	it('moves the view centre clear of a bottom sheet, never with negative padding', () => {
		const { map, controller } = setup();
		controller.setBottomInset(300);
		controller.setBottomInset(-5);
		expect(map.calls.filter((c) => c[0] === 'easeTo')).toEqual([
			['easeTo', { top: 0, right: 0, bottom: 300, left: 0 }],
			['easeTo', { top: 0, right: 0, bottom: 0, left: 0 }]
		]);
	});

	it('another dataset drops the old feature-states, which belonged to other places, and what was drawn', () => {
		const { map, controller } = setup();
		controller.setSelected(0);
		controller.setLocations();
		expect(map.states.size).toBe(0);
		expect(map.calls.at(-2)).toEqual(['removeFeatureState', SOURCES.locations]);
		expect(map.calls.at(-1)).toEqual(['setData', SOURCES.locations]);
		expect((map.data.get(SOURCES.locations) as { features: unknown[] }).features).toEqual([]);
	});

	it('names the canvas for assistive technology', () => {
		const { map, controller } = setup();
		controller.setLabel('Map of 3 places');
		expect(map.canvas.attributes).toEqual({ 'aria-label': 'Map of 3 places', role: 'img' });
	});

	it('removes every listener it added, and the map, on destroy', () => {
		const { map, controller } = setup();
		expect(map.listenerCount).toBeGreaterThan(0);
		controller.destroy();
		expect(map.listenerCount).toBe(0);
		expect(map.removed).toBe(true);
	});
});

describe('the fake map keeps to the real one', () => {
	it.each([
		'on',
		'off',
		'getSource',
		'setFeatureState',
		'removeFeatureState',
		'addSource',
		'addLayer',
		'removeLayer',
		'getLayer',
		'setFilter',
		'flyTo',
		'fitBounds',
		'jumpTo',
		'easeTo',
		'getCenter',
		'getBounds',
		'getZoom',
		'getCanvas',
		'queryRenderedFeatures',
		'remove'
	])('maplibre-gl Map has %s, as FakeMap does', (method) => {
		expect(typeof (FakeMap.prototype as unknown as Record<string, unknown>)[method]).toBe(
			'function'
		);
		expect(typeof (MaplibreMap.prototype as unknown as Record<string, unknown>)[method]).toBe(
			'function'
		);
	});

	it('FakeMap implements no method the real Map lacks', () => {
		const own = Object.getOwnPropertyNames(FakeMap.prototype).filter(
			(name) => name !== 'constructor' && name !== 'fire' && name !== 'listenerCount'
		);
		for (const name of own)
			expect(typeof (MaplibreMap.prototype as unknown as Record<string, unknown>)[name], name).toBe(
				'function'
			);
	});
});
