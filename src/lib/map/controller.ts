/**
 * The map controller: the one owner of the MapLibre map. It adds nothing after the style (sources
 * and layers are in `style.ts`); later changes go through `setData` and `feature-state`. Every
 * listener it registers is removed in `destroy`, which also removes the map.
 *
 * It draws what the data worker says is in view: a few hundred clusters and points, never every
 * place of a large dataset. Points have their place's index as feature id (for the selected and
 * hovered states); clusters have none.
 * https://maplibre.org/maplibre-gl-js/docs/API/classes/Map/
 *
 * It talks to the map through `MapLike`, the part of MapLibre's `Map` it uses, so that unit tests
 * can drive it with a recording fake; a contract test checks the real `Map` has every method.
 */
import type { Basemap } from './basemap.ts';
import {
	LAYERS,
	placeLayers,
	selectedFilter,
	SOURCES,
	TILES_SOURCE,
	tilesSelectedLayer
} from './style.ts';
import type { Bounds, MapFeature } from '../data/protocol.ts';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';

export interface MapView {
	zoom: number;
	lat: number;
	lon: number;
}

type Listener = (event: MapEventLike) => void;

export interface RenderedFeature {
	id?: string | number;
	properties?: object;
	geometry?: { type: string; coordinates: number[] };
}

export interface MapEventLike {
	point?: { x: number; y: number };
	features?: RenderedFeature[];
}

interface SourceLike {
	setData(data: unknown): unknown;
}

/** The subset of maplibre-gl's `Map` that the controller uses. */
export interface MapLike {
	on(type: string, layerOrListener: string | Listener, listener?: Listener): unknown;
	off(type: string, layerOrListener: string | Listener, listener?: Listener): unknown;
	getSource(id: string): unknown;
	setFeatureState(
		feature: { source: string; sourceLayer?: string; id: number },
		state: Record<string, unknown>
	): void;
	removeFeatureState(target: { source: string; sourceLayer?: string }): void;
	addSource(id: string, source: { type: 'vector'; url: string }): unknown;
	addLayer(layer: LayerSpecification): unknown;
	removeLayer(id: string): unknown;
	getLayer(id: string): unknown;
	setFilter(layer: string, filter: ExpressionSpecification): unknown;
	flyTo(options: { center: [number, number]; zoom?: number; essential?: boolean }): unknown;
	fitBounds(
		bounds: [number, number, number, number],
		options?: { padding?: number; maxZoom?: number; duration?: number }
	): unknown;
	jumpTo(options: { center: [number, number]; zoom: number }): unknown;
	easeTo(options: {
		padding: { top: number; right: number; bottom: number; left: number };
		duration?: number;
	}): unknown;
	getCenter(): { lng: number; lat: number };
	getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number };
	getZoom(): number;
	getCanvas(): HTMLCanvasElement;
	queryRenderedFeatures(point: [number, number], options: { layers: string[] }): RenderedFeature[];
	remove(): void;
}

export interface ControllerEvents {
	/** A place was clicked (its id), or empty map was clicked (null). */
	onSelect?(id: string | null): void;
	/** A cluster was clicked; a tiled dataset's cluster says the zoom at which it splits. */
	onCluster?(clusterId: number, lon: number, lat: number, expansionZoom?: number): void;
	onHover?(index: number | null): void;
	/** The view changed (after a move ends). */
	onView?(view: MapView): void;
	/** The map finished drawing everything it was asked to. */
	onIdle?(): void;
}

export interface ControllerOptions {
	/** Registers the `pmtiles://` protocol with MapLibre, once: before a tiled dataset is drawn. */
	tilesProtocol?: () => Promise<void>;
}

export class MapController {
	readonly #map: MapLike;
	readonly #events: ControllerEvents;
	readonly #options: ControllerOptions;
	readonly #cleanups: (() => void)[] = [];
	#hovered: number | null = null;
	#selected: number | null = null;
	/** Where the places' feature states live: the GeoJSON source, or a tiled dataset's layer. */
	#target: { source: string; sourceLayer?: string } = { source: SOURCES.locations };
	/** A tiled dataset's archive once drawn (its layer), and its selected place's id. */
	#tiles: { archive: string; layer: string } | null = null;
	#selectedId = '';

