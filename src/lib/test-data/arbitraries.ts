/**
 * fast-check arbitraries for property tests: valid datasets built so that every check of the
 * validator passes by construction (unique slug ids, coordinates in range, quotes cut from their
 * source's text at word edges, dates not after publication, reasons for every null), with text that
 * breaks naive writers: right-to-left scripts, emoji, quotes, commas, line breaks, and cells that a
 * spreadsheet would run as formulas.
 */
import fc from 'fast-check';
import type { Actor, Claim, Dataset, LocationFeature, Source } from '../domain/schema.ts';
import {
	ACTOR_KINDS,
	CREDIBILITY_GRADES,
	PRECISIONS,
	QUOTE_KINDS,
	RELIABILITY_GRADES,
	STANCES,
	STATUSES
} from '../domain/vocabulary.ts';

/** Words that exercise CSV formula escaping, quoting, folding and bidi handling. */
const SPECIAL_WORDS = [
	'=SUM(A1)',
	'=1+1',
	'+7',
	'-5',
	'--',
	'@home',
	"'=x",
	"''=y",
	"'+z",
	"'plain",
	'"quoted"',
	'""',
	'comma,',
	',',
	';',
	'“curly”',
	'‘single’',
	'—',
	'–dash',
	'…',
	"O'Brien",
	'שלום',
	'مرحبا',
	'\u202Eevil',
	'\u200F',
	'😀',
	'👨‍👩‍👧',
	'🛰️',
	'naïve',
	'nai\u0308ve',
	'Straße',
	'中文',
	'\u0001ctl',
	'DEL\u007f',
	'camelCase',
	'x'
];

/** A run of non-space characters: never whitespace, so that words join at clear edges. */
const WORD_CHARS = [...'abcxyzABCXYZ0189=+-@\'",;:.()“”‘’—–éß😀שل中\u0301\u200f\u202e\u0007'];

// NUL makes a text unusable (text.ts), so it is left out with the spaces.
// eslint-disable-next-line no-control-regex -- the one control character a text may not hold
const stripSpace = (s: string) => s.replace(/[\s\u0000]/gu, '');

export const wordArb: fc.Arbitrary<string> = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_WORDS) },
	{
		weight: 3,
		arbitrary: fc.string({ unit: fc.constantFrom(...WORD_CHARS), minLength: 1, maxLength: 8 })
	},
	{
		weight: 1,
		arbitrary: fc
			.string({ unit: 'grapheme', minLength: 1, maxLength: 4 })
			.map(stripSpace)
			.filter((s) => s.length > 0)
	}
);

/** What joins two words in a text: the quote keeps the same separators. */
const separatorArb = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\r\n', '\n\n', '\t', ' \u00a0');

const SPECIAL_NAMES = [
	'Kyiv, "centre"',
	'שלום עולם',
	'مدينة غزة',
	'\u202Eevil name',
	'Line one\nline two',
	'CR\rinside',
	'CRLF\r\ninside',
	'=cmd|" /C calc"!A0',
	'+7 495',
	'-1',
	'@SUM(1)',
	"'=quoted",
	"''=twice",
	'\tTab first',
	' leading space',
	'trailing space ',
	'😀 emoji',
	'a,b,c',
	'"',
	"'"
];

/** A non-blank text (the schema's `Text`): names, kinds, notes. */
export const nameArb: fc.Arbitrary<string> = fc
	.oneof(
		fc.constantFrom(...SPECIAL_NAMES),
		fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
		fc.array(wordArb, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '))
	)
	// A text file's leading byte-order mark is dropped on read; a name is not a file, but stay clear.
	.filter((s) => /\S/.test(s));

export const slugArb: fc.Arbitrary<string> = fc.stringMatching(
	/^[a-z0-9]{1,5}(?:-[a-z0-9]{1,4}){0,2}$/
);

/** Day or month precision, in a calendar-safe range (day ≤ 28), not in the future. */
export const dateArb: fc.Arbitrary<string> = fc
	.record({
		year: fc.integer({ min: 1990, max: 2024 }),
		month: fc.integer({ min: 1, max: 12 }),
		day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: undefined })
	})
	.map(({ year, month, day }) => {
		const ym = `${year}-${String(month).padStart(2, '0')}`;
		return day === undefined ? ym : `${ym}-${String(day).padStart(2, '0')}`;
	});

