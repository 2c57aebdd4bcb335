/**
 * Which column of a table is what: a `TableMapping` (plain JSON, saved and reused with
 * `npm run import-table -- --mapping`), and `guessMapping`, which proposes one from the header
 * names and the values. The guess never decides what it cannot know: a date column whose days
 * and months are all 12 or under is reported as ambiguous and left without a format, so that the
 * import refuses it until the mapping says which; a text column is a description (the dataset
 * author's words), never a verbatim quote, unless the mapping says `quote`.
 */
import { PRECISIONS, QUOTE_KINDS, STATUSES, EVIDENCE_KINDS } from './vocabulary.ts';
import type { EvidenceKind, Precision, QuoteKind } from './vocabulary.ts';

/** The fields a column can map to (`--map field=Column`). */
export const TABLE_FIELDS = {
	latitude: 'the latitude, in decimal degrees (WGS 84)',
	longitude: 'the longitude, in decimal degrees (WGS 84)',
	coordinates: 'one column holding "latitude, longitude"',
	place: 'the place name',
	occurred: 'when the claimed thing happened (the claim’s `occurred`)',
	said_on: 'when the claim was made (the claim’s `said_on`)',
	description: 'what the row says, in the table author’s words (the claim’s `description`)',
	quote: 'verbatim quotes of a stored source text (the claim’s `quote`), only when said so',
	claimant: 'who makes the claim: a name, one actor per distinct name',
	geolocated_by: 'who geolocated the point: names separated by , ; | or "and", one actor each',
	source_url: 'the URL of the document the row comes from',
	source_title: 'the title of the document the row comes from',
	source_publisher: 'the publisher of the document the row comes from',
	evidence: 'links: URLs separated by a character, or a JSON list of objects',
	status: 'the claim’s status (verified, corroborated, unverified, disputed, false)',
	note: 'a note for readers, kept in the claim’s `note`'
} as const;
export type TableField = keyof typeof TABLE_FIELDS;
export const TABLE_FIELD_NAMES = Object.keys(TABLE_FIELDS) as TableField[];

/**
 * How a date column is written. `iso`: `2024-10-18`, `2024-10`, or any EDTF for `occurred`;
 * `mdy`: `02/24/2022` (US); `dmy`: `24.02.2022`, `24/02/2022` (European); `text`: a month by its
 * English name, `October 8 2023`, `8 Oct 2023`, `Oct 8, 2023`; `excel`: the day number Excel
 * stores (`44616` is 24 February 2022), as a CSV saved from a sheet without date formats has it.
 */
