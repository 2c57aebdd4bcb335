import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOccurred, parseOccurred, type Occurred } from './edtf.ts';

const RUNS = Number(process.env.FC_RUNS ?? 0) || undefined;
const runs = (n: number) => ({ numRuns: RUNS ?? n });

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 by Date.UTC (month 1-based here); years 100 and later only. */
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;

function ok(text: string): Occurred {
	const result = parseOccurred(text);
	if ('error' in result) throw new Error(`${text}: ${result.error}`);
	return result;
}
function error(text: string): string {
	const result = parseOccurred(text);
	if (!('error' in result)) throw new Error(`${text} was accepted`);
	return result.error;
}
const label = (text: string) => formatOccurred(ok(text));

describe('parseOccurred: dates', () => {
	it('reads a day, a month and a year as the days they cover', () => {
		expect(ok('2024-10-03')).toMatchObject({
			text: '2024-10-03',
			kind: 'date',
			start: day(2024, 10, 3),
			end: day(2024, 10, 3),
			uncertain: false,
			approximate: false,
			from: { status: 'known', precision: 'day', unspecified: null }
		});
		expect(ok('2024-10')).toMatchObject({
			start: day(2024, 10, 1),
			end: day(2024, 10, 31),
			from: { precision: 'month' }
		});
		expect(ok('2024')).toMatchObject({
			start: day(2024, 1, 1),
			end: day(2024, 12, 31),
			from: { precision: 'year' }
		});
		expect(ok('2024-02')).toMatchObject({ end: day(2024, 2, 29) });
		expect(ok('1970-01-01').start).toBe(0);
		expect(ok('1969-12-31').start).toBe(-1);
	});

	it('gives a date as both ends', () => {
		const o = ok('2024-10-03~');
		expect(o.until).toBe(o.from);
	});

	it('reads the years before 100 as themselves, not as 19xx', () => {
		const o = ok('0050-03-01');
		expect(new Date(o.start! * DAY_MS).toISOString()).toBe('0050-03-01T00:00:00.000Z');
		expect(formatOccurred(o)).toBe('1 March 50');
	});

	it('flags uncertain (?), approximate (~) and both (%)', () => {
		expect(ok('2024-03-03?')).toMatchObject({ uncertain: true, approximate: false });
		expect(ok('2024-03-03~')).toMatchObject({ uncertain: false, approximate: true });
		expect(ok('2024-03-03%')).toMatchObject({ uncertain: true, approximate: true });
		expect(ok('2024-10~')).toMatchObject({ approximate: true, from: { precision: 'month' } });
		expect(ok('2024?')).toMatchObject({ uncertain: true, from: { precision: 'year' } });
		expect(ok('2024-03-03~')).toMatchObject({ start: day(2024, 3, 3), end: day(2024, 3, 3) });
	});

	it('reads X digits as one day, month or year within a span', () => {
		expect(ok('2024-10-XX')).toMatchObject({
			start: day(2024, 10, 1),
			end: day(2024, 10, 31),
			from: { precision: 'month', unspecified: 'day' }
		});
		expect(ok('2024-XX-XX')).toMatchObject({
			start: day(2024, 1, 1),
			end: day(2024, 12, 31),
			from: { precision: 'year', unspecified: 'day' }
		});
		expect(ok('2024-XX')).toMatchObject({ from: { precision: 'year', unspecified: 'month' } });
		expect(ok('202X')).toMatchObject({
			start: day(2020, 1, 1),
			end: day(2029, 12, 31),
			from: { precision: 'decade', unspecified: 'year' }
		});
		expect(ok('20XX')).toMatchObject({
			start: day(2000, 1, 1),
			end: day(2099, 12, 31),
			from: { precision: 'century' }
		});
	});

	it('refuses X inside a part, and X for the whole year', () => {
		for (const text of ['2024-1X', '2024-10-0X', '20XX-10', '2024-XX-03', 'XXXX', '1XXX']) {
			expect(error(text)).toMatch(/^.+: X can stand only for/);
		}
	});

	it('knows leap days', () => {
		expect(ok('2024-02-29').start).toBe(day(2024, 2, 29));
		expect(ok('2000-02-29').start).toBe(day(2000, 2, 29));
		// The grammar accepts 29 February in any year; the package would make it 1 March.
		expect(error('2023-02-29')).toBe('2023-02-29 is not a day: February 2023 has 28 days');
		expect(error('1900-02-29~')).toBe('1900-02-29 is not a day: February 1900 has 28 days');
		expect(error('2024-02-30')).toBe('2024-02-30 is not a day: February 2024 has 29 days');
	});

	it('names a month or a day that does not exist', () => {
		expect(error('2024-13')).toBe('2024-13 is not a month');
		expect(error('2024-00')).toBe('2024-00 is not a month');
		expect(error('2024-42')).toBe('2024-42 is not a month');
		expect(error('2024-13-01')).toBe('2024-13 is not a month');
		expect(error('2024-04-31')).toBe('2024-04-31 is not a day: April 2024 has 30 days');
		expect(error('2024-10-32')).toBe('2024-10-32 is not a day: October 2024 has 31 days');
		expect(error('2024-10-18/2024-13')).toBe('2024-13 is not a month');
	});

	it('reads seasons as meteorological seasons, quarters and halves as months', () => {
		expect(ok('2024-21')).toMatchObject({
			start: day(2024, 3, 1),
			end: day(2024, 5, 31),
			from: { precision: 'season', season: 21 }
		});
		expect(ok('2024-24')).toMatchObject({ start: day(2024, 12, 1), end: day(2025, 2, 28) });
		expect(ok('2023-24').end).toBe(day(2024, 2, 29));
		expect(ok('2024-30')).toMatchObject({ start: day(2024, 12, 1), end: day(2025, 2, 28) });
		expect(ok('2024-32')).toMatchObject({ start: day(2024, 6, 1), end: day(2024, 8, 31) });
		expect(ok('2024-33')).toMatchObject({ start: day(2024, 1, 1), end: day(2024, 3, 31) });
		expect(ok('2024-38')).toMatchObject({ start: day(2024, 5, 1), end: day(2024, 8, 31) });
		expect(ok('2024-41')).toMatchObject({ start: day(2024, 7, 1), end: day(2024, 12, 31) });
		expect(error('2024-21?')).toBe(
			'2024-21?: a season cannot be marked uncertain or approximate in EDTF'
		);
	});

	it('refuses what it cannot show: times, lists, decades, centuries, far years', () => {
		expect(error('2024-10-03T10:00:00Z')).toBe(
			'2024-10-03T10:00:00Z has a time of day, which is not accepted: write the day alone'
		);
		expect(error('2024-10-03T10:00:00Z/2024-10-04')).toMatch(/has a time of day/);
		expect(error('[2024-01,2024-02]')).toMatch(/lists possible dates/);
		expect(error('{2024,2025}')).toMatch(/lists possible dates/);
		expect(error('202')).toMatch(/^202 is a decade: write it 202X/);
		expect(error('20')).toMatch(/^20 is a century in EDTF: write 20XX/);
		expect(error('Y170000')).toMatch(/write the year with four digits/);
		expect(error('1950S2')).toMatch(/write the year with four digits/);
		expect(error('0000')).toMatch(/before the year 1/);
		expect(error('-0044-03-15')).toMatch(/before the year 1/);
		expect(error('2024?-10')).toMatch(/marks one part of the date: put \?, ~ or % at the end/);
		expect(error('2024-~10')).toMatch(/marks one part of the date/);
	});
});

