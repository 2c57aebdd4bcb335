/**
 * Creates the MapLibre map and its controller: the only module that imports `maplibre-gl`'s code.
 * https://maplibre.org/maplibre-gl-js/docs/API/classes/Map/
 */
import { addProtocol, Map as MaplibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// Bundled by Vite, the worker must be named, or the map never goes idle.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { MapController, type ControllerEvents, type MapLike, type MapView } from './controller.ts';
import { buildStyle } from './style.ts';

let workerSet = false;
let tilesProtocol: Promise<void> | null = null;

/**
 * The `pmtiles://` protocol (the `pmtiles` package's, which reads the archive by HTTP range
 * requests), registered once and loaded only when a tiled dataset is shown.
 * https://docs.protomaps.com/pmtiles/maplibre
 */
function registerTilesProtocol(): Promise<void> {
	return (tilesProtocol ??= import('pmtiles').then(({ Protocol }) => {
		addProtocol('pmtiles', new Protocol().tile);
	}));
}

export interface CreateMapOptions {
	container: HTMLElement;
	/** Where to start; when absent, `bounds` is fitted once the map exists. */
	view?: MapView;
	bounds?: [number, number, number, number];
	events?: ControllerEvents;
}

/** Resolves once the style has loaded, so that every source exists for `setData`. */
export function createMap(options: CreateMapOptions): Promise<MapController> {
	if (!workerSet) {
		setWorkerUrl(workerUrl);
		workerSet = true;
	}
	const map = new MaplibreMap({
		container: options.container,
		style: buildStyle(),
		center: options.view ? [options.view.lon, options.view.lat] : [0, 20],
		zoom: options.view?.zoom ?? 1,
		bounds: options.view ? undefined : options.bounds,
		fitBoundsOptions: { padding: 48, maxZoom: 9 },
		attributionControl: { compact: true, customAttribution: 'Natural Earth' },
		dragRotate: false,
		pitchWithRotate: false,
		touchPitch: false,
		maxPitch: 0,
		renderWorldCopies: true,
		// Labels appear at once rather than fading in over 300 ms: every fade is frames to draw, and
		// under a software renderer they delayed the first idle map at M by a third.
		fadeDuration: 0
	});
	map.touchZoomRotate.disableRotation();
	map.keyboard.disableRotation();
	return new Promise((resolve, reject) => {
		// An error before the style has loaded: there is no map to show, so none is kept.
		const onError = (event: { error: { message: string } }) => {
			map.remove();
			reject(new Error(event.error.message));
		};
		map.once('error', onError);
		map.once('load', () => {
			map.off('error', onError);
			resolve(
				new MapController(map as unknown as MapLike, options.events, {
					tilesProtocol: registerTilesProtocol
				})
			);
		});
	});
}
