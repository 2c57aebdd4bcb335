/**
 * Exports: GeoJSON "nested" (a feature per place, its claims as an array, lossless, re-importable),
 * GeoJSON "flat" (a feature per claim-and-place citation, scalar properties only, what GIS tools
 * and spreadsheets handle best), CSV (the flat rows with longitude and latitude columns) and
 * ClaimReview JSON-LD (`export-claimreview.ts`). All take the claims in view, so that an export
 * holds what the user sees.
 *
 * GeoJSON is RFC 7946: WGS 84, [lon, lat], no `crs`. What the file is (dataset, time, tool,
 * filter) travels in the foreign member `claims_map`.
 *
 * The app and the command line write an export as exportParts makes it, in parts: at a million
 * claims the file is longer than any string V8 can make.
 */
import Papa from 'papaparse';
import type { BBox, Feature, FeatureCollection, Point } from 'geojson';
import { slugify } from './format.ts';
import { textSha256 } from './source-text.ts';
import {
	declaredFacets,
	declaredNumbers,
	numberKey,
	tagKey,
	tagValues,
	UNKNOWN_NUMBER
} from './facets.ts';
import { sortNewestFirst } from './join.ts';
import type { Actor, Claim, Dataset, Evidence, LocationFeature, Source } from './schema.ts';
import { respondsTo } from './responses.ts';
import { claimReviewParts } from './export-claimreview.ts';
import { batchSize, bounded, EXPORT_PART_CHARS, Items, jsonParts } from './json-parts.ts';

export { bounded, EXPORT_PART_CHARS };

