/**
 * One cold load of a page in a fresh browser context, timed from navigation start to the first
 * time an element carries `data-map-state="idle"` (the app's map and the bare page both set it),
 * with the main thread's long tasks (PerformanceObserver 'longtask', installed before navigation)
 * up to that moment.
 */
import type { Browser, Page } from '@playwright/test';

export interface LoadFigures {
	/** Navigation start to the map's first idle, ms. */
	idleMs: number;
	/** The longest main-thread task that started before idle, ms (0 when none over 50 ms). */
	longestTaskMs: number;
	/** How many tasks over 50 ms started before idle. */
	longTasks: number;
}

export type LoadResult =
	{ ok: true; figures: LoadFigures } | { ok: false; error: string; timedOut: boolean };

interface BenchWindow {
	__benchIdle?: number;
	__benchError?: string;
	__benchTasks?: { start: number; duration: number }[];
}

/**
 * Runs in the page before any of its scripts. A MutationObserver notes when the idle attribute
 * appears (its callback runs as a microtask of the task that set it, so the time is that of the
 * task), and the long-task observer keeps every task over 50 ms. A string, not a function: tsx
 * would name the function's inner functions with a helper that the page does not have.
 */
const INSTRUMENT = `(() => {
	const w = window;
	w.__benchTasks = [];
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				w.__benchTasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// No Long Tasks API: the figures say 0.
	}
	const check = () => {
		if (w.__benchIdle !== undefined) return;
		if (document.querySelector('[data-map-state="idle"]')) w.__benchIdle = performance.now();
		else {
			const failed = document.querySelector('[data-map-state="error"]');
			if (failed) w.__benchError = failed.getAttribute('data-map-error') ?? 'the map failed';
		}
	};
	new MutationObserver(check).observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-map-state']
	});
})();`;

/** One load of `url` in a new context (nothing cached), 1280×800; never throws. */
export async function coldLoad(
	browser: Browser,
	url: string,
	timeoutMs: number
): Promise<LoadResult> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	try {
		return await timedLoad(await context.newPage(), url, timeoutMs);
	} finally {
		await context.close().catch(() => {});
	}
}

/**
 * One load of `url` in `page` (a new page: the instrumentation goes in before its first
 * navigation), in whatever context it has (IndexedDB and the cache as they are); never throws.
 */
export async function timedLoad(page: Page, url: string, timeoutMs: number): Promise<LoadResult> {
	try {
		await page.addInitScript(INSTRUMENT);
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		const start = Date.now();
		await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
		const left = () => Math.max(1, timeoutMs - (Date.now() - start));
		try {
			await page.waitForFunction(
				() => {
					const w = window as unknown as BenchWindow;
					return w.__benchIdle !== undefined || w.__benchError !== undefined;
				},
				undefined,
				{ timeout: left(), polling: 250 }
			);
		} catch {
			const seconds = Math.round(timeoutMs / 1000);
			const so = await soFar(page);
			return {
				ok: false,
				timedOut: true,
				error:
					`no idle map within ${seconds} s` +
					(so ? ` (map state then: ${so})` : '') +
					(errors.length ? ` (page error: ${errors[0]})` : '')
			};
		}
		const { idle, error, tasks } = await page.evaluate(() => {
			const w = window as unknown as BenchWindow;
			return { idle: w.__benchIdle, error: w.__benchError, tasks: w.__benchTasks ?? [] };
		});
		if (idle === undefined)
			return { ok: false, timedOut: false, error: `the map failed: ${error}` };
		const before = tasks.filter((t) => t.start <= idle && t.duration > 50);
		return {
			ok: true,
			figures: {
				idleMs: idle,
				longestTaskMs: before.reduce((m, t) => Math.max(m, t.duration), 0),
				longTasks: before.length
			}
		};
	} catch (error) {
		return {
			ok: false,
			timedOut: false,
			error: String((error as Error)?.message ?? error).split('\n')[0]!
		};
	}
}

/**
 * What a page that never reached idle had done: its map's state and its long tasks so far, or
 * null when it does not answer within 10 s (a main thread busy for that long).
 */
async function soFar(page: Page): Promise<string | null> {
	const asked = page
		.evaluate(() => {
			const w = window as unknown as BenchWindow;
			const tasks = w.__benchTasks ?? [];
			return {
				state: document.querySelector('[data-map-state]')?.getAttribute('data-map-state') ?? null,
				longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
				count: tasks.length
			};
		})
		.catch(() => null);
	const answer = await Promise.race([
		asked,
		new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000).unref())
	]);
	if (!answer) return null;
	return `${JSON.stringify(answer.state)}, ${answer.count} tasks over 50 ms, the longest ${Math.round(answer.longest)} ms`;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** The median of each figure over several loads (each figure's own median). */
export function medianFigures(loads: LoadFigures[]): LoadFigures {
	return {
		idleMs: median(loads.map((l) => l.idleMs)),
		longestTaskMs: median(loads.map((l) => l.longestTaskMs)),
		longTasks: median(loads.map((l) => l.longTasks))
	};
}
