/**
 * Figures for the built site: JavaScript shipped (gzip) beyond maplibre-gl itself, the basemap's
 * bytes, and the time from navigation to the map's first `idle` in Debian's Chromium, against a
 * blank page served the same way in the same run.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../chromium.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';
import { SYNTHETIC_MARK } from './scale.ts';

const gz = (bytes: Buffer) => gzipSync(bytes).length;

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

/** maplibre-gl's own code: its worker keeps its licence banner, its main chunk its control classes. */
export function isMaplibre(file: Buffer): boolean {
	const text = file.toString('latin1');
	return text.includes('MapLibre GL JS') || text.includes('maplibregl-ctrl-attrib-inner');
}

export interface SiteFigures {
	jsGzipTotal: number;
	/** The JavaScript files the first page loads until the map is idle, gzip. */
	/** The app's own JavaScript the first page loads until the map is idle, gzip: maplibre-gl's
	 * chunk (as the build minified it) and its worker are left out. */
	firstPageAppJsGzip: number;
	maplibreGzip: number;
	basemapBytes: number;
	basemapGzip: number;
	basemapTransferred: number;
	idleMs: number;
	blankMs: number;
}

/** Notes the wall-clock time at which the map went idle, in the task that said so. */
const IDLE_CLOCK = `new MutationObserver((_, observer) => {
	if (!document.querySelector('[data-map-state="idle"]')) return;
	window.__idleAt = Date.now();
	observer.disconnect();
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-state'] });`;

export async function measureSite(): Promise<SiteFigures> {
	// A build/ that the scale bench left from a synthetic dataset (it was stopped before it put the
	// geodata build back) is built again.
	if (!existsSync('build/index.html') || existsSync(SYNTHETIC_MARK)) {
		const build = spawnSync('npm', ['run', 'build'], {
			stdio: 'inherit',
			env: { ...process.env, GEODATA_DIR: undefined }
		});
		if (build.status !== 0) throw new Error('bench: the build failed');
		rmSync(SYNTHETIC_MARK, { force: true });
	}
	const js = filesUnder('build/_app').filter((f) => /\.m?js$/.test(f));
	const jsGzipTotal = js.reduce((n, f) => n + gz(readFileSync(f)), 0);
	// maplibre-gl's own files, as its package ships them (already minified), main and worker.
	const maplibreGzip =
		gz(readFileSync('node_modules/maplibre-gl/dist/maplibre-gl.mjs')) +
		gz(readFileSync('node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'));
	const basemapFile = filesUnder('build/_app').find((f) => f.includes('countries-50m'))!;
	const basemap = readFileSync(basemapFile);

	const serve = sirv('build', { extensions: ['html'], gzip: true, brotli: true });
	const server = createServer((req, res) => {
		if (req.url === '/__blank') {
			res.setHeader('content-type', 'text/html');
			return res.end('<!doctype html><title>blank</title><p>blank</p>');
		}
		serve(req, res, () => void res.writeHead(404).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const browser = await chromium.launch(chromiumLaunch);
	const idle: number[] = [];
	const blank: number[] = [];
	let basemapTransferred = 0;
	const firstPage = new Set<string>();
	try {
		for (let run = 0; run < 3; run++) {
			// A new context each time: nothing cached from the run before.
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			const page = await context.newPage();
			await page.goto(`${origin}/__blank`, { waitUntil: 'load' });
			blank.push(
				await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration)
			);
			// Until the map is idle, by the clock of the moment it went idle (not when the wait for it
			// returned): what loads once it is (the claims' code, storage) is not the first page's.
			await page.addInitScript(IDLE_CLOCK);
			const requested: [string, number][] = [];
			page.on('request', (request) => {
				const path = new URL(request.url()).pathname;
				if (/\.m?js$/.test(path)) requested.push([path, Date.now()]);
			});
			await page.goto(`${origin}/`);
			await page.waitForSelector('[data-map-state="idle"]', { timeout: 60_000 });
			const idleAt = await page.evaluate(() => (window as { __idleAt?: number }).__idleAt!);
			for (const [path, at] of requested) if (at < idleAt) firstPage.add(path);
			idle.push(await page.evaluate(() => performance.now()));
			basemapTransferred = await page.evaluate(
				() =>
					(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
						e.name.includes('countries-50m')
					)?.transferSize ?? 0
			);
			await context.close();
		}
	} finally {
		await browser.close();
		server.close();
	}
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
	return {
		jsGzipTotal,
		firstPageAppJsGzip: [...firstPage]
			.map((path) => readFileSync(join('build', path)))
			.filter((file) => !isMaplibre(file))
			.reduce((n, file) => n + gz(file), 0),
		maplibreGzip,
		basemapBytes: basemap.length,
		basemapGzip: gz(basemap),
		basemapTransferred,
		idleMs: median(idle),
		blankMs: median(blank)
	};
}