describe('parseOccurred: intervals', () => {
	it('reads both ends, each with its own precision and flags', () => {
		expect(ok('2024-10-01/2024-10-18')).toMatchObject({
			kind: 'interval',
			start: day(2024, 10, 1),
			end: day(2024, 10, 18),
			from: { status: 'known', text: '2024-10-01', precision: 'day' },
			until: { status: 'known', text: '2024-10-18', precision: 'day' }
		});
		const mixed = ok('2024-10~/2024-11-03?');
		expect(mixed).toMatchObject({
			start: day(2024, 10, 1),
			end: day(2024, 11, 3),
			uncertain: true,
			approximate: true,
			from: { precision: 'month', approximate: true, uncertain: false },
			until: { precision: 'day', approximate: false, uncertain: true }
		});
		expect(ok('2024-10-01/2024-10-XX')).toMatchObject({
			end: day(2024, 10, 31),
			until: { unspecified: 'day' }
		});
		expect(ok('2024-21/2024-23')).toMatchObject({ start: day(2024, 3, 1), end: day(2024, 11, 30) });
	});

	it('tells an open end (..) from an unknown one (empty)', () => {
		expect(ok('2024-10-01/..')).toMatchObject({
			start: day(2024, 10, 1),
			end: null,
			until: { status: 'open', text: '..' }
		});
		expect(ok('2024-10-01/')).toMatchObject({ end: null, until: { status: 'unknown', text: '' } });
		expect(ok('../2024-10-18')).toMatchObject({
			start: null,
			end: day(2024, 10, 18),
			from: { status: 'open' }
		});
		expect(ok('/2024-10-18')).toMatchObject({ start: null, from: { status: 'unknown' } });
	});

	it('needs one end at least', () => {
		for (const text of ['../..', '/', '../', '/..']) {
			expect(error(text)).toBe(
				`${text} gives neither end: write at least one, like 2024-10-01/.. or ../2024-10-18`
			);
		}
		expect(error('..')).toMatch(/^not an EDTF date/);
	});

	it('refuses an interval that ends before it starts', () => {
		expect(error('2024-10-18/2024-10-01')).toBe(
			'the interval ends (2024-10-01) before it starts (2024-10-18)'
		);
		expect(error('2024-10-18~/2024-09')).toBe(
			'the interval ends (2024-09) before it starts (2024-10-18~)'
		);
		expect(error('2025/2024')).toBe('the interval ends (2024) before it starts (2025)');
	});

	it('takes an interval of one day, and ends that overlap', () => {
		expect(ok('2024-10-01/2024-10-01')).toMatchObject({
			start: day(2024, 10, 1),
			end: day(2024, 10, 1)
		});
		// It ended some day in October, on or after the 18th: possible, so not an error.
		expect(ok('2024-10-18/2024-10')).toMatchObject({
			start: day(2024, 10, 18),
			end: day(2024, 10, 31)
		});
		expect(ok('2024-10-01/2024').end).toBe(day(2024, 12, 31));
	});
});

