/**
 * Reads what a user imports into the files of a dataset folder, which then go through the one
 * validator (`validateDataset`), as the built-in dataset does. Accepted: a dataset folder's files
 * (or a .zip of them), a nested GeoJSON export, a plain GeoJSON FeatureCollection of points (the
 * places, with no claims), and the flat CSV export with its sources' texts beside it.
 *
 * Every problem is reported against the file the user gave, never against a file name they did
 * not choose; nothing here changes a value, it only moves it to where the dataset keeps it.
 */
import Papa from 'papaparse';
import { describeValue, formatPath, type DatasetIssue } from './issues.ts';
import { slugify } from './format.ts';
import { describeKeyIssue, parseJson } from './json.ts';
import { textSha256 } from './source-text.ts';
import { decodeUtf8 } from './text.ts';
import { readZip } from './zip.ts';
import { CSV_COLUMNS, unescapeFormula } from './export.ts';
import { UNKNOWN_NUMBER } from './facets.ts';
import type { DatasetMeta, FacetDeclaration, NumberDeclaration } from './schema.ts';
import {
	DATASET_FILES,
	datasetFiles,
	validateDataset,
	type DatasetFiles,
	type ValidationResult
} from './validate.ts';

export interface ImportFile {
	/** The name as the user sees it, e.g. `claims.json` or `mydata/sources/a.txt`. */
	name: string;
	/** The bytes as read (decoded strictly where they are read), or text already decoded. */
	content: string | Uint8Array;
}

/** What an import read: a dataset folder, the nested export, points, the CSV export, a table. */
export type ImportKind = 'folder' | 'nested' | 'points' | 'csv' | 'table';

export interface ImportResult extends ValidationResult {
	kind: ImportKind | null;
}

const DATASET_NAMES = new Set<string>(Object.values(DATASET_FILES));

/** Reads and validates what the user gave; errors name the user's files, all at once. */
export function importFiles(input: ImportFile[], defaultName = 'Imported dataset'): ImportResult {
	const files = expandZips(input);
	if (files.issues.length) return { kind: null, dataset: null, errors: files.issues, warnings: [] };
	// Bytes stay bytes: each reader decodes what it reads, strictly (decodeUtf8), never with U+FFFD.
	const given = files.list;
	if (given.length === 0) return failure(null, [issue('(nothing)', 'no file was given')]);

	const read = readAny(given);
	if (read.issues.length) return failure(read.kind, read.issues);
	const result = validateDataset(read.files, { defaultName });
	// Name the user's file in every message, not the dataset file it was read into.
	const relabel = (i: DatasetIssue) => ({ ...i, file: read.labels[i.file] ?? i.file });
	return {
		kind: read.kind,
		dataset: result.dataset,
		errors: result.errors.map(relabel),
		warnings: result.warnings.map(relabel)
	};
}

function failure(kind: ImportKind | null, errors: DatasetIssue[]): ImportResult {
	return { kind, dataset: null, errors, warnings: [] };
}

function issue(file: string, message: string, record?: string, field?: string): DatasetIssue {
	return { severity: 'error', file, record, field, message };
}

function baseName(name: string): string {
	return name.split(/[\\/]/).pop() ?? name;
}

function expandZips(input: ImportFile[]): { list: ImportFile[]; issues: DatasetIssue[] } {
	const list: ImportFile[] = [];
	const issues: DatasetIssue[] = [];
	for (const file of input) {
		if (!file.name.toLowerCase().endsWith('.zip')) {
			list.push(file);
			continue;
		}
		const bytes =
			typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
		// A loop, not push(...): an archive may hold more entries than a call takes arguments.
		const read = readZip(file.name, bytes);
		for (const entry of read.files) list.push(entry);
		for (const found of read.issues) issues.push(found);
	}
	return { list, issues };
}

interface Read {
	kind: ImportKind | null;
	files: DatasetFiles;
	/** Dataset file name → the user's file it came from, for messages. */
	labels: Record<string, string>;
	issues: DatasetIssue[];
}