export const DATE_FORMATS = ['iso', 'mdy', 'dmy', 'text', 'excel'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
/** Other spellings of the formats that `--date-format` takes. */
export const DATE_FORMAT_ALIASES: Record<string, DateFormat> = {
	'yyyy-mm-dd': 'iso',
	'mm/dd/yyyy': 'mdy',
	us: 'mdy',
	'dd/mm/yyyy': 'dmy',
	'dd.mm.yyyy': 'dmy',
	'dd-mm-yyyy': 'dmy',
	'mm-dd-yyyy': 'mdy',
	'mm.dd.yyyy': 'mdy',
	european: 'dmy'
};

export function dateFormatNamed(name: string): DateFormat | null {
	const lower = name.trim().toLowerCase();
	if ((DATE_FORMATS as readonly string[]).includes(lower)) return lower as DateFormat;
	return DATE_FORMAT_ALIASES[lower] ?? null;
}

export interface TableMapping {
	/** Field → the column's name as in the header. */
	columns: Partial<Record<TableField, string>>;
	/** How each date column is written; a date column without one is read only when its values
	 * leave no doubt (ISO, month names, or a day over 12 somewhere). */
	dateFormats?: Partial<Record<'occurred' | 'said_on', DateFormat>>;
	/** The character between the links of the evidence column (`|`, `;`, `,`, `\n`, ` `). */
	evidenceSeparator?: string;
	/** For an evidence column of JSON objects: the key of the URL and of the caption. */
	evidenceKeys?: { url: string; caption?: string };
	/** The kind of every evidence item (`other` unless said). */
	evidenceKind?: EvidenceKind;
	/** With `quote` mapped: the kind of the quotes (`reported` unless said). */
	quoteKind?: QuoteKind;
	/** How exact the coordinates are (`unstated` unless said). */
	precision?: Precision;
	/** The BCP 47 language of the table's text (`en` unless said). */
	language?: string;
	/** The claimant of every claim when no column maps to `claimant` (`The author of FILE`). */
	author?: string;
	/** Columns read as facets of the claims (weapon system, type of area, tags): each distinct
	 * value becomes one of the facet's values; with a `separator`, a cell holds a list of them. */
	facets?: FacetColumn[];
	/** Columns read as figures (civilians reported killed): a number per cell, or one of the
	 * `unknown` words (`unknown`, `n/a`, `?`… unless said) for a figure recorded as unknown. */
	numbers?: NumberColumn[];
	/** Columns kept, per claim, in its `extra` by column name. Any column neither mapped nor
	 * ignored is kept so too: this list says which, where the mapping was written by the guess. */
	extra?: string[];
	/** Columns deliberately left out: listed in a warning, never kept. */
	ignore?: string[];
}

export interface FacetColumn {
	column: string;
	/** The character between the values of a cell that holds several (`;`, `|`, `,`). */
	separator?: string;
}

export interface NumberColumn {
	column: string;
	/** The words (any case) that mean the figure is not known; `unknown`, `n/a`, `na`, `?`,
	 * `unclear`, `not known` unless said. An empty cell is a figure not recorded at all. */
	unknown?: string[];
}

export const UNKNOWN_WORDS = ['unknown', 'n/a', 'na', '?', 'unclear', 'not known'];

/**
 * A figure as a table writes it: `12`, `-3`, `2.5`, `1,234` (a comma between groups of three
 * digits is a thousands separator: tables here are read as English), or one of the unknown words.
 */
export function readFigure(
	text: string,
	unknown: readonly string[] = UNKNOWN_WORDS
): { ok: true; value: number | null } | { ok: false } {
	const t = text.trim();
	if (unknown.some((w) => w.toLowerCase() === t.toLowerCase())) return { ok: true, value: null };
	if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t))
		return { ok: true, value: Number(t.replaceAll(',', '')) };
	if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false };
	return { ok: true, value: Number(t) };
}

const TAG_SEPARATORS = [';', '|', ','];

/** The character between the values of a tags column, or null when no cell holds several. */
export function detectTagSeparator(values: readonly string[]): string | null {
	return separatorOf(
		values,
		TAG_SEPARATORS,
		(p) => p.length > 0 && p.length <= 40 && !URL_PATTERN.test(p)
	);
}

/** Headers that name a facet whatever their values: a monitor's categories and tags. */
const FACET_NAMES =
	/^(tags?|keywords?|categor(y|ies)|types?|kinds?|weapons?( system| type| used)?|weapon systems?|munitions?|area( type)?|type of (area|event|incident|attack|weapon)|(event|incident|attack|strike) type|labels?|topics?|themes?|actor type|perpetrator|targets?( type)?)$/;
/** Headers of row numbers and ids: numbers, but not figures anyone filters by. */
const ID_NAMES = /^(id|no|nr|n|number|row|index|key|uid|fid|objectid|event id|incident id|.* id)$/;

export interface MappingNote {
	column: string;
	/** `ambiguous`: the import refuses the column until the mapping gives its format. */
	kind: 'ambiguous' | 'info';
	message: string;
}

export interface GuessedMapping {
	mapping: TableMapping;
	notes: MappingNote[];
}

