/**
 * The floor for the app's time to an idle map: a bare page that draws the same places with
 * MapLibre and nothing else. maplibre-gl's own dist files (main, worker, CSS) come from
 * node_modules, served from the same origin; the style has no glyphs and no remote source: a
 * background layer, a clustered GeoJSON source `/points.geojson` (the dataset's places, geometry
 * only) and two circle layers, one for clusters and one for single points (no text: without glyphs
 * text would need a local font). The view is fitted to the places' bounds as the app fits it
 * (padding 48, at most zoom 9), in whatever viewport the browser gives it.
 *
 * When the map fires its first `idle`, the page sets `data-map-state="idle"` on the map's element,
 * as the app does, and `window.__bareIdle` to the time since navigation start. The map is
 * `window.__bareMap`, for the floor of the interactions (scripts/bench/interact.ts).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const DIST = 'node_modules/maplibre-gl/dist';
const DIST_FILES: Record<string, string> = {
	'/maplibre-gl.mjs': 'text/javascript',
	'/maplibre-gl-worker.mjs': 'text/javascript',
	'/maplibre-gl.css': 'text/css'
};

export interface BarePoints {
	/** `/points.geojson`: a FeatureCollection of the places' points, no properties. */
	geojson: string;
	count: number;
	/** [west, south, east, north] */
	bounds: [number, number, number, number];
}

/** The points of a dataset folder's locations.geojson, and their bounds. */
export async function pointsOf(folder: string): Promise<BarePoints> {
	const collection = JSON.parse(await readFile(join(folder, 'locations.geojson'), 'utf8')) as {
		features: { geometry: { coordinates: [number, number] } }[];
	};
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	const features = collection.features.map(({ geometry }) => {
		const [lon, lat] = geometry.coordinates;
		west = Math.min(west, lon);
		east = Math.max(east, lon);
		south = Math.min(south, lat);
		north = Math.max(north, lat);
		return {
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [lon, lat] },
			properties: {}
		};
	});
	return {
		geojson: JSON.stringify({ type: 'FeatureCollection', features }),
		count: features.length,
		bounds: features.length ? [west, south, east, north] : [-180, -85, 180, 85]
	};
}

/** The page: inline module script, no framework. */
export function barePage(bounds: [number, number, number, number]): string {
	const style = {
		version: 8,
		sources: {
			points: {
				type: 'geojson',
				data: '/points.geojson',
				cluster: true,
				clusterRadius: 50
			}
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#dde6ee' } },
			{
				id: 'clusters',
				type: 'circle',
				source: 'points',
				filter: ['has', 'point_count'],
				paint: {
					'circle-color': '#3b6ea5',
					'circle-opacity': 0.85,
					'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 8, 1000, 24],
					'circle-stroke-color': '#ffffff',
					'circle-stroke-width': 1
				}
			},
			{
				id: 'points',
				type: 'circle',
				source: 'points',
				filter: ['!', ['has', 'point_count']],
				paint: {
					'circle-color': '#c0392b',
					'circle-radius': 5,
					'circle-stroke-color': '#222222',
					'circle-stroke-width': 1
				}
			}
		]
	};
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bare MapLibre</title>
<link rel="stylesheet" href="/maplibre-gl.css">
<style>html, body { margin: 0; height: 100%; } #map { position: absolute; inset: 0; }</style>
</head>
<body>
<div id="map" data-map-state="loading"></div>
<script type="module">
import { Map, setWorkerUrl } from '/maplibre-gl.mjs';
setWorkerUrl('/maplibre-gl-worker.mjs');
const container = document.getElementById('map');
const map = new Map({
	container,
	style: ${JSON.stringify(style)},
	bounds: ${JSON.stringify(bounds)},
	fitBoundsOptions: { padding: 48, maxZoom: 9 },
	attributionControl: false
});
window.__bareMap = map;
map.once('idle', () => {
	window.__bareIdle = performance.now();
	container.dataset.mapState = 'idle';
});
map.on('error', (event) => {
	container.dataset.mapState = 'error';
	container.dataset.mapError = String(event.error?.message ?? event.error);
});
</script>
</body>
</html>
`;
}

export interface BareServer {
	origin: string;
	points: BarePoints;
	close(): Promise<void>;
}

/** Serves the bare page for the places of a dataset folder on 127.0.0.1, on a free port. */
export async function serveBare(folder: string): Promise<BareServer> {
	const points = await pointsOf(folder);
	const page = barePage(points.bounds);
	const dist = new Map<string, Buffer>();
	for (const name of Object.keys(DIST_FILES)) dist.set(name, await readFile(DIST + name));
	const server: Server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const send = (type: string, body: string | Buffer) => {
			res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
			res.end(body);
		};
		if (path === '/') return send('text/html; charset=utf-8', page);
		if (path === '/points.geojson') return send('application/geo+json', points.geojson);
		const file = dist.get(path);
		if (file) return send(DIST_FILES[path]!, file);
		res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		points,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}
