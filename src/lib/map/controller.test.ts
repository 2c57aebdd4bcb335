import { Map as MaplibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { MapController } from './controller.ts';
import { FakeMap } from './fake-map.ts';
import { LAYERS, SOURCES } from './style.ts';

const features = (n: number) => ({
	type: 'FeatureCollection' as const,
	features: Array.from({ length: n }, (_, i) => ({
		type: 'Feature' as const,
		id: i,
		geometry: { type: 'Point' as const, coordinates: [i, i] },
		properties: {
			lid: `l${i}`,
			name: `L${i}`,
			claims: 1,
			status: 'unverified' as const,
			precision: 'site' as const
		}
	}))
});

function setup() {
	const map = new FakeMap();
	const events = {
		selected: [] as (number | null)[],
		hovered: [] as (number | null)[],
		views: 0,
		idle: 0
	};
	const controller = new MapController(map, {
		onSelect: (i) => events.selected.push(i),
		onHover: (i) => events.hovered.push(i),
		onView: () => events.views++,
		onIdle: () => events.idle++
	});
	controller.setLocations(features(3));
	return { map, controller, events };
}

describe('MapController', () => {
	it('sets the locations through setData, not by adding sources or layers', () => {
		const { map } = setup();
		expect(map.calls.filter((c) => c[0] === 'setData')).toEqual([['setData', SOURCES.locations]]);
		expect((map.data.get(SOURCES.locations) as { features: unknown[] }).features).toHaveLength(3);
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

	it('ignores a selection outside the locations it holds', () => {
		const { map, controller } = setup();
		controller.setSelected(7);
		expect(map.calls.some((c) => c[0] === 'setFeatureState')).toBe(false);
	});

	it('a click on a location selects it; a click on empty map clears', () => {
		const { map, events } = setup();
		map.rendered.set('10,20', [{ id: 2 }]);
		map.fire('click', { point: { x: 10, y: 20 } });
		map.fire('click', { point: { x: 50, y: 50 } });
		expect(events.selected).toEqual([2, null]);
		expect(map.calls.filter((c) => c[0] === 'queryRenderedFeatures')[0]).toEqual([
			'queryRenderedFeatures',
			[10, 20],
			[LAYERS.locations, LAYERS.locationHalo]
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

	it('shows what a filter leaves through feature-state, for the places it holds', () => {
		const { map, controller } = setup();
		controller.setFiltered([
			{ claims: 2, status: 'verified', faded: false },
			{ claims: 0, status: 'none', faded: true },
			{ claims: 1, status: 'false', faded: false },
			{ claims: 9, status: 'false', faded: false }
		]);
		expect(map.states.get(1)).toEqual({ claims: 0, status: 'none', faded: true });
		expect(map.calls.filter((c) => c[0] === 'setFeatureState')).toHaveLength(3);
	});

	it('a new set of locations drops the old feature-states, which belonged to other places', () => {
		const { map, controller } = setup();
		controller.setFiltered([{ claims: 2, status: 'false', faded: false }]);
		controller.setSelected(0);
		controller.setLocations(features(2));
		expect(map.states.size).toBe(0);
		expect(map.calls.at(-2)).toEqual(['removeFeatureState', SOURCES.locations]);
		expect(map.calls.at(-1)).toEqual(['setData', SOURCES.locations]);
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
		'flyTo',
		'fitBounds',
		'jumpTo',
		'easeTo',
		'getCenter',
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