export const EXPORT_FORMATS = ['nested', 'flat', 'csv', 'claimreview'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportContext {
	/** ISO timestamp; passed in so that the same input gives the same file. */
	exportedAt: string;
	tool: { name: string; version: string };
	/** The filter in force, as the URL writes it; empty when the export is the whole dataset. */
	filter: Record<string, string>;
	/** The dataset's address in the app, to which a claim's link adds `claim=<id>` (ClaimReview). */
	link?: string;
}

export interface ExportMeta {
	dataset: Dataset['meta'];
	exported_at: string;
	tool: { name: string; version: string };
	filter: Record<string, string>;
}

/** A claim as the nested export writes it: its records inlined, its responses beneath it. */
export interface NestedClaim extends Omit<Claim, 'claimant' | 'source'> {
	claimant: Actor;
	source: Omit<Source, 'unknown' | 'note' | 'language'>;
	responses: NestedClaim[];
}

export interface NestedExport extends FeatureCollection<Point> {
	claims_map: ExportMeta & {
		format: 'nested';
		/** Everything needed to import the file again, quotes checked against their texts. */
		actors: Actor[];
		/** Each with its full text and, when it has one, the text's SHA-256 (`source-text.ts`). */
		sources: (Source & { text: string; text_sha256?: string })[];
		/** Claims that cite no place (with their responses), so that none is lost. */
		unlocated_claims: NestedClaim[];
	};
}

function meta(dataset: Dataset, context: ExportContext): ExportMeta {
	return {
		dataset: dataset.meta,
		exported_at: context.exportedAt,
		tool: context.tool,
		filter: context.filter
	};
}

/** Indexes the export needs; claims are the ones in view, a subset of the dataset's. */
function indexes(dataset: Dataset, claims: readonly Claim[]) {
	const actors = new Map(dataset.actors.map((a) => [a.id, a]));
	const sources = new Map(dataset.sources.map((s) => [s.id, s]));
	const inView = new Set(claims.map((c) => c.id));
	const responses = new Map<string, Claim[]>();
	for (const claim of claims) {
		if (claim.responds_to === undefined) continue;
		// Under each claim in view that it answers.
		for (const parent of respondsTo(claim)) {
			if (!inView.has(parent)) continue;
			const list = responses.get(parent);
			if (list) list.push(claim);
			else responses.set(parent, [claim]);
		}
	}
	const byLocation = new Map<string, Claim[]>();
	for (const claim of claims) {
		const cited = claim.locations;
		for (let i = 0; i < cited.length; i++) {
			const id = cited[i]!;
			if (i > 0 && cited.indexOf(id) !== i) continue; // listed twice: filed once
			const list = byLocation.get(id);
			if (list) list.push(claim);
			else byLocation.set(id, [claim]);
		}
	}
	return { actors, sources, responses, byLocation, inView };
}

/** What the nested export holds, its long arrays made one item at a time as they are read. */
function nestedPieces(dataset: Dataset, claims: readonly Claim[], context: ExportContext) {
	const { actors, sources, responses, byLocation, inView } = indexes(dataset, claims);
	// A source as a claim cites it, made once per source and shared by its claims: the file is the
	// same, and a million claims make no million copies.
	const cited = new Map<string, NestedClaim['source']>();
	const inline = (claim: Claim): NestedClaim => {
		let source = cited.get(claim.source);
		if (source === undefined) {
			const s = sources.get(claim.source)!;
			source = {
				id: s.id,
				title: s.title,
				publisher: s.publisher,
				url: s.url,
				published: s.published
			};
			cited.set(claim.source, source);
		}
		// The same object as `{ ...claim, claimant, source, responses: [] }`, keys in the same order;
		// that literal, which overwrites a string with an object on the claim's own shape, measured
		// three to five times slower in V8 than a plain copy and three stores.
		const nested = Object.assign({}, claim) as unknown as NestedClaim;
		nested.claimant = actors.get(claim.claimant)!;
		nested.source = source;
		nested.responses = [];
		return nested;
	};
	/**
	 * A claim with its responses beneath it, built with a stack: no depth overflows. A response
	 * that answers several claims is nested under each; the guard against rings is the chain of
	 * claims above each one (`above`: a claim joins it when walked and leaves when its `null`
	 * marker, pushed beneath its responses, comes off the stack).
	 */
	const nest = (root: Claim): NestedClaim => {
		const top = inline(root);
		// Most claims have no response: nothing to walk.
		if (!responses.has(root.id)) return top;
		const above = new Set<string>();
		const stack: ([Claim, NestedClaim] | [Claim, null])[] = [[root, top]];
		for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
			const [claim, node] = next;
			if (node === null) {
				above.delete(claim.id);
				continue;
			}
			above.add(claim.id);
			stack.push([claim, null]);
			// Newest first, as the claims are: an order of the export's own, so that the import (which
			// cannot know the dataset's order) exports the same file again.
			const answers = sortNewestFirst(responses.get(claim.id) ?? []).filter(
				(r) => !above.has(r.id)
			);
			for (const answer of answers) node.responses.push(inline(answer));
			for (let i = answers.length - 1; i >= 0; i--) stack.push([answers[i]!, node.responses[i]!]);
		}
		return top;
	};
	const feature = (location: LocationFeature): Feature<Point> => ({
		type: 'Feature' as const,
		id: location.id,
		// RFC 7946 allows a bbox on a Feature (and on its geometry, kept with it): kept where given.
		...bboxOf(location),
		geometry: location.geometry,
		properties: {
			...location.properties,
			// GDAL types a list column from its non-empty values: an empty list would make the whole
			// column JSON instead of a StringList. The import reads null back as [].
			alt_names: location.properties.alt_names.length ? location.properties.alt_names : null,
			// In a fixed order (newest first), so that an import of the file exports the same file.
			claims: sortNewestFirst(byLocation.get(location.id) ?? []).map(nest)
		}
	});
	const usedActors = new Set(claims.map((c) => c.claimant));
	const usedSources = new Set(claims.map((c) => c.source));
	return {
		meta: meta(dataset, context),
		features: () => mapped(dataset.locations, feature),
		actors: () => dataset.actors.filter((a) => usedActors.has(a.id)),
		sources: function* () {
			for (const s of dataset.sources) {
				if (!usedSources.has(s.id)) continue;
				const text = dataset.texts[s.id];
				// The fingerprint lets anyone show the text unchanged; the import checks it.
				yield text === undefined
					? { ...s, text: '' }
					: { ...s, text, text_sha256: textSha256(text) };
			}
		},
		// Unlocated: no place, and not a response to a claim in view (that one carries it).
		unlocated: () =>
			mapped(
				sortNewestFirst(
					claims.filter(
						(c) => c.locations.length === 0 && !respondsTo(c).some((id) => inView.has(id))
					)
				),
				nest
			)
	};
}

