import { describe, expect, it } from 'vitest';
import { shownAfter, type ProbeRecord } from './probe.ts';

const record = (over: Partial<ProbeRecord>): ProbeRecord => ({
	inputs: [],
	muts: [],
	frames: [],
	mapMsgs: [],
	dataMsgs: [],
	tasks: [],
	...over
});

describe('shownAfter', () => {
	it('times the DOM to its last change on screen, and the map to the frame after its last message', () => {
		const shown = shownAfter(
			record({
				muts: [
					{ t: 5, kinds: ['summary'], shown: 8 }, // before the input: not counted
					{ t: 20, kinds: ['summary'], shown: 30 },
					{ t: 40, kinds: ['list'], shown: 50 },
					{ t: 45, kinds: ['panel'], shown: 90 } // not asked for
				],
				mapMsgs: [60, 70],
				frames: [
					{ ts: 1, first: 65, last: 66, shown: 80 }, // before the last message
					{ ts: 2, first: 72, last: 75, shown: 110 },
					{ ts: 3, first: 120, last: 121, shown: 140 }
				],
				tasks: [
					{ start: 5, duration: 500 },
					{ start: 72, duration: 60 },
					{ start: 73, duration: 40 }
				]
			}),
			10,
			['summary', 'list']
		);
		expect(shown).toEqual({ domMs: 40, mapMs: 100, shownMs: 100, longestTaskMs: 60 });
	});

	it('says null where nothing changed, and counts only up to `end`', () => {
		const shown = shownAfter(
			record({
				muts: [{ t: 20, kinds: ['list'], shown: 0 }],
				tasks: [{ start: 30, duration: 80 }]
			}),
			10,
			['list'],
			25
		);
		expect(shown).toEqual({ domMs: null, mapMs: null, shownMs: null, longestTaskMs: 0 });
	});
});