/** Lowercase letters and digits, single spaces: `"Source URL(s) "` → `source url s`. */
function norm(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Header patterns, tried in order, on the normalised name. */
const NAME_PATTERNS: [TableField, RegExp][] = [
	[
		'coordinates',
		/^(lat ?lon|lat ?lng|lat ?long|latitude ?longitude|coordinates?|coords?|location coordinates|geo ?location|lat long)$/
	],
	['latitude', /^(lat|latitude|y|lat ?dd|latitude dd|decimal latitude|gps lat(itude)?)$/],
	[
		'longitude',
		/^(lon|lng|long|longitude|x|lon ?dd|longitude dd|decimal longitude|gps lon(gitude)?|gps lng)$/
	],
	[
		'said_on',
		/\b(statement|said|stated|claim(ed)?|published|publication|report(ed)?|posted|announced)( on)? (date|on|day)\b|^(date (of )?(statement|claim|publication|report|post))$/
	],
	[
		'occurred',
		/^(date|event date|incident date|date of (the )?(incident|event|attack|strike)|when|day|occurred( on)?|happened( on)?|date occurred|event|date time|datetime)$|\b(incident|event|attack|strike) date\b/
	],
	[
		'source_url',
		/^(source|sources)( url s?| urls?| link s?| links?)$|^(url|link|source)$|^source url s$/
	],
	['source_title', /^(source title|title of source|article title|title|headline)$/],
	[
		'source_publisher',
		/^(publisher|outlet|source publisher|publication|media outlet|source name)$/
	],
	// A source column with several links in a cell fails source_url's check and lands here.
	[
		'evidence',
		/^sources? (url s?|urls?|link s?|links?)$|^(evidence|links?|urls?|media|media links?|videos?|photos?|images?|attachments?|evidence links?|evidence urls?)$/
	],
	[
		'geolocated_by',
		/^(geolocated by|geolocation( by| credits?)?|geolocators?|located by|geolocated)$/
	],
	['claimant', /^(claimant|claimed by|author|actor|said by|speaker|reported by|who)$/],
	['status', /^(status|verification|verification status|verified)$/],
	[
		'place',
		/^(place|place name|location|location name|name|site|town|city|village|locality|settlement|address)$/
	],
	[
		'description',
		/^(description|text|summary|details?|notes? on (the )?(event|incident)|what happened|incident description|event description|narrative|content|claim)$/
	],
	['note', /^(notes?|comments?|remarks?)$/]
];

const MONTHS: Record<string, number> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	may: 5,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	sept: 9,
	oct: 10,
	nov: 11,
	dec: 12
};
const monthNumber = (word: string) => MONTHS[word.toLowerCase().slice(0, 3)] ?? null;
const MONTH_WORDS =
	/^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;

const pad = (n: number) => String(n).padStart(2, '0');
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO_LIKE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * A date cell in this format as ISO (`2022-02-24`), or why it is not one. `iso` passes the text
 * through as written (trimmed): the validator checks it (as EDTF for `occurred`).
 */
export function readDate(
	text: string,
	format: DateFormat
): { ok: true; iso: string } | { ok: false; message: string } {
	const value = text.trim();
	if (format === 'iso') return { ok: true, iso: value };
	if (format === 'excel') {
		// Days since 1899-12-30 (Excel's day 1 is 1900-01-01, counting a 29 February 1900 that
		// never was: from day 61 on, as all modern dates are, this epoch is right).
		if (!/^\d{1,7}$/.test(value) || Number(value) < 61)
			return { ok: false, message: `${JSON.stringify(value)} is not an Excel day number` };
		const day = new Date(Date.UTC(1899, 11, 30) + Number(value) * 86_400_000);
		return { ok: true, iso: day.toISOString().slice(0, 10) };
	}
	if (format === 'text') {
		const words = value.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
		if (words.length === 3) {
			let day: string | undefined,
				month: number | null = null,
				year: string | undefined;
			if (MONTH_WORDS.test(words[0]!))
				[month, day, year] = [monthNumber(words[0]!), words[1], words[2]];
			else if (MONTH_WORDS.test(words[1]!))
				[day, month, year] = [words[0], monthNumber(words[1]!), words[2]];
			day = day?.replace(/(st|nd|rd|th)$/i, '');
			if (month && day && /^\d{1,2}$/.test(day) && year && /^\d{4}$/.test(year))
				return checked(Number(year), month, Number(day), value);
		}
		if (words.length === 2 && MONTH_WORDS.test(words[0]!) && /^\d{4}$/.test(words[1]!))
			return { ok: true, iso: `${words[1]}-${pad(monthNumber(words[0]!)!)}` };
		return { ok: false, message: `${JSON.stringify(value)} is not a date like "October 8 2023"` };
	}
	const m = NUMERIC.exec(value);
	if (!m)
		return {
			ok: false,
			message: `${JSON.stringify(value)} is not a date like ${format === 'mdy' ? '"02/24/2022" (month/day/year)' : '"24.02.2022" (day.month.year)'}`
		};
	const [a, b] = [Number(m[1]), Number(m[3])];
	const [month, day] = format === 'mdy' ? [a, b] : [b, a];
	return checked(Number(m[4]), month, day, value);
}