export function exportNested(
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): NestedExport {
	const pieces = nestedPieces(dataset, claims, context);
	return {
		type: 'FeatureCollection',
		claims_map: {
			...pieces.meta,
			format: 'nested',
			actors: [...pieces.actors()],
			sources: [...pieces.sources()],
			unlocated_claims: [...pieces.unlocated()]
		},
		features: [...pieces.features()]
	};
}

/** The nested export as exportNested writes it, in parts, its keys in the same order. */
function nestedParts(dataset: Dataset, claims: readonly Claim[], context: ExportContext) {
	const pieces = nestedPieces(dataset, claims, context);
	return jsonParts({
		type: 'FeatureCollection',
		claims_map: {
			...pieces.meta,
			format: 'nested',
			actors: new Items(pieces.actors),
			sources: new Items(pieces.sources),
			unlocated_claims: new Items(pieces.unlocated)
		},
		features: new Items(pieces.features)
	});
}

function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
	for (const item of items) yield f(item);
}

function bboxOf(location: LocationFeature): { bbox?: BBox } {
	// Read defensively: the schema may not type it yet.
	const bbox = (location as { bbox?: BBox }).bbox;
	return bbox === undefined ? {} : { bbox };
}

/** The columns of the flat export, in order; the CSV adds longitude and latitude after the place. */
export const FLAT_COLUMNS = [
	'claim_id',
	'location_id',
	'location_name',
	'location_kind',
	'location_country',
	'location_precision',
	'claimant_id',
	'claimant',
	'claimant_kind',
	'claimant_affiliation',
	'said_on',
	'occurred',
	'quote',
	'quote_kind',
	'description',
	'status',
	'responds_to',
	'stance',
	'responses',
	'response_stances',
	'evidence_urls',
	'source_id',
	'source_title',
	'source_publisher',
	'source_url',
	'source_published',
	'source_retrieved_on',
	'source_language'
] as const;
export type FlatColumn = (typeof FLAT_COLUMNS)[number];
export type FlatRow = Record<FlatColumn, string | number | null>;
export const CSV_COLUMNS = [
	...FLAT_COLUMNS.slice(0, 6),
	'longitude',
	'latitude',
	...FLAT_COLUMNS.slice(6)
] as const;

/**
 * The columns a dataset's own facets and numeric fields add, after the fixed ones, in the declared
 * order: `tag.<id>` and `number.<id>` for those of claims, `location_tag.<id>` and
 * `location_number.<id>` for those of places (as `location_name` is the place's name).
 */
export interface ExtraColumn {
	name: string;
	of: 'claims' | 'locations';
	facet?: { id: string; multiple: boolean };
	number?: string;
}

export function extraColumns(meta: Dataset['meta']): ExtraColumn[] {
	const prefix = (of: 'claims' | 'locations') => (of === 'locations' ? 'location_' : '');
	return [
		...declaredFacets(meta).map((f) => ({
			name: prefix(f.applies_to) + tagKey(f.id),
			of: f.applies_to,
			facet: { id: f.id, multiple: f.multiple === true }
		})),
		...declaredNumbers(meta).map((n) => ({
			name: prefix(n.applies_to) + numberKey(n.id),
			of: n.applies_to,
			number: n.id
		}))
	];
}

/** A value of an extra column in the flat GeoJSON: a facet's value id (a list of them for a facet
 * that takes several: GDAL reads a StringList), a figure, or null when the record has none; a
 * figure recorded as unknown is null too (the nested export and the CSV keep the difference). */
type ExtraValue = string | string[] | number | null;

function extraValues(
	columns: readonly ExtraColumn[],
	claim: Claim,
	location: LocationFeature | null
): ExtraValue[] {
	return columns.map((column) => {
		const record = column.of === 'claims' ? claim : location?.properties;
		if (!record) return null;
		if (column.facet) {
			const values = tagValues(record.tags, column.facet.id);
			if (!values.length) return null;
			return column.facet.multiple ? [...values] : values[0]!;
		}
		return record.numbers?.[column.number!] ?? null;
	});
}

