/**
 * `?tiles=`: the app over a tiled dataset on its own origin (the bench's S dataset, 1,000 places
 * and 10,000 claims, written by `npm run tiles` into build/e2e-tiles/ by the config's web server).
 * The map draws the archive; a cluster click zooms to the zoom the tile gives; a point click opens
 * the panel with the place's claims as its shard lists them, read from the shard on demand.
 */
import { readFile } from 'node:fs/promises';
import { VectorTile } from '@mapbox/vector-tile';
import type { Page, Request } from '@playwright/test';
import { PbfReader } from 'pbf';
import { PMTiles, type Source } from 'pmtiles';
import { expect, test } from '../e2e/fixtures.ts';
import { openMap, pixelOf } from '../e2e/helpers.ts';
import type { ClaimShard, TilesManifest } from '../../src/lib/tiles/format.ts';
import { shardOf } from '../../src/lib/tiles/shard.ts';

const DIR = 'build/e2e-tiles';
const OPEN = '/?tiles=e2e-tiles/';
const readJson = async <T>(path: string): Promise<T> =>
	JSON.parse(await readFile(`${DIR}/${path}`, 'utf8')) as T;

async function archive(): Promise<PMTiles> {
	const bytes = new Uint8Array(await readFile(`${DIR}/places.pmtiles`));
	const source: Source = {
		getKey: () => 'e2e',
		getBytes: async (offset, length) => ({
			data: bytes.slice(offset, offset + length).buffer as ArrayBuffer
		})
	};
	return new PMTiles(source);
}

/** The features of one tile of the archive, as GeoJSON. */
async function tileFeatures(z: number, x: number, y: number) {
	const tile = await (await archive()).getZxy(z, x, y);
	if (!tile) return [];
	const layer = new VectorTile(new PbfReader(new Uint8Array(tile.data))).layers.places!;
	return Array.from({ length: layer.length }, (_, i) => {
		const feature = layer.feature(i).toGeoJSON(x, y, z);
		const point = feature.geometry as unknown as { coordinates: [number, number] };
		return { properties: feature.properties ?? {}, coordinates: point.coordinates };
	});
}

const zoomOf = (page: Page) => Number(new URL(page.url()).hash.replace('#map=', '').split('/')[0]);

/** Collects the page's Content-Security-Policy violations into `window.cspViolations`. */
async function watchPolicy(page: Page) {
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(window, { cspViolations: seen });
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
		);
	});
}
const violations = (page: Page) =>
	page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

test('the map draws the archive, on this origin, and a cluster click zooms in', async ({
	page,
	problems
}) => {
	await watchPolicy(page);
	const manifest = await readJson<TilesManifest>('dataset.json');
	const requests: Request[] = [];
	page.on('request', (r) => requests.push(r));
	await openMap(page, OPEN);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(manifest.meta.name);
	await expect(page.getByRole('img', { name: /Map of 1000 places/ })).toBeVisible();
	// Nothing of the full dataset's page: no list, no filters, no timeline, no import or export.
	await expect(page.getByRole('list', { name: 'Places, with their claims' })).toHaveCount(0);
	await expect(page.getByText('Filters', { exact: true })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /Import/ })).toHaveCount(0);
	await expect(page.getByText(/Not available here/)).toBeVisible();
	// The archive was read by range requests on this origin, and no other origin was asked.
	const origin = new URL(page.url()).origin;
	expect(requests.every((r) => new URL(r.url()).origin === origin)).toBe(true);
	expect(
		requests.some((r) => r.url().endsWith('/e2e-tiles/places.pmtiles') && r.headers().range)
	).toBe(true);

	// The biggest cluster at zoom 3 away from the poles: centred on it, a click zooms to its
	// expansion_zoom.
	const tiles = Array.from({ length: 64 }, (_, i) => tileFeatures(3, i % 8, Math.floor(i / 8)));
	const cluster = (await Promise.all(tiles))
		.flat()
		.filter((f) => f.properties.cluster)
		.filter((f) => Math.abs(f.coordinates[1]) < 60)
		.sort((a, b) => Number(b.properties.claims) - Number(a.properties.claims))[0]!;
	const [clon, clat] = cluster.coordinates;
	await openMap(page, `${OPEN}#map=3/${clat}/${clon}`);
	const at = await pixelOf(page, [clon, clat]);
	await page.mouse.click(at.x, at.y);
	await expect
		.poll(() => zoomOf(page), { timeout: 15_000 })
		.toBe(Number(cluster.properties.expansion_zoom));
	expect(await violations(page)).toEqual([]);
	expect(problems).toEqual([]);
});

