/**
 * The dataset schema, written once. TypeScript types are inferred from it and the published JSON
 * Schema files (`static/schema/*.schema.json`, `npm run schema`) are generated from it.
 *
 * The schema checks the shape of each record. What needs the whole dataset (unique ids, references,
 * quotes found in their source text, dates against publication) is in `validate.ts`.
 */
import { z } from 'zod';
import {
	ACTOR_KINDS,
	CREDIBILITY_GRADES,
	EVIDENCE_KINDS,
	PRECISIONS,
	QUOTE_KINDS,
	RELIABILITY_GRADES,
	STANCES,
	STATUSES
} from './vocabulary.ts';
import { isKnownRegion, isLanguageTag, isRealDate } from './value-checks.ts';

export { countryName } from './value-checks.ts';

/** A URL-safe slug: lowercase letters and digits in groups joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** ISO 8601 calendar date at day (`2024-10-18`) or month (`2024-10`) precision. */
export const PARTIAL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
/** A full ISO 8601 calendar date, `2024-10-18`. */
export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** The format this schema writes. Version 1 (no `format` in dataset.json) is a subset of it. */
export const FORMAT_VERSION = 2;

export const Id = z
	.string()
	.regex(SLUG_PATTERN, 'a slug: lowercase letters, digits and single hyphens');
// Not `.trim()`: a transform would change the stored text, and quotes must round-trip byte for byte.
const Text = z.string().regex(/\S/, 'a non-empty string');
const PartialDate = z
	.string()
	.regex(PARTIAL_DATE_PATTERN, { error: 'an ISO date, YYYY-MM-DD or YYYY-MM', abort: true })
	.refine(isRealDate, 'a date that exists in the calendar');
const Day = z
	.string()
	.regex(DAY_PATTERN, { error: 'an ISO date, YYYY-MM-DD', abort: true })
	.refine(isRealDate, 'a date that exists in the calendar');
const Country = z
	.string()
	.regex(COUNTRY_PATTERN, { error: 'an ISO 3166-1 alpha-2 code such as "RU"', abort: true })
	.refine(isKnownRegion, 'a known ISO 3166-1 alpha-2 code');
const Language = z
	.string()
	.refine(isLanguageTag, 'a BCP 47 language tag such as "en"')
	.describe('BCP 47 language tag of the text, e.g. "en".');
const Note = Text.optional().describe('Free text for readers: why a value is what it is.');

/** Why a field the document does not give is null, keyed by field name. */
const unknownReasons = <const F extends readonly [string, ...string[]]>(fields: F) =>
	z
		.partialRecord(z.enum(fields), Text)
		.optional()
		.describe('For each field recorded as null (not known), a short note saying why.');

export const Position = z
	.tuple(
		[
			z.number().min(-180, 'a longitude in [-180, 180]').max(180, 'a longitude in [-180, 180]'),
			z.number().min(-90, 'a latitude in [-90, 90]').max(90, 'a latitude in [-90, 90]')
		],
		z.number()
	)
	.describe('[longitude, latitude] in WGS 84 (RFC 7946); an altitude may follow.');

/** RFC 7946 §5: [west, south, east, north], or with the lowest and highest altitude too. */
const n = z.number();
export const BBox = z
	.union([z.tuple([n, n, n, n]), z.tuple([n, n, n, n, n, n])], {
		error: 'a bbox of 4 numbers (or 6, with altitudes)'
	})
	.describe('RFC 7946 bounding box: [west, south, east, north], or 6 numbers with altitudes.');

/** A change to a location's coordinates: where the point was before, when and why it moved. */
export const Correction = z
	.object({
		previous: Position.describe('The coordinates before this correction.'),
		on: PartialDate.nullable().describe('When the point was corrected; null when not known.'),
		reason: Text.describe('Why the point moved.'),
		by: z.array(Id).min(1).optional().describe('Actor ids of who corrected it.')
	})
	.strict();