/** The same cells as the CSV writes them: value ids joined with commas (an id has none), a figure
 * as a number, `unknown` for a figure recorded as unknown, empty where the record has none. */
function extraCells(
	columns: readonly ExtraColumn[],
	claim: Claim,
	location: LocationFeature | null
): (string | number)[] {
	return columns.map((column) => {
		const record = column.of === 'claims' ? claim : location?.properties;
		if (!record) return '';
		if (column.facet) return tagValues(record.tags, column.facet.id).join(',');
		const numbers = record.numbers;
		if (!numbers || !(column.number! in numbers)) return '';
		const value = numbers[column.number!]!;
		return value === null ? UNKNOWN_NUMBER : value;
	});
}

interface Citation {
	row: FlatRow;
	claim: Claim;
	/** Null for a claim that cites no place: it is still exported, without coordinates. */
	location: LocationFeature | null;
}

/** One row per (claim, place) citation, and one per claim that cites no place. */
export function flatCitations(dataset: Dataset, claims: readonly Claim[]): Citation[] {
	return [...eachCitation(dataset, claims)];
}

/** flatCitations one at a time, made as they are read. */
function* eachCitation(dataset: Dataset, claims: readonly Claim[]): Generator<Citation> {
	const { actors, sources, responses } = indexes(dataset, claims);
	const locations = new Map(dataset.locations.map((l) => [l.id, l]));
	for (const claim of claims) {
		const actor = actors.get(claim.claimant)!;
		const source = sources.get(claim.source)!;
		const answers = responses.get(claim.id);
		const stances = answers ? answers.map((r) => r.stance).join(',') : '';
		let placed = false;
		for (let i = 0; i < claim.locations.length; i++) {
			const id = claim.locations[i]!;
			const location = locations.get(id);
			if (!location || claim.locations.indexOf(id) !== i) continue;
			placed = true;
			yield {
				location,
				claim,
				row: flatRow(claim, actor, source, answers?.length ?? 0, stances, location)
			};
		}
		if (!placed)
			yield {
				location: null,
				claim,
				row: flatRow(claim, actor, source, answers?.length ?? 0, stances, null)
			};
	}
}

/** One literal with every column in order: no spreads, so rows stay cheap at a million. */
function flatRow(
	claim: Claim,
	actor: Actor,
	source: Source,
	responses: number,
	stances: string,
	location: LocationFeature | null
): FlatRow {
	const p = location?.properties;
	return {
		claim_id: claim.id,
		location_id: location ? location.id : null,
		location_name: p ? p.name : null,
		location_kind: p ? p.kind : null,
		location_country: p ? p.country : null,
		location_precision: p ? p.precision : null,
		claimant_id: actor.id,
		claimant: actor.name,
		claimant_kind: actor.kind,
		claimant_affiliation: actor.affiliation ?? null,
		said_on: claim.said_on,
		occurred: claim.occurred ?? null,
		quote: claim.quote ?? null,
		quote_kind: claim.quote_kind ?? null,
		description: claim.description ?? null,
		status: claim.status,
		// Ids are slugs, with no comma in them: a list joins with commas into one cell.
		responds_to: claim.responds_to === undefined ? null : respondsTo(claim).join(','),
		stance: claim.stance ?? null,
		responses,
		response_stances: stances || null,
		evidence_urls: claim.evidence ? linkedEvidence(claim.evidence) : null,
		source_id: source.id,
		source_title: source.title,
		source_publisher: source.publisher,
		source_url: source.url,
		source_published: source.published,
		source_retrieved_on: source.retrieved_on ?? null,
		source_language: source.language
	};
}

/** The links of a claim's evidence, space-separated (a URL has no spaces); a withheld item is
 * recorded but not linked, here as in the panel. Null when nothing is linked. */