/** A read that found nothing to validate. */
function refused(issues: DatasetIssue[], kind: ImportKind | null = null): Read {
	return { kind, files: {}, labels: {}, issues };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCsv = (f: ImportFile) => f.name.toLowerCase().endsWith('.csv');
const isTxt = (f: ImportFile) => f.name.toLowerCase().endsWith('.txt');
const isGeoJson = (f: ImportFile) => /\.(geo)?json$/i.test(f.name);
const names = (files: ImportFile[]) => files.map((f) => f.name).join(', ');

/** The file's text, decoded strictly; a byte that is not UTF-8 is an error against the user's file. */
function decodeFile(
	file: ImportFile
): { ok: true; text: string } | { ok: false; issue: DatasetIssue } {
	const result = decodeUtf8(file.content);
	if (result.ok) return result;
	return {
		ok: false,
		issue: { severity: 'error', file: file.name, line: result.line, message: result.message }
	};
}

function readAny(files: ImportFile[]): Read {
	const csv = files.filter(isCsv);
	const folderFiles = files.filter((f) => DATASET_NAMES.has(baseName(f.name)));
	if (csv.length > 0 && folderFiles.length > 0) {
		return refused([
			issue(
				names(csv),
				`a CSV export cannot be combined with a dataset folder’s files (${names(folderFiles)}): import the CSV with its sources’ .txt files, or the folder, not both`
			)
		]);
	}
	if (csv.length === 1) {
		const others = files.filter((f) => !isCsv(f) && !isTxt(f));
		if (others.length) {
			return refused(
				[
					issue(
						names(others),
						`cannot be combined with the CSV export ${csv[0]!.name}: it takes only its sources’ .txt files beside it`
					)
				],
				'csv'
			);
		}
		return readCsv(csv[0]!, files.filter(isTxt));
	}
	if (folderFiles.length > 0) return readFolder(files);
	const geojson = files.filter(isGeoJson);
	if (geojson.length === 1) {
		if (files.length === 1) return readGeoJson(geojson[0]!);
		return refused([
			issue(
				names(files.filter((f) => f !== geojson[0])),
				`cannot be combined with the GeoJSON file ${geojson[0]!.name}: a GeoJSON import is that one file (a nested export carries its sources’ texts)`
			)
		]);
	}
	return refused([
		issue(
			files.map((f) => baseName(f.name)).join(', '),
			'not a dataset: give a dataset folder’s files (locations.geojson, actors.json, sources.json, claims.json, sources/*.txt) or a .zip of them, one GeoJSON file, or one CSV export with its sources’ .txt files'
		)
	]);
}

/**
 * Puts each file where the dataset keeps it, by name; two files for one place (`a/claims.json` and
 * `b/claims.json`, two `x.txt`) are an error naming both, never one silently replacing the other.
 */
function placeFiles(
	files: ImportFile[],
	pathOf: (file: ImportFile) => string | null,
	out: DatasetFiles,
	labels: Record<string, string>,
	issues: DatasetIssue[]
) {
	const given = new Map<string, string>();
	for (const file of files) {
		const path = pathOf(file);
		if (path === null) continue;
		const first = given.get(path);
		if (first !== undefined) {
			issues.push(
				issue(
					file.name,
					`a second ${path}, besides ${first}: a dataset has one, and files are not merged (import one folder at a time)`
				)
			);
			continue;
		}
		given.set(path, file.name);
		// Bytes go to the validator as they are: it decodes them, strictly, and says where.
		out[path] = file.content;
		labels[path] = file.name;
	}
}

const sourceTextFor = (file: ImportFile) => (isTxt(file) ? `sources/${baseName(file.name)}` : null);

function readFolder(files: ImportFile[]): Read {
	const out: DatasetFiles = {};
	const labels: Record<string, string> = {};
	const issues: DatasetIssue[] = [];
	placeFiles(
		files,
		(file) => (DATASET_NAMES.has(baseName(file.name)) ? baseName(file.name) : sourceTextFor(file)),
		out,
		labels,
		issues
	);
	if (issues.length) return refused(issues, 'folder');
	return { kind: 'folder', files: out, labels, issues };
}

function readGeoJson(file: ImportFile): Read {
	const text = decodeFile(file);
	if (!text.ok) return refused([text.issue]);
	const parsed = parseJson(text.text);
	if (!parsed.ok) {
		return refused([
			{
				severity: 'error',
				file: file.name,
				line: parsed.line,
				column: parsed.column,
				message: `invalid JSON: ${parsed.message}`
			}
		]);
	}
	// A key given twice would be lost when the file is read into dataset files: said here.
	if (parsed.keyIssues.length) {
		return refused(
			parsed.keyIssues.map((k) =>
				issue(file.name, describeKeyIssue(k), undefined, formatPath([...k.path, k.key]))
			)
		);
	}
	const value = parsed.value;
	if (!isObject(value) || value.type !== 'FeatureCollection') {
		return refused([
			issue(
				file.name,
				`expected a GeoJSON FeatureCollection, got ${describeValue(isObject(value) ? value.type : value)}`,
				undefined,
				'type'
			)
		]);
	}
	if (!Array.isArray(value.features)) {
		return refused([
			issue(
				file.name,
				`expected an array of features, got ${describeValue(value.features)}`,
				undefined,
				'features'
			)
		]);
	}
	if (value.claims_map === undefined) return readPoints(file.name, value.features);
	const meta = value.claims_map;
	if (!isObject(meta) || meta.format !== 'nested') {
		return refused([
			issue(
				file.name,
				isObject(meta) && meta.format === 'flat'
					? 'a flat export cannot be imported (it holds no actors, sources or texts): import the nested GeoJSON export, or the CSV export with its sources’ .txt files'
					: `expected the nested export’s claims_map (format "nested"), got ${describeValue(isObject(meta) ? meta.format : meta)}`,
				'claims_map',
				isObject(meta) ? 'format' : undefined
			)
		]);
	}
	return readNested(file.name, value.features, meta);
}

/** JSON with its keys sorted, so that two equal records compare equal whatever their key order. */
/** Whether a `responds_to` read from a file (one id or a list of them) names the claim `id`. */
function answersClaim(respondsTo: unknown, id: unknown): boolean {
	return Array.isArray(respondsTo) ? respondsTo.includes(id) : respondsTo === id;
}

/** A claim of a nested export waiting to be read, with where it is (a string only when said). */
interface Pending {
	value: unknown;
	/** The path of the list it is in, and its index there. */
	list: string;
	index: number;
	/** The claim it is placed under (a response), or the place it is listed at. */
	under: { claim: unknown } | { location: unknown } | null;
}

const pathOf = (p: Pending) => `${p.list}[${p.index}]`;

/**
 * Whether two values read from JSON are the same, keys in any order (a key holding undefined
 * counts as absent). It builds nothing, as it runs for each place a claim is listed at.
 */
function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	if (!isObject(a) || !isObject(b) || Array.isArray(b)) return false;
	let keys = 0;
	for (const k in a) {
		if (a[k] === undefined) continue;
		keys++;
		if (!sameJson(a[k], b[k])) return false;
	}
	for (const k in b) if (b[k] !== undefined) keys--;
	return keys === 0;
}