	constructor(map: MapLike, events: ControllerEvents = {}, options: ControllerOptions = {}) {
		this.#map = map;
		this.#events = events;
		this.#options = options;
		this.#listen('mousemove', LAYERS.locations, (e) => this.#setHover(featureIndex(e)));
		this.#listen('mouseleave', LAYERS.locations, () => this.#setHover(null));
		this.#listen('mouseenter', LAYERS.clusters, () => this.#pointer(true));
		this.#listen('mouseleave', LAYERS.clusters, () => this.#pointer(false));
		// One click listener that asks what is under the pointer: with a second, layer-bound one the
		// order of the two would decide whether a click on a place also counts as a click on nothing.
		this.#listen('click', (e) => {
			const [hit] = e.point
				? map.queryRenderedFeatures([e.point.x, e.point.y], {
						layers: [LAYERS.clusters, LAYERS.locations, LAYERS.locationHalo]
					})
				: [];
			const props = (hit?.properties ?? {}) as Record<string, unknown>;
			if (props.cluster) {
				const [lon, lat] = hit!.geometry!.coordinates;
				const zoom = typeof props.expansion_zoom === 'number' ? props.expansion_zoom : undefined;
				events.onCluster?.(Number(props.cluster_id), lon!, lat!, zoom);
			} else {
				// The worker's points carry the place's id as `id`, a tiled dataset's as `lid`.
				const id = props.id ?? props.lid;
				events.onSelect?.(typeof id === 'string' ? id : null);
			}
		});
		this.#listen('moveend', () => events.onView?.(this.view));
		this.#listen('idle', () => events.onIdle?.());
	}

	/** Registers a listener and remembers how to remove it. */
	#listen(type: string, layerOrListener: string | Listener, listener?: Listener) {
		if (typeof layerOrListener === 'string') {
			this.#map.on(type, layerOrListener, listener!);
			this.#cleanups.push(() => this.#map.off(type, layerOrListener, listener!));
		} else {
			this.#map.on(type, layerOrListener);
			this.#cleanups.push(() => this.#map.off(type, layerOrListener));
		}
	}

	get view(): MapView {
		const center = this.#map.getCenter();
		return { zoom: this.#map.getZoom(), lat: center.lat, lon: center.lng };
	}

	setBasemap(basemap: Basemap) {
		this.#setData(SOURCES.land, basemap.land);
		this.#setData(SOURCES.borders, basemap.borders);
		this.#setData(SOURCES.countryLabels, basemap.countryLabels);
	}

	/** Another dataset: what was drawn goes, until `setFeatures` brings the new one's. */
	setLocations() {
		// Feature ids are indexes: a new set of locations means the old states no longer apply.
		// MapLibre keeps feature-state across setData, so without this a new dataset's place would
		// be drawn selected because the old dataset's place at its index was.
		this.#map.removeFeatureState(this.#target);
		this.#hovered = null;
		this.#selected = null;
		this.#setData(SOURCES.locations, { type: 'FeatureCollection', features: [] });
	}

	/** The clusters and points in view, with the filter's counts in their properties. */
	setFeatures(features: MapFeature[]) {
		this.#setData(SOURCES.locations, { type: 'FeatureCollection', features });
	}

	/**
	 * What to ask the worker for: the view's bounds, half a screen wider each way, so that a short
	 * pan finds its points already there, and the zoom.
	 */
	viewBounds(): { bounds: Bounds; zoom: number } {
		const b = this.#map.getBounds();
		const [west, south, east, north] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
		const dx = (east - west) / 2;
		const dy = (north - south) / 2;
		return {
			bounds: [west - dx, Math.max(-90, south - dy), east + dx, Math.min(90, north + dy)],
			zoom: this.#map.getZoom()
		};
	}

	/**
	 * Draws a tiled dataset's places from its PMTiles archive (`archive`, an absolute http(s) URL)
	 * in place of the worker's: the same layers, over the archive's vector source. Once only.
	 */
	async showTiles(archive: string, layer: string) {
		if (this.#tiles) return;
		this.#tiles = { archive, layer };
		await this.#options.tilesProtocol?.();
		this.#map.removeFeatureState({ source: SOURCES.locations });
		this.#map.addSource(TILES_SOURCE, { type: 'vector', url: `pmtiles://${archive}` });
		// Added in the same order, on top of the basemap as before.
		for (const spec of placeLayers(TILES_SOURCE, layer)) {
			this.#map.removeLayer(spec.id);
			this.#map.addLayer(spec);
		}
		this.#map.addLayer(tilesSelectedLayer(layer, this.#selectedId));
		this.#target = { source: TILES_SOURCE, sourceLayer: layer };
		this.#hovered = null;
		this.#selected = null;
	}

	/**
	 * Marks one location as selected (feature-state by its index), or none; over a tiled dataset,
	 * whose tiles' ids a link does not know, by its id (`lid`).
	 */
	setSelected(index: number | null, id: string | null = null) {
		if (this.#tiles) {
			this.#selectedId = id ?? '';
			if (this.#map.getLayer(LAYERS.tilesSelected))
				this.#map.setFilter(LAYERS.tilesSelected, selectedFilter(this.#selectedId));
			return;
		}
		this.#selectedId = id ?? '';
		if (index === this.#selected) return;
		if (this.#selected !== null) this.#state(this.#selected, { selected: false });
		this.#selected = index;
		if (index !== null) this.#state(index, { selected: true });
	}

	/** Highlights a location from outside the map (the list), as hovering it on the map does. */
	setHovered(index: number | null) {
		if (index === this.#hovered) return;
		if (this.#hovered !== null) this.#state(this.#hovered, { hover: false });
		this.#hovered = index;
		if (index !== null) this.#state(index, { hover: true });
	}

	#setHover(index: number | null) {
		if (index === this.#hovered) return;
		this.setHovered(index);
		this.#pointer(index !== null);
		this.#events.onHover?.(index);
	}

	#pointer(on: boolean) {
		this.#map.getCanvas().style.cursor = on ? 'pointer' : '';
	}

	#state(index: number, state: Record<string, unknown>) {
		if (index >= 0) this.#map.setFeatureState({ ...this.#target, id: index }, state);
	}

	flyTo(lon: number, lat: number, zoom?: number) {
		this.#map.flyTo({ center: [lon, lat], zoom, essential: true });
	}

	jumpTo(view: MapView) {
		this.#map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
	}

	/**
	 * Keeps the centre of the view clear of what covers the bottom of the map (the panel as a
	 * bottom sheet on a phone): the map keeps its centre coordinate and shows it higher up.
	 */
	setBottomInset(pixels: number) {
		this.#map.easeTo({
			padding: { top: 0, right: 0, bottom: Math.max(0, pixels), left: 0 },
			duration: 250
		});
	}

	fitBounds(bbox: [number, number, number, number], padding = 48) {
		this.#map.fitBounds(bbox, { padding, maxZoom: 9, duration: 0 });
	}

	/** Gives the canvas an accessible name that says what the map shows. */
	setLabel(label: string) {
		const canvas = this.#map.getCanvas();
		canvas.setAttribute('aria-label', label);
		canvas.setAttribute('role', 'img');
	}

	#setData(source: string, data: unknown) {
		(this.#map.getSource(source) as SourceLike | undefined)?.setData(data);
	}

	destroy() {
		for (const cleanup of this.#cleanups.splice(0)) cleanup();
		this.#map.remove();
	}
}

function featureIndex(event: MapEventLike): number | null {
	const id = event.features?.[0]?.id;
	return typeof id === 'number' ? id : null;
}