function linkedEvidence(evidence: readonly Evidence[]): string | null {
	const urls: string[] = [];
	for (const item of evidence) {
		if (item.withheld !== undefined) continue;
		const url = item.url ?? item.archive_url;
		if (url) urls.push(url);
	}
	return urls.length ? urls.join(' ') : null;
}

export interface FlatExport extends FeatureCollection<Point | null> {
	claims_map: ExportMeta & { format: 'flat' };
}

/** Unlocated claims are features with a null geometry, which RFC 7946 allows and GDAL reads. */
export function exportFlat(
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): FlatExport {
	return {
		type: 'FeatureCollection',
		claims_map: { ...meta(dataset, context), format: 'flat' },
		features: flatCitations(dataset, claims).map(flatFeatureOf(extraColumns(dataset.meta)))
	};
}

function flatFeatureOf(columns: readonly ExtraColumn[]) {
	return ({ row, claim, location }: Citation): Feature<Point | null> => {
		let properties: Record<string, ExtraValue> = row;
		if (columns.length) {
			properties = { ...row };
			const values = extraValues(columns, claim, location);
			columns.forEach((column, i) => (properties[column.name] = values[i]!));
		}
		return {
			type: 'Feature',
			id: location ? `${row.claim_id}@${location.id}` : String(row.claim_id),
			geometry: location
				? { type: 'Point', coordinates: [...location.geometry.coordinates.slice(0, 2)] }
				: null,
			properties
		};
	};
}

/** The flat export as exportFlat writes it, in parts. */
function flatParts(dataset: Dataset, claims: readonly Claim[], context: ExportContext) {
	return jsonParts({
		type: 'FeatureCollection',
		claims_map: { ...meta(dataset, context), format: 'flat' },
		features: new Items(() =>
			mapped(eachCitation(dataset, claims), flatFeatureOf(extraColumns(dataset.meta)))
		)
	});
}

/**
 * A cell a spreadsheet would run as a formula (OWASP "CSV injection"): one starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return, after any `'`. The export writes such a cell with one more
 * `'` in front (numbers are never escaped); the import takes exactly one off again, so that a value
 * that itself begins with `'=` survives export and import unchanged.
 */
