/**
 * What a person waits for, read from the page without any hook of the app's: a script installed
 * before the page's own (`PROBE`) notes, on the page's clock (performance.now()):
 *
 * - each input event (`click`, `input`, `change`, `keydown`), with its own timeStamp;
 * - each change to the DOM in the parts that show a filter's result (the `.summary` line, the
 *   "Places (N)" heading, the list of places, the place's panel), and the start of the next
 *   animation frame after it (when it is on screen);
 * - each WebGL frame: the first and last draw call in one animation frame, and the start of the
 *   next animation frame (the frame has been handed on to be shown);
 * - each message from a MapLibre worker and from the app's own workers: MapLibre's last message
 *   after a change is the last tile it had to remake, so the first frame drawn after it is the
 *   map's first render with the new features;
 * - the main thread's long tasks (PerformanceObserver 'longtask').
 *
 * `shownAfter` turns that record into the times from an input to the list and to the map showing
 * its result. A string, not a function: tsx would name inner functions with a helper the page
 * does not have.
 */
import type { Page } from '@playwright/test';

export const PROBE = `(() => {
	const w = window;
	const now = () => performance.now();
	const b = (w.__probe = { inputs: [], muts: [], frames: [], mapMsgs: [], dataMsgs: [], tasks: [], workers: [] });
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) b.tasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// No Long Tasks API: no tasks.
	}
	const raf = w.requestAnimationFrame.bind(w);
	let frameTs = -1;
	w.requestAnimationFrame = (cb) => raf((t) => {
		frameTs = t;
		cb(t);
	});
	let frame = null;
	const wrap = (proto) => {
		if (!proto) return;
		for (const name of ['drawElements', 'drawArrays', 'drawElementsInstanced', 'drawArraysInstanced']) {
			const draw = proto[name];
			if (!draw) continue;
			proto[name] = function (...args) {
				const t = now();
				if (!frame || frame.ts !== frameTs) {
					const f = (frame = { ts: frameTs, first: t, last: t, shown: 0 });
					b.frames.push(f);
					raf(() => (f.shown = now()));
				}
				frame.last = t;
				return draw.apply(this, args);
			};
		}
	};
	wrap(w.WebGLRenderingContext && w.WebGLRenderingContext.prototype);
	wrap(w.WebGL2RenderingContext && w.WebGL2RenderingContext.prototype);
	const NativeWorker = w.Worker;
	w.Worker = class extends NativeWorker {
		constructor(url, options) {
			super(url, options);
			const list = String(url).includes('maplibre') ? b.mapMsgs : b.dataMsgs;
			b.workers.push(String(url));
			this.addEventListener('message', () => list.push(now()));
		}
	};
	for (const type of ['click', 'input', 'change', 'keydown'])
		w.addEventListener(type, (e) => b.inputs.push({ type, t: e.timeStamp, at: now() }), true);
	const KINDS = [
		['summary', '.summary'],
		['places', '#places-heading'],
		['list', '[aria-label="Places, with their claims"]'],
		['panel', 'aside.panel']
	];
	new MutationObserver((records) => {
		const t = now();
		const kinds = new Set();
		for (const r of records) {
			const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
			if (!el) continue;
			for (const [kind, selector] of KINDS) {
				if (el.closest(selector)) kinds.add(kind);
				for (const node of r.addedNodes)
					if (node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector)))
						kinds.add(kind);
			}
		}
		if (!kinds.size) return;
		const m = { t, kinds: [...kinds], shown: 0 };
		b.muts.push(m);
		raf(() => (m.shown = now()));
	}).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

export interface ProbeRecord {
	inputs: { type: string; t: number; at: number }[];
	muts: { t: number; kinds: string[]; shown: number }[];
	frames: { ts: number; first: number; last: number; shown: number }[];
	mapMsgs: number[];
	dataMsgs: number[];
	tasks: { start: number; duration: number }[];
}

export type DomKind = 'summary' | 'places' | 'list' | 'panel';

export interface Shown {
	/** From the input to the last change of the DOM parts asked for being on screen, ms. */
	domMs: number | null;
	/** From the input to the map's first frame after MapLibre's last worker message being on
	 * screen, ms; null when MapLibre had nothing to remake. */
	mapMs: number | null;
	/** The later of the two. */
	shownMs: number | null;
	/** The longest main-thread task that started in [t0, end], ms (0 when none over 50 ms). */
	longestTaskMs: number;
}

/**
 * The times from `t0` (an input's timeStamp) to what the record shows, counting only what
 * happened from t0 on. A frame not yet shown, or a change not yet on screen, counts as not there.
 */
export function shownAfter(
	record: ProbeRecord,
	t0: number,
	kinds: DomKind[],
	end = Infinity
): Shown {
	const muts = record.muts.filter(
		(m) =>
			m.t >= t0 && m.t <= end && m.shown > 0 && m.kinds.some((k) => kinds.includes(k as DomKind))
	);
	const domAt = muts.length ? Math.max(...muts.map((m) => m.shown)) : null;
	const msgs = record.mapMsgs.filter((t) => t >= t0 && t <= end);
	let mapAt: number | null = null;
	if (msgs.length) {
		const last = Math.max(...msgs);
		const frame = record.frames.find((f) => f.first >= last && f.shown > 0);
		mapAt = frame ? frame.shown : null;
	}
	const at = [domAt, mapAt].filter((x): x is number => x !== null);
	const tasks = record.tasks.filter((t) => t.start >= t0 && t.start <= end && t.duration > 50);
	return {
		domMs: domAt === null ? null : domAt - t0,
		mapMs: mapAt === null ? null : mapAt - t0,
		shownMs: at.length ? Math.max(...at) - t0 : null,
		longestTaskMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0)
	};
}

/** Empties the record (after a load, before the next interaction). */
export async function resetProbe(page: Page): Promise<void> {
	await page.evaluate(() => {
		const b = (window as unknown as { __probe: ProbeRecord }).__probe;
		for (const key of ['inputs', 'muts', 'frames', 'mapMsgs', 'dataMsgs', 'tasks'] as const)
			b[key].length = 0;
	});
}

export async function readProbe(page: Page): Promise<ProbeRecord & { now: number }> {
	return page.evaluate(() => ({
		...(window as unknown as { __probe: ProbeRecord }).__probe,
		now: performance.now()
	}));
}

/** What must also hold once the page is quiet: the text of the first element `selector`
 * matches, in the page, differs from `not` and matches the pattern `matches`. */
export interface Ready {
	selector: string;
	not?: string;
	matches?: string;
	/** A pattern whose matches are taken out of the text before it is compared (a button's
	 * label that comes and goes at once, before the answer that counts). */
	strip?: string;
}

/**
 * Waits until nothing the probe sees (a DOM change, a WebGL frame, a worker message) has
 * happened for `quietMs`, every change and frame is on screen, and `ready` holds; resolves to
 * the page's time then.
 */
export async function settle(
	page: Page,
	{ quietMs = 800, timeoutMs = 60_000, ready = null as Ready | null } = {}
): Promise<number> {
	const handle = await page.waitForFunction(
		({ quietMs, ready }) => {
			const b = (window as unknown as { __probe: ProbeRecord }).__probe;
			const last = Math.max(
				0,
				...b.muts.slice(-1).map((m) => m.t),
				...b.frames.slice(-1).map((f) => f.last),
				...b.mapMsgs.slice(-1),
				...b.dataMsgs.slice(-1)
			);
			const pending = b.muts.some((m) => m.shown === 0) || b.frames.some((f) => f.shown === 0);
			const t = performance.now();
			if (pending || t - last < quietMs) return false;
			if (ready) {
				const found = document.querySelector(ready.selector)?.textContent;
				if (found === undefined || found === null) return false;
				// No inner function here: tsx would name it with a helper the page does not have.
				const strip = ready.strip ? new RegExp(ready.strip) : null;
				const text = (strip ? found.replace(strip, '') : found).trim();
				if (
					ready.not !== undefined &&
					text === (strip ? ready.not.replace(strip, '') : ready.not).trim()
				)
					return false;
				if (ready.matches !== undefined && !new RegExp(ready.matches).test(text)) return false;
			}
			return t;
		},
		{ quietMs, ready },
		{ timeout: timeoutMs, polling: 100 }
	);
	return (await handle.jsonValue()) as number;
}
