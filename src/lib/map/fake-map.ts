/**
 * A recording stand-in for maplibre-gl's `Map`, for unit tests of the controller. It implements
 * `MapLike` and nothing else; `controller.test.ts` checks that the real `Map` has each method.
 */
import type { MapEventLike, MapLike, RenderedFeature } from './controller.ts';

type Listener = (event: MapEventLike) => void;

export class FakeMap implements MapLike {
	/** Every call, in order, as [method, ...arguments]. */
	readonly calls: unknown[][] = [];
	readonly data = new Map<string, unknown>();
	readonly states = new Map<number, Record<string, unknown>>();
	readonly canvas = {
		style: { cursor: '' },
		attributes: {} as Record<string, string>,
		setAttribute(name: string, value: string) {
			this.attributes[name] = value;
		}
	};
	#listeners: { type: string; layer?: string; listener: Listener }[] = [];
	center = { lng: 0, lat: 0 };
	zoom = 1;
	removed = false;

	on(type: string, layerOrListener: string | Listener, listener?: Listener) {
		this.calls.push([
			'on',
			type,
			typeof layerOrListener === 'string' ? layerOrListener : undefined
		]);
		if (typeof layerOrListener === 'string')
			this.#listeners.push({ type, layer: layerOrListener, listener: listener! });
		else this.#listeners.push({ type, listener: layerOrListener });
		return this;
	}
	off(type: string, layerOrListener: string | Listener, listener?: Listener) {
		this.calls.push([
			'off',
			type,
			typeof layerOrListener === 'string' ? layerOrListener : undefined
		]);
		const fn = typeof layerOrListener === 'string' ? listener : layerOrListener;
		this.#listeners = this.#listeners.filter((l) => !(l.type === type && l.listener === fn));
		return this;
	}
	get listenerCount() {
		return this.#listeners.length;
	}
	/** Fires an event as MapLibre would: layer listeners only when a feature of the layer is hit. */
	fire(type: string, event: MapEventLike & { layer?: string } = {}) {
		for (const l of [...this.#listeners]) {
			if (l.type !== type) continue;
			if (l.layer !== undefined && l.layer !== event.layer) continue;
			l.listener(event);
		}
	}
	getSource(id: string) {
		return {
			setData: (data: unknown) => (this.calls.push(['setData', id]), this.data.set(id, data))
		};
	}
	setFeatureState(
		feature: { source: string; sourceLayer?: string; id: number },
		state: Record<string, unknown>
	) {
		this.calls.push(['setFeatureState', feature.source, feature.id, state]);
		this.states.set(feature.id, { ...this.states.get(feature.id), ...state });
	}
	removeFeatureState(target: { source: string }) {
		this.calls.push(['removeFeatureState', target.source]);
		this.states.clear();
	}
	readonly layers: { id: string }[] = [];
	addSource(id: string, source: { type: string; url: string }) {
		this.calls.push(['addSource', id, source.url]);
	}
	addLayer(layer: { id: string }) {
		this.calls.push(['addLayer', layer.id]);
		this.layers.push(layer);
	}
	removeLayer(id: string) {
		this.calls.push(['removeLayer', id]);
		const at = this.layers.findIndex((l) => l.id === id);
		if (at >= 0) this.layers.splice(at, 1);
	}
	getLayer(id: string) {
		return this.layers.find((l) => l.id === id);
	}
	setFilter(layer: string, filter: unknown) {
		this.calls.push(['setFilter', layer, filter]);
	}
	flyTo(options: { center: [number, number]; zoom?: number }) {
		this.calls.push(['flyTo', options.center, options.zoom]);
	}
	fitBounds(bounds: [number, number, number, number]) {
		this.calls.push(['fitBounds', bounds]);
	}
	jumpTo(options: { center: [number, number]; zoom: number }) {
		this.calls.push(['jumpTo', options.center, options.zoom]);
	}
	easeTo(options: { padding: { bottom: number } }) {
		this.calls.push(['easeTo', options.padding]);
	}
	getCenter() {
		return this.center;
	}
	getZoom() {
		return this.zoom;
	}
	/** [west, south, east, north] of the view. */
	bounds: [number, number, number, number] = [-180, -85, 180, 85];
	getBounds() {
		const [w, s, e, n] = this.bounds;
		return { getWest: () => w, getSouth: () => s, getEast: () => e, getNorth: () => n };
	}
	/** What `queryRenderedFeatures` finds, by "x,y". */
	readonly rendered = new Map<string, RenderedFeature[]>();
	queryRenderedFeatures(point: [number, number], options: { layers: string[] }) {
		this.calls.push(['queryRenderedFeatures', point, options.layers]);
		return this.rendered.get(point.join(',')) ?? [];
	}
	getCanvas() {
		return this.canvas as unknown as HTMLCanvasElement;
	}
	remove() {
		this.calls.push(['remove']);
		this.removed = true;
	}
}
