/**
 * An import through the page, as a person does it: the dataset folder's files (its JSON files and
 * sources/*.txt) given to the "Dataset files to import" input of the geodata build, timed from the
 * input's `change` event until the imported dataset is shown (the summary, the "Places (N)"
 * heading, the list and the map's first frame with its places on screen: scripts/bench/probe.ts),
 * against Node's JSON.parse of the same JSON files in the same run. Then the stored dataset is
 * opened again (`?dataset=<id>`, a new page in the same browser context, so the same IndexedDB)
 * and timed from navigation to the map's first idle.
 *
 * Memory: the browser is launched for this alone, and the resident memory (VmRSS in /proc) of its
 * renderer processes is summed every 250 ms; the page's workers are threads of its renderer, so
 * the sum is the tab with its workers (and Chromium's spare renderer, a few tens of MB, if any).
 * The GPU process (SwiftShader) is given apart.
 */
import { chromium, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromiumLaunch } from '../chromium.ts';
import { timedLoad } from './load.ts';
import { readProbe, resetProbe, settle, shownAfter, PROBE } from './probe.ts';

export interface ImportFigures {
	/** Node: JSON.parse of the folder's JSON files, read as text beforehand (the fastest run). */
	parseMs: number;
	/** The page reading the same files (JSON and source texts) as bytes, as the import does:
	 * the browser's own cost of a folder of many files, which no parse floor holds. */
	readMs: number | null;
	/** How many files the import gives the page. */
	files: number;
	mb: number;
	/** The input's change event to the dataset shown, ms; null when it was not. */
	importMs: number | null;
	/** The longest main-thread task during the import, ms. */
	longestTaskMs: number;
	longTasks: number;
	/** The peak of the renderers' summed RSS, and of the GPU process's, in bytes. */
	peakTabBytes: number;
	peakGpuBytes: number;
	/** Each reopening's navigation to map idle, ms, and the longest task before idle. */
	reopenMs: number[];
	reopenLongestTaskMs: number;
	errors: string[];
}

export interface ImportOptions {
	importTimeoutMs: number;
	reopenRuns: number;
	parseRuns: number;
}

/** The JSON files of a dataset folder. */
async function jsonFiles(folder: string): Promise<string[]> {
	return (await readdir(folder))
		.filter((n) => n.endsWith('.json') || n.endsWith('.geojson'))
		.map((n) => join(folder, n));
}

/** Node's floor: JSON.parse of each JSON file, the texts read beforehand; the fastest of `runs`
 * (the machine is shared: the fastest is the least disturbed). */
async function parseFloor(folder: string, runs: number) {
	const texts = await Promise.all((await jsonFiles(folder)).map((f) => readFile(f, 'utf8')));
	const times: number[] = [];
	let places = 0;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		for (const text of texts) {
			const value = JSON.parse(text) as { features?: unknown[] };
			if (value.features) places = value.features.length;
		}
		times.push(performance.now() - t0);
	}
	const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6;
	return { parseMs: Math.min(...times), places, mb };
}

interface Proc {
	pid: number;
	ppid: number;
	cmdline: string;
}

function processes(): Proc[] {
	const out: Proc[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
			out.push({ pid: Number(name), ppid, cmdline });
		} catch {
			// Gone meanwhile.
		}
	}
	return out;
}

function rssBytes(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** Samples the renderers' and the GPU process's RSS of the browser whose command line holds
 * `tag`, every 250 ms, keeping the peaks. */
function memorySampler(tag: string) {
	let tab = 0;
	let gpu = 0;
	let browserPid: number | null = null;
	const sample = () => {
		const all = processes();
		browserPid ??=
			all.find((p) => p.cmdline.includes(tag) && !p.cmdline.includes('--type='))?.pid ?? null;
		if (browserPid === null) return;
		const children = new Map<number, Proc[]>();
		for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
		const mine: Proc[] = [];
		const stack = [browserPid];
		while (stack.length) {
			for (const child of children.get(stack.pop()!) ?? []) {
				mine.push(child);
				stack.push(child.pid);
			}
		}
		let t = 0;
		let g = 0;
		for (const p of mine) {
			if (p.cmdline.includes('--type=renderer')) t += rssBytes(p.pid);
			else if (p.cmdline.includes('--type=gpu-process')) g += rssBytes(p.pid);
		}
		tab = Math.max(tab, t);
		gpu = Math.max(gpu, g);
	};
	const timer = setInterval(sample, 250);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { tab, gpu };
		}
	};
}

