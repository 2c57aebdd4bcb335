/**
 * The dataset validator: one function, called by the build, by `npm run check-data` and by the
 * import in the browser. It reports every problem in one pass, each located by file, record and
 * field, and returns a dataset only when there is no error: nothing is silently dropped.
 */
import { z } from 'zod';
import { describeValue, formatPath, type DatasetIssue } from './issues.ts';
import { describeKeyIssue, parseJson, type KeyIssue } from './json.ts';
import COUNTRY_BOUNDS from './country-bounds.json' with { type: 'json' };
import { decodeUtf8, unusableText } from './text.ts';
import { countryName } from './value-checks.ts';
import { parseOccurred } from './edtf.ts';
import { declarationProblems, declared, taggedProblems } from './facets.ts';
import { findQuote, normalizeForQuoteMatch } from './quotes.ts';
import {
	Actor,
	Claim,
	DatasetMeta,
	LocationFeature,
	LocationsFile,
	Source,
	type Dataset
} from './schema.ts';

/** The file names of a dataset folder. */
export const DATASET_FILES = {
	meta: 'dataset.json',
	locations: 'locations.geojson',
	actors: 'actors.json',
	sources: 'sources.json',
	claims: 'claims.json'
} as const;

export const sourceTextPath = (sourceId: string): string => `sources/${sourceId}.txt`;

/**
 * A dataset as files: path inside the folder (`claims.json`, `sources/a.txt`) to its bytes as read
 * (decoded here, so that every caller refuses what is not UTF-8 alike) or to text already decoded.
 */
export type DatasetFiles = Record<string, string | Uint8Array>;
/** A dataset's files as text, as `datasetFiles` writes them. */
export type TextFiles = Record<string, string>;

/** A dataset's records, possibly unchecked, as `datasetFiles` writes them. */
export interface DatasetParts {
	meta?: unknown;
	locations: readonly unknown[];
	actors: readonly unknown[];
	sources: readonly unknown[];
	claims: readonly unknown[];
	/** Full text by source id. */
	texts: Record<string, string>;
}

/** The files of a dataset folder for these records: the inverse of reading one. */
export function datasetFiles(parts: DatasetParts): TextFiles {
	const files: TextFiles = {
		[DATASET_FILES.locations]: JSON.stringify({
			type: 'FeatureCollection',
			features: parts.locations
		}),
		[DATASET_FILES.actors]: JSON.stringify(parts.actors),
		[DATASET_FILES.sources]: JSON.stringify(parts.sources),
		[DATASET_FILES.claims]: JSON.stringify(parts.claims)
	};
	if (parts.meta !== undefined) files[DATASET_FILES.meta] = JSON.stringify(parts.meta);
	for (const [id, text] of Object.entries(parts.texts)) files[sourceTextPath(id)] = text;
	return files;
}

export interface ValidationResult {
	/** The dataset, when there is no error; null otherwise. */
	dataset: Dataset | null;
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
}

interface Parsed<T> {
	/** Whether the file could be read as a list of records; if not, nothing is checked against it. */
	available: boolean;
	/** Every record as found, so that checks across files run on records the schema rejected too. */
	raw: unknown[];
	/** Records that passed the schema, in file order. */
	valid: T[];
	/** Every usable id in the file, valid record or not (so that one bad record causes one error). */
	ids: Set<string>;
}

const emptyParsed = <T>(): Parsed<T> => ({ available: false, raw: [], valid: [], ids: new Set() });

class IssueLog {
	readonly errors: DatasetIssue[] = [];
	readonly warnings: DatasetIssue[] = [];
	error(file: string, record: string | undefined, field: string | undefined, message: string) {
		this.errors.push({ severity: 'error', file, record, field, message });
	}
	warn(file: string, record: string | undefined, field: string | undefined, message: string) {
		this.warnings.push({ severity: 'warning', file, record, field, message });
	}
}

export function validateDataset(
	files: DatasetFiles,
	options: {
		defaultName?: string;
		/** The day dates are checked against (YYYY-MM-DD); today, unless a test fixes it. */
		today?: string;
	} = {}
): ValidationResult {
	const log = new IssueLog();
	const today = options.today ?? new Date().toISOString().slice(0, 10);

	const meta = readMeta(files, log, options.defaultName ?? 'Untitled dataset');
	const locations = readLocations(files, log);
	const actors = readRecords(files, DATASET_FILES.actors, 'actor', Actor, log);
	const sources = readRecords(files, DATASET_FILES.sources, 'source', Source, log);
	const claims = readRecords(files, DATASET_FILES.claims, 'claim', Claim, log);

	checkLocationCredits(locations, actors, log);
	checkTagged(meta, locations, claims, log);
	checkSources(sources, today, log);
	const texts = readSourceTexts(files, sources, log);
	checkClaims(claims, { locations, actors, sources }, texts, today, log);

	const ok = log.errors.length === 0;
	return {
		dataset: ok
			? {
					meta: meta!,
					locations: locations.valid,
					actors: actors.valid,
					sources: sources.valid,
					claims: claims.valid,
					texts: Object.fromEntries(texts.raw)
				}
			: null,
		errors: log.errors,
		warnings: log.warnings
	};
}