/**
 * A record's values of the dataset's declared facets (`dataset.json` `facets`), by facet id: a
 * value id for a single-valued facet, a list of distinct value ids for one that takes several.
 * Which are declared, and that each value is one of the facet's, is the validator's to check.
 */
export const Tags = z
	.record(Id, z.union([Id, z.array(Id).min(1, 'at least one value id, or leave the facet out')]))
	.optional()
	.describe(
		'Values of the facets dataset.json declares, by facet id: a value id, or a list of them for a facet that takes several.'
	);

/**
 * A record's declared numeric fields (`dataset.json` `numbers`), by field id: a number, or null
 * when the figure is recorded as unknown ("Unknown" in a monitor's table). A field left out was
 * not recorded at all.
 */
export const Numbers = z
	.record(Id, z.number().nullable())
	.optional()
	.describe(
		'Values of the numeric fields dataset.json declares, by field id: a number, or null for a figure recorded as unknown.'
	);

export const LocationProperties = z
	.object({
		name: Text,
		alt_names: z.array(Text).describe('Other spellings a reader may meet.'),
		kind: Text.describe('city, military base, training ground, region, …'),
		admin1: Text.nullable().describe('First-level administrative division, or null.'),
		country: Country.nullable().describe('ISO 3166-1 alpha-2, or null when not known.'),
		precision: z.enum(PRECISIONS),
		uncertainty_m: z
			.number()
			.positive('a radius in metres, above 0')
			.optional()
			.describe('How far from the point the place may be, in metres, where that is known.'),
		coord_source: Text.describe('Where the coordinates come from: a GeoNames id, a geolocation.'),
		geolocated_by: z
			.array(Id)
			.min(1, 'at least one actor id, or leave the field out')
			.optional()
			.describe('Actor ids of whoever geolocated the point.'),
		corrections: z
			.array(Correction)
			.min(1, 'at least one correction, or leave the field out')
			.optional()
			.describe('Earlier coordinates of the point and why they changed, oldest first.'),
		tags: Tags,
		numbers: Numbers,
		note: Note
	})
	.strict();

export const LocationFeature = z
	.object({
		type: z.literal('Feature'),
		id: Id,
		bbox: BBox.optional(),
		geometry: z
			.object({ type: z.literal('Point'), coordinates: Position, bbox: BBox.optional() })
			.strict(),
		properties: LocationProperties
	})
	.strict();

export const LocationsFile = z
	.object({
		type: z.literal('FeatureCollection'),
		features: z.array(z.unknown()),
		bbox: BBox.optional()
	})
	// A crs (which RFC 7946 removed: coordinates are WGS 84) or any other member would be dropped.
	.strict()
	.describe('locations.geojson: an RFC 7946 FeatureCollection of Point features.');

export const Actor = z
	.object({
		id: Id,
		name: Text,
		kind: z.enum(ACTOR_KINDS),
		country: Country.optional(),
		affiliation: Text.optional(),
		note: Note
	})
	.strict();

/**
 * Not `z.url()`: it trims the value and strips tabs and newlines from it before it checks, so a
 * URL with stray spaces would be stored altered without a word. Here the URL is checked as given.
 */