/** The first key in which two records differ. */
function firstDifference(a: Json, b: Json): string | undefined {
	return [...new Set([...Object.keys(a), ...Object.keys(b)])].find((k) => !sameJson(a[k], b[k]));
}

/**
 * A nested export back into the dataset it was made from. Every shape is checked before it is
 * used, and every problem is named by its path in the file (`features[3].properties.claims[0]`).
 * The responses beneath a claim are walked with a stack, not by recursion, so that no depth
 * overflows; a claim found in several places (under each place it cites) must be the same in each.
 */
function readNested(name: string, features: unknown[], meta: Json): Read {
	const issues: DatasetIssue[] = [];
	const bad = (path: string, message: string, field?: string) => {
		issues.push(issue(name, message, path, field));
	};
	const listAt = (value: unknown, path: string, what: string): unknown[] => {
		if (Array.isArray(value)) return value;
		bad(path, `expected ${what}, got ${describeValue(value)}`);
		return [];
	};
	/** The entries of a list that are objects, with their paths; the others are errors. */
	const objectsAt = (value: unknown, path: string, what: string, each: string) =>
		listAt(value, path, what).flatMap((entry, i) => {
			if (isObject(entry)) return [{ value: entry, path: `${path}[${i}]` }];
			bad(`${path}[${i}]`, `expected ${each}, got ${describeValue(entry)}`);
			return [];
		});

	const actors = objectsAt(
		meta.actors,
		'claims_map.actors',
		'an array of actors',
		'an actor object'
	);
	const sources = objectsAt(
		meta.sources,
		'claims_map.sources',
		'an array of sources',
		'a source object'
	);
	const byId = (list: { value: Json; path: string }[]) => {
		const map = new Map<string, { value: Json; path: string }>();
		for (const entry of list)
			if (typeof entry.value.id === 'string' && !map.has(entry.value.id))
				map.set(entry.value.id, entry);
		return map;
	};
	const actorsById = byId(actors);
	const sourcesById = byId(sources);
	const texts: Record<string, string> = {};
	for (const { value: source, path } of sources) {
		if (typeof source.text !== 'string')
			bad(
				path,
				`expected the source’s full text as a string, got ${describeValue(source.text)}`,
				'text'
			);
		else if (typeof source.id === 'string') texts[source.id] = source.text;
		// The export's fingerprint of the text: a text edited since is refused, not imported.
		const fingerprint = source.text_sha256;
		if (fingerprint === undefined || typeof source.text !== 'string') continue;
		if (typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint))
			bad(
				path,
				`expected the SHA-256 of the text as 64 lower-case hex digits, got ${describeValue(fingerprint)}`,
				'text_sha256'
			);
		else if (fingerprint !== textSha256(source.text))
			bad(
				path,
				`the text’s SHA-256 is ${textSha256(source.text)}, not the ${fingerprint} the export recorded: the text was changed after it was exported`,
				'text_sha256'
			);
	}

	/**
	 * A claim's claimant or source as the export inlines it, back to its id; the inlined copy must
	 * be the record in `claims_map` (the source without its text, note and language).
	 */
	/** Each record as the export inlines it, made once: a claim is compared with it per place. */
	const inlined = new Map<{ value: Json; path: string }, Json>();
	const refId = (
		value: unknown,
		where: Pending,
		field: 'claimant' | 'source',
		records: Map<string, { value: Json; path: string }>
	): unknown => {
		if (typeof value === 'string') return value;
		if (!isObject(value) || typeof value.id !== 'string') {
			bad(
				pathOf(where),
				`expected the ${field === 'claimant' ? 'actor' : 'source'} as an object with an id, got ${describeValue(value)}`,
				field
			);
			return undefined;
		}
		const record = records.get(value.id);
		if (record) {
			let expected = inlined.get(record);
			if (!expected) {
				expected =
					field === 'claimant'
						? record.value
						: Object.fromEntries(
								['id', 'title', 'publisher', 'url', 'published'].map((k) => [k, record.value[k]])
							);
				inlined.set(record, expected);
			}
			const differs = sameJson(value, expected) ? undefined : firstDifference(value, expected);
			if (differs !== undefined)
				bad(
					pathOf(where),
					`${field === 'claimant' ? 'actor' : 'source'} "${value.id}" differs from ${record.path} (in "${differs}")`,
					field
				);
		}
		return value.id;
	};

	const claims: Json[] = [];
	const firstSeen = new Map<string, { claim: Json; where: Pending }>();
	const stack: Pending[] = [];
	const push = (items: unknown, list: string, under: Pending['under']) => {
		const entries = listAt(items, list, 'an array of claims');
		// Reversed, so that the claims come off the stack in the file's order.
		for (let i = entries.length - 1; i >= 0; i--)
			stack.push({ value: entries[i], list, index: i, under });
	};
	const walk = (items: unknown, path: string, under: Pending['under']) => {
		push(items, path, under);
		for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
			const { value, under: placed } = next;
			if (!isObject(value)) {
				bad(pathOf(next), `expected a claim object, got ${describeValue(value)}`);
				continue;
			}
			// A response that answers several claims is placed under each: the copies are one record.
			if (placed && 'claim' in placed && !answersClaim(value.responds_to, placed.claim))
				bad(
					pathOf(next),
					`placed among the responses to claim ${describeValue(placed.claim)}, but responds to ${
						Array.isArray(value.responds_to) && value.responds_to.length
							? `${value.responds_to.map(describeValue).join(', ')} only`
							: describeValue(value.responds_to)
					}`,
					'responds_to'
				);
			if (
				placed &&
				'location' in placed &&
				Array.isArray(value.locations) &&
				!value.locations.includes(placed.location)
			)
				bad(
					pathOf(next),
					`listed at location ${describeValue(placed.location)}, which it does not cite`,
					'locations'
				);
			// A copy without the nesting, by hand: an object rest spread is slow at a million claims.
			const claim: Json = {};
			for (const key in value) {
				if (key !== 'responses' && key !== 'claimant' && key !== 'source') claim[key] = value[key];
			}
			claim.claimant = refId(value.claimant, next, 'claimant', actorsById);
			claim.source = refId(value.source, next, 'source', sourcesById);
			const id = value.id;
			if (typeof id !== 'string') claims.push(claim);
			else {
				const first = firstSeen.get(id);
				if (!first) {
					firstSeen.set(id, { claim, where: next });
					claims.push(claim);
				} else if (!sameJson(claim, first.claim)) {
					bad(
						pathOf(next),
						`claim "${id}" differs from ${pathOf(first.where)}`,
						firstDifference(claim, first.claim)
					);
				}
			}
			// Under a claim with no usable id nothing can be checked; the validator names that claim.
			// An empty list (most claims have no response) needs no path string and no push.
			if (!(Array.isArray(value.responses) && value.responses.length === 0))
				push(
					value.responses,
					`${pathOf(next)}.responses`,
					typeof id === 'string' ? { claim: id } : null
				);
		}
	};

	const locations: unknown[] = [];
	features.forEach((feature, i) => {
		const at = `features[${i}]`;
		if (!isObject(feature))
			return bad(at, `expected a Feature object, got ${describeValue(feature)}`);
		if (!isObject(feature.properties))
			return bad(
				`${at}.properties`,
				`expected an object (the place’s properties and claims), got ${describeValue(feature.properties)}`
			);
		const { claims: cited, ...properties } = feature.properties;
		walk(cited, `${at}.properties.claims`, { location: feature.id });
		// The export writes an empty list of spellings as null (see exportNested).
		if (properties.alt_names === null) properties.alt_names = [];
		locations.push({ ...feature, properties });
	});
	walk(meta.unlocated_claims, 'claims_map.unlocated_claims', null);
	if (issues.length) return refused(issues, 'nested');

	const files = datasetFiles({
		meta: meta.dataset ?? { name },
		locations,
		actors: actors.map((a) => a.value),
		sources: sources.map(({ value: { text: _text, text_sha256: _sha, ...source } }) => source),
		claims,
		texts
	});
	return { kind: 'nested', files, labels: labelsFor(name), issues: [] };
}