export const FORMULA_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/** The inverse of the export's formula escape: a cell read back as it was before export. */
export function unescapeFormula(cell: string): string {
	return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/** The cells of the CSV export, one array per flat row, in CSV_COLUMNS order; null as empty. */
export function csvRows(dataset: Dataset, claims: readonly Claim[]): (string | number)[][] {
	return flatCitations(dataset, claims).map(csvCellsOf(extraColumns(dataset.meta)));
}

/** The CSV's header: the fixed columns, then those of the dataset's facets and figures. */
export function csvHeader(meta: Dataset['meta']): string[] {
	return [...CSV_COLUMNS, ...extraColumns(meta).map((c) => c.name)];
}

function csvCellsOf(columns: readonly ExtraColumn[]) {
	if (!columns.length) return csvCells;
	return (citation: Citation) => [
		...csvCells(citation),
		...extraCells(columns, citation.claim, citation.location)
	];
}

/**
 * The cells of one row in CSV_COLUMNS order, written out (the tests check the order against the
 * columns): a map over the column names, two comparisons a cell, took twice as long at a million.
 */
function csvCells({ row: r, location }: Citation): (string | number)[] {
	const at = location?.geometry.coordinates;
	return [
		r.claim_id ?? '',
		r.location_id ?? '',
		r.location_name ?? '',
		r.location_kind ?? '',
		r.location_country ?? '',
		r.location_precision ?? '',
		at ? at[0]! : '',
		at ? at[1]! : '',
		r.claimant_id ?? '',
		r.claimant ?? '',
		r.claimant_kind ?? '',
		r.claimant_affiliation ?? '',
		r.said_on ?? '',
		r.occurred ?? '',
		r.quote ?? '',
		r.quote_kind ?? '',
		r.description ?? '',
		r.status ?? '',
		r.responds_to ?? '',
		r.stance ?? '',
		r.responses ?? '',
		r.response_stances ?? '',
		r.evidence_urls ?? '',
		r.source_id ?? '',
		r.source_title ?? '',
		r.source_publisher ?? '',
		r.source_url ?? '',
		r.source_published ?? '',
		r.source_retrieved_on ?? '',
		r.source_language ?? ''
	];
}

/** How papaparse writes the CSV export: RFC 4180 with CRLF, formulas escaped (FORMULA_ESCAPE). */
export const CSV_UNPARSE = { newline: '\r\n', quotes: false, escapeFormulae: FORMULA_ESCAPE };

/**
 * RFC 4180 CSV (CRLF, quotes doubled), written by papaparse; empty cells for null; text cells that
 * a spreadsheet would run as formulas escaped with a leading `'` (see FORMULA_ESCAPE).
 */
export function exportCsv(dataset: Dataset, claims: readonly Claim[]): string {
	return [...bounded(csvPieces(dataset, claims))].join('');
}

/**
 * The CSV as one `Papa.unparse({ fields, data }, CSV_UNPARSE) + '\r\n'` of every row writes it,
 * unparsed a batch of rows at a time: the header with the first batch (and, for no rows at all,
 * what papaparse writes then: the header and an empty line), each later batch without fields,
 * CRLF between batches. The quoting is the same: papaparse decides it cell by cell, on the same
 * config, whatever the batch.
 */
function* csvPieces(dataset: Dataset, claims: readonly Claim[]): Generator<string> {
	let batch: (string | number)[][] = [];
	let size = 64;
	let first = true;
	const fields = csvHeader(dataset.meta);
	const cells = csvCellsOf(extraColumns(dataset.meta));
	for (const citation of eachCitation(dataset, claims)) {
		batch.push(cells(citation));
		if (batch.length < size) continue;
		const text = first
			? Papa.unparse({ fields, data: batch }, CSV_UNPARSE)
			: Papa.unparse(batch, CSV_UNPARSE);
		yield first ? text : '\r\n' + text;
		first = false;
		size = batchSize(batch.length, text.length);
		batch = [];
	}
	if (first) yield Papa.unparse({ fields, data: batch }, CSV_UNPARSE);
	else if (batch.length) yield '\r\n' + Papa.unparse(batch, CSV_UNPARSE);
	yield '\r\n';
}

const EXTENSIONS: Record<ExportFormat, string> = {
	nested: 'geojson',
	flat: 'geojson',
	csv: 'csv',
	claimreview: 'jsonld'
};

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
	nested: 'application/geo+json',
	flat: 'application/geo+json',
	csv: 'text/csv;charset=utf-8',
	claimreview: 'application/ld+json'
};

/** `north-korean-soldiers-…-claims-nested-2026-12-01.geojson`: what it holds and when. */
export function exportFileName(dataset: Dataset, format: ExportFormat, exportedAt: string): string {
	const slug = slugify(dataset.meta.name) || 'dataset';
	const day = exportedAt.slice(0, 10);
	return `${slug}-claims-${format}-${day}.${EXTENSIONS[format]}`;
}

/**
 * The export in parts, each at most EXPORT_PART_CHARS long, whose concatenation is the file: the
 * GeoJSON as `JSON.stringify(collection, null, 1) + '\n'` writes it, the CSV as exportCsv does.
 * A large dataset's file passes V8's longest string (2^29 − 24 characters) long before memory
 * runs out, so no whole file is made: each feature (or batch of features, or of CSV rows) is made
 * and written when the parts are read, and can be collected once it is passed on (to a Blob, a
 * file). A surrogate pair is never split between parts, so that each part encodes on its own.
 */
export function exportParts(
	format: ExportFormat,
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): Generator<string> {
	if (format === 'csv') return bounded(csvPieces(dataset, claims));
	const parts =
		format === 'nested' ? nestedParts : format === 'flat' ? flatParts : claimReviewParts;
	return bounded(appended(parts(dataset, claims, context), '\n'));
}

/** The whole file as one string: for small datasets (tests, the corpus); see exportParts. */
export function serializeExport(
	format: ExportFormat,
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): string {
	return [...exportParts(format, dataset, claims, context)].join('');
}

function* appended(pieces: Iterable<string>, last: string): Generator<string> {
	yield* pieces;
	yield last;
}