test('a point click opens the panel with its claims as its shard lists them, fetched once', async ({
	page,
	problems
}) => {
	await watchPolicy(page);
	const manifest = await readJson<TilesManifest>('dataset.json');
	const requests: Request[] = [];
	page.on('request', (r) => requests.push(r));
	// A place, at a zoom with no clusters: its panel lists its shard's claims, in its order.
	const shardRequests = () => requests.filter((r) => r.url().includes('/e2e-tiles/claims/'));
	const before = shardRequests().length;
	const lid = 'loc-17';
	const shardFile = `claims/${shardOf(lid, manifest.shards.count)}.json`;
	const shard = await readJson<ClaimShard>(shardFile);
	const placeEntry = shard.places[lid]!;
	const [lon, lat] = placeEntry.location.geometry.coordinates as [number, number];
	await openMap(page, `${OPEN}#map=12/${lat}/${lon}`);
	const point = await pixelOf(page, [lon, lat]);
	await page.mouse.click(point.x, point.y);
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
		placeEntry.location.properties.name
	);
	await expect(page).toHaveURL(new RegExp(`[?&]location=${lid}(&|#|$)`));
	const shown = panel.locator('.claims > article');
	await expect(shown).toHaveCount(Math.min(200, placeEntry.claims.length));
	expect(await shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-claim-id')))).toEqual(
		placeEntry.claims.slice(0, 200)
	);
	const first = shard.claims[placeEntry.claims[0]!]!;
	const card = shown.first();
	await expect(card.locator(':scope > blockquote')).toHaveText(`“${first.quote}”`);
	await expect(card.locator(':scope > header .claimant')).toHaveText(
		shard.actors[first.claimant]!.name
	);
	await expect(card.locator(':scope > header .status')).toContainText(first.status);
	const source = shard.sources[first.source]!;
	if (source.title) await expect(card.locator(':scope > .source')).toContainText(source.title);
	// One fetch of the shard, kept: opening the place again asks for nothing more.
	expect(shardRequests().length - before).toBe(1);
	expect(shardRequests().at(-1)!.url()).toMatch(new RegExp(`/e2e-tiles/${shardFile}$`));
	await page.keyboard.press('Escape');
	await expect(panel).toHaveCount(0);
	await page.mouse.click(point.x, point.y);
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
		placeEntry.location.properties.name
	);
	expect(shardRequests().length - before).toBe(1);
	// Nothing the page did broke a rule of its policy (the archive's reader, the schema checks).
	expect(await violations(page)).toEqual([]);
	expect(problems).toEqual([]);
});

test('a link to a place opens it from its shard; the claims tied to no place are there too', async ({
	page,
	problems
}) => {
	const manifest = await readJson<TilesManifest>('dataset.json');
	const lid = 'loc-3';
	const shard = await readJson<ClaimShard>(`claims/${shardOf(lid, manifest.shards.count)}.json`);
	await openMap(page, `${OPEN}&location=${lid}`);
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
		shard.places[lid]!.location.properties.name
	);
	await page.getByRole('button', { name: /Not tied to a place/ }).click();
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Not tied to a place');
	await expect(
		panel.getByText(`${manifest.counts.unlocated} claims that name no place`)
	).toBeVisible();
	await expect(panel.locator('.claims > article')).toHaveCount(
		Math.min(200, manifest.counts.unlocated)
	);
	// A place that is not in the dataset: its shard says so.
	await page.goto(`${OPEN}&location=no-such-place`);
	await expect(
		page.getByText('No place with the id “no-such-place” in this dataset.')
	).toBeVisible();
	expect(problems).toEqual([]);
});

test('a URL that is not http(s), or on another origin the policy does not allow, is not opened', async ({
	page,
	problems
}) => {
	const asked: string[] = [];
	page.on('request', (r) => asked.push(r.url()));
	await page.goto('/?tiles=https://tiles.example.org/t/');
	await expect(page.getByRole('alert').filter({ hasText: /another origin/ })).toBeVisible();
	await page.goto('/?tiles=javascript:alert(1)');
	await expect(page.getByRole('alert').filter({ hasText: /only http\(s\)/ })).toBeVisible();
	expect(asked.filter((u) => !u.startsWith(new URL(page.url()).origin))).toEqual([]);
	expect(problems).toEqual([]);
});