function labelsFor(name: string): Record<string, string> {
	return Object.fromEntries(
		[...Object.values(DATASET_FILES), 'sources'].map((f) => [
			f,
			`${name} (${f.replace(/\.(geo)?json$/, '')})`
		])
	);
}

/**
 * Points without claims: each becomes a place, with what the file does not say recorded as such.
 * Its precision is `region`, the most cautious: nothing in the file says the point is exact.
 */
function readPoints(name: string, features: unknown[]): Read {
	const issues: DatasetIssue[] = [];
	const locations: unknown[] = [];
	features.forEach((feature, index) => {
		const at = `features[${index}]`;
		if (!isObject(feature)) {
			issues.push(issue(name, `expected a Feature object, got ${describeValue(feature)}`, at));
			return;
		}
		// RFC 7946 allows null properties.
		const props = feature.properties ?? {};
		if (!isObject(props)) {
			issues.push(
				issue(name, `expected an object or null, got ${describeValue(props)}`, `${at}.properties`)
			);
			return;
		}
		if (
			feature.id !== undefined &&
			typeof feature.id !== 'string' &&
			typeof feature.id !== 'number'
		) {
			issues.push(
				issue(name, `expected a string or a number, got ${describeValue(feature.id)}`, `${at}.id`)
			);
			return;
		}
		const text = (key: string) =>
			typeof props[key] === 'string' && (props[key] as string).trim()
				? (props[key] as string)
				: undefined;
		const label = text('name') ?? text('title') ?? text('label') ?? `Point ${index + 1}`;
		const id =
			feature.id !== undefined
				? String(feature.id)
				: (text('id') ?? (slugify(label) || 'point') + `-${index + 1}`);
		const country = text('country');
		locations.push({
			type: 'Feature',
			id,
			geometry: feature.geometry,
			properties: {
				name: label,
				alt_names: [],
				kind: text('kind') ?? 'place',
				admin1: text('admin1') ?? null,
				country: country && /^[A-Z]{2}$/.test(country) ? country : null,
				precision: 'region',
				coord_source: `imported from ${baseName(name)}`,
				note: 'Imported from a GeoJSON file without claims: kind, country and precision were not given, so the point is read as approximate (region).'
			}
		});
	});
	if (issues.length) return refused(issues, 'points');
	return {
		kind: 'points',
		files: datasetFiles({
			meta: { name: baseName(name).replace(/\.(geo)?json$/i, '') },
			locations,
			actors: [],
			sources: [],
			claims: [],
			texts: {}
		}),
		labels: { 'locations.geojson': name },
		issues: []
	};
}