interface JsonFile {
	value: unknown;
	keyIssues: KeyIssue[];
}

function readJsonFile(
	files: DatasetFiles,
	file: string,
	log: IssueLog,
	required: boolean
): JsonFile | undefined {
	const content = files[file];
	if (content === undefined) {
		if (required) log.error(file, undefined, undefined, 'the file is missing');
		return undefined;
	}
	const text = decoded(file, content, log);
	if (text === undefined) return undefined;
	const parsed = parseJson(text);
	if (!parsed.ok) {
		log.errors.push({
			severity: 'error',
			file,
			line: parsed.line,
			column: parsed.column,
			message: `invalid JSON: ${parsed.message}`
		});
		return undefined;
	}
	return { value: parsed.value, keyIssues: parsed.keyIssues };
}

/**
 * Keys JSON.parse would have lost (a repeated key, `__proto__`), each reported on its record:
 * `recordAt` says which record a path inside the file is in, and how many steps lead to it.
 */
function reportKeyIssues(
	log: IssueLog,
	file: string,
	keyIssues: readonly KeyIssue[],
	recordAt: (path: readonly (string | number)[]) => { record: string; depth: number } | undefined
) {
	for (const issue of keyIssues) {
		const at = recordAt(issue.path);
		const field = formatPath([...issue.path.slice(at?.depth ?? 0), issue.key]);
		log.error(file, at?.record, field, describeKeyIssue(issue));
	}
}

/** For a file that is an array of records: path[0] is the record's index. */
const recordInArray =
	(kind: string, raw: readonly unknown[]) => (path: readonly (string | number)[]) =>
		typeof path[0] === 'number'
			? { record: recordLabel(kind, raw[path[0]], path[0]), depth: 1 }
			: undefined;

/** The file's text, or undefined (with one error) when it is not UTF-8. */
function decoded(file: string, content: string | Uint8Array, log: IssueLog): string | undefined {
	const result = decodeUtf8(content);
	if (result.ok) return result.text;
	log.errors.push({ severity: 'error', file, line: result.line, message: result.message });
	return undefined;
}

function readMeta(files: DatasetFiles, log: IssueLog, defaultName: string): DatasetMeta | null {
	const json = readJsonFile(files, DATASET_FILES.meta, log, false);
	if (json === undefined)
		return files[DATASET_FILES.meta] === undefined ? { name: defaultName } : null;
	reportKeyIssues(log, DATASET_FILES.meta, json.keyIssues, () => undefined);
	const raw = json.value;
	const result = DatasetMeta.safeParse(raw);
	if (result.success) {
		for (const { field, message } of declarationProblems(result.data))
			log.error(DATASET_FILES.meta, undefined, field, message);
		return result.data;
	}
	reportSchemaIssues(log, DATASET_FILES.meta, undefined, raw, result.error);
	return null;
}

function recordLabel(kind: string, raw: unknown, index: number): string {
	const id = (raw as { id?: unknown } | null)?.id;
	if (typeof id !== 'string' || id === '') return `${kind} at index ${index}`;
	// A label names the record; an id of a megabyte would make every line about it a megabyte.
	return id.length > 100 ? `${kind} "${id.slice(0, 97)}…" at index ${index}` : `${kind} "${id}"`;
}

function readRecords<S extends z.ZodType>(
	files: DatasetFiles,
	file: string,
	kind: string,
	schema: S,
	log: IssueLog
): Parsed<z.infer<S>> {
	const json = readJsonFile(files, file, log, true);
	const out = emptyParsed<z.infer<S>>();
	if (json === undefined) return out;
	const raw = json.value;
	if (!Array.isArray(raw)) {
		log.error(
			file,
			undefined,
			undefined,
			`expected an array of ${kind} records, got ${describeValue(raw)}`
		);
		return out;
	}
	reportKeyIssues(log, file, json.keyIssues, recordInArray(kind, raw));
	collect(raw, file, kind, schema, log, out);
	return out;
}

