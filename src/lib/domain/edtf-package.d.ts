/**
 * Types for the part of the `edtf` package (https://github.com/inukshuk/edtf.js) that edtf.ts
 * uses: its parser, which returns plain objects. The package ships no types.
 */
declare module 'edtf' {
	/** One parsed value. Months are zero-based, as in JavaScript's Date. */
	export interface ParsedEdtf {
		/** 'Date', 'Season', 'Interval', 'Year', 'Decade', 'Century', 'Set', 'List'; an interval's end
		 * with unspecified digits comes without one (it is a Date). */
		type?: string;
		/** The EDTF level (0–2, or 3 for the package's season intervals). */
		level?: number;
		/** A date's parts; an interval's ends: a value, null (unknown end) or Infinity (open end). */
		values: (number | ParsedEdtf | null)[];
		/** true when the whole date is qualified (level 1), a bitmask of the parts (level 2). */
		uncertain?: boolean | number;
		approximate?: boolean | number;
		/** Bitmask of the digits written X: bits 0–3 the year's, 4–5 the month's, 6–7 the day's. */
		unspecified?: number;
		/** Set when the date has a time of day with a UTC offset. */
		offset?: number;
	}

	export interface ParseConstraints {
		level?: 0 | 1 | 2 | 3;
		types?: string[];
		seasonIntervals?: boolean;
		seasonUncertainty?: boolean;
	}

	/** Throws an Error (a syntax error) or a RangeError when the text is not EDTF. */
	export function parse(input: string, constraints?: ParseConstraints): ParsedEdtf;
}
