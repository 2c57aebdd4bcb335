/**
 * When a claimed thing happened (`occurred`), written in EDTF (ISO 8601-2; Library of Congress
 * Extended Date/Time Format): a day `2024-10-03`, a month `2024-10`, a year `2024`, a season
 * `2024-21`, an interval `2024-10-01/2024-10-18`, with open (`2024-10-01/..`) or unknown
 * (`2024-10-01/`) ends, uncertain `?`, approximate `~` or both `%`, and digits left unspecified as
 * X (`2024-10-XX`, `202X`).
 *
 * The `edtf` package parses the text, so what is EDTF is the standard's grammar, not ours. This
 * module turns its result into days and words, and refuses what the app cannot show honestly:
 * times of day, sets and lists of possible dates, qualifiers on one part of a date (`2024?-10`),
 * X inside a part (`2024-1X`), years before 1 or after 9999.
 *
 * Two choices the standard leaves open:
 * - Seasons 21–24 (spring, summer, autumn, winter, no hemisphere given) are read as the
 *   northern hemisphere's meteorological seasons, like 25–28: spring is March to May, and winter
 *   2024 is December 2024 to February 2025 (the label says "winter 2024–25"). The package itself
 *   reads spring as January to March, which no reader would expect.
 * - An interval may end on the day it starts, and its ends may overlap (`2024-10-18/2024-10`: it
 *   ended some day in October on or after the 18th). It is an error only when its end cannot be
 *   on or after its start: the end's last day is before the start's first.
 */
import { parse, type ParsedEdtf } from 'edtf';
import { MONTHS } from './format.ts';

export type Precision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'century';

/** One end of what is recorded. A single date is both ends at once. */
export interface OccurredBound {
	/**
	 * 'known'; or why there is no date: 'open' (`..`, the interval has no end on that side: it
	 * goes on) or 'unknown' (nothing written: it has an end, and no one knows when).
	 */
	status: 'known' | 'open' | 'unknown';
	/** The bound as written: `2024-10-01~`; `..` when open, `` when unknown. */
	text: string;
	/** The first and the last day the bound covers (days since 1970-01-01, UTC); null unless known. */
	first: number | null;
	last: number | null;
	/** How finely the bound is known: `2024-10-XX` is 'month', `202X` is 'decade'. */
	precision: Precision | null;
	/** The ISO 8601-2 code (21–41) when the bound is a season, a quarter or a half year. */
	season: number | null;
	/** `?` or `%`: the source is not sure of it. */
	uncertain: boolean;
	/** `~` or `%`: it is an estimate ("about"). */
	approximate: boolean;
	/**
	 * Digits written X: the bound is one day (`2024-10-XX`, `2024-XX-XX`), month (`2024-XX`) or
	 * year (`202X`) within the days it covers, not said which; null when none is.
	 */
	unspecified: 'day' | 'month' | 'year' | null;
}

export interface Occurred {
	/** The value as written. */
	text: string;
	kind: 'date' | 'interval';
	/** The first day it may have begun on, and the last it may have ended on; null when open or
	 * unknown (see `from.status`, `until.status`). */
	start: number | null;
	end: number | null;
	/** The interval's ends; for a date, the same bound twice. */
	from: OccurredBound;
	until: OccurredBound;
	/** True when either end is uncertain, approximate. */
	uncertain: boolean;
	approximate: boolean;
}

export interface OccurredError {
	/** What is wrong, for the person who wrote the value. */
	error: string;
}

const EXAMPLES = 'write it like 2024-10-03, 2024-10 or 2024-10-01/2024-10-18';
const NOT_EDTF = `not an EDTF date: ${EXAMPLES}`;

