/**
 * Whose long tasks: a Chromium trace (CDP Tracing, the timeline's categories) of one interaction,
 * and each main-thread task over 50 ms in it split by what ran inside: JavaScript called from
 * maplibre-gl's files (and animation frames: only maplibre-gl asks for them), JavaScript called
 * from the app's files (each with the microtasks after it; alone, they are 'microtasks'),
 * style, layout and paint, and garbage collection. A task is put down to the largest part.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface TraceEvent {
	name: string;
	cat?: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: { name?: string; data?: { url?: string; functionName?: string } };
}

export type Part = 'maplibre' | 'app' | 'microtasks' | 'rendering' | 'gc' | 'other';

export interface LongTask {
	ms: number;
	/** The largest part. */
	owner: Part;
	parts: Record<Part, number>;
}

const RENDERING = new Set([
	'UpdateLayoutTree',
	'Layout',
	'PrePaint',
	'Paint',
	'Layerize',
	'UpdateLayer',
	'Commit',
	'HitTest',
	'ScheduleStyleRecalculation'
]);
const GC = /^(MinorGC|MajorGC|V8\.GC|BlinkGC)/;

export const CATEGORIES = [
	'toplevel',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'v8'
].join(',');

/** The renderer main threads' tasks over `minMs`, each split into its parts. */
export function longTasks(
	events: TraceEvent[],
	isMaplibre: (url: string) => boolean,
	minMs = 50
): LongTask[] {
	const mains = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	const byThread = new Map<string, TraceEvent[]>();
	for (const e of events) {
		const key = `${e.pid}:${e.tid}`;
		if (e.ph !== 'X' || !mains.has(key)) continue;
		let list = byThread.get(key);
		if (!list) byThread.set(key, (list = []));
		list.push(e);
	}
	const out: LongTask[] = [];
	for (const list of byThread.values()) {
		list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
		const tasks = list.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > minMs * 1000);
		for (const task of tasks) {
			const end = task.ts + task.dur!;
			const parts: Record<Part, number> = {
				maplibre: 0,
				app: 0,
				microtasks: 0,
				rendering: 0,
				gc: 0,
				other: 0
			};
			// Only the outermost event of each kind counts: a FunctionCall inside another is its
			// caller's time already.
			let coveredUntil = task.ts;
			let rendUntil = task.ts;
			let frameUntil = task.ts;
			let lastCaller: 'maplibre' | 'app' | null = null;
			for (const e of list) {
				if (e.ts < task.ts || e.ts >= end || e === task) continue;
				const dur = (e.dur ?? 0) / 1000;
				// Only maplibre-gl asks for animation frames (the bench's probe wraps its callbacks, so
				// that their calls carry no file of maplibre-gl's).
				if (e.name === 'FireAnimationFrame') frameUntil = Math.max(frameUntil, e.ts + (e.dur ?? 0));
				if (
					e.name === 'FunctionCall' ||
					e.name === 'EvaluateScript' ||
					e.name === 'v8.callFunction'
				) {
					if (e.ts < coveredUntil) continue;
					coveredUntil = e.ts + (e.dur ?? 0);
					const url = e.args?.data?.url ?? '';
					const inFrame = e.ts < frameUntil && !url;
					lastCaller = inFrame || (url && isMaplibre(url)) ? 'maplibre' : 'app';
					parts[lastCaller] += dur;
				} else if (e.name === 'RunMicrotasks' || e.name === 'V8.RunMicrotasks') {
					if (e.ts < coveredUntil) continue;
					coveredUntil = e.ts + (e.dur ?? 0);
					// The microtasks after a call are its caller's (a promise it settled, the effects
					// Svelte runs after the app's state changed).
					parts[lastCaller ?? 'microtasks'] += dur;
				} else if (RENDERING.has(e.name)) {
					if (e.ts < rendUntil || e.ts < coveredUntil) continue;
					rendUntil = e.ts + (e.dur ?? 0);
					parts.rendering += dur;
				} else if (GC.test(e.name) && e.ts >= coveredUntil) {
					parts.gc += dur;
				}
			}
			const ms = task.dur! / 1000;
			parts.other = Math.max(
				0,
				ms - parts.maplibre - parts.app - parts.microtasks - parts.rendering - parts.gc
			);
			const owner = (Object.keys(parts) as Part[]).reduce((a, b) => (parts[b] > parts[a] ? b : a));
			out.push({ ms, owner, parts });
		}
	}
	return out;
}

/** Traces `act` (and what follows until `settled` resolves) in `page`; the trace's events. */
export async function traceOf(
	page: Page,
	act: () => Promise<unknown>,
	settled: () => Promise<unknown>
): Promise<TraceEvent[]> {
	const session: CDPSession = await page.context().newCDPSession(page);
	const events: TraceEvent[] = [];
	session.on('Tracing.dataCollected', (data) =>
		events.push(...(data.value as unknown as TraceEvent[]))
	);
	const complete = new Promise<void>((resolve) =>
		session.once('Tracing.tracingComplete', () => resolve())
	);
	await session.send('Tracing.start', {
		categories: CATEGORIES,
		transferMode: 'ReportEvents'
	});
	try {
		await act();
		await settled();
	} finally {
		await session.send('Tracing.end');
		await complete;
		await session.detach().catch(() => {});
	}
	return events;
}

/** "3 over 50 ms: 2 maplibre (longest 310 ms), 1 app (120 ms)" */
export function describeTasks(tasks: LongTask[]): string {
	if (!tasks.length) return 'no task over 50 ms';
	const by = new Map<Part, number[]>();
	for (const t of tasks) by.set(t.owner, [...(by.get(t.owner) ?? []), t.ms]);
	const parts = [...by].map(
		([owner, ms]) => `${ms.length} ${owner} (longest ${Math.round(Math.max(...ms))} ms)`
	);
	return `${tasks.length} over 50 ms: ${parts.join(', ')}`;
}
