/**
 * The app's interactions at scale, timed as a person waits for them (scripts/bench/probe.ts says
 * how each is read from the page): from the input event to the summary line, the list and the
 * map's next frame with the new features all being on screen, for a facet toggle, a date range
 * change and a search keystroke; from a click on a place (on the map, and in the list) to its
 * panel being rendered; and the longest main-thread task during each.
 *
 * The floor, in the same browser and run: the bare MapLibre page (scripts/bench/bare.ts) drawing
 * the same places, from a change of a paint property to its next frame on screen: what any map
 * change costs MapLibre here (SwiftShader), however fast the app answers.
 */
import type { Browser, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
	readProbe,
	resetProbe,
	settle,
	shownAfter,
	PROBE,
	type DomKind,
	type Ready
} from './probe.ts';
import { spread, type Spread } from './stats.ts';
import { longTasks, traceOf, type LongTask } from './trace.ts';

export interface Sample {
	domMs: number;
	/** To the map's first frame with the new features on screen; null when MapLibre had nothing
	 * to remake. */
	mapMs: number | null;
	shownMs: number;
	longestTaskMs: number;
}

export interface Interactions {
	/** Per kind of filter change: facet, date, search. */
	filter: Record<'facet' | 'date' | 'search', Sample[]>;
	/** The first search of the visit (it builds the search text), apart. */
	firstSearch: Sample | null;
	/** A click on a place on the map, and on a place in the list, to its panel rendered. */
	mapClick: Sample[];
	listClick: Sample[];
	/** Why the map's clicks are missing, when they are. */
	mapClickNote: string | null;
	/** The floor: the bare page's change-to-frame, and its longest task during them. */
	floor: Sample[];
	/** The long tasks of one facet toggle, one search keystroke and one list click, traced. */
	traced: Partial<Record<'facet' | 'search' | 'click', LongTask[]>>;
	errors: string[];
}

export interface InteractOptions {
	/** Repetitions of each kind of change and click. */
	runs: number;
	loadTimeoutMs: number;
	/** Whether a script's URL is one of maplibre-gl's files (for the traces). */
	isMaplibreUrl: (url: string) => boolean;
}

const VIEWPORT = { width: 1280, height: 800 };
const SUMMARY = '[aria-labelledby="filters-heading"] .summary';
/** The summary's button, there as soon as a filter is: the bench waits for the counts. */
const CLEAR = 'Clear filters';

/** The map's view in a `#map=zoom/lat/lon` hash. */
function viewOf(url: string): { zoom: number; lat: number; lon: number } | null {
	const m = /#map=(-?[\d.]+)\/(-?[\d.]+)\/(-?[\d.]+)/.exec(url);
	return m ? { zoom: Number(m[1]), lat: Number(m[2]), lon: Number(m[3]) } : null;
}