/** The validator's rule: the earliest day `said` can mean is after the last `published` can. */
export function saidAfter(said: string, published: string): boolean {
	return (
		(said.length === 7 ? `${said}-01` : said) >
		(published.length === 7 ? `${published}-31` : published)
	);
}

const COUNTRIES = ['DE', 'UA', 'RU', 'KP', 'KR', 'US', 'FR', 'IL', 'PS', 'CN'] as const;
const LANGUAGES = ['en', 'fr', 'ar', 'he', 'uk', 'ru', 'ko', 'zh'] as const;
const URLS = [
	'https://example.org/a',
	'http://example.com/path?q=1&r=%22x%22',
	'https://xn--bcher-kva.example/',
	'https://example.org/a,b;c',
	'https://example.org/=x'
];

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** `{ [key]: value }` when the value is given, `{}` otherwise: optional fields left out, not undefined. */
const field = <K extends string, T>(key: K, value: T | undefined) =>
	(value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;

export interface ValidOptions {
	/** Grading, notes, alt names, altitudes and the like: fields the CSV export does not carry. */
	extras?: boolean;
	maxLocations?: number;
	minClaims?: number;
	maxClaims?: number;
}

const coordinatesArb = (extras: boolean) =>
	fc
		.tuple(
			fc.double({ min: -180, max: 180, noNaN: true }),
			fc.double({ min: -90, max: 90, noNaN: true }),
			extras ? opt(fc.double({ min: -500, max: 9000, noNaN: true })) : fc.constant(undefined)
		)
		.map(([lon, lat, alt]) => (alt === undefined ? [lon, lat] : [lon, lat, alt]));

const locationArb = (extras: boolean): fc.Arbitrary<LocationFeature> =>
	fc
		.record({
			id: slugArb,
			coordinates: coordinatesArb(extras),
			name: nameArb,
			alt_names: extras ? fc.array(nameArb, { maxLength: 3 }) : fc.constant<string[]>([]),
			kind: nameArb,
			admin1: extras ? fc.option(nameArb, { nil: null }) : fc.constant(null),
			country: fc.option(fc.constantFrom(...COUNTRIES), { nil: null }),
			precision: fc.constantFrom(...PRECISIONS),
			coord_source: nameArb,
			note: extras ? opt(nameArb) : fc.constant(undefined)
		})
		.map(({ id, coordinates, note, ...props }) => ({
			type: 'Feature' as const,
			id,
			geometry: { type: 'Point' as const, coordinates: coordinates as [number, number] },
			properties: { ...props, ...field('note', note) }
		}));

const actorArb = (extras: boolean): fc.Arbitrary<Actor> =>
	fc
		.record({
			id: slugArb,
			name: nameArb,
			kind: fc.constantFrom(...ACTOR_KINDS),
			country: extras ? opt(fc.constantFrom(...COUNTRIES)) : fc.constant(undefined),
			affiliation: opt(nameArb),
			note: extras ? opt(nameArb) : fc.constant(undefined)
		})
		.map(({ id, name, kind, country, affiliation, note }) => ({
			id,
			name,
			kind,
			...field('country', country),
			...field('affiliation', affiliation),
			...field('note', note)
		}));

interface GeneratedSource {
	record: Source;
	words: string[];
	separators: string[];
}

const sourceArb = (extras: boolean): fc.Arbitrary<GeneratedSource> =>
	fc
		.record({
			id: slugArb,
			title: fc.option(nameArb, { nil: null }),
			publisher: fc.option(nameArb, { nil: null }),
			url: fc.option(fc.constantFrom(...URLS), { nil: null }),
			published: fc.option(dateArb, { nil: null }),
			language: fc.constantFrom(...LANGUAGES),
			reason: nameArb,
			note: extras ? opt(nameArb) : fc.constant(undefined),
			words: fc.array(wordArb, { minLength: 1, maxLength: 24 }),
			separators: fc.array(separatorArb, { minLength: 24, maxLength: 24 })
		})
		.map(({ reason, note, words, separators, ...given }) => {
			const nulls = (['title', 'publisher', 'url', 'published'] as const).filter(
				(k) => given[k] === null
			);
			const unknown = nulls.length ? Object.fromEntries(nulls.map((k) => [k, reason])) : undefined;
			return {
				record: { ...given, ...field('unknown', unknown), ...field('note', note) } as Source,
				words,
				separators
			};
		});

/** Words `from` to `to` of a source, with the separators between them as in its text. */
const textOf = (words: readonly string[], separators: readonly string[], from = 0, to?: number) => {
	const end = to ?? words.length - 1;
	let out = words[from]!;
	for (let i = from + 1; i <= end; i++) out += separators[i - 1]! + words[i]!;
	return out;
};

const claimSeedArb = (extras: boolean) =>
	fc.record({
		id: slugArb,
		actor: fc.nat(),
		source: fc.nat(),
		start: fc.nat(),
		length: fc.nat({ max: 12 }),
		places: fc.array(fc.nat(), { maxLength: 3 }),
		said: fc.option(dateArb, { nil: null }),
		reason: nameArb,
		quoteKind: fc.constantFrom(...QUOTE_KINDS),
		status: fc.constantFrom(...STATUSES),
		// A second claim answered, sometimes: `responds_to` as a list (format 2).
		respondsTo: opt(fc.tuple(fc.nat(), fc.constantFrom(...STANCES), opt(fc.nat()))),
		grading: extras
			? opt(
					fc.record({
						reliability: fc.constantFrom(...RELIABILITY_GRADES),
						credibility: fc.constantFrom(...CREDIBILITY_GRADES)
					})
				)
			: fc.constant(undefined),
		note: extras ? opt(nameArb) : fc.constant(undefined),
		// A table's other columns, by name (the CSV does not carry them).
		extra: extras
			? opt(fc.dictionary(nameArb, fc.string(), { minKeys: 1, maxKeys: 3 }))
			: fc.constant(undefined)
	});

/** Facets and numeric fields to declare: ids made distinct by their place in the list. */
const declarationsArb = fc.record({
	facets: fc.array(
		fc.record({
			id: slugArb,
			label: nameArb,
			applies_to: fc.constantFrom('claims' as const, 'locations' as const),
			multiple: fc.boolean(),
			values: fc.uniqueArray(fc.record({ id: slugArb, label: nameArb }), {
				selector: (v) => v.id,
				minLength: 1,
				maxLength: 4
			})
		}),
		{ maxLength: 2 }
	),
	numbers: fc.array(
		fc.record({
			id: slugArb,
			label: nameArb,
			applies_to: fc.constantFrom('claims' as const, 'locations' as const)
		}),
		{ maxLength: 2 }
	),
	// Which values each record takes, read in turn.
	picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
	figures: fc.array(
		fc.oneof(
			fc.integer({ min: -1000, max: 100000 }),
			fc.double({ noNaN: true, noDefaultInfinity: true }),
			fc.constant(null)
		),
		{ minLength: 5, maxLength: 5 }
	)
});

type Declarations = typeof declarationsArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * Declares the facets and fields on the meta and gives each record values of them, some none:
 * a record's values come from `picks`, in turn, so that the same seed gives the same dataset.
 */
function applyDeclarations(
	dataset: Omit<Dataset, 'meta'> & { meta: Dataset['meta'] },
	{ facets, numbers, picks, figures }: Declarations
): Dataset {
	if (!facets.length && !numbers.length) return dataset;
	const facetDecls = facets.map((f, k) => ({
		...f,
		id: `f${k}-${f.id}`,
		multiple: f.multiple || undefined
	}));
	const numberDecls = numbers.map((n, k) => ({ ...n, id: `n${k}-${n.id}` }));
	let turn = 0;
	const pick = () => picks[turn++ % picks.length]! + turn;
	const tagged = <T extends object>(record: T, of: 'claims' | 'locations'): T => {
		const tags: Record<string, string | string[]> = {};
		for (const f of facetDecls) {
			if (f.applies_to !== of || pick() % 3 === 0) continue;
			const first = pick() % f.values.length;
			const ids = f.values.map((v) => v.id);
			tags[f.id] = f.multiple
				? [...new Set([ids[first]!, ids[pick() % ids.length]!])]
				: ids[first]!;
		}
		const values: Record<string, number | null> = {};
		for (const n of numberDecls) {
			if (n.applies_to !== of || pick() % 3 === 0) continue;
			values[n.id] = figures[pick() % figures.length]!;
		}
		return {
			...record,
			...(Object.keys(tags).length ? { tags } : {}),
			...(Object.keys(values).length ? { numbers: values } : {})
		};
	};
	return {
		...dataset,
		meta: {
			...dataset.meta,
			...(facetDecls.length
				? {
						facets: facetDecls.map(({ multiple, ...f }) => ({
							...f,
							...(multiple ? { multiple } : {})
						}))
					}
				: {}),
			...(numberDecls.length ? { numbers: numberDecls } : {})
		},
		locations: dataset.locations.map((l) => ({
			...l,
			properties: tagged(l.properties, 'locations')
		})),
		claims: dataset.claims.map((c) => tagged(c, 'claims'))
	};
}

/**
 * An arbitrary valid dataset. Claims answer only earlier claims (no rings), cite places that exist
 * (sometimes twice, which is a warning), and quote their source word for word.
 */
export function validDatasetArb(options: ValidOptions = {}): fc.Arbitrary<Dataset> {
	const extras = options.extras ?? true;
	return fc
		.record({
			meta: fc.record(
				{ name: nameArb, description: nameArb, license: nameArb },
				{ requiredKeys: ['name'] }
			),
			locations: fc.uniqueArray(locationArb(extras), {
				selector: (l) => l.id,
				maxLength: options.maxLocations ?? 4
			}),
			actors: fc.uniqueArray(actorArb(extras), {
				selector: (a) => a.id,
				minLength: 1,
				maxLength: 3
			}),
			sources: fc.uniqueArray(sourceArb(extras), {
				selector: (s) => s.record.id,
				minLength: 1,
				maxLength: 3
			}),
			seeds: fc.array(claimSeedArb(extras), {
				minLength: options.minClaims ?? 0,
				maxLength: options.maxClaims ?? 8
			}),
			declarations: declarationsArb
		})
		.map(({ meta, locations, actors, sources, seeds, declarations }) => {
			const claims: Claim[] = [];
			seeds.forEach((seed, i) => {
				const { record: source, words, separators } = sources[seed.source % sources.length]!;
				const start = seed.start % words.length;
				const end = Math.min(words.length - 1, start + seed.length);
				let said = seed.said;
				if (said !== null && source.published !== null && saidAfter(said, source.published))
					said = source.published;
				const first = seed.respondsTo === undefined ? 0 : seed.respondsTo[0] % Math.max(i, 1);
				const second = seed.respondsTo?.[2] === undefined ? first : seed.respondsTo[2] % i;
				const response =
					seed.respondsTo !== undefined && i > 0
						? {
								responds_to:
									second === first ? claims[first]!.id : [claims[first]!.id, claims[second]!.id],
								stance: seed.respondsTo[1]
							}
						: {};
				claims.push({
					// The index keeps ids unique; a slug with `-<i>` added is still a slug.
					id: `${seed.id}-${i}`,
					claimant: actors[seed.actor % actors.length]!.id,
					said_on: said,
					quote: textOf(words, separators, start, end),
					quote_kind: seed.quoteKind,
					source: source.id,
					locations: locations.length
						? seed.places.map((p) => locations[p % locations.length]!.id)
						: [],
					status: seed.status,
					...response,
					...field('grading', seed.grading),
					...(said === null ? { unknown: { said_on: seed.reason } } : {}),
					...field('note', seed.note),
					...field('extra', seed.extra)
				});
			});
			return applyDeclarations(
				{
					meta,
					locations,
					actors,
					sources: sources.map((s) => s.record),
					claims,
					texts: Object.fromEntries(
						sources.map((s) => [s.record.id, textOf(s.words, s.separators)])
					)
				},
				declarations
			);
		});
}