/**
 * Line breaks outside quoted fields as `\n`, so that a file whose lines end in CRLF, LF or CR, or a
 * mix of them (a CSV edited by hand), reads as the rows it shows. Inside a quoted field nothing is
 * touched: a quote's own line breaks stay byte for byte. A quote opens a quoted field only at the
 * start of a field, as papaparse reads it.
 */
export function normalizeLineBreaks(text: string): string {
	if (!text.includes('\r')) return text;
	const parts: string[] = [];
	let start = 0;
	let fieldStart = true;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (quoted) {
			if (c === 34) {
				if (text.charCodeAt(i + 1) === 34) i++;
				else quoted = false;
			}
			continue;
		}
		if (c === 34 && fieldStart) {
			quoted = true;
			fieldStart = false;
		} else if (c === 13) {
			parts.push(text.slice(start, i), '\n');
			if (text.charCodeAt(i + 1) === 10) i++;
			start = i + 1;
			fieldStart = true;
		} else fieldStart = c === 44 || c === 10;
	}
	parts.push(text.slice(start));
	return parts.join('');
}

type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A column of the export's facets and figures (`extraColumns`): `tag.<id>`, `number.<id>`, and
 * `location_tag.<id>`, `location_number.<id>` for the places'. */
const EXTRA_COLUMN = /^(location_)?(tag|number)\.([a-z0-9]+(?:-[a-z0-9]+)*)$/;

interface ReadExtra {
	name: string;
	of: 'claims' | 'locations';
	type: 'tag' | 'number';
	id: string;
	at: number;
}

function extraColumnOf(name: string): Omit<ReadExtra, 'at'> | null {
	const match = EXTRA_COLUMN.exec(name);
	if (!match) return null;
	return {
		name,
		of: match[1] ? 'locations' : 'claims',
		type: match[2] as 'tag' | 'number',
		id: match[3]!
	};
}

/**
 * The facets and figures of the CSV's extra columns, declared from what the rows hold (the CSV
 * carries the value ids, not their labels, which read as the ids), and set on each record: a facet
 * takes several values if any cell holds several; `unknown` is a figure recorded as unknown.
 */
