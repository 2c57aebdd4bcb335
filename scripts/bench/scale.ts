/**
 * The app at scale: built against a synthetic dataset folder, served from a copy of that build,
 * and timed from navigation start to its map's first idle in Debian's Chromium, against the bare
 * MapLibre page (scripts/bench/bare.ts) drawing the same places, in the same run and browser.
 *
 * `vite build` always writes build/: each size's build is copied to BENCH_DIR/build-SIZE and
 * served from there, and build/ is put back as it was (the geodata build) by `restoreBuild()`.
 * A build that fails or runs too long, and a load that never reaches idle, are results too: they
 * come back as errors, never as exceptions.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sirv from 'sirv';
import { chromiumLaunch } from '../chromium.ts';
import { serveBare } from './bare.ts';
import { coldLoad, medianFigures, type LoadFigures } from './load.ts';

export const BENCH_DIR = process.env.CLAIMS_BENCH_DIR ?? '/tmp/claims-bench';
/** A file a synthetic build leaves in build/, naming its dataset folder: such a build/ is not the
 * geodata build, whatever else is there. */
export const SYNTHETIC_MARK = 'build/.bench-dataset';
export const GEODATA_COPY = join(BENCH_DIR, 'build-geodata');

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface BuildInfo {
	dir: string;
	seconds: number;
	indexHtmlBytes: number;
}

/**
 * The line of a failed build's output that says what went wrong: the first error named after
 * Vite's "error during build" (with the plugin that threw it), else the first line after it.
 */
export function firstErrorLine(log: string): string {
	const lines = log.split('\n').map((l) => l.trim());
	const from = lines.findIndex((l) => /error during build/i.test(l));
	const tail = from >= 0 ? lines.slice(from + 1) : lines;
	const at = tail.findIndex((l) => /\b[A-Z]\w*Error\b/.test(l) && !l.startsWith('at '));
	if (at >= 0) {
		const plugin = at > 0 && /^\[plugin [^\]]+\]$/.test(tail[at - 1]!) ? `${tail[at - 1]} ` : '';
		return plugin + tail[at]!;
	}
	return tail.find(Boolean) ?? lines.filter(Boolean).at(-1) ?? 'no output';
}

/**
 * `GEODATA_DIR=folder vite build`, its output to BENCH_DIR/build-SIZE.log (a synthetic dataset
 * has thousands of warnings), then build/ copied to BENCH_DIR/build-SIZE.
 */
export async function buildFor(
	size: string,
	folder: string,
	timeoutMs: number
): Promise<Outcome<BuildInfo>> {
	const logPath = join(BENCH_DIR, `build-${size}.log`);
	// The log file itself as the child's stdout and stderr: through a pipe, what the build writes
	// just before it exits on an error (the error) can be lost.
	const log = await open(logPath, 'w');
	const t0 = performance.now();
	// `npx vite build`, without npx in between: the child is the build, and is killed as one.
	const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		env: { ...process.env, GEODATA_DIR: folder },
		stdio: ['ignore', log.fd, log.fd]
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		child.kill('SIGKILL');
	}, timeoutMs);
	const code = await new Promise<number | null>((resolve) => {
		child.on('error', () => resolve(-1));
		child.on('close', (status) => resolve(status));
	});
	clearTimeout(timer);
	await log.close();
	const seconds = (performance.now() - t0) / 1000;
	// Whatever it did to build/, that is no longer the geodata build.
	if (existsSync('build')) await writeFile(SYNTHETIC_MARK, folder + '\n');
	if (timedOut)
		return {
			ok: false,
			error: `the build ran past ${Math.round(timeoutMs / 1000)} s (${logPath})`
		};
	if (code !== 0)
		return {
			ok: false,
			error: `${firstErrorLine(await readFile(logPath, 'utf8'))} (exit ${code}; ${logPath})`
		};
	const dir = join(BENCH_DIR, `build-${size}`);
	await rm(dir, { recursive: true, force: true });
	await cp('build', dir, { recursive: true });
	return {
		ok: true,
		value: { dir, seconds, indexHtmlBytes: (await stat('build/index.html')).size }
	};
}

/** Keeps a copy of build/ (the geodata build) to put back after the synthetic builds. */
export async function saveBuild(): Promise<void> {
	await rm(GEODATA_COPY, { recursive: true, force: true });
	await cp('build', GEODATA_COPY, { recursive: true, preserveTimestamps: true });
}