/** What each ISO 8601-2 sub-year grouping covers: its first month (0-based), its length, its name. */
interface Grouping {
	month: number;
	months: number;
	name: string;
}
const season = (month: number, name: string): Grouping => ({ month, months: 3, name });
const GROUPINGS: Record<number, Grouping> = {
	21: season(2, 'spring'),
	22: season(5, 'summer'),
	23: season(8, 'autumn'),
	24: season(11, 'winter'),
	25: season(2, 'northern spring'),
	26: season(5, 'northern summer'),
	27: season(8, 'northern autumn'),
	28: season(11, 'northern winter'),
	29: season(8, 'southern spring'),
	30: season(11, 'southern summer'),
	31: season(2, 'southern autumn'),
	32: season(5, 'southern winter'),
	33: season(0, 'first quarter of'),
	34: season(3, 'second quarter of'),
	35: season(6, 'third quarter of'),
	36: season(9, 'fourth quarter of'),
	37: { month: 0, months: 4, name: 'January–April' },
	38: { month: 4, months: 4, name: 'May–August' },
	39: { month: 8, months: 4, name: 'September–December' },
	40: { month: 0, months: 6, name: 'first half of' },
	41: { month: 6, months: 6, name: 'second half of' }
};

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar day; `day` 0 is the last of the month before. */
function dayNumber(year: number, month: number, day: number): number {
	const date = new Date(0);
	// Not Date.UTC: it reads the years 0–99 as 1900–1999.
	date.setUTCFullYear(year, month, day);
	return Math.round(date.getTime() / DAY_MS);
}