function declareExtras(
	extras: readonly ReadExtra[],
	cells: Record<'claims' | 'locations', Map<string, { n: number; cells: string[] }>>,
	claims: Map<string, Json>,
	locations: Map<string, unknown>,
	fileName: string,
	issues: DatasetIssue[]
): Pick<DatasetMeta, 'format' | 'facets' | 'numbers'> {
	const facets: FacetDeclaration[] = [];
	const numbers: NumberDeclaration[] = [];
	// In the columns' order, which is the declarations' (facets, then figures): each column's
	// cells are the k-th of its kind of record's.
	const seen = { claims: 0, locations: 0 };
	for (const extra of extras) {
		const of = extra.of;
		const k = seen[of]++;
		const records = (id: string) =>
			of === 'claims'
				? (claims.get(id) as Json)
				: ((locations.get(id) as { properties: Json }).properties as Json);
		if (extra.type === 'number') {
			numbers.push({ id: extra.id, label: extra.id, applies_to: of });
			for (const [id, { n, cells: row }] of cells[of]) {
				const cell = row[k]!;
				if (cell === '') continue;
				const value = cell === UNKNOWN_NUMBER ? null : Number(cell);
				if (value !== null && !(DECIMAL.test(cell) && Number.isFinite(value))) {
					issues.push(
						issue(
							fileName,
							`expected a number or "unknown", got ${describeValue(cell)}`,
							`row ${n}`,
							extra.name
						)
					);
					continue;
				}
				const record = records(id);
				record.numbers = { ...(record.numbers as Json | undefined), [extra.id]: value };
			}
			continue;
		}
		const values: string[] = [];
		let multiple = false;
		const split = new Map<string, string[]>();
		for (const [id, { cells: row }] of cells[of]) {
			const list = row[k]!.split(',').filter(Boolean);
			if (!list.length) continue;
			if (list.length > 1) multiple = true;
			for (const v of list) if (!values.includes(v)) values.push(v);
			split.set(id, list);
		}
		facets.push({
			id: extra.id,
			label: extra.id,
			applies_to: of,
			...(multiple ? { multiple: true } : {}),
			values: values.map((v) => ({ id: v, label: v }))
		});
		for (const [id, list] of split) {
			const record = records(id);
			record.tags = {
				...(record.tags as Json | undefined),
				[extra.id]: multiple ? list : list[0]!
			};
		}
	}
	return {
		format: 2,
		...(facets.length ? { facets } : {}),
		...(numbers.length ? { numbers } : {})
	};
}

/** The export's space-separated links back as evidence items. Their kinds and captions are not in
 * the CSV (nor are notes or gradings): the nested export is the one that keeps everything. */
function evidenceOf(cell: string) {
	return cell
		.split(' ')
		.filter(Boolean)
		.map((url) => ({ kind: 'other', url }));
}
type CsvRow = Record<CsvColumn, string>;

/** What the rows of one record (one row per place a claim cites) must agree on. */
const CLAIM_COLUMNS: readonly CsvColumn[] = [
	'claimant_id',
	'said_on',
	'occurred',
	'quote',
	'quote_kind',
	'description',
	'evidence_urls',
	'status',
	'responds_to',
	'stance',
	'responses',
	'response_stances',
	'source_id'
];
const LOCATION_COLUMNS: readonly CsvColumn[] = [
	'location_name',
	'location_kind',
	'location_country',
	'location_precision',
	'longitude',
	'latitude'
];
const ACTOR_COLUMNS: readonly CsvColumn[] = ['claimant', 'claimant_kind', 'claimant_affiliation'];
const SOURCE_COLUMNS: readonly CsvColumn[] = [
	'source_title',
	'source_publisher',
	'source_url',
	'source_published',
	'source_retrieved_on',
	'source_language'
];
/** Columns format 2 added: a CSV exported before them lacks them, and imports as it did. */
const FORMAT_2_COLUMNS: ReadonlySet<CsvColumn> = new Set([
	'occurred',
	'description',
	'evidence_urls',
	'source_retrieved_on'
]);

/**
 * A coordinate as the export writes it: a decimal number, optionally signed negative, with an
 * exponent where JavaScript writes one (`1e-7`). No hex, no `Infinity`, no spaces, no `+`.
 */
const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function sameCell(column: CsvColumn, a: string, b: string): boolean {
	if (a === b) return true;
	return (
		(column === 'longitude' || column === 'latitude') &&
		DECIMAL.test(a) &&
		DECIMAL.test(b) &&
		Number(a) === Number(b)
	);
}

/** `("a" here, "b" there)`, and where they part when the cut values look alike. */
function contrast(here: string, there: string): string {
	const shown = `(${describeValue(here)} here, ${describeValue(there)} there)`;
	if (describeValue(here) !== describeValue(there)) return shown;
	let i = 0;
	while (here[i] === there[i]) i++;
	return `${shown}, differing from character ${i + 1}`;
}

