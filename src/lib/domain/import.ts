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
import { strFromU8 } from 'fflate';
import { describeValue, type DatasetIssue } from './issues.ts';
import { slugify } from './format.ts';
import { parseJson } from './json.ts';
import { readZip } from './zip.ts';
import type { NestedClaim, NestedExport } from './export.ts';
import { CSV_COLUMNS } from './export.ts';
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
	/** Text, or bytes for a .zip. */
	content: string | Uint8Array;
}

export type ImportKind = 'folder' | 'nested' | 'points' | 'csv';

export interface ImportResult extends ValidationResult {
	kind: ImportKind | null;
}

const BOM = '\uFEFF';
const DATASET_NAMES = new Set<string>(Object.values(DATASET_FILES));

/** Reads and validates what the user gave; errors name the user's files, all at once. */
export function importFiles(input: ImportFile[], defaultName = 'Imported dataset'): ImportResult {
	const files = expandZips(input);
	if (files.issues.length) return { kind: null, dataset: null, errors: files.issues, warnings: [] };
	const texts = files.list.map((f) => ({
		...f,
		content: typeof f.content === 'string' ? stripBom(f.content) : strFromU8(f.content)
	}));
	if (texts.length === 0) return failure(null, [issue('(nothing)', 'no file was given')]);

	const read = readAny(texts);
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

function stripBom(text: string): string {
	return text.startsWith(BOM) ? text.slice(1) : text;
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

function readAny(files: { name: string; content: string }[]): Read {
	const csv = files.filter((f) => f.name.toLowerCase().endsWith('.csv'));
	const folderFiles = files.filter((f) => DATASET_NAMES.has(baseName(f.name)));
	const texts = files.filter((f) => f.name.toLowerCase().endsWith('.txt'));
	if (csv.length === 1 && folderFiles.length === 0) return readCsv(csv[0]!, texts);
	if (folderFiles.length > 0) return readFolder(files);
	const geojson = files.filter((f) => /\.(geo)?json$/i.test(f.name));
	if (geojson.length === 1 && files.length - texts.length === 1) return readGeoJson(geojson[0]!);
	return refused([
		issue(
			files.map((f) => baseName(f.name)).join(', '),
			'not a dataset: give a dataset folder’s files (locations.geojson, actors.json, sources.json, claims.json, sources/*.txt) or a .zip of them, one GeoJSON file, or one CSV export with its sources’ .txt files'
		)
	]);
}

function readFolder(files: { name: string; content: string }[]): Read {
	const out: DatasetFiles = {};
	const labels: Record<string, string> = {};
	for (const file of files) {
		const base = baseName(file.name);
		if (DATASET_NAMES.has(base)) {
			out[base] = file.content;
			labels[base] = file.name;
		} else if (base.toLowerCase().endsWith('.txt')) {
			out[`sources/${base}`] = file.content;
			labels[`sources/${base}`] = file.name;
		}
	}
	return { kind: 'folder', files: out, labels, issues: [] };
}

function readGeoJson(file: { name: string; content: string }): Read {
	const parsed = parseJson(file.content);
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
	const value = parsed.value as {
		type?: unknown;
		features?: unknown;
		claims_map?: { format?: unknown };
	};
	if (
		value === null ||
		typeof value !== 'object' ||
		value.type !== 'FeatureCollection' ||
		!Array.isArray(value.features)
	) {
		return refused([
			issue(
				file.name,
				`expected a GeoJSON FeatureCollection, got ${describeValue(value?.type ?? value)}`,
				undefined,
				'type'
			)
		]);
	}
	return value.claims_map?.format === 'nested'
		? readNested(file.name, value as NestedExport)
		: readPoints(file.name, value.features);
}

/** A nested export back into the dataset it was made from. */
function readNested(name: string, collection: NestedExport): Read {
	const meta = collection.claims_map;
	const claims = new Map<string, unknown>();
	const walk = (items: unknown) => {
		if (!Array.isArray(items)) return;
		for (const item of items as NestedClaim[]) {
			if (item === null || typeof item !== 'object') continue;
			const { responses, claimant, source, ...rest } = item;
			if (!claims.has(item.id)) {
				claims.set(item.id, {
					...rest,
					claimant: claimant?.id ?? claimant,
					source: source?.id ?? source
				});
			}
			walk(responses);
		}
	};
	const locations = collection.features.map((feature) => {
		const { claims: cited, ...properties } = (feature.properties ?? {}) as {
			claims?: unknown;
			alt_names?: unknown;
		};
		walk(cited);
		// The export writes an empty list of spellings as null (see exportNested).
		if (properties.alt_names === null) properties.alt_names = [];
		return { ...feature, properties };
	});
	walk(meta.unlocated_claims);
	const texts: Record<string, string> = {};
	for (const source of meta.sources ?? []) {
		if (typeof source?.text === 'string') texts[source.id] = source.text;
	}
	const files = datasetFiles({
		meta: meta.dataset ?? { name },
		locations,
		actors: meta.actors ?? [],
		sources: (meta.sources ?? []).map(({ text: _text, ...source }) => source),
		claims: [...claims.values()],
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
	const locations = features.map((raw, index) => {
		const feature = (raw ?? {}) as {
			id?: unknown;
			geometry?: unknown;
			properties?: Record<string, unknown> | null;
		};
		const props = feature.properties ?? {};
		const text = (key: string) =>
			typeof props[key] === 'string' && (props[key] as string).trim()
				? (props[key] as string)
				: undefined;
		const label = text('name') ?? text('title') ?? text('label') ?? `Point ${index + 1}`;
		const id =
			typeof feature.id === 'string' || typeof feature.id === 'number'
				? String(feature.id)
				: (text('id') ?? (slugify(label) || 'point') + `-${index + 1}`);
		const country = text('country');
		return {
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
		};
	});
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

/** The flat CSV export back into a dataset; the sources' texts come as .txt files beside it. */
function readCsv(
	file: { name: string; content: string },
	texts: { name: string; content: string }[]
): Read {
	if (file.content.trim() === '') {
		return refused([issue(file.name, 'the file is empty')], 'csv');
	}
	// The export writes commas; saying so spares papaparse a guess on a one-column file.
	const parsed = Papa.parse<Record<string, string>>(file.content, {
		header: true,
		skipEmptyLines: 'greedy',
		delimiter: ','
	});
	const issues: DatasetIssue[] = [];
	const fields = parsed.meta.fields ?? [];
	const missing = CSV_COLUMNS.filter((c) => !fields.includes(c));
	if (missing.length) issues.push(issue(file.name, `missing columns: ${missing.join(', ')}`));
	for (const error of parsed.errors) {
		issues.push(
			issue(
				file.name,
				`CSV: ${error.message}`,
				error.row === undefined ? undefined : `row ${error.row + 2}`
			)
		);
	}
	if (issues.length) return refused(issues, 'csv');

	const reason = `Not given in ${baseName(file.name)}.`;
	const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
	const locations = new Map<string, unknown>();
	const actors = new Map<string, unknown>();
	const sources = new Map<string, unknown>();
	const claims = new Map<string, { locations: string[] } & Record<string, unknown>>();
	parsed.data.forEach((row, i) => {
		const at = `row ${i + 2}`;
		if (row.location_id) {
			const lon = Number(row.longitude);
			const lat = Number(row.latitude);
			if (row.longitude === '' || !Number.isFinite(lon))
				issues.push(
					issue(
						file.name,
						`expected a number, got ${describeValue(row.longitude)}`,
						at,
						'longitude'
					)
				);
			if (row.latitude === '' || !Number.isFinite(lat))
				issues.push(
					issue(file.name, `expected a number, got ${describeValue(row.latitude)}`, at, 'latitude')
				);
			if (!locations.has(row.location_id)) {
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
		}
		if (!actors.has(row.claimant_id!)) {
			actors.set(row.claimant_id!, {
				id: row.claimant_id,
				name: row.claimant,
				kind: row.claimant_kind,
				...(row.claimant_affiliation ? { affiliation: row.claimant_affiliation } : {})
			});
		}
		if (!sources.has(row.source_id!)) {
			const source = {
				id: row.source_id,
				title: orNull(row.source_title),
				publisher: orNull(row.source_publisher),
				url: orNull(row.source_url),
				published: orNull(row.source_published),
				language: row.source_language
			};
			const unknown = Object.fromEntries(
				(['title', 'publisher', 'url', 'published'] as const)
					.filter((k) => source[k] === null)
					.map((k) => [k, reason])
			);
			sources.set(row.source_id!, Object.keys(unknown).length ? { ...source, unknown } : source);
		}
		const existing = claims.get(row.claim_id!);
		if (existing) {
			if (row.location_id) existing.locations.push(row.location_id);
			return;
		}
		claims.set(row.claim_id!, {
			id: row.claim_id,
			claimant: row.claimant_id,
			said_on: orNull(row.said_on),
			quote: row.quote,
			quote_kind: row.quote_kind,
			source: row.source_id,
			locations: row.location_id ? [row.location_id] : [],
			status: row.status,
			...(row.responds_to ? { responds_to: row.responds_to } : {}),
			...(row.stance ? { stance: row.stance } : {}),
			...(row.said_on ? {} : { unknown: { said_on: reason } })
		});
	});
	if (issues.length) return refused(issues, 'csv');
	const files = datasetFiles({
		meta: { name: baseName(file.name).replace(/\.csv$/i, '') },
		locations: [...locations.values()],
		actors: [...actors.values()],
		sources: [...sources.values()],
		claims: [...claims.values()],
		texts: {}
	});
	const labels: Record<string, string> = labelsFor(file.name);
	for (const text of texts) {
		const path = `sources/${baseName(text.name)}`;
		files[path] = text.content;
		labels[path] = text.name;
	}
	return { kind: 'csv', files, labels, issues: [] };
}