function readLocations(files: DatasetFiles, log: IssueLog): Parsed<LocationFeature> {
	const file = DATASET_FILES.locations;
	const json = readJsonFile(files, file, log, true);
	const out = emptyParsed<LocationFeature>();
	if (json === undefined) return out;
	const raw = json.value;
	const features = (raw as { features?: unknown } | null)?.features;
	reportKeyIssues(log, file, json.keyIssues, (path) =>
		path[0] === 'features' && typeof path[1] === 'number' && Array.isArray(features)
			? { record: recordLabel('location', features[path[1]], path[1]), depth: 2 }
			: undefined
	);
	const envelope = LocationsFile.safeParse(raw);
	if (!envelope.success) {
		// A Feature or a geometry given instead: its members are not "unknown fields" of a collection.
		const notACollection = (raw as { type?: unknown } | null)?.type !== 'FeatureCollection';
		const issues = envelope.error.issues.filter(
			(i) => !(notACollection && i.code === 'unrecognized_keys' && i.path.length === 0)
		);
		reportSchemaIssues(log, file, undefined, raw, new z.ZodError(issues));
		return out;
	}
	collect(envelope.data.features, file, 'location', LocationFeature, log, out);
	checkCoordinates(out, file, log);
	return out;
}

/** Schema-checks each record and checks that ids are unique. */
function collect<T>(
	items: unknown[],
	file: string,
	kind: string,
	schema: z.ZodType<T>,
	log: IssueLog,
	out: Parsed<T>
) {
	out.available = true;
	out.raw = items;
	const fast = compiled(schema);
	// Where each id is first used, for the messages: built at the first repeat (a valid file has
	// none), so that each record costs one hash operation, not two.
	let firsts: Map<string, number> | null = null;
	for (let index = 0; index < items.length; index++) {
		const item = items[index];
		const id = (item as { id?: unknown } | null)?.id;
		if (typeof id === 'string') {
			const known = out.ids.size;
			out.ids.add(id);
			if (out.ids.size === known) {
				firsts ??= firstIndexes(items, index);
				log.error(
					file,
					`${recordLabel(kind, item, index)} (at index ${index})`,
					'id',
					`duplicate id: already used by the ${kind} at index ${firsts.get(id)}`
				);
			} else if (firsts) firsts.set(id, index);
		}
		const result = fast.safeParse(item);
		if (result.success) out.valid.push(result.data);
		else reportSchemaIssues(log, file, recordLabel(kind, item, index), item, result.error);
	}
}

/** The index of each string id's first use among the first `end` items. */
function firstIndexes(items: readonly unknown[], end: number): Map<string, number> {
	const firsts = new Map<string, number>();
	for (let index = 0; index < end; index++) {
		const id = (items[index] as { id?: unknown } | null)?.id;
		if (typeof id === 'string' && !firsts.has(id)) firsts.set(id, index);
	}
	return firsts;
}

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * zod's ahead-of-time compiled parser (about a third faster here), built once per schema. Where the
 * page forbids `new Function` (a strict Content-Security-Policy), the plain schema does the work.
 */
function compiled<T>(schema: z.ZodType<T>): z.ZodType<T> {
	let fast = compiledSchemas.get(schema) as z.ZodType<T> | undefined;
	if (!fast) {
		try {
			fast = z.compile(schema);
		} catch {
			fast = schema;
		}
		compiledSchemas.set(schema, fast);
	}
	return fast;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let value: unknown = root;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

function reportSchemaIssues(
	log: IssueLog,
	file: string,
	record: string | undefined,
	raw: unknown,
	error: z.ZodError
) {
	for (const issue of error.issues) {
		const path = issue.path as PropertyKey[];
		const actual = valueAt(raw, path);
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				if (key === '__proto__') continue; // said once, by the JSON reader
				log.error(file, record, formatPath([...path, key]), 'unknown field: not in the schema');
			}
			continue;
		}
		let message: string;
		if (issue.code === 'invalid_type') {
			message =
				actual === undefined
					? `missing: expected ${article(issue.expected)}`
					: `expected ${article(issue.expected)}, got ${describeValue(actual)}`;
		} else if (issue.code === 'invalid_value') {
			const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
			message =
				actual === undefined
					? `missing: expected one of ${values}`
					: `expected one of ${values}; got ${describeValue(actual)}`;
		} else if (issue.code === 'invalid_union') {
			message = unionMessage(issue, actual);
		} else if (issue.code === 'too_small' || issue.code === 'too_big') {
			message = issue.message.startsWith('a ')
				? `expected ${issue.message}, got ${describeValue(actual)}`
				: `${issue.message}; got ${describeValue(actual)}`;
		} else {
			message = `expected ${issue.message}, got ${describeValue(actual)}`;
		}
		if (path.length === 0) log.error(file, record, undefined, message);
		else log.error(file, record, formatPath(path), message + swappedHint(raw, path, issue));
	}
}