describe('parseOccurred: what people type', () => {
	it('says when nothing is given', () => {
		for (const text of ['', ' ', '\t\n']) {
			expect(error(text)).toBe(
				'no date given: write it like 2024-10-03, 2024-10 or 2024-10-01/2024-10-18'
			);
		}
	});

	it('names spaces, and what to write instead', () => {
		expect(error(' 2024-10-03')).toBe(
			'2024-10-03 has spaces before or after it: write it without them'
		);
		expect(error('2024-10-03\n')).toMatch(/has spaces before or after it/);
		expect(error('2024-10-01 / 2024-10-18')).toBe(
			'spaces are not allowed in an EDTF date: write 2024-10-01/2024-10-18'
		);
		expect(error(' 2024-13 ')).toBe('2024-13 is not a month');
	});

	it('answers garbage in plain words', () => {
		const generic = 'not an EDTF date: write it like 2024-10-03, 2024-10 or 2024-10-01/2024-10-18';
		for (const text of [
			'garbage',
			'October 2024',
			'2024-10-01 to 2024-10-18',
			'2024/10/01/x',
			'24-10-01',
			'2024-10-01//'
		]) {
			expect(error(text)).toBe(generic);
		}
		expect(error('03/10/2024')).toMatch(/^03\/10\/2024: write the year first, like 2024-10-03/);
		expect(error('2024-10-1')).toBe(
			'2024-10-1: write the month and the day with two digits, like 2024-10-01'
		);
		expect(error('2024-1')).toMatch(/like 2024-01$/);
		expect(error('2024-10-03?~')).toBe(
			'2024-10-03?~: write % for a date both uncertain and approximate, like 2024-03-03%'
		);
	});

	it('gives the same answer to the same text', () => {
		expect(parseOccurred('2024-10-03')).toBe(parseOccurred('2024-10-03'));
	});
});