/** Puts the copy `saveBuild()` kept back in build/. */
export async function restoreBuild(): Promise<void> {
	await rm('build', { recursive: true, force: true });
	await cp(GEODATA_COPY, 'build', { recursive: true, preserveTimestamps: true });
}

export interface ScaleFigures {
	build: Outcome<BuildInfo>;
	/** Median of the loads that reached idle; an error when none did (or the build failed). */
	app: Outcome<LoadFigures & { loads: number }>;
	bare: Outcome<LoadFigures & { loads: number }>;
	/** Whether an app load ran past its timeout (then no other was made). */
	appTimedOut: boolean;
	points: number;
	/** Why some app loads were not made or failed, when some were. */
	notes: string[];
}

/** Serves a built site as `npm start` does, compressed files included. */
export async function serveBuild(dir: string) {
	const serve = sirv(dir, { extensions: ['html'], gzip: true, brotli: true });
	const server = createServer((req, res) => serve(req, res, () => void res.writeHead(404).end()));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			})
	};
}

export interface ScaleOptions {
	runs: number;
	appTimeoutMs: number;
	/** No app load is made that would take the app's loads past this, if it took as long as the
	 * one before (one at least is made). */
	appBudgetMs: number;
	bareTimeoutMs: number;
	buildTimeoutMs: number;
}

/**
 * Builds the app for `folder`, then `runs` cold loads each of the bare page and of the app,
 * alternated. After an app load that times out no other is tried (each would wait as long), nor
 * one that would take the app's loads past `appBudgetMs` if it took as long as the last.
 */
export async function measureScale(
	size: string,
	folder: string,
	options: ScaleOptions
): Promise<ScaleFigures> {
	const notes: string[] = [];
	const build = await buildFor(size, folder, options.buildTimeoutMs);
	const bareServer = await serveBare(folder);
	const appServer = build.ok ? await serveBuild(build.value.dir) : null;
	let browser: Browser | null = null;
	const appLoads: LoadFigures[] = [];
	const bareLoads: LoadFigures[] = [];
	let appError = build.ok ? '' : `the build failed: ${build.error}`;
	let bareError = '';
	let appTimedOut = false;
	try {
		browser = await chromium.launch(chromiumLaunch);
		let appGaveUp = !appServer;
		let appSpentMs = 0;
		for (let run = 0; run < options.runs; run++) {
			const bare = await coldLoad(browser, `${bareServer.origin}/`, options.bareTimeoutMs);
			if (bare.ok) bareLoads.push(bare.figures);
			else bareError = bare.error;
			if (appGaveUp) continue;
			const t0 = performance.now();
			const app = await coldLoad(browser, `${appServer!.origin}/`, options.appTimeoutMs);
			appSpentMs += performance.now() - t0;
			if (app.ok) appLoads.push(app.figures);
			else {
				appError = app.error;
				appTimedOut ||= app.timedOut;
				notes.push(`app load ${run + 1}: ${app.error}`);
				// Each further load would wait as long.
				if (app.timedOut) appGaveUp = true;
			}
			// Another load as long as this one would take the app past its budget: none is made.
			const last = performance.now() - t0;
			if (appLoads.length && appSpentMs + last > options.appBudgetMs && run < options.runs - 1) {
				notes.push(
					`app: ${appLoads.length} load(s) reached idle, ${Math.round(appSpentMs / 1000)} s in all: another would take it past ${Math.round(options.appBudgetMs / 1000)} s`
				);
				appGaveUp = true;
			}
		}
	} catch (error) {
		const message = String((error as Error)?.message ?? error).split('\n')[0]!;
		appError ||= message;
		bareError ||= message;
	} finally {
		await browser?.close().catch(() => {});
		await bareServer.close();
		await appServer?.close();
	}
	const summary = (
		loads: LoadFigures[],
		error: string
	): Outcome<LoadFigures & { loads: number }> =>
		loads.length
			? { ok: true, value: { ...medianFigures(loads), loads: loads.length } }
			: { ok: false, error: error || 'no load was made' };
	return {
		build,
		app: summary(appLoads, appError),
		bare: summary(bareLoads, bareError),
		appTimedOut,
		points: bareServer.points.count,
		notes
	};
}
