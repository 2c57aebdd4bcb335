/** What the end-to-end tests share: the seed dataset as files, and where a place is drawn. */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export interface SeedClaim {
	id: string;
	quote: string;
	locations: string[];
	claimant: string;
	status: string;
	responds_to?: string;
}
export interface SeedLocation {
	id: string;
	geometry: { coordinates: [number, number] };
	properties: { name: string };
}

export async function readSeed() {
	const read = async (name: string) => JSON.parse(await readFile(`geodata/${name}`, 'utf8'));
	return {
		locations: (await read('locations.geojson')).features as SeedLocation[],
		claims: (await read('claims.json')) as SeedClaim[],
		actors: (await read('actors.json')) as { id: string; name: string }[]
	};
}

/** Opens a page and waits until the map has drawn the basemap and the places. */
export async function openMap(page: Page, path = '/') {
	await page.goto(path);
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'idle', {
		timeout: 30_000
	});
	await expect(page).toHaveURL(/#map=/);
	// The view goes into the URL shortly after the map stops (the map fits the dataset once its
	// data is in): wait until the hash holds still, so that it says where the places are drawn.
	let hash = '';
	await expect
		.poll(
			async () => {
				const was = hash;
				hash = new URL(page.url()).hash;
				return hash === was;
			},
			{ intervals: [500] }
		)
		.toBe(true);
}

/**
 * The pixel (in page coordinates) where a point is drawn, from the view the URL's hash holds:
 * Web Mercator with MapLibre's 512-pixel world at zoom 0, from the centre of the canvas.
 */
export async function pixelOf(page: Page, [lon, lat]: [number, number]) {
	const hash = new URL(page.url()).hash;
	const [zoom, clat, clon] = hash.replace('#map=', '').split('/').map(Number) as [
		number,
		number,
		number
	];
	const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
	const world = 512 * 2 ** zoom;
	const x = (l: number) => ((l + 180) / 360) * world;
	const y = (p: number) =>
		((1 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / Math.PI) / 2) * world;
	return {
		x: box.x + box.width / 2 + x(lon) - x(clon),
		y: box.y + box.height / 2 + y(lat) - y(clat)
	};
}
