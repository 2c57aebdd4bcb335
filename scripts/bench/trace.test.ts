import { describe, expect, it } from 'vitest';
import { describeTasks, longTasks, type TraceEvent } from './trace.ts';

const main = { pid: 1, tid: 7 };
const x = (name: string, ts: number, dur: number, url?: string): TraceEvent => ({
	name,
	ph: 'X',
	ts: ts * 1000,
	dur: dur * 1000,
	...main,
	...(url === undefined ? {} : { args: { data: { url } } })
});

describe('longTasks', () => {
	const events: TraceEvent[] = [
		{ name: 'thread_name', ph: 'M', ts: 0, ...main, args: { name: 'CrRendererMain' } },
		// A frame of maplibre-gl's: its callback wrapped by the probe (no file), then paint.
		x('RunTask', 0, 300),
		x('FireAnimationFrame', 1, 250),
		x('FunctionCall', 1, 250, ''),
		x('Paint', 260, 30),
		// The app's answer from its worker, then style and layout.
		x('RunTask', 400, 120),
		x('FunctionCall', 400, 20, 'http://x/_app/immutable/chunks/app.js'),
		x('RunMicrotasks', 420, 60),
		x('UpdateLayoutTree', 480, 30),
		// Short: left out.
		x('RunTask', 600, 20),
		// On another thread: left out.
		{ ...x('RunTask', 700, 200), tid: 8 }
	];
	const tasks = longTasks(events, (url) => url.includes('maplibre'));

	it('puts each task over 50 ms down to its largest part', () => {
		expect(tasks.map((t) => [Math.round(t.ms), t.owner])).toEqual([
			[300, 'maplibre'],
			[120, 'app']
		]);
		expect(tasks[0]!.parts.rendering).toBe(30);
		expect(tasks[1]!.parts.app).toBe(80);
		expect(tasks[1]!.parts.rendering).toBe(30);
	});

	it('says how many of each', () => {
		expect(describeTasks(tasks)).toBe(
			'2 over 50 ms: 1 maplibre (longest 300 ms), 1 app (longest 120 ms)'
		);
		expect(describeTasks([])).toBe('no task over 50 ms');
	});
});
