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

/**
 * Codes CLDR names that are not current ISO 3166-1 alpha-2: exceptional reservations (EU, UN, AC,
 * IC…), user-assigned ones (XK, QO, XA, XB, ZZ) and withdrawn ones (SU, YU, AN…).
 */
const NOT_ISO_3166_1 = new Set(
	'AC CP CQ DG EA EU EZ IC TA UN ZZ QO XA XB XK SU YU AN BU CS DD FX NT TP YD ZR'.split(' ')
);

export const isKnownRegion = memo(
	(code) => !NOT_ISO_3166_1.has(code) && countryName(code) !== undefined
);

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A well-formed BCP 47 tag whose language the platform knows ("xx" is well-formed, not known). */
export const isLanguageTag = memo((tag) => {
	try {
		const [canonical] = Intl.getCanonicalLocales(tag);
		const language = canonical!.split('-')[0]!;
		return languageNames.of(language) !== undefined && languageNames.of(language) !== language;
	} catch {
		return false;
	}
});

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * For a string that already matches PARTIAL_DATE_PATTERN. It runs per claim: no allocation, and no
 * inner function (under tsx every closure made is also named with a defineProperty call).
 */
export function isRealDate(value: string): boolean {
	if (value.length === 7) return true;
	const month = (value.charCodeAt(5) - 48) * 10 + value.charCodeAt(6) - 48;
	const day = (value.charCodeAt(8) - 48) * 10 + value.charCodeAt(9) - 48;
	if (day <= 28) return true;
	if (month !== 2) return day <= DAYS_IN_MONTH[month - 1]!;
	const year = Number(value.slice(0, 4));
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return day <= (leap ? 29 : 28);
}