function calendar(day: number): { year: number; month: number; day: number } {
	const date = new Date(day * DAY_MS);
	return { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
	return dayNumber(year, month + 1, 0) - dayNumber(year, month, 0);
}

/** The X patterns of EDTF level 1, by the number of parts: bitmask → what is unspecified. */
const UNSPECIFIED: readonly Record<number, [Precision, 'day' | 'month' | 'year']>[] = [
	{},
	{ 8: ['decade', 'year'], 12: ['century', 'year'] },
	{ 48: ['year', 'month'] },
	{ 192: ['month', 'day'], 240: ['year', 'day'] }
];
const PRECISIONS: readonly Precision[] = ['year', 'year', 'month', 'day'];

const UNKNOWN_BOUND: OccurredBound = bound('unknown', '');
const OPEN_BOUND: OccurredBound = bound('open', '..');

function bound(status: 'open' | 'unknown', text: string): OccurredBound {
	return {
		status,
		text,
		first: null,
		last: null,
		precision: null,
		season: null,
		uncertain: false,
		approximate: false,
		unspecified: null
	};
}

function checkYear(year: number, text: string): string | null {
	if (year < 1) return `${text} is before the year 1: dates before the Common Era are not accepted`;
	if (year > 9999) return `${text} is after the year 9999`;
	return null;
}

/** A parsed Date or Season as a bound, or what is wrong with it. */
function toBound(value: ParsedEdtf, text: string): OccurredBound | OccurredError {
	const type = value.type ?? 'Date';
	if (type !== 'Date' && type !== 'Season') return { error: typeMessage(type, text) };
	const numbers = value.values.filter((v): v is number => typeof v === 'number');
	if (numbers.length !== value.values.length) return { error: NOT_EDTF };
	const [year = 0, month = 0, day = 1] = numbers;
	if (type === 'Season') {
		const grouping = GROUPINGS[month];
		if (!grouping) return { error: NOT_EDTF };
		const wrong = checkYear(year, text);
		if (wrong) return { error: wrong };
		return {
			status: 'known',
			text,
			first: dayNumber(year, grouping.month, 1),
			last: dayNumber(year, grouping.month + grouping.months, 0),
			precision: 'season',
			season: month,
			uncertain: false,
			approximate: false,
			unspecified: null
		};
	}
	if (numbers.length > 3 || value.offset !== undefined) {
		return { error: `${text} has a time of day, which is not accepted: write the day alone` };
	}
	if (typeof value.uncertain === 'number' || typeof value.approximate === 'number') {
		return {
			error: `${text} marks one part of the date: put ?, ~ or % at the end, for the whole date, like 2024-03-03?`
		};
	}
	const mask = value.unspecified ?? 0;
	const unspecified = mask === 0 ? undefined : UNSPECIFIED[numbers.length]![mask];
	if (mask !== 0 && !unspecified) {
		return {
			error: `${text}: X can stand only for the last one or two digits of the year (202X, 20XX), for the month (2024-XX) or for the day (2024-10-XX)`
		};
	}
	const wrong = checkYear(year, text);
	if (wrong) return { error: wrong };
	if (numbers.length === 3 && !(mask & 192) && day > daysInMonth(year, month)) {
		// The grammar takes 29 February in any year; the package's dates then roll on to 1 March.
		return { error: notADay(year, month, day) };
	}
	const precision = unspecified?.[0] ?? PRECISIONS[numbers.length]!;
	let first: number;
	let last: number;
	if (precision === 'day') first = last = dayNumber(year, month, day);
	else if (precision === 'month') {
		first = dayNumber(year, month, 1);
		last = dayNumber(year, month + 1, 0);
	} else {
		const years = precision === 'century' ? 100 : precision === 'decade' ? 10 : 1;
		first = dayNumber(year, 0, 1);
		last = dayNumber(year + years, 0, 0);
	}
	return {
		status: 'known',
		text,
		first,
		last,
		precision,
		season: null,
		uncertain: value.uncertain === true,
		approximate: value.approximate === true,
		unspecified: unspecified?.[1] ?? null
	};
}

function notADay(year: number, month: number, day: number): string {
	const y = String(year).padStart(4, '0');
	const written = `${y}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return `${written} is not a day: ${MONTHS[month]} ${y} has ${daysInMonth(year, month)} days`;
}

function typeMessage(type: string, text: string): string {
	switch (type) {
		case 'Set':
		case 'List':
			return `${text} lists possible dates, which is not accepted: write the interval that covers them, like 2024-01/2024-02`;
		case 'Decade':
			return `${text} is a decade: write it 202X (the 2020s), or write an interval`;
		case 'Century':
			return `${text} is a century in EDTF: write 20XX for 2000–2099, or a year with four digits`;
		case 'Year':
			return `${text}: write the year with four digits, like 2024`;
		default:
			return NOT_EDTF;
	}
}

/** Why a value the parser refused is wrong, in the terms of the mistakes people make. */
function diagnose(text: string): string {
	if (/^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(text)) {
		return `${text}: write the year first, like 2024-10-03 (${text} could be read day first or month first)`;
	}
	const parts = text.split('/');
	if (parts.length > 2) return NOT_EDTF;
	for (const part of parts) {
		const message = diagnosePart(part);
		if (message) return message;
	}
	return NOT_EDTF;
}

function diagnosePart(part: string): string | null {
	if (/^\d{4}-\d{2}-\d{2}T/.test(part)) {
		return `${part} has a time of day, which is not accepted: write the day alone, ${part.slice(0, 10)}`;
	}
	if (/[?~%]{2,}$/.test(part)) {
		return `${part}: write % for a date both uncertain and approximate, like 2024-03-03%`;
	}
	const date = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?[?~%]?$/.exec(part);
	if (!date) return null;
	const [, y, m, d] = date as unknown as [string, string, string, string | undefined];
	if (m.length === 1 || d?.length === 1) {
		const padded = [y, m.padStart(2, '0'), ...(d === undefined ? [] : [d.padStart(2, '0')])];
		return `${part}: write the month and the day with two digits, like ${padded.join('-')}`;
	}
	const month = Number(m);
	if (d === undefined && GROUPINGS[month]) {
		return `${part}: a season cannot be marked uncertain or approximate in EDTF`;
	}
	if (month < 1 || month > 12) return `${y}-${m} is not a month`;
	if (d !== undefined) {
		const day = Number(d);
		if (day < 1 || day > daysInMonth(Number(y), month - 1)) {
			return notADay(Number(y), month - 1, day);
		}
	}
	return null;
}

function fromParsed(text: string, parsed: ParsedEdtf): Occurred | OccurredError {
	if (parsed.type !== 'Interval') {
		const one = toBound(parsed, text);
		if ('error' in one) return one;
		return {
			text,
			kind: 'date',
			start: one.first,
			end: one.last,
			from: one,
			until: one,
			uncertain: one.uncertain,
			approximate: one.approximate
		};
	}
	const texts = text.split('/');
	const ends: OccurredBound[] = [];
	for (const [i, value] of parsed.values.entries()) {
		if (value === null) ends.push(UNKNOWN_BOUND);
		else if (value === Infinity) ends.push(OPEN_BOUND);
		else if (typeof value === 'number') return { error: NOT_EDTF };
		else {
			const end = toBound(value, texts[i] ?? text);
			if ('error' in end) return end;
			ends.push(end);
		}
	}
	const [from, until] = ends as [OccurredBound, OccurredBound];
	if (from.status !== 'known' && until.status !== 'known') {
		return {
			error: `${text} gives neither end: write at least one, like 2024-10-01/.. or ../2024-10-18`
		};
	}
	if (from.first !== null && until.last !== null && until.last < from.first) {
		return { error: `the interval ends (${until.text}) before it starts (${from.text})` };
	}
	return {
		text,
		kind: 'interval',
		start: from.first,
		end: until.last,
		from,
		until,
		uncertain: from.uncertain || until.uncertain,
		approximate: from.approximate || until.approximate
	};
}

/** `2024`, `2024-10`, `2024-10-03`, with no qualifier and no X, as the package parses them. */
const PLAIN_DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

function plainDate(text: string | undefined): ParsedEdtf | null {
	const match = text === undefined ? null : PLAIN_DATE.exec(text);
	if (!match) return null;
	const values = [Number(match[1])];
	if (match[2]) values.push(Number(match[2]) - 1);
	if (match[3]) values.push(Number(match[3]));
	return { type: 'Date', level: 0, values };
}

function parseOnce(text: string): Occurred | OccurredError {
	if (!/\S/.test(text)) return { error: `no date given: ${EXAMPLES}` };
	if (/\s/.test(text)) {
		const joined = text.replace(/\s+/g, '');
		const fixed = parseOnce(joined);
		if ('error' in fixed) return fixed;
		return /^\S+$/.test(text.trim())
			? { error: `${joined} has spaces before or after it: write it without them` }
			: { error: `spaces are not allowed in an EDTF date: write ${joined}` };
	}
	// The plain forms (a day, a month, a year, an interval between two of them) are most of what a
	// monitor's table holds. They are read here, as the grammar would read them, because the
	// grammar takes some 0.15 ms a value: minutes for a million distinct rows.
	const plain = plainDate(text);
	if (plain) return fromParsed(text, plain);
	const ends = text.split('/');
	if (ends.length === 2) {
		const [from, until] = ends.map(plainDate);
		if (from && until)
			return fromParsed(text, { type: 'Interval', level: 0, values: [from, until] });
	}
	let parsed: ParsedEdtf;
	try {
		parsed = parse(text);
	} catch {
		try {
			// Season intervals (2024-21/2024-23) are the package's level 3, behind an option that
			// fails on an interval with an unknown start (edtf 4.11.1): asked for only when needed.
			parsed = parse(text, { seasonIntervals: true });
		} catch {
			return { error: diagnose(text) };
		}
	}
	return fromParsed(text, parsed);
}

/**
 * The answers already given: the parser takes about 0.2 ms a value, and a dataset repeats a few
 * dates across many claims. Emptied when full, so that no input grows it without bound.
 */
const known = new Map<string, Occurred | OccurredError>();
const KNOWN_MAX = 20_000;

/**
 * An `occurred` value read, or what is wrong with it. The answer is shared between calls with the
 * same text: do not change it.
 */
export function parseOccurred(text: string): Occurred | OccurredError {
	let answer = known.get(text);
	if (answer === undefined) {
		if (known.size >= KNOWN_MAX) known.clear();
		known.set(text, (answer = parseOnce(text)));
	}
	return answer;
}

/** The bound in words, e.g. "3 March 2024", "October 2024", "winter 2024–25", "the 2020s". */
function boundLabel(b: OccurredBound): string {
	const { year, month, day } = calendar(b.first!);
	switch (b.precision) {
		case 'day':
			return `${day} ${MONTHS[month]} ${year}`;
		case 'month':
			return `${MONTHS[month]} ${year}`;
		case 'season': {
			const grouping = GROUPINGS[b.season!]!;
			const next = calendar(b.last!).year;
			if (next === year) return `${grouping.name} ${year}`;
			const nextText =
				Math.floor(next / 100) === Math.floor(year / 100) ? String(next).slice(-2) : next;
			return `${grouping.name} ${year}–${nextText}`;
		}
		case 'decade':
			return `the ${year}s`;
		case 'century':
			return `${year}–${year + 99}`;
		default:
			return String(year);
	}
}

/** A single date in words, saying when it is one day, month or year of the span, not all of it. */
function dateLabel(b: OccurredBound): string {
	const label = boundLabel(b);
	return b.unspecified ? `a ${b.unspecified} in ${label}` : label;
}

/** Both ends known, written as briefly as they allow: "1–18 October 2024", "2024–2025". */
function rangeLabel(from: OccurredBound, until: OccurredBound): string {
	const a = calendar(from.first!);
	const b = calendar(until.last!);
	if (
		from.precision === until.precision &&
		(from.precision === 'day' || from.precision === 'month')
	) {
		const day = from.precision === 'day';
		if (a.year === b.year && a.month === b.month) {
			if (!day || a.day === b.day) return boundLabel(from);
			return `${a.day}–${b.day} ${MONTHS[a.month]} ${a.year}`;
		}
		if (a.year === b.year) {
			return day
				? `${a.day} ${MONTHS[a.month]} – ${b.day} ${MONTHS[b.month]} ${a.year}`
				: `${MONTHS[a.month]}–${MONTHS[b.month]} ${a.year}`;
		}
	}
	if (from.precision === 'year' && until.precision === 'year' && a.year !== b.year) {
		return `${a.year}–${b.year}`;
	}
	const start = boundLabel(from);
	const end = boundLabel(until);
	return start === end ? start : `${start} – ${end}`;
}

function qualifier(b: OccurredBound): string {
	if (b.uncertain && b.approximate) return 'approximate and uncertain';
	return b.approximate ? 'approximate' : b.uncertain ? 'uncertain' : '';
}

/**
 * A short English label, never more precise than the value and saying how sure it is: "3 March
 * 2024 (approximate)", "October 2024", "1–18 October 2024", "from 1 October 2024 (end open)".
 * English only, with the day before the month, as the rest of the app writes dates.
 */
export function formatOccurred(o: Occurred): string {
	const { from, until } = o;
	if (o.kind === 'date') {
		const q = qualifier(from);
		return q ? `${dateLabel(from)} (${q})` : dateLabel(from);
	}
	const notes: string[] = [];
	const qFrom = from.status === 'known' ? qualifier(from) : '';
	const qUntil = until.status === 'known' ? qualifier(until) : '';
	if (qFrom && qFrom === qUntil) notes.push(qFrom);
	else {
		if (qFrom) notes.push(`start ${qFrom}`);
		if (qUntil) notes.push(`end ${qUntil}`);
	}
	if (from.status !== 'known') notes.push(`start ${from.status}`);
	if (until.status !== 'known') notes.push(`end ${until.status}`);
	const label =
		from.status !== 'known'
			? `until ${boundLabel(until)}`
			: until.status !== 'known'
				? `from ${boundLabel(from)}`
				: rangeLabel(from, until);
	return notes.length ? `${label} (${notes.join('; ')})` : label;
}

/** The label of a value as written, or the value itself if it does not parse (a validated
 * dataset's always does). */
export function occurredLabel(text: string): string {
	const parsed = parseOccurred(text);
	return 'error' in parsed ? text : formatOccurred(parsed);
}