/** Web Mercator in MapLibre's 512-pixel world at zoom 0: [x, y] in world pixels. */
export function worldPixel(lon: number, lat: number, zoom: number): [number, number] {
	const size = 512 * 2 ** zoom;
	const phi = (lat * Math.PI) / 180;
	return [
		((lon + 180) / 360) * size,
		((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * size
	];
}

export interface Place {
	id: string;
	name: string;
	lon: number;
	lat: number;
}

/**
 * Two places that a view at some zoom (the highest from 13 down to 8 where a pair is found) shows
 * as single points, both within 150 px of the middle and 80–300 px apart, with no other place
 * within 80 px of either (so that neither is clustered: clusters gather within 32 px). Null when
 * there is none.
 */
export function isolatedPair(
	places: Place[]
): { a: Place; b: Place; zoom: number; lon: number; lat: number } | null {
	const byLon = [...places].sort((p, q) => p.lon - q.lon);
	for (let zoom = 13; zoom >= 8; zoom--) {
		const px = places.map((p) => worldPixel(p.lon, p.lat, zoom));
		const at = new Map(places.map((p, i) => [p, px[i]!]));
		// 300 px in degrees of longitude at this zoom: the window of the scan.
		const window = (300 / (512 * 2 ** zoom)) * 360;
		const near = (i: number, radius: number) => {
			const [x, y] = at.get(byLon[i]!)!;
			const out: Place[] = [];
			for (let j = i - 1; j >= 0 && byLon[i]!.lon - byLon[j]!.lon <= window; j--)
				out.push(byLon[j]!);
			for (let j = i + 1; j < byLon.length && byLon[j]!.lon - byLon[i]!.lon <= window; j++)
				out.push(byLon[j]!);
			return out.filter((q) => {
				const [qx, qy] = at.get(q)!;
				return Math.hypot(qx - x, qy - y) <= radius;
			});
		};
		for (let i = 0; i < byLon.length; i++) {
			const a = byLon[i]!;
			if (Math.abs(a.lat) > 70) continue;
			const around = near(i, 300);
			if (around.some((q) => dist(at, a, q) < 80)) continue;
			for (const b of around) {
				if (dist(at, a, b) < 80) continue;
				const j = byLon.indexOf(b);
				if (near(j, 80).length) continue;
				const [ax, ay] = at.get(a)!;
				const [bx, by] = at.get(b)!;
				return { a, b, zoom, lon: (a.lon + b.lon) / 2, lat: mercatorMidLat(ax, ay, bx, by, zoom) };
			}
		}
	}
	return null;
}

function dist(at: Map<Place, [number, number]>, p: Place, q: Place): number {
	const [px, py] = at.get(p)!;
	const [qx, qy] = at.get(q)!;
	return Math.hypot(px - qx, py - qy);
}

/** The latitude at the pixel midway between two world pixels. */
function mercatorMidLat(_ax: number, ay: number, _bx: number, by: number, zoom: number): number {
	const size = 512 * 2 ** zoom;
	const y = (ay + by) / 2 / size;
	return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

/** Where `place` is drawn on the page now, from the canvas's box and the URL's view. */
async function pixelOf(page: Page, place: Place): Promise<{ x: number; y: number }> {
	const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
	const view = viewOf(page.url())!;
	const [cx, cy] = worldPixel(view.lon, view.lat, view.zoom);
	const [x, y] = worldPixel(place.lon, place.lat, view.zoom);
	return { x: box.x + box.width / 2 + (x - cx), y: box.y + box.height / 2 + (y - cy) };
}

async function readPlaces(folder: string): Promise<Place[]> {
	const collection = JSON.parse(await readFile(join(folder, 'locations.geojson'), 'utf8')) as {
		features: {
			id: string;
			geometry: { coordinates: [number, number] };
			properties: { name: string };
		}[];
	};
	return collection.features.map((f) => ({
		id: f.id,
		name: f.properties.name,
		lon: f.geometry.coordinates[0],
		lat: f.geometry.coordinates[1]
	}));
}

/** Opens the app in a fresh context and waits until its map is idle and all is quiet. */
async function openApp(browser: Browser, url: string, timeoutMs: number) {
	const context = await browser.newContext({ viewport: VIEWPORT });
	const page = await context.newPage();
	await page.addInitScript(PROBE);
	await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
	await page.waitForSelector('[data-map-state="idle"]', { timeout: timeoutMs, state: 'attached' });
	await settle(page, { quietMs: 1500, timeoutMs, ready: { selector: SUMMARY, matches: ' of ' } });
	return { context, page };
}

/**
 * One timed change: `act` is done, the page settles (with `ready`), and the times are read from
 * the first input event of `inputType` on.
 */
async function timed(
	page: Page,
	act: () => Promise<unknown>,
	inputType: string,
	kinds: DomKind[],
	ready: Ready | null,
	timeoutMs = 120_000
): Promise<Sample> {
	await resetProbe(page);
	await act();
	const end = await settle(page, { ready, timeoutMs });
	const record = await readProbe(page);
	const input = record.inputs.find((i) => i.type === inputType);
	if (!input) throw new Error(`no ${inputType} event was seen`);
	const shown = shownAfter(record, input.t, kinds, end);
	if (shown.domMs === null) throw new Error(`nothing changed in ${kinds.join(', ')}`);
	return {
		domMs: shown.domMs,
		mapMs: shown.mapMs,
		shownMs: shown.shownMs ?? shown.domMs,
		longestTaskMs: shown.longestTaskMs
	};
}

const summaryText = (page: Page) =>
	page.locator(SUMMARY).evaluate((el) => el.textContent?.trim() ?? '');

/** Facet toggles, date changes and search keystrokes at the first view of the whole dataset. */
async function filterChanges(page: Page, runs: number, out: Interactions) {
	const filterKinds: DomKind[] = ['summary', 'places', 'list'];
	await page.getByText('Filters', { exact: true }).click();
	await settle(page);
	const checkbox = page.getByRole('checkbox', { name: /^false \d+$/ });
	for (let i = 0; i < runs; i++) {
		const before = await summaryText(page);
		out.filter.facet.push(
			await timed(page, () => checkbox.click(), 'click', filterKinds, {
				selector: SUMMARY,
				not: before,
				strip: CLEAR
			})
		);
	}
	if (await checkbox.isChecked()) await checkbox.click();
	await settle(page);

	const from = page.locator('.dates input[type="date"]').first();
	// The synthetic claims are said on days of 2024 (scripts/bench/generate.ts).
	for (let i = 0; i < runs; i++) {
		const value = i % 2 === 0 ? `2024-${String(2 + ((i / 2) % 10)).padStart(2, '0')}-15` : '';
		const before = await summaryText(page);
		out.filter.date.push(
			await timed(page, () => from.fill(value), 'input', filterKinds, {
				selector: SUMMARY,
				not: before,
				strip: CLEAR
			})
		);
	}
	if ((await from.inputValue()) !== '') await from.fill('');
	await settle(page);

	// "claim 7", then "claim 73", "claim 731": each keystroke narrows the claims (every quote
	// starts "Claim N:"), after a pause longer than the app's 150 ms debounce. The first search of
	// the visit ("claim 1") builds the search text, and is timed apart.
	const box = page.getByRole('searchbox', { name: 'Search claims' });
	let before = await summaryText(page);
	out.firstSearch = await timed(page, () => box.fill('claim 1'), 'input', filterKinds, {
		selector: SUMMARY,
		not: before,
		strip: CLEAR
	});
	const digits = '7314258690';
	for (let i = 0; out.filter.search.length < runs; i++) {
		// "claim " finds what "claim" found: nothing changes, and the next keystroke narrows.
		await box.fill('claim ');
		await settle(page);
		for (let k = 0; k < 3 && out.filter.search.length < runs; k++) {
			before = await summaryText(page);
			const key = digits[(i * 3 + k) % digits.length]!;
			out.filter.search.push(
				await timed(page, () => box.press(key), 'keydown', filterKinds, {
					selector: SUMMARY,
					not: before,
					strip: CLEAR
				})
			);
		}
	}
	await box.fill('');
	await settle(page);
}

/**
 * Places of the list (by claims) in turn, each other than the one whose panel is open: each opens
 * its panel. A click whose panel does not come within 30 s is noted and the next is tried.
 */
async function listClicks(page: Page, runs: number, out: Interactions) {
	const buttons = page.getByRole('list', { name: 'Places, with their claims' }).getByRole('button');
	const title = page.locator('#panel-title');
	let misses = 0;
	for (let i = 0; out.listClick.length < runs && misses < 3; i++) {
		const open = (await title.count()) ? (await title.textContent())!.trim() : null;
		const button = buttons.nth(i % 8);
		const name = (await button.locator('.name').textContent())!.trim();
		if (name === open) continue;
		try {
			const sample = await timed(
				page,
				() => button.click(),
				'click',
				['panel'],
				{ selector: '#panel-title', matches: `^${escape(name)}$` },
				30_000
			);
			// The first opens the panel where there was none: the page's layout changes once.
			if (i > 0) out.listClick.push(sample);
		} catch (error) {
			misses++;
			out.errors.push(`list click on ${name}: ${firstLine(error)}`);
		}
	}
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Clicks on two places drawn as single points, in turn; each opens its panel. */
async function mapClicks(
	browser: Browser,
	origin: string,
	folder: string,
	options: InteractOptions,
	out: Interactions
) {
	const pair = isolatedPair(await readPlaces(folder));
	if (!pair) {
		out.mapClickNote = 'no two places stand alone close enough to share a view';
		return;
	}
	const url = `${origin}/#map=${pair.zoom}/${pair.lat.toFixed(5)}/${pair.lon.toFixed(5)}`;
	const { context, page } = await openApp(browser, url, options.loadTimeoutMs);
	try {
		for (let i = 0; i <= options.runs; i++) {
			const place = i % 2 === 0 ? pair.a : pair.b;
			const at = await pixelOf(page, place);
			const sample = await timed(
				page,
				() => page.mouse.click(at.x, at.y),
				'click',
				['panel'],
				{ selector: '#panel-title', not: '', matches: `^${escape(place.name)}$` },
				30_000
			);
			if (i > 0) out.mapClick.push(sample);
		}
	} catch (error) {
		out.mapClickNote = `a click on the map did not open its place: ${firstLine(error)}`;
	} finally {
		await context.close().catch(() => {});
	}
}

/** The bare page: a paint change, to its next frame on screen, `runs` times. */
async function floorChanges(browser: Browser, bareOrigin: string, runs: number, out: Interactions) {
	const context = await browser.newContext({ viewport: VIEWPORT });
	try {
		const page = await context.newPage();
		await page.addInitScript(PROBE);
		await page.goto(`${bareOrigin}/`);
		await page.waitForSelector('[data-map-state="idle"]', { timeout: 120_000, state: 'attached' });
		await settle(page, { quietMs: 1500 });
		for (let i = 0; i < runs; i++) {
			await resetProbe(page);
			const t0 = await page.evaluate((i) => {
				const map = (
					window as unknown as {
						__bareMap: { setPaintProperty(l: string, p: string, v: string): void };
					}
				).__bareMap;
				const t = performance.now();
				map.setPaintProperty('clusters', 'circle-color', i % 2 ? '#3b6ea5' : '#2f5d8a');
				return t;
			}, i);
			const end = await settle(page);
			const record = await readProbe(page);
			const frame = record.frames.find((f) => f.first >= t0 && f.shown > 0);
			const tasks = record.tasks.filter((t) => t.start >= t0 && t.start <= end);
			if (frame)
				out.floor.push({
					domMs: 0,
					mapMs: frame.shown - t0,
					shownMs: frame.shown - t0,
					longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0)
				});
		}
	} finally {
		await context.close().catch(() => {});
	}
}

/** One facet toggle, one search keystroke, one list click, each traced (not timed). */
async function traceInteractions(page: Page, options: InteractOptions, out: Interactions) {
	const quiet = () => settle(page, { quietMs: 1500, timeoutMs: 120_000 });
	const checkbox = page.getByRole('checkbox', { name: /^false \d+$/ });
	out.traced.facet = longTasks(
		await traceOf(page, () => checkbox.click(), quiet),
		options.isMaplibreUrl
	);
	await checkbox.click();
	const box = page.getByRole('searchbox', { name: 'Search claims' });
	await box.fill('claim ');
	await quiet();
	out.traced.search = longTasks(
		await traceOf(page, () => box.press('9'), quiet),
		options.isMaplibreUrl
	);
	await box.fill('');
	await quiet();
	const button = page
		.getByRole('list', { name: 'Places, with their claims' })
		.getByRole('button')
		.nth(9);
	out.traced.click = longTasks(
		await traceOf(page, () => button.click(), quiet),
		options.isMaplibreUrl
	);
}

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0]!;

/**
 * Every interaction of the app served at `origin` (built over the dataset in `folder`), and the
 * floor on the bare page at `bareOrigin`. Never throws: what failed is in `errors`.
 */
export async function measureInteractions(
	browser: Browser,
	origin: string,
	bareOrigin: string,
	folder: string,
	options: InteractOptions
): Promise<Interactions> {
	const out: Interactions = {
		filter: { facet: [], date: [], search: [] },
		firstSearch: null,
		mapClick: [],
		listClick: [],
		mapClickNote: null,
		floor: [],
		traced: {},
		errors: []
	};
	try {
		await floorChanges(browser, bareOrigin, Math.max(5, options.runs), out);
	} catch (error) {
		out.errors.push(`the bare page: ${firstLine(error)}`);
	}
	const { context, page } = await openApp(browser, `${origin}/`, options.loadTimeoutMs).catch(
		(error) => {
			out.errors.push(`the app did not load: ${firstLine(error)}`);
			return { context: null, page: null };
		}
	);
	if (page) {
		try {
			await filterChanges(page, options.runs, out);
		} catch (error) {
			out.errors.push(`filter changes: ${firstLine(error)}`);
		}
		try {
			await listClicks(page, options.runs, out);
		} catch (error) {
			out.errors.push(`list clicks: ${firstLine(error)}`);
		}
		try {
			await traceInteractions(page, options, out);
		} catch (error) {
			out.errors.push(`traces: ${firstLine(error)}`);
		}
		await context.close().catch(() => {});
	}
	try {
		await mapClicks(browser, origin, folder, options, out);
	} catch (error) {
		out.mapClickNote = firstLine(error);
	}
	return out;
}

export const shownSpread = (samples: Sample[]): Spread => spread(samples.map((s) => s.shownMs));
export const domSpread = (samples: Sample[]): Spread => spread(samples.map((s) => s.domMs));
export const longestOf = (samples: Sample[]): number =>
	samples.reduce((m, s) => Math.max(m, s.longestTaskMs), 0);