function checked(year: number, month: number, day: number, value: string) {
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (month < 1 || month > 12 || day < 1 || day > days)
		return { ok: false as const, message: `${JSON.stringify(value)} is not a day in the calendar` };
	return { ok: true as const, iso: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * The format a date column is written in, from its values: `ambiguous` when they are day/month
 * numbers none of which is over 12 (it could be either), null when they are not dates at all.
 */
export function detectDateFormat(values: string[]): DateFormat | 'ambiguous' | null {
	const present = values.map((v) => v.trim()).filter((v) => v !== '');
	if (present.length === 0) return null;
	if (present.every((v) => ISO_LIKE.test(v) || /^\d{4}-\d{2}-\d{2}[T ]/.test(v))) return 'iso';
	if (present.every((v) => readDate(v, 'text').ok)) return 'text';
	// Whole numbers from 1927 to 2119 in a column named as a date: Excel's day numbers.
	if (present.every((v) => /^\d{5}$/.test(v) && Number(v) >= 10_000 && Number(v) < 80_000))
		return 'excel';
	if (!present.every((v) => NUMERIC.test(v))) return null;
	let firstOver12 = false;
	let secondOver12 = false;
	for (const v of present) {
		const m = NUMERIC.exec(v)!;
		if (Number(m[1]) > 12) firstOver12 = true;
		if (Number(m[3]) > 12) secondOver12 = true;
	}
	if (firstOver12 && secondOver12) return null;
	if (firstOver12) return 'dmy';
	if (secondOver12) return 'mdy';
	return 'ambiguous';
}

const URL_PATTERN = /^https?:\/\/\S+$/i;
const SEPARATORS = ['|', ';', '\n', ',', ' '];

/** The character between several links in one cell, or null when no cell holds more than one. */
export function detectSeparator(values: string[]): string | null {
	return separatorOf(values, SEPARATORS, (p) => p === '' || URL_PATTERN.test(p));
}

/**
 * The first candidate that some cell holds and that splits every cell holding it into parts
 * (trimmed) that `fits` accepts; null when none does.
 */
function separatorOf(
	values: readonly string[],
	candidates: readonly string[],
	fits: (part: string) => boolean
): string | null {
	for (const sep of candidates) {
		const split = values.filter((v) => v.includes(sep));
		if (split.length > 0 && split.every((v) => v.split(sep).every((p) => fits(p.trim()))))
			return sep;
	}
	return null;
}

const URL_KEYS = ['url', 'href', 'link', 'uri', 'src', 'path', 'source'];
const CAPTION_KEYS = ['caption', 'text', 'description', 'title', 'label', 'name', 'alt'];

/** For a column of JSON lists of objects: which key holds the URL, and which the caption. */
export function detectEvidenceKeys(values: string[]): { url: string; caption?: string } | null {
	const keys = new Set<string>();
	let lists = 0;
	for (const v of values) {
		const t = v.trim();
		if (t === '') continue;
		if (!t.startsWith('[')) return null;
		let parsed: unknown;
		try {
			parsed = JSON.parse(t);
		} catch {
			return null;
		}
		if (!Array.isArray(parsed)) return null;
		for (const item of parsed) {
			if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
			for (const k of Object.keys(item)) keys.add(k);
		}
		lists++;
	}
	if (lists === 0) return null;
	const find = (names: string[]) =>
		[...keys].find((k) => names.includes(k.toLowerCase())) ??
		[...keys].find((k) => names.some((n) => k.toLowerCase().includes(n)));
	const url = find(URL_KEYS);
	if (!url) return null;
	const caption = find(CAPTION_KEYS.filter((k) => k !== url.toLowerCase()));
	return caption && caption !== url ? { url, caption } : { url };
}

/** How many http(s) links a cell holds. */
export const linkCount = (text: string) => (text.match(/https?:\/\//gi) ?? []).length;

const LAT_LON = /^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$/;

/** `"48.5, 35.1"` → [latitude, longitude] as written, or null. */
export function splitLatLon(text: string): [number, number] | null {
	const m = LAT_LON.exec(text);
	return m ? [Number(m[1]), Number(m[2])] : null;
}

/** A number written with a point or a decimal comma (`50,45`), or null. */
export function readNumber(text: string): number | null {
	const t = text.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
	if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
	return Number(t);
}

/**
 * A mapping guessed from the header names, checked against the values of `sampleRows` (cells in
 * header order): a column named `x` that holds no numbers is not a longitude. Every column left
 * unmapped is listed in `extra`.
 */
export function guessMapping(header: string[], sampleRows: string[][]): GuessedMapping {
	const notes: MappingNote[] = [];
	const columns: Partial<Record<TableField, string>> = {};
	const taken = new Set<string>();
	const valueCache = new Map<number, string[]>();
	const presentCache = new Map<number, string[]>();
	const values = (i: number) => {
		let v = valueCache.get(i);
		if (!v) valueCache.set(i, (v = sampleRows.map((r) => r[i] ?? '')));
		return v;
	};
	const present = (i: number) => {
		let v = presentCache.get(i);
		if (!v) presentCache.set(i, (v = values(i).filter((x) => x.trim() !== '')));
		return v;
	};
	const fits: Record<TableField, (i: number) => boolean> = {
		latitude: (i) => present(i).every((v) => inRange(readNumber(v), 90)),
		longitude: (i) => present(i).every((v) => inRange(readNumber(v), 180)),
		coordinates: (i) => present(i).length > 0 && present(i).every((v) => splitLatLon(v) !== null),
		occurred: (i) => detectDateFormat(values(i)) !== null,
		said_on: (i) => detectDateFormat(values(i)) !== null,
		source_url: (i) => present(i).every((v) => URL_PATTERN.test(v.trim()) && linkCount(v) === 1),
		evidence: (i) => {
			const cells = present(i);
			if (detectEvidenceKeys(cells) !== null) return true;
			const sep = detectSeparator(cells) ?? '\u0000';
			return cells.every((v) =>
				v
					.split(sep)
					.map((p) => p.trim())
					.filter(Boolean)
					.every((p) => URL_PATTERN.test(p))
			);
		},
		place: () => true,
		description: () => true,
		quote: () => false,
		claimant: () => true,
		geolocated_by: () => true,
		source_title: () => true,
		source_publisher: () => true,
		status: (i) =>
			present(i).every((v) => (STATUSES as readonly string[]).includes(v.trim().toLowerCase())),
		note: () => true
	};
	header.forEach((name, i) => {
		const n = norm(name);
		for (const [field, pattern] of NAME_PATTERNS) {
			if (columns[field] !== undefined || !pattern.test(n)) continue;
			if (!fits[field](i)) continue;
			columns[field] = name;
			taken.add(name);
			break;
		}
	});
	// Separate latitude and longitude columns win over a column merely named "coordinates".
	if (columns.coordinates && (columns.latitude || columns.longitude)) {
		taken.delete(columns.coordinates);
		delete columns.coordinates;
	}
	const dateFormats: Partial<Record<'occurred' | 'said_on', DateFormat>> = {};
	for (const field of ['occurred', 'said_on'] as const) {
		const name = columns[field];
		if (name === undefined) continue;
		const found = detectDateFormat(values(header.indexOf(name)));
		if (found === 'ambiguous')
			notes.push({
				column: name,
				kind: 'ambiguous',
				message: `every day and month in ${JSON.stringify(name)} is 12 or under, so 03/04 could be 3 April or 4 March: say which, with --date-format dmy or mdy (or "dateFormats" in the mapping)`
			});
		else if (found) dateFormats[field] = found;
	}
	const mapping: TableMapping = { columns };
	if (Object.keys(dateFormats).length) mapping.dateFormats = dateFormats;
	if (columns.evidence) {
		const ev = values(header.indexOf(columns.evidence));
		const keys = detectEvidenceKeys(ev);
		if (keys) mapping.evidenceKeys = keys;
		else {
			const sep = detectSeparator(ev.filter((v) => v.trim() !== ''));
			if (sep) mapping.evidenceSeparator = sep;
		}
	}
	// The columns left: a figure if every value is a number (or says unknown), a facet if its
	// header names one or its values repeat (categories, not free text), else kept in the note.
	const facets: FacetColumn[] = [];
	const numbers: NumberColumn[] = [];
	header.forEach((name, i) => {
		if (taken.has(name)) return;
		const cells = present(i);
		if (cells.length === 0) return;
		const n = norm(name);
		// Stops at the first cell that is not a figure: a text column costs one look, not 100k.
		let someNumber = false;
		const allFigures = cells.every((v) => {
			const f = readFigure(v);
			if (f.ok && f.value !== null) someNumber = true;
			return f.ok;
		});
		if (!ID_NAMES.test(n) && allFigures && someNumber) {
			numbers.push({ column: name });
			taken.add(name);
			return;
		}
		const separator = detectTagSeparator(cells);
		const distinct = new Set<string>();
		let short = true;
		for (const v of cells) {
			for (const t of separator === null ? [v] : v.split(separator)) {
				const token = t.trim();
				if (token.length > 40 || URL_PATTERN.test(token)) short = false;
				distinct.add(token.toLowerCase());
			}
			if (!short) break;
		}
		const repeats = cells.length >= 4 && distinct.size <= Math.max(1, cells.length / 2);
		if (short && (FACET_NAMES.test(n) || repeats)) {
			facets.push(separator === null ? { column: name } : { column: name, separator });
			taken.add(name);
		}
	});
	if (facets.length) mapping.facets = facets;
	if (numbers.length) mapping.numbers = numbers;
	mapping.precision = 'unstated';
	mapping.language = 'en';
	mapping.extra = header.filter((h) => !taken.has(h));
	if (!columns.description && !columns.quote)
		notes.push({
			column: '',
			kind: 'info',
			message:
				'no column reads as the text of each row (description, text, summary): each claim says which row it is'
		});
	if (!columns.latitude && !columns.coordinates)
		notes.push({
			column: '',
			kind: 'info',
			message: 'no column reads as coordinates: the claims are tied to no place'
		});
	return { mapping, notes };
}

function inRange(n: number | null, limit: number): boolean {
	return n !== null && Math.abs(n) <= limit;
}

/** What is wrong with a mapping against this header (a column it names that is not there…). */
export function checkMapping(mapping: TableMapping, header: string[]): string[] {
	const problems: string[] = [];
	const known = new Set(header);
	for (const [field, column] of Object.entries(mapping.columns)) {
		if (!(TABLE_FIELD_NAMES as string[]).includes(field))
			problems.push(`"${field}" is not a field a column maps to (${TABLE_FIELD_NAMES.join(', ')})`);
		else if (typeof column !== 'string' || !known.has(column))
			problems.push(
				`${field}: no column ${JSON.stringify(column)} in the header (${header.map((h) => JSON.stringify(h)).join(', ')})`
			);
	}
	const c = mapping.columns;
	if ((c.latitude === undefined) !== (c.longitude === undefined))
		problems.push(
			'latitude and longitude: map both, or neither (or one "lat, lon" column to coordinates)'
		);
	if (c.coordinates !== undefined && c.latitude !== undefined)
		problems.push('coordinates and latitude/longitude: map one or the other');
	if (c.quote !== undefined && c.description !== undefined)
		problems.push('quote and description: a claim has one or the other, so map one column');
	for (const [field, format] of Object.entries(mapping.dateFormats ?? {}))
		if (!(DATE_FORMATS as readonly string[]).includes(format as string))
			problems.push(
				`dateFormats.${field}: ${JSON.stringify(format)} is not one of ${DATE_FORMATS.join(', ')}`
			);
	if (
		mapping.precision !== undefined &&
		!(PRECISIONS as readonly string[]).includes(mapping.precision)
	)
		problems.push(`precision: one of ${PRECISIONS.join(', ')}`);
	if (
		mapping.quoteKind !== undefined &&
		!(QUOTE_KINDS as readonly string[]).includes(mapping.quoteKind)
	)
		problems.push(`quoteKind: one of ${QUOTE_KINDS.join(', ')}`);
	if (
		mapping.evidenceKind !== undefined &&
		!(EVIDENCE_KINDS as readonly string[]).includes(mapping.evidenceKind)
	)
		problems.push(`evidenceKind: one of ${EVIDENCE_KINDS.join(', ')}`);
	for (const list of ['extra', 'ignore'] as const)
		for (const column of mapping[list] ?? [])
			if (!known.has(column))
				problems.push(`${list}: no column ${JSON.stringify(column)} in the header`);
	// A column is read one way: as a field, a facet or a figure.
	const uses = new Map<string, string>();
	for (const [field, column] of Object.entries(mapping.columns))
		if (typeof column === 'string') uses.set(column, field);
	for (const list of ['facets', 'numbers'] as const)
		(mapping[list] ?? []).forEach((entry, i) => {
			const column = (entry as { column?: unknown })?.column;
			if (typeof column !== 'string' || !known.has(column)) {
				problems.push(`${list}[${i}]: no column ${JSON.stringify(column)} in the header`);
				return;
			}
			const before = uses.get(column);
			if (before !== undefined)
				problems.push(
					`${list}[${i}]: column ${JSON.stringify(column)} is already read as ${before}`
				);
			uses.set(column, list === 'facets' ? 'a facet' : 'a figure');
		});
	return problems;
}

/** What one column of a table is read as: a field, a facet, a figure, kept in the note, or left out. */
export type ColumnUse = TableField | 'facet' | 'number' | 'extra' | 'ignore';

/** The use of each column under a mapping, in header order. */
export function columnUses(mapping: TableMapping, header: readonly string[]): ColumnUse[] {
	return header.map((name) => {
		for (const [field, column] of Object.entries(mapping.columns))
			if (column === name) return field as TableField;
		if (mapping.facets?.some((f) => f.column === name)) return 'facet';
		if (mapping.numbers?.some((n) => n.column === name)) return 'number';
		if (mapping.ignore?.includes(name)) return 'ignore';
		return 'extra';
	});
}

/**
 * The mapping with `column` read as `use`, and nothing else: a field another column had is that
 * column's no longer (it is kept in the note instead), and the column's former use gives way. A
 * facet's separator is read off the column's `values`. Returns a new mapping; the old is unchanged.
 */
export function assignColumn(
	mapping: TableMapping,
	column: string,
	use: ColumnUse,
	values: readonly string[] = []
): TableMapping {
	const next: TableMapping = {
		...mapping,
		columns: { ...mapping.columns },
		facets: (mapping.facets ?? []).filter((f) => f.column !== column),
		numbers: (mapping.numbers ?? []).filter((n) => n.column !== column),
		extra: (mapping.extra ?? []).filter((c) => c !== column),
		ignore: (mapping.ignore ?? []).filter((c) => c !== column)
	};
	for (const [field, c] of Object.entries(next.columns))
		if (c === column) delete next.columns[field as TableField];
	if (use === 'facet') {
		const separator = detectTagSeparator(values.filter((v) => v.trim() !== ''));
		next.facets!.push(separator === null ? { column } : { column, separator });
	} else if (use === 'number') next.numbers!.push({ column });
	else if (use === 'extra') next.extra!.push(column);
	else if (use === 'ignore') next.ignore!.push(column);
	else {
		const displaced = next.columns[use];
		if (displaced !== undefined) next.extra!.push(displaced);
		next.columns[use] = column;
		// A field read two ways is one too many: one "lat, lon" column, or two.
		if (use === 'coordinates') {
			for (const f of ['latitude', 'longitude'] as const) {
				const c = next.columns[f];
				if (c !== undefined) next.extra!.push(c);
				delete next.columns[f];
			}
		} else if (use === 'latitude' || use === 'longitude') {
			const c = next.columns.coordinates;
			if (c !== undefined) next.extra!.push(c);
			delete next.columns.coordinates;
		}
		if (use === 'quote' || use === 'description') {
			const other = use === 'quote' ? 'description' : 'quote';
			const c = next.columns[other];
			if (c !== undefined) next.extra!.push(c);
			delete next.columns[other];
		}
	}
	for (const list of ['facets', 'numbers', 'extra', 'ignore'] as const)
		if (next[list]!.length === 0) delete next[list];
	return next;
}