/** The flat CSV export back into a dataset; the sources' texts come as .txt files beside it. */
function readCsv(file: ImportFile, texts: ImportFile[]): Read {
	const decoded = decodeFile(file);
	if (!decoded.ok) return refused([decoded.issue], 'csv');
	if (decoded.text.trim() === '') {
		return refused([issue(file.name, 'the file is empty')], 'csv');
	}
	// The export writes commas; saying so spares papaparse a guess on a one-column file. The header
	// is read here, not by papaparse, which would rename a duplicate column rather than refuse it.
	const parsed = Papa.parse<string[]>(normalizeLineBreaks(decoded.text), {
		delimiter: ',',
		newline: '\n'
	});
	const issues: DatasetIssue[] = [];
	const at = (n: number) => `row ${n}`;
	for (const error of parsed.errors) {
		issues.push(
			issue(
				file.name,
				`CSV: ${error.message}`,
				error.row === undefined ? undefined : at(error.row + 1)
			)
		);
	}
	const [header = [], ...records] = parsed.data;
	const columns = new Map<string, number>();
	header.forEach((column, i) => {
		const first = columns.get(column);
		if (first === undefined) columns.set(column, i);
		else
			issues.push(
				issue(
					file.name,
					`duplicate column ${JSON.stringify(column)} (columns ${first + 1} and ${i + 1})`,
					at(1)
				)
			);
	});
	const missing = CSV_COLUMNS.filter((c) => !columns.has(c) && !FORMAT_2_COLUMNS.has(c));
	if (missing.length) issues.push(issue(file.name, `missing columns: ${missing.join(', ')}`));
	const known = new Set<string>(CSV_COLUMNS);
	const extras = [...columns.keys()].flatMap((name) => {
		const column = extraColumnOf(name);
		return column ? [{ ...column, at: columns.get(name)! }] : [];
	});
	const unknown = [...columns.keys()].filter((c) => !known.has(c) && !extraColumnOf(c));
	if (unknown.length)
		issues.push(
			issue(
				file.name,
				`unknown columns: ${unknown.map((c) => JSON.stringify(c)).join(', ')}: not columns of the CSV export (nor the tag.<id> and number.<id> columns of declared facets and figures), and their values would be lost`
			)
		);
	// Rows are numbered as a spreadsheet shows them: the header is row 1, blank lines count.
	const rows = records
		.map((cells, i) => ({ cells, n: i + 2 }))
		.filter(({ cells }) => !(cells.length === 1 && cells[0] === ''));
	if (rows.length === 0) issues.push(issue(file.name, 'the CSV has a header but no rows'));
	if (issues.length) return refused(issues, 'csv');

	const reason = `Not given in ${baseName(file.name)}.`;
	const orNull = (v: string) => (v === '' ? null : v);
	const locations = new Map<string, unknown>();
	const actors = new Map<string, unknown>();
	const sources = new Map<string, unknown>();
	const claims = new Map<string, { locations: string[] } & Json>();
	// The cells of the facet and figure columns of each claim's and place's first row.
	const extraCells = {
		claims: new Map<string, { n: number; cells: string[] }>(),
		locations: new Map<string, { n: number; cells: string[] }>()
	};
	// Split once, not per row: a CSV can have a million rows.
	const extrasOf = {
		claims: extras.filter((e) => e.of === 'claims'),
		locations: extras.filter((e) => e.of === 'locations')
	};
	const readExtras = (of: 'claims' | 'locations', id: string, cells: string[], n: number) => {
		const mine = extrasOf[of].map((e) => unescapeFormula(cells[e.at]!));
		const seen = extraCells[of].get(id);
		if (!seen) {
			extraCells[of].set(id, { n, cells: mine });
			return;
		}
		const kind = of === 'claims' ? 'claim' : 'location';
		extrasOf[of].forEach((e, i) => {
			if (mine[i] !== seen.cells[i])
				issues.push(
					issue(
						file.name,
						`${kind} ${JSON.stringify(id)} differs from row ${seen.n} ${contrast(mine[i]!, seen.cells[i]!)}`,
						at(n),
						e.name
					)
				);
		});
	};
	const firstRows = {
		claim: new Map<string, { n: number; row: CsvRow }>(),
		location: new Map<string, { n: number; row: CsvRow }>(),
		actor: new Map<string, { n: number; row: CsvRow }>(),
		source: new Map<string, { n: number; row: CsvRow }>()
	};
	/** True for the first row of a record; a later one must agree with it on `checked`. */
	const first = (
		kind: keyof typeof firstRows,
		id: string,
		checked: readonly CsvColumn[],
		row: CsvRow,
		n: number
	): boolean => {
		const seen = firstRows[kind].get(id);
		if (!seen) {
			firstRows[kind].set(id, { n, row });
			return true;
		}
		for (const column of checked) {
			if (!sameCell(column, row[column], seen.row[column]))
				issues.push(
					issue(
						file.name,
						`${kind} ${JSON.stringify(id)} differs from row ${seen.n} ${contrast(row[column], seen.row[column])}`,
						at(n),
						column
					)
				);
		}
		return false;
	};

	for (const { cells, n } of rows) {
		if (cells.length !== header.length) {
			issues.push(
				issue(file.name, `has ${cells.length} fields, the header has ${header.length}`, at(n))
			);
			continue;
		}
		// The export escapes a cell a spreadsheet would run as a formula with one `'`; undone here.
		const row = {} as CsvRow;
		for (const column of CSV_COLUMNS) {
			const at = columns.get(column);
			row[column] = at === undefined ? '' : unescapeFormula(cells[at]!);
		}
		const ids = (['claim_id', 'claimant_id', 'source_id'] as const).filter((c) => row[c] === '');
		for (const column of ids)
			issues.push(issue(file.name, 'empty: every row needs this id', at(n), column));
		if (ids.length) continue;

		if (extras.length) {
			if (row.location_id) readExtras('locations', row.location_id, cells, n);
			readExtras('claims', row.claim_id, cells, n);
		}
		if (row.location_id) {
			const [lon, lat] = (['longitude', 'latitude'] as const).map((column) => {
				const value = Number(row[column]);
				if (DECIMAL.test(row[column]) && Number.isFinite(value)) return value;
				issues.push(
					issue(
						file.name,
						`expected a decimal number, got ${describeValue(row[column])}`,
						at(n),
						column
					)
				);
				return NaN;
			});
			if (first('location', row.location_id, LOCATION_COLUMNS, row, n)) {
				locations.set(row.location_id, {
					type: 'Feature',
					id: row.location_id,
					geometry: { type: 'Point', coordinates: [lon, lat] },
					properties: {
						name: row.location_name,
						alt_names: [],
						kind: row.location_kind || 'place',
						admin1: null,
						country: orNull(row.location_country),
						precision: row.location_precision || 'region',
						coord_source: `imported from ${baseName(file.name)}`
					}
				});
			}
		} else {
			// A row that cites no place has nothing in the place's columns: nothing is dropped unsaid.
			for (const stray of LOCATION_COLUMNS.filter((c) => row[c] !== ''))
				issues.push(
					issue(
						file.name,
						`expected nothing in a row with no location_id, got ${describeValue(row[stray])}`,
						at(n),
						stray
					)
				);
		}
		if (first('actor', row.claimant_id, ACTOR_COLUMNS, row, n)) {
			actors.set(row.claimant_id, {
				id: row.claimant_id,
				name: row.claimant,
				kind: row.claimant_kind,
				...(row.claimant_affiliation ? { affiliation: row.claimant_affiliation } : {})
			});
		}
		if (first('source', row.source_id, SOURCE_COLUMNS, row, n)) {
			const source = {
				id: row.source_id,
				title: orNull(row.source_title),
				publisher: orNull(row.source_publisher),
				url: orNull(row.source_url),
				published: orNull(row.source_published),
				...(row.source_retrieved_on ? { retrieved_on: row.source_retrieved_on } : {}),
				language: row.source_language
			};
			const unknown = Object.fromEntries(
				(['title', 'publisher', 'url', 'published'] as const)
					.filter((k) => source[k] === null)
					.map((k) => [k, reason])
			);
			sources.set(row.source_id, Object.keys(unknown).length ? { ...source, unknown } : source);
		}
		if (!first('claim', row.claim_id, CLAIM_COLUMNS, row, n)) {
			// Another place the claim cites; the same row twice is one citation.
			const existing = claims.get(row.claim_id)!;
			// The export writes a claim either with a row per place or with one row and no place:
			// a row without a place beside rows with one says two different things.
			const firstRow = firstRows.claim.get(row.claim_id)!;
			if (!row.location_id !== !firstRow.row.location_id) {
				issues.push(
					issue(
						file.name,
						`claim ${JSON.stringify(row.claim_id)} ${row.location_id ? 'has a place here but none' : 'has no place here but one'} in row ${firstRow.n}: a claim has a row per place it cites, or one row with no place`,
						at(n),
						'location_id'
					)
				);
				continue;
			}
			if (row.location_id && !existing.locations.includes(row.location_id))
				existing.locations.push(row.location_id);
			continue;
		}
		claims.set(row.claim_id, {
			id: row.claim_id,
			claimant: row.claimant_id,
			said_on: orNull(row.said_on),
			...(row.occurred ? { occurred: row.occurred } : {}),
			// A row states a quote or a description; both or neither is the validator's to say.
			...(row.quote || !row.description ? { quote: row.quote } : {}),
			...(row.quote_kind ? { quote_kind: row.quote_kind } : {}),
			...(row.description ? { description: row.description } : {}),
			...(row.evidence_urls ? { evidence: evidenceOf(row.evidence_urls) } : {}),
			source: row.source_id,
			locations: row.location_id ? [row.location_id] : [],
			status: row.status,
			// Ids joined by commas (a slug has none); one id stays a string, as format 1 wrote it.
			...(row.responds_to
				? {
						responds_to: row.responds_to.includes(',')
							? row.responds_to.split(',')
							: row.responds_to
					}
				: {}),
			...(row.stance ? { stance: row.stance } : {}),
			...(row.said_on ? {} : { unknown: { said_on: reason } })
		});
	}
	const declared = extras.length
		? declareExtras(extras, extraCells, claims, locations, file.name, issues)
		: {};
	const files: DatasetFiles = datasetFiles({
		meta: { name: baseName(file.name).replace(/\.csv$/i, ''), ...declared },
		locations: [...locations.values()],
		actors: [...actors.values()],
		sources: [...sources.values()],
		claims: [...claims.values()],
		texts: {}
	});
	const labels: Record<string, string> = labelsFor(file.name);
	placeFiles(texts, sourceTextFor, files, labels, issues);
	if (issues.length) return refused(issues, 'csv');
	return { kind: 'csv', files, labels, issues: [] };
}
