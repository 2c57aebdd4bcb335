/**
 * Exports: GeoJSON "nested" (a feature per place, its claims as an array, lossless, re-importable),
 * GeoJSON "flat" (a feature per claim-and-place citation, scalar properties only, what GIS tools
 * and spreadsheets handle best) and CSV (the flat rows with longitude and latitude columns).
 * All three take the claims in view, so that an export holds what the user sees.
 *
 * GeoJSON is RFC 7946: WGS 84, [lon, lat], no `crs`. What the file is (dataset, time, tool,
 * filter) travels in the foreign member `claims_map`.
 */
import Papa from 'papaparse';
import type { BBox, Feature, FeatureCollection, Point } from 'geojson';
import { slugify } from './format.ts';
import { sortNewestFirst } from './join.ts';
import type { Actor, Claim, Dataset, Evidence, LocationFeature, Source } from './schema.ts';

export const EXPORT_FORMATS = ['nested', 'flat', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportContext {
	/** ISO timestamp; passed in so that the same input gives the same file. */
	exportedAt: string;
	tool: { name: string; version: string };
	/** The filter in force, as the URL writes it; empty when the export is the whole dataset. */
	filter: Record<string, string>;
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
		sources: (Source & { text: string })[];
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
		if (claim.responds_to === undefined || !inView.has(claim.responds_to)) continue;
		const list = responses.get(claim.responds_to);
		if (list) list.push(claim);
		else responses.set(claim.responds_to, [claim]);
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

export function exportNested(
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): NestedExport {
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
	/** A claim with its responses beneath it, built with a stack: no depth overflows. */
	const nest = (root: Claim): NestedClaim => {
		const top = inline(root);
		// Most claims have no response: nothing to walk.
		if (!responses.has(root.id)) return top;
		const seen = new Set([root.id]);
		const stack: [Claim, NestedClaim][] = [[root, top]];
		for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
			const [claim, node] = next;
			// Newest first, as the claims are: an order of the export's own, so that the import (which
			// cannot know the dataset's order) exports the same file again.
			const answers = sortNewestFirst(responses.get(claim.id) ?? []).filter((r) => !seen.has(r.id));
			for (const answer of answers) {
				seen.add(answer.id);
				node.responses.push(inline(answer));
			}
			for (let i = answers.length - 1; i >= 0; i--) stack.push([answers[i]!, node.responses[i]!]);
		}
		return top;
	};
	const features = dataset.locations.map((location) => ({
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
	}));
	// Unlocated: no place, and not a response to a claim in view (that one carries it).
	const unlocated = claims.filter(
		(c) => c.locations.length === 0 && (c.responds_to === undefined || !inView.has(c.responds_to))
	);
	const usedActors = new Set(claims.map((c) => c.claimant));
	const usedSources = new Set(claims.map((c) => c.source));
	return {
		type: 'FeatureCollection',
		claims_map: {
			...meta(dataset, context),
			format: 'nested',
			actors: dataset.actors.filter((a) => usedActors.has(a.id)),
			sources: dataset.sources
				.filter((s) => usedSources.has(s.id))
				.map((s) => ({ ...s, text: dataset.texts[s.id] ?? '' })),
			unlocated_claims: sortNewestFirst(unlocated).map(nest)
		},
		features
	};
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

interface Citation {
	row: FlatRow;
	/** Null for a claim that cites no place: it is still exported, without coordinates. */
	location: LocationFeature | null;
}

/** One row per (claim, place) citation, and one per claim that cites no place. */
export function flatCitations(dataset: Dataset, claims: readonly Claim[]): Citation[] {
	const { actors, sources, responses } = indexes(dataset, claims);
	const locations = new Map(dataset.locations.map((l) => [l.id, l]));
	const out: Citation[] = [];
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
			out.push({
				location,
				row: flatRow(claim, actor, source, answers?.length ?? 0, stances, location)
			});
		}
		if (!placed)
			out.push({
				location: null,
				row: flatRow(claim, actor, source, answers?.length ?? 0, stances, null)
			});
	}
	return out;
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
		responds_to: claim.responds_to ?? null,
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
	const features: Feature<Point | null>[] = flatCitations(dataset, claims).map(
		({ row, location }) => ({
			type: 'Feature',
			id: location ? `${row.claim_id}@${location.id}` : String(row.claim_id),
			geometry: location
				? { type: 'Point', coordinates: [...location.geometry.coordinates.slice(0, 2)] }
				: null,
			properties: row
		})
	);
	return {
		type: 'FeatureCollection',
		claims_map: { ...meta(dataset, context), format: 'flat' },
		features
	};
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
	return flatCitations(dataset, claims).map(({ row, location }) =>
		CSV_COLUMNS.map((column) => {
			if (column === 'longitude') return location ? location.geometry.coordinates[0] : '';
			if (column === 'latitude') return location ? location.geometry.coordinates[1] : '';
			const value = row[column];
			return value === null ? '' : value;
		})
	);
}

/** How papaparse writes the CSV export: RFC 4180 with CRLF, formulas escaped (FORMULA_ESCAPE). */
export const CSV_UNPARSE = { newline: '\r\n', quotes: false, escapeFormulae: FORMULA_ESCAPE };

/**
 * RFC 4180 CSV (CRLF, quotes doubled), written by papaparse; empty cells for null; text cells that
 * a spreadsheet would run as formulas escaped with a leading `'` (see FORMULA_ESCAPE).
 */
export function exportCsv(dataset: Dataset, claims: readonly Claim[]): string {
	const data = csvRows(dataset, claims);
	return Papa.unparse({ fields: [...CSV_COLUMNS], data }, CSV_UNPARSE) + '\r\n';
}

/** `north-korean-soldiers-…-claims-nested-2026-12-01.geojson`: what it holds and when. */
export function exportFileName(dataset: Dataset, format: ExportFormat, exportedAt: string): string {
	const slug = slugify(dataset.meta.name) || 'dataset';
	const day = exportedAt.slice(0, 10);
	return `${slug}-claims-${format}-${day}.${format === 'csv' ? 'csv' : 'geojson'}`;
}

export function serializeExport(
	format: ExportFormat,
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): string {
	if (format === 'csv') return exportCsv(dataset, claims);
	const collection =
		format === 'nested'
			? exportNested(dataset, claims, context)
			: exportFlat(dataset, claims, context);
	return JSON.stringify(collection, null, 1) + '\n';
}