async function openIdle(page: Page, url: string, timeoutMs: number) {
	await page.addInitScript(PROBE);
	await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
	await page.waitForSelector('[data-map-state="idle"]', { timeout: timeoutMs, state: 'attached' });
	await settle(page, { quietMs: 1500, timeoutMs });
}

/** The page reading `files` as bytes, 16 at a time as the import's worker does, from an input of
 * its own; ms. A string, not a function: tsx wraps named inner functions in a helper the page
 * lacks. */
async function readFloor(page: Page, files: string[], timeoutMs: number): Promise<number> {
	await page.evaluate(`(() => {
		const input = document.createElement('input');
		input.type = 'file';
		input.multiple = true;
		input.id = 'bench-read-floor';
		input.hidden = true;
		document.body.append(input);
	})()`);
	await page.setInputFiles('#bench-read-floor', files, { timeout: timeoutMs });
	return (await page.evaluate(`(async () => {
		const input = document.getElementById('bench-read-floor');
		const list = [...input.files];
		const t0 = performance.now();
		let next = 0;
		await Promise.all(Array.from({ length: 16 }, async () => {
			while (next < list.length) await list[next++].arrayBuffer();
		}));
		const ms = performance.now() - t0;
		input.remove();
		return ms;
	})()`)) as number;
}

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0]!;

/** Imports `folder` into the app at `origin` (the geodata build), then reopens it. Never throws. */
export async function measureImport(
	origin: string,
	folder: string,
	options: ImportOptions
): Promise<ImportFigures> {
	const { parseMs, places, mb } = await parseFloor(folder, options.parseRuns);
	const out: ImportFigures = {
		parseMs,
		readMs: null,
		files: 0,
		mb,
		importMs: null,
		longestTaskMs: 0,
		longTasks: 0,
		peakTabBytes: 0,
		peakGpuBytes: 0,
		reopenMs: [],
		reopenLongestTaskMs: 0,
		errors: []
	};
	const files = [
		...(await jsonFiles(folder)),
		...(await readdir(join(folder, 'sources')).catch(() => [] as string[])).map((n) =>
			join(folder, 'sources', n)
		)
	];
	out.files = files.length;
	const tag = `--bench-import=${process.pid}-${Date.now()}`;
	const browser = await chromium.launch({
		...chromiumLaunch,
		args: [...chromiumLaunch.args, tag]
	});
	const memory = memorySampler(tag);
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		await openIdle(page, `${origin}/`, 120_000);
		out.readMs = await readFloor(page, files, options.importTimeoutMs);
		await resetProbe(page);
		await page
			.getByLabel('Dataset files to import')
			.setInputFiles(files, { timeout: options.importTimeoutMs });
		await page
			.getByText(/Imported “/)
			.first()
			.waitFor({ timeout: options.importTimeoutMs })
			.catch(async () => {
				const report = await page
					.locator('[aria-labelledby="import-errors-heading"]')
					.textContent()
					.catch(() => null);
				throw new Error(
					`no “Imported” within ${Math.round(options.importTimeoutMs / 1000)} s` +
						(report ? `: ${report.trim().slice(0, 200)}` : '')
				);
			});
		const end = await settle(page, {
			quietMs: 1500,
			timeoutMs: 120_000,
			ready: { selector: '#places-heading', matches: `\\(${places}\\)` }
		});
		const record = await readProbe(page);
		const input = record.inputs.find((i) => i.type === 'change');
		if (!input) throw new Error('no change event on the file input was seen');
		const shown = shownAfter(record, input.t, ['summary', 'places', 'list'], end);
		out.importMs = shown.shownMs;
		const tasks = record.tasks.filter((t) => t.start >= input.t && t.start <= end);
		out.longestTaskMs = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
		out.longTasks = tasks.length;
		const id = new URL(page.url()).searchParams.get('dataset');
		await page.close();
		if (!id) throw new Error('the URL names no dataset after the import');
		for (let i = 0; i < options.reopenRuns; i++) {
			const again = await context.newPage();
			const load = await timedLoad(again, `${origin}/?dataset=${id}`, 120_000);
			await again.close();
			if (!load.ok) {
				out.errors.push(`reopening: ${load.error}`);
				break;
			}
			out.reopenMs.push(load.figures.idleMs);
			out.reopenLongestTaskMs = Math.max(out.reopenLongestTaskMs, load.figures.longestTaskMs);
		}
		await context.close();
	} catch (error) {
		out.errors.push(firstLine(error));
	} finally {
		const peaks = memory.stop();
		out.peakTabBytes = peaks.tab;
		out.peakGpuBytes = peaks.gpu;
		await browser.close().catch(() => {});
	}
	return out;
}