/** A union of literals lists its values; one with its own words says them. */
function unionMessage(issue: z.core.$ZodIssueInvalidUnion, actual: unknown): string {
	const got = describeValue(actual);
	const literals = issue.errors.flat().filter((e) => e.code === 'invalid_value');
	if (literals.length === issue.errors.length && literals.length > 0) {
		const values = literals.flatMap((e) => e.values.map((v) => JSON.stringify(v)));
		return actual === undefined
			? `missing: expected one of ${values.join(', ')}`
			: `expected one of ${values.join(', ')}; got ${got}`;
	}
	if (issue.message && issue.message !== 'Invalid input')
		return `expected ${issue.message}, got ${got}`;
	return `not an allowed value; got ${got}`;
}

function article(type: string): string {
	return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** When latitude is out of range but the pair would be valid the other way round, say so. */
function swappedHint(raw: unknown, path: readonly PropertyKey[], issue: z.core.$ZodIssue): string {
	const isLatitude = formatPath(path) === 'geometry.coordinates[1]';
	if (!isLatitude || (issue.code !== 'too_big' && issue.code !== 'too_small')) return '';
	const [lon, lat] = (valueAt(raw, ['geometry', 'coordinates']) as unknown[]) ?? [];
	if (typeof lon !== 'number' || typeof lat !== 'number') return '';
	return Math.abs(lon) <= 90 && Math.abs(lat) <= 180
		? ' (longitude and latitude look swapped: GeoJSON order is [longitude, latitude])'
		: '';
}

/**
 * Points that are valid but probably wrong, each a warning (a dataset may well span the world), at
 * most one per place: [0, 0], a missing coordinate written as zero; a point outside the bounding
 * box of the country it gives (with its pair swapped inside it, or not); without a country, a
 * point whose swapped pair lies much nearer the rest of the dataset, entered as [lat, lon].
 */
function checkCoordinates(locations: Parsed<LocationFeature>, file: string, log: IssueLog) {
	const points = locations.valid.map((record) => record.geometry.coordinates);
	const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
	const mx = points.length >= 3 ? median(points.map((p) => p[0])) : NaN;
	const my = points.length >= 3 ? median(points.map((p) => p[1])) : NaN;
	const bounds = COUNTRY_BOUNDS as unknown as Record<string, [number, number, number, number]>;
	for (const record of locations.valid) {
		const [x, y] = record.geometry.coordinates;
		const warn = (message: string) =>
			log.warn(file, `location "${record.id}"`, 'geometry.coordinates', message);
		if (x === 0 && y === 0) {
			warn('[0, 0] is in the Gulf of Guinea: a missing coordinate written as zero?');
			continue;
		}
		const code = record.properties.country;
		const box = code ? bounds[code] : undefined;
		if (code && box) {
			if (inBox(box, x, y)) continue;
			const country = `${countryName(code) ?? code} (${code})`;
			warn(
				Math.abs(x) <= 90 && inBox(box, y, x)
					? `[${x}, ${y}] lies outside ${country}, and [${y}, ${x}] inside it: are longitude and latitude swapped?`
					: `[${x}, ${y}] lies outside ${country}, the country it gives: is a coordinate or the country wrong?`
			);
			continue;
		}
		if (Number.isNaN(mx) || Math.abs(x) > 90) continue; // swapped, x would not be a latitude
		const asIs = Math.hypot(x - mx, y - my);
		const swapped = Math.hypot(y - mx, x - my);
		if (asIs > 20 && swapped * 4 < asIs) {
			warn(
				`[${x}, ${y}] is far from the other locations, and [${y}, ${x}] is near them: are longitude and latitude swapped?`
			);
		}
	}
}

/** Who geolocated a point, and who corrected it, are actors of the dataset. */
function checkLocationCredits(
	locations: Parsed<LocationFeature>,
	actors: Parsed<Actor>,
	log: IssueLog
) {
	if (!actors.available) return;
	const file = DATASET_FILES.locations;
	for (const record of locations.valid) {
		const { geolocated_by, corrections } = record.properties;
		const check = (ids: readonly string[] | undefined, field: string) =>
			ids?.forEach((id, i) => {
				if (!actors.ids.has(id))
					log.error(
						file,
						`location "${record.id}"`,
						`${field}[${i}]`,
						`unknown actor ${JSON.stringify(id)}: not in ${DATASET_FILES.actors}`
					);
			});
		check(geolocated_by, 'properties.geolocated_by');
		corrections?.forEach((c, i) => check(c.by, `properties.corrections[${i}].by`));
	}
}

/**
 * Records' facet values and figures against what dataset.json declares: every record, including
 * those the schema rejected, so that one run reports all. Without a readable dataset.json there
 * is nothing to check them against (its own errors are reported).
 */
function checkTagged(
	meta: DatasetMeta | null,
	locations: Parsed<LocationFeature>,
	claims: Parsed<Claim>,
	log: IssueLog
) {
	if (meta === null) return;
	const decl = declared(meta);
	locations.raw.forEach((raw, index) => {
		const properties = isObject(raw) ? raw.properties : undefined;
		if (
			!isObject(properties) ||
			(properties.tags === undefined && properties.numbers === undefined)
		)
			return;
		for (const { field, message } of taggedProblems(properties, 'locations', decl, 'properties.'))
			log.error(DATASET_FILES.locations, recordLabel('location', raw, index), field, message);
	});
	claims.raw.forEach((raw, index) => {
		if (!isObject(raw) || (raw.tags === undefined && raw.numbers === undefined)) return;
		for (const { field, message } of taggedProblems(raw, 'claims', decl, ''))
			log.error(DATASET_FILES.claims, recordLabel('claim', raw, index), field, message);
	});
}

/** Inside a country's box, with half a degree to spare for the coast and the box's rounding. */
function inBox([w, s, e, n]: readonly number[], x: number, y: number): boolean {
	return x >= w! - 0.5 && x <= e! + 0.5 && y >= s! - 0.5 && y <= n! + 0.5;
}

const SOURCE_NULLABLE = ['title', 'publisher', 'url', 'published'] as const;

/** A field recorded as unknown (null) says why; a field with a value has no such note. */
function checkUnknownReasons(
	file: string,
	label: string,
	record: Record<string, unknown>,
	fields: readonly string[],
	log: IssueLog
) {
	const reasons = isObject(record.unknown) ? record.unknown : {};
	for (const field of fields) {
		if (!(field in record)) continue; // reported by the schema as missing
		const reason = reasons[field];
		if (record[field] === null && reason === undefined) {
			log.error(
				file,
				label,
				`unknown.${field}`,
				`missing: "${field}" is null, so say why it is not known`
			);
		} else if (record[field] !== null && reason !== undefined) {
			log.error(
				file,
				label,
				`unknown.${field}`,
				`"${field}" has a value, so it is not unknown; remove this note`
			);
		}
	}
}

function checkSources(sources: Parsed<Source>, today: string, log: IssueLog) {
	sources.raw.forEach((record, index) => {
		if (!isObject(record)) return;
		const label = recordLabel('source', record, index);
		checkUnknownReasons(DATASET_FILES.sources, label, record, SOURCE_NULLABLE, log);
		const published = stringField(record, 'published');
		const odd = published && oddDate(published, today);
		if (odd) log.warn(DATASET_FILES.sources, label, 'published', odd);
		const retrieved = stringField(record, 'retrieved_on');
		if (retrieved && published && saidAfter(published, retrieved)) {
			log.error(
				DATASET_FILES.sources,
				label,
				'retrieved_on',
				`${retrieved} is before the source was published (${published})`
			);
		}
		const oddRetrieved = retrieved && oddDate(retrieved, today);
		if (oddRetrieved) log.warn(DATASET_FILES.sources, label, 'retrieved_on', oddRetrieved);
	});
}

/** A date that exists but is probably a mistake: in the future, or in the year 0. */
function oddDate(date: string, today: string): string | null {
	if (date.startsWith('0000'))
		return `${date} is in the year 0000: a placeholder for an unknown date? Use null with a reason`;
	if (date.slice(0, today.length) > today.slice(0, date.length))
		return `${date} is in the future (today is ${today})`;
	return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
	const value = record[key];
	return typeof value === 'string' ? value : undefined;
}

interface Texts {
	raw: Map<string, string>;
	normalized: Map<string, string>;
	/** Sources with no text file: a video, a post that is gone (a text that could not be read is
	 * not among them: it was reported already). */
	none: Set<string>;
}

function readSourceTexts(files: DatasetFiles, sources: Parsed<Source>, log: IssueLog): Texts {
	const texts: Texts = { raw: new Map(), normalized: new Map(), none: new Set() };
	for (const id of sources.ids) {
		const path = sourceTextPath(id);
		const content = files[path];
		// Since format 2 a source may have no text; a quote of it is the claim's error.
		if (content === undefined) {
			texts.none.add(id);
			continue;
		}
		// A text that cannot be read gives one error here, not one "quote not found" per claim.
		const body = decoded(path, content, log);
		if (body === undefined) continue;
		const unusable = unusableText(body);
		if (unusable) {
			log.error(path, undefined, undefined, unusable);
			continue;
		}
		texts.raw.set(id, body);
		texts.normalized.set(id, normalizeForQuoteMatch(body));
	}
	for (const path of Object.keys(files)) {
		const match = /^sources\/(.+)\.txt$/.exec(path);
		// When sources.json could not be read, which text it uses is not known: nothing to say.
		if (match && sources.available && !sources.ids.has(match[1]!)) {
			log.warn(
				path,
				undefined,
				undefined,
				`no source "${match[1]}" in ${DATASET_FILES.sources} uses this text`
			);
		}
	}
	return texts;
}

function checkClaims(
	claims: Parsed<Claim>,
	refs: { locations: Parsed<LocationFeature>; actors: Parsed<Actor>; sources: Parsed<Source> },
	texts: Texts,
	today: string,
	log: IssueLog
) {
	const file = DATASET_FILES.claims;
	// What a claim needs of its source, found with one lookup per claim (a million at scale):
	// whether the id is known, the date it was published, its normalised text.
	const facts = new Map<string, { published?: string; text?: string; textless: boolean }>();
	for (const id of refs.sources.ids)
		facts.set(id, { text: texts.normalized.get(id), textless: texts.none.has(id) });
	for (const record of refs.sources.raw) {
		if (isObject(record) && typeof record.id === 'string' && typeof record.published === 'string') {
			facts.get(record.id)!.published = record.published;
		}
	}
	/** Each response to the known claims it answers (a claim may answer several). */
	const respondsTo = new Map<string, string[]>();
	const textlessQuotes = new Map<string, number[]>();
	const { actors, sources, locations } = refs;
	// The record's label is built only when something is wrong: this loop runs once per claim.
	const error = (index: number, field: string, message: string) =>
		log.error(file, recordLabel('claim', claims.raw[index], index), field, message);
	const warn = (index: number, field: string, message: string) =>
		log.warn(file, recordLabel('claim', claims.raw[index], index), field, message);
	const unknownRef = (kind: string, id: string, where: string) =>
		`unknown ${kind} ${JSON.stringify(id)}: not in ${where}`;

	// Runs on every record, including those the schema rejected, so that one run reports all.
	for (let index = 0; index < claims.raw.length; index++) {
		const claim = claims.raw[index];
		if (!isObject(claim)) continue;
		const id = stringField(claim, 'id');
		const claimant = stringField(claim, 'claimant');
		if (claimant !== undefined && actors.available && !actors.ids.has(claimant)) {
			error(index, 'claimant', unknownRef('actor', claimant, DATASET_FILES.actors));
		}
		const source = stringField(claim, 'source');
		const ofSource = source === undefined ? undefined : facts.get(source);
		if (source !== undefined && sources.available && ofSource === undefined) {
			error(index, 'source', unknownRef('source', source, DATASET_FILES.sources));
		}
		const cited = claim.locations;
		if (Array.isArray(cited) && locations.available) {
			for (let i = 0; i < cited.length; i++) {
				const location: unknown = cited[i];
				if (typeof location !== 'string') continue;
				if (!locations.ids.has(location)) {
					error(
						index,
						`locations[${i}]`,
						unknownRef('location', location, DATASET_FILES.locations)
					);
				} else if (cited.indexOf(location) < i) {
					log.warn(
						file,
						recordLabel('claim', claim, index),
						`locations[${i}]`,
						`location ${JSON.stringify(location)} is listed twice`
					);
				}
			}
		}

		// One id (format 1) or a list of distinct ids; other shapes are the schema's to report.
		const given = claim.responds_to;
		const parents: unknown[] | undefined =
			typeof given === 'string' ? [given] : Array.isArray(given) ? given : undefined;
		if (parents !== undefined) {
			const known: string[] = [];
			for (let i = 0; i < parents.length; i++) {
				const parent = parents[i];
				if (typeof parent !== 'string') continue;
				const field = typeof given === 'string' ? 'responds_to' : `responds_to[${i}]`;
				if (parent === id) error(index, field, 'a claim cannot respond to itself');
				else if (parents.indexOf(parent) < i)
					error(index, field, `claim ${JSON.stringify(parent)} is listed twice`);
				else if (!claims.ids.has(parent))
					error(index, field, `unknown claim ${JSON.stringify(parent)}`);
				else known.push(parent);
			}
			if (id !== undefined && known.length) respondsTo.set(id, known);
			if (claim.stance === undefined && parents.length > 0) {
				error(index, 'stance', 'missing: a response (responds_to) needs a stance');
			}
		} else if (claim.stance !== undefined && claim.responds_to === undefined) {
			error(
				index,
				'stance',
				'a stance is given but responds_to is not: say which claim it answers'
			);
		}

		if (claim.said_on === null || claim.unknown !== undefined) {
			checkUnknownReasons(file, recordLabel('claim', claim, index), claim, ['said_on'], log);
		}
		const saidOn = stringField(claim, 'said_on');
		const sourceDate = ofSource?.published;
		if (saidOn && sourceDate && saidAfter(saidOn, sourceDate)) {
			error(index, 'said_on', `${saidOn} is after its source was published (${sourceDate})`);
		}
		const odd = saidOn && oddDate(saidOn, today);
		if (odd) warn(index, 'said_on', odd);
		const occurred = stringField(claim, 'occurred');
		if (occurred !== undefined) checkOccurred(occurred, sourceDate, index, error, warn);

		checkContent(claim, index, ofSource, source, error, warn, (id, at) => {
			const list = textlessQuotes.get(id);
			if (list) list.push(at);
			else textlessQuotes.set(id, [at]);
		});
	}
	// A source without a text that claims quote: one error for the source (its text file is most
	// likely missing), naming the claims, rather than one per claim.
	for (const [id, indexes] of textlessQuotes) {
		const named = indexes
			.slice(0, 3)
			.map((i) => recordLabel('claim', claims.raw[i], i))
			.join(', ');
		const more = indexes.length > 3 ? ` and ${indexes.length - 3} more` : '';
		log.error(
			DATASET_FILES.sources,
			`source "${id}"`,
			'id',
			`no text file ${sourceTextPath(id)}, yet ${indexes.length === 1 ? 'a claim quotes' : `${indexes.length} claims quote`} it (${named}${more}): a quote is checked against its source's text, so add the text, or state what the claims say as descriptions`
		);
	}
	if (checkResponseCycles(respondsTo, file, log)) checkResponseDepth(respondsTo, file, log);
}

/**
 * When the claimed thing happened (EDTF). It may come before or after the statement (a warning is
 * a prediction), so neither order is an error; but an event that begins after its source was
 * published is worth a second look.
 */
function checkOccurred(
	text: string,
	published: string | undefined,
	index: number,
	error: (index: number, field: string, message: string) => void,
	warn: (index: number, field: string, message: string) => void
) {
	const parsed = parseOccurred(text);
	if ('error' in parsed) return error(index, 'occurred', parsed.error);
	if (published === undefined || parsed.start === null) return;
	// A publication date is a plain EDTF date too: its last day is the latest it can mean.
	const publishedOn = parseOccurred(published);
	if (!('error' in publishedOn) && publishedOn.end !== null && parsed.start > publishedOn.end)
		warn(
			index,
			'occurred',
			`${text} begins after its source was published (${published}): a prediction, or a date to check?`
		);
}

/** A claim states its content once: a quote of its source's text, of a kind, or a description. */
function checkContent(
	claim: Record<string, unknown>,
	index: number,
	ofSource: { text?: string; textless: boolean } | undefined,
	source: string | undefined,
	error: (index: number, field: string, message: string) => void,
	warn: (index: number, field: string, message: string) => void,
	quotesTextless: (source: string, index: number) => void
) {
	const hasQuote = claim.quote !== undefined;
	if (!hasQuote && claim.description === undefined) {
		error(
			index,
			'quote',
			'missing: a claim states its content as a quote (verbatim from its source) or as a description (your own words on what the evidence shows)'
		);
	} else if (hasQuote && claim.description !== undefined) {
		error(
			index,
			'description',
			'a claim has a quote or a description, not both: keep the quote, and put your own words in note'
		);
	}
	if (hasQuote && claim.quote_kind === undefined) {
		error(index, 'quote_kind', 'missing: a quote needs its kind, direct or reported');
	} else if (!hasQuote && claim.description !== undefined && claim.quote_kind !== undefined) {
		error(index, 'quote_kind', 'a quote kind is given, but the claim has no quote');
	}
	const quote = stringField(claim, 'quote');
	// An empty quote is the schema's to report, once.
	if (quote === undefined || quote.trim() === '') return;
	const text = ofSource?.text;
	if (text !== undefined) {
		const match = findQuote(text, quote);
		if (!match.found) error(index, 'quote', quoteMismatch(match, sourceTextPath(source!)));
	} else if (ofSource?.textless) {
		quotesTextless(source!, index);
	}
	if (isTooShort(quote)) {
		warn(
			index,
			'quote',
			`${describeValue(quote)} is too short to stand as a verbatim quote without its context: quote the sentence`
		);
	}
}

/**
 * One or two words ("confirmed", "North Korean") could come from anywhere in the text; a quote
 * that stands alone needs enough of the sentence to be checked in context. Scripts written without
 * spaces are judged by length instead.
 */
function isTooShort(quote: string): boolean {
	// The length first: it spares a split for all but the shortest quotes (this runs per claim).
	const trimmed = quote.trim();
	return trimmed.length < 20 && trimmed.split(/\s+/).length <= 2;
}

function quoteMismatch(
	match: Extract<ReturnType<typeof findQuote>, { found: false }>,
	path: string
) {
	if (match.insideWords) {
		return `found in ${path} only inside longer words: a quote must start and end at word edges`;
	}
	if (match.matchedChars === 0) return `not found verbatim in ${path}`;
	const there =
		match.textHas === null ? 'the text ends' : `the text has ${JSON.stringify(match.textHas)}`;
	return `not found verbatim in ${path}: the first ${match.matchedChars} characters match, then the quote has ${JSON.stringify(match.quoteHas)} where ${there}`;
}

/**
 * Responses that answer each other in a ring have no claim to hang from: nothing would show them.
 * A response may answer several claims, so this is a depth-first walk up every claim answered,
 * with a stack (a chain can be long in a file that is wrong), naming each ring where it closes.
 */
function checkResponseCycles(
	respondsTo: Map<string, readonly string[]>,
	file: string,
	log: IssueLog
): boolean {
	let none = true;
	const state = new Map<string, 'visiting' | 'done'>();
	const NONE: readonly string[] = [];
	for (const start of respondsTo.keys()) {
		if (state.has(start)) continue;
		// The chain walked up from `start`, and how many of each one's parents have been tried.
		const chain: string[] = [start];
		const tried: number[] = [0];
		state.set(start, 'visiting');
		while (chain.length > 0) {
			const top = chain.length - 1;
			const parents = respondsTo.get(chain[top]!) ?? NONE;
			if (tried[top]! >= parents.length) {
				state.set(chain.pop()!, 'done');
				tried.pop();
				continue;
			}
			const id = parents[tried[top]!++]!;
			const seen = state.get(id);
			if (seen === undefined) {
				state.set(id, 'visiting');
				chain.push(id);
				tried.push(0);
			} else if (seen === 'visiting') {
				const ring = chain.slice(chain.indexOf(id));
				none = false;
				log.error(
					file,
					`claim "${id}"`,
					'responds_to',
					`responses form a cycle: ${ring.join(' → ')} → ${id}`
				);
			}
		}
	}
	return none;
}

/**
 * A response to a response to … more than this many levels deep is refused. No conversation in a
 * story runs that deep, and the limit lets every reader (the panel, the nested export and its
 * import) walk a chain without fear for the stack.
 */
export const MAX_RESPONSE_DEPTH = 100;

/**
 * Reports each response that is the first to pass the depth limit on its chain (no rings here).
 * A response's depth is one more than the deepest of the claims it answers (a claim that answers
 * none is at 0), found with a stack, each claim once.
 */
function checkResponseDepth(
	respondsTo: Map<string, readonly string[]>,
	file: string,
	log: IssueLog
) {
	const depth = new Map<string, number>();
	for (const start of respondsTo.keys()) {
		if (depth.has(start)) continue;
		const stack = [start];
		while (stack.length > 0) {
			const id = stack[stack.length - 1]!;
			let deepest = 0;
			let waiting = false;
			for (const parent of respondsTo.get(id)!) {
				if (!respondsTo.has(parent)) continue;
				const d = depth.get(parent);
				if (d === undefined) {
					stack.push(parent);
					waiting = true;
				} else if (d > deepest) deepest = d;
			}
			if (waiting) continue;
			stack.pop();
			if (depth.has(id)) continue;
			depth.set(id, deepest + 1);
			if (deepest + 1 === MAX_RESPONSE_DEPTH + 1) {
				log.error(
					file,
					`claim "${id}"`,
					'responds_to',
					`responses nest deeper than ${MAX_RESPONSE_DEPTH} levels (a response to a response to …): answer an earlier claim of the chain instead`
				);
			}
		}
	}
}

/** Whether the earliest day `said` can mean is after the last day `published` can mean. */
function saidAfter(said: string, published: string): boolean {
	// Day against day needs no new string; a month stands for its first (said) or last day.
	if (said.length === 10 && published.length === 10) return said > published;
	return (
		(said.length === 7 ? `${said}-01` : said) >
		(published.length === 7 ? `${published}-31` : published)
	);
}
