/** Checks of single values that a regex cannot make: calendar dates, country codes, language tags. */

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** The English name of a country code, from the platform's own CLDR data. */
export function countryName(code: string): string | undefined {
	return regionNames.of(code);
}

/** Remembers a check's answers: a dataset repeats a handful of codes across many records. */
function memo(check: (value: string) => boolean): (value: string) => boolean {
	const known = new Map<string, boolean>();
	return (value) => {
		let answer = known.get(value);
		if (answer === undefined) known.set(value, (answer = check(value)));
		return answer;
	};
}

export const isKnownRegion = memo((code) => countryName(code) !== undefined);

export const isLanguageTag = memo((tag) => {
	try {
		return Intl.getCanonicalLocales(tag).length === 1;
	} catch {
		return false;
	}
});

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** For a string that already matches PARTIAL_DATE_PATTERN; no allocation, as it runs per claim. */
export function isRealDate(value: string): boolean {
	if (value.length === 7) return true;
	const digit = (i: number) => value.charCodeAt(i) - 48;
	const month = digit(5) * 10 + digit(6);
	const day = digit(8) * 10 + digit(9);
	if (day <= 28) return true;
	if (month !== 2) return day <= DAYS_IN_MONTH[month - 1]!;
	const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return day <= (leap ? 29 : 28);
}