describe('formatOccurred', () => {
	it('writes dates no more precisely than they are', () => {
		expect(label('2024-03-03')).toBe('3 March 2024');
		expect(label('2024-10')).toBe('October 2024');
		expect(label('2024')).toBe('2024');
		expect(label('2024-10-XX')).toBe('a day in October 2024');
		expect(label('2024-XX-XX')).toBe('a day in 2024');
		expect(label('2024-XX')).toBe('a month in 2024');
		expect(label('202X')).toBe('a year in the 2020s');
		expect(label('20XX')).toBe('a year in 2000–2099');
	});

	it('says how sure a date is', () => {
		expect(label('2024-03-03~')).toBe('3 March 2024 (approximate)');
		expect(label('2024-03-03?')).toBe('3 March 2024 (uncertain)');
		expect(label('2024-03-03%')).toBe('3 March 2024 (approximate and uncertain)');
		expect(label('2024-10?')).toBe('October 2024 (uncertain)');
	});

	it('names seasons, quarters and halves', () => {
		expect(label('2024-21')).toBe('spring 2024');
		expect(label('2024-24')).toBe('winter 2024–25');
		expect(label('2099-24')).toBe('winter 2099–2100');
		expect(label('2024-25')).toBe('northern spring 2024');
		expect(label('2024-30')).toBe('southern summer 2024–25');
		expect(label('2024-33')).toBe('first quarter of 2024');
		expect(label('2024-37')).toBe('January–April 2024');
		expect(label('2024-41')).toBe('second half of 2024');
		expect(label('2024-21/2024-23')).toBe('spring 2024 – autumn 2024');
	});

	it('writes a closed interval as briefly as it allows', () => {
		expect(label('2024-10-01/2024-10-18')).toBe('1–18 October 2024');
		expect(label('2024-10-01/2024-10-01')).toBe('1 October 2024');
		expect(label('2024-10-01/2024-11-03')).toBe('1 October – 3 November 2024');
		expect(label('2024-12-30/2025-01-02')).toBe('30 December 2024 – 2 January 2025');
		expect(label('2024-10/2024-11')).toBe('October–November 2024');
		expect(label('2024-10/2025-02')).toBe('October 2024 – February 2025');
		expect(label('2024/2025')).toBe('2024–2025');
		expect(label('2024-10/2024-10-18')).toBe('October 2024 – 18 October 2024');
		expect(label('2024-10-01/2024-10-XX')).toBe('1 October 2024 – October 2024');
	});

	it('says how sure each end is', () => {
		expect(label('2024-10-01~/2024-10-18~')).toBe('1–18 October 2024 (approximate)');
		expect(label('2024-10-01~/2024-10-18')).toBe('1–18 October 2024 (start approximate)');
		expect(label('2024-10-01/2024-10-18?')).toBe('1–18 October 2024 (end uncertain)');
		expect(label('2024-10-01%/2024-10-18?')).toBe(
			'1–18 October 2024 (start approximate and uncertain; end uncertain)'
		);
	});

	it('says which end is open or unknown', () => {
		expect(label('2024-10-01/..')).toBe('from 1 October 2024 (end open)');
		expect(label('2024-10-01/')).toBe('from 1 October 2024 (end unknown)');
		expect(label('../2024-10-18')).toBe('until 18 October 2024 (start open)');
		expect(label('/2024-10-18')).toBe('until 18 October 2024 (start unknown)');
		expect(label('2024-10~/..')).toBe('from October 2024 (start approximate; end open)');
	});
});

describe('parseOccurred: properties', () => {
	const FIRST = day(1000, 1, 1);
	const LAST = day(9999, 12, 31);
	const iso = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

	it('reads any interval of days a ≤ b as start a, end b', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: FIRST, max: LAST }),
				fc.integer({ min: FIRST, max: LAST }),
				(x, y) => {
					const [a, b] = x <= y ? [x, y] : [y, x];
					const o = ok(`${iso(a)}/${iso(b)}`);
					expect([o.start, o.end]).toEqual([a, b]);
				}
			),
			runs(300)
		);
	});

	it('reads a plain day, month or year (read without the grammar) as the grammar reads it qualified', () => {
		fc.assert(
			fc.property(fc.integer({ min: FIRST, max: LAST }), fc.constantFrom(10, 7, 4), (n, length) => {
				const plain = iso(n).slice(0, length);
				// A qualifier sends the value through the package's grammar; apart from the flag,
				// the two readings are the same.
				const graded = ok(`${plain}~`);
				const { text: _t, ...bound } = ok(plain).from;
				expect({ ...graded.from, text: plain, approximate: false }).toEqual({
					...bound,
					text: plain
				});
				expect(ok(`${plain}/${plain}`).start).toBe(graded.start);
			}),
			runs(300)
		);
	});

	it('reads any day as itself, and refuses it as an interval backwards', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: FIRST, max: LAST - 400 }),
				fc.integer({ min: 1, max: 400 }),
				(a, gap) => {
					expect(ok(iso(a))).toMatchObject({ start: a, end: a });
					expect(error(`${iso(a + gap)}/${iso(a)}`)).toMatch(/^the interval ends/);
				}
			),
			runs(200)
		);
	});

	it('never throws, and what it accepts starts no later than it ends', () => {
		const edtfish = fc
			.array(fc.constantFrom(...'0123456789-/.X?~%T: '.split(''), '2024', '-10', '..', '-21'), {
				maxLength: 12
			})
			.map((parts) => parts.join(''));
		fc.assert(
			fc.property(fc.oneof(fc.string(), edtfish), (text) => {
				const result = parseOccurred(text);
				if ('error' in result) expect(result.error).toMatch(/\S/);
				else {
					if (result.start !== null && result.end !== null) {
						expect(result.start).toBeLessThanOrEqual(result.end);
					}
					expect(formatOccurred(result)).toMatch(/\S/);
				}
			}),
			runs(500)
		);
	});
});