export const HttpUrl = z
	.string()
	.regex(/^\S+$/, { error: 'a URL with no spaces (before, after or inside it)', abort: true })
	.regex(/^https?:\/\//i, { error: 'an http(s) URL', abort: true })
	.refine(parsesAsUrl, { error: 'an http(s) URL that can be parsed', abort: true })
	.refine(hasNoCredentials, 'a URL without a user name or password in it')
	.describe('http(s) only, as written, with no spaces and no credentials.');

function parsesAsUrl(url: string): boolean {
	try {
		return new URL(url).hostname !== '';
	} catch {
		return false;
	}
}

/** `https://user:pass@host/` would hand a password to every reader of the dataset. */
function hasNoCredentials(url: string): boolean {
	const parsed = new URL(url);
	return parsed.username === '' && parsed.password === '';
}

/** A position or stretch inside a video or recording: `0:12`, `1:02:03`, `0:12–0:31`. */
export const MEDIA_TIME_PATTERN = /^\d+(?::[0-5]\d){1,2}(?:[–-]\d+(?::[0-5]\d){1,2})?$/;

export const Evidence = z
	.object({
		kind: z.enum(EVIDENCE_KINDS),
		url: HttpUrl.optional().describe('Where the item is; never fetched or embedded by the app.'),
		archive_url: HttpUrl.optional().describe('An archived copy (Wayback Machine, archive.today…).'),
		caption: Text.optional().describe('What the item shows, in the dataset author’s words.'),
		at: z
			.string()
			.regex(MEDIA_TIME_PATTERN, 'a time in the recording, 0:12, or a stretch, 0:12–0:31')
			.optional()
			.describe('Where in a video or recording: a time (0:12) or a stretch (0:12–0:31).'),
		sha256: z
			.string()
			.regex(/^[0-9a-f]{64}$/, 'a SHA-256 of the file: 64 lowercase hexadecimal digits')
			.optional()
			.describe('The SHA-256 of the file, so that a copy can be proved the same.'),
		withheld: Text.optional().describe(
			'Why the item is recorded but not linked (graphic, unsafe): present means withheld.'
		)
	})
	.strict()
	.refine((e) => e.url !== undefined || e.archive_url !== undefined || e.withheld !== undefined, {
		path: ['url'],
		error: 'a url or an archive_url (or, for an item not to be linked, withheld with the reason)'
	})
	.describe('A link to what a claim or a source rests on: a video, a photo, a post, a document.');

const EvidenceList = z
	.array(Evidence)
	.min(1, 'at least one item, or leave the field out')
	.optional()
	.describe('Evidence: links with their kind and caption, shown as links, never fetched.');

const SOURCE_UNKNOWABLE = ['title', 'publisher', 'url', 'published'] as const;

export const Source = z
	.object({
		id: Id,
		title: Text.nullable(),
		publisher: Text.nullable(),
		url: HttpUrl.nullable(),
		published: PartialDate.nullable(),
		retrieved_on: Day.optional().describe('When the dataset author read or saved the document.'),
		language: Language,
		evidence: EvidenceList,
		unknown: unknownReasons(SOURCE_UNKNOWABLE),
		note: Note
	})
	.strict()
	.describe(
		'The full text of the document, when there is one (not for a video), is in sources/<id>.txt.'
	);

export const Grading = z
	.object({
		reliability: z.enum(RELIABILITY_GRADES).describe('Admiralty code: source reliability, A–F.'),
		credibility: z
			.union(CREDIBILITY_GRADES.map((n) => z.literal(n)))
			.describe('Admiralty code: information credibility, 1–6.')
	})
	.strict();

export const Claim = z
	.object({
		id: Id,
		claimant: Id.describe('An actor id.'),
		said_on: PartialDate.nullable().describe('When the claim was made; null when not known.'),
		occurred: z
			.string()
			.optional()
			.describe(
				'When the claimed thing happened, as EDTF (ISO 8601-2): 2024-10-03, 2024-10, 2024-10-01/2024-10-18, 2024-03-03~ (approximate), 2024-03-03? (uncertain).'
			),
		quote: Text.optional().describe(
			'Verbatim from the source text; a claim has a quote or a description, not both.'
		),
		quote_kind: z.enum(QUOTE_KINDS).optional().describe('Present exactly when quote is.'),
		description: Text.optional().describe(
			'The dataset author’s own words on what the evidence shows, for a claim with no quote (a video, a post that is gone); never shown as a quote.'
		),
		source: Id.describe('A source id.'),
		locations: z.array(Id).describe('Location ids the claim points at; may be empty.'),
		status: z.enum(STATUSES),
		responds_to: z
			.union([Id, z.array(Id).min(1, 'a non-empty list of claim ids')], {
				error: 'a claim id or a non-empty list of claim ids'
			})
			.optional()
			.describe(
				'The claim this one answers (its id), or the claims it answers (a list of distinct ids): one statement can answer several reports.'
			),
		stance: z.enum(STANCES).optional().describe('Present exactly when responds_to is.'),
		grading: Grading.optional(),
		evidence: EvidenceList,
		tags: Tags,
		numbers: Numbers,
		extra: z
			.record(z.string().min(1, 'a column name'), z.string())
			.optional()
			.describe(
				'Cells of the table the claim was imported from that no field takes, by column name, as written: kept, never dropped.'
			),
		unknown: unknownReasons(['said_on']),
		note: Note
	})
	.strict();

/** Which records a declared facet or numeric field describes. */
export const APPLIES_TO = ['claims', 'locations'] as const;

export const FacetValueDeclaration = z
	.object({ id: Id, label: Text, note: Note })
	.strict()
	.describe('One value a facet may take: its id (in records and URLs) and the label shown.');

export const FacetDeclaration = z
	.object({
		id: Id.describe('The facet id: records carry `tags.<id>`; the URL filters with `tag.<id>=`.'),
		label: Text.describe('The facet’s name as the filter panel shows it.'),
		applies_to: z.enum(APPLIES_TO).describe('Whether claims or locations carry its values.'),
		multiple: z
			.boolean()
			.optional()
			.describe('True when a record may take several values (a list); absent or false: one.'),
		values: z
			.array(FacetValueDeclaration)
			.describe('The values it may take, in the order the filter panel lists them.'),
		note: Note
	})
	.strict()
	.describe('A way to filter the dataset that the dataset itself defines (weapon, type of area).');

export const NumberDeclaration = z
	.object({
		id: Id.describe('The field id: records carry `numbers.<id>`.'),
		label: Text.describe('What the figure counts, as shown: "Civilians reported killed".'),
		applies_to: z.enum(APPLIES_TO).describe('Whether claims or locations carry the figure.'),
		unit: Text.optional().describe('The unit, where the label does not say it.'),
		note: Note
	})
	.strict()
	.describe('A numeric field the dataset defines; a record may record it as unknown (null).');

export const DatasetMeta = z
	.object({
		name: Text,
		format: z
			.union([z.literal(1), z.literal(FORMAT_VERSION)])
			.optional()
			.describe('The version of this format the dataset is written in; absent means 1.'),
		description: Text.optional(),
		creator: Text.optional().describe(
			'Who made the dataset (a newsroom, a team, a person), as citations and ClaimReview credit it.'
		),
		version: Text.optional().describe(
			'The edition of the dataset ("1.2", "2024-10-21"), as citations name it.'
		),
		license: Text.optional(),
		facets: z
			.array(FacetDeclaration)
			.optional()
			.describe('Facets the dataset defines: the filter panel, the URL and the exports read them.'),
		numbers: z
			.array(NumberDeclaration)
			.optional()
			.describe('Numeric fields the dataset defines, shown with each record and exported.')
	})
	.strict()
	.describe('dataset.json (optional): what the dataset is.');

export type LocationProperties = z.infer<typeof LocationProperties>;
export type LocationFeature = z.infer<typeof LocationFeature>;
export type Actor = z.infer<typeof Actor>;
export type Source = z.infer<typeof Source>;
export type Claim = z.infer<typeof Claim>;
export type Grading = z.infer<typeof Grading>;
export type Evidence = z.infer<typeof Evidence>;
export type Correction = z.infer<typeof Correction>;
export type DatasetMeta = z.infer<typeof DatasetMeta>;
export type FacetDeclaration = z.infer<typeof FacetDeclaration>;
export type NumberDeclaration = z.infer<typeof NumberDeclaration>;
export type Tags = NonNullable<z.infer<typeof Tags>>;
export type Numbers = NonNullable<z.infer<typeof Numbers>>;

/** A validated dataset: every reference resolves and every quote is in its source text. */
export interface Dataset {
	meta: DatasetMeta;
	locations: LocationFeature[];
	actors: Actor[];
	sources: Source[];
	claims: Claim[];
	/** Full text of each source, by source id. */
	texts: Record<string, string>;
}
