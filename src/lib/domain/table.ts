/**
 * Reads the tables people keep (CSV, TSV, a JSON array of objects, or an object holding such an
 * array under one key, as many exports do) into a header and rows of text cells, each row with
 * the label a reader finds it by: `row 5` as a spreadsheet numbers it (the header is row 1), or
 * `data[3]` for the fourth object of a JSON array under `data`.
 *
 * Nothing is dropped without a word: blank rows are skipped (a spreadsheet shows them, they hold
 * nothing), and a row with more cells than the header has columns is an error, never cut short.
 * Pure: no DOM, no Node; papaparse reads the CSV.
 */
import Papa from 'papaparse';
import { describeKeyIssue, parseJson } from './json.ts';
import { formatPath, type DatasetIssue } from './issues.ts';

export interface TableRow {
	/** How a reader finds the row in the file: `row 5` (CSV/TSV, header = row 1), `data[3]` (JSON). */
	label: string;
	/** One cell per header column, as text ('' when empty); JSON numbers, booleans and objects
	 * are written as JSON text. */
	cells: string[];
}

export interface Table {
	/** The file name as the user gave it: every message names it. */
	fileName: string;
	kind: 'csv' | 'tsv' | 'json' | 'xlsx' | 'geojson' | 'kml';
	/** Column names as written (a BOM removed); a duplicate or empty name is made unique. */
	header: string[];
	rows: TableRow[];
}

export interface TableRead {
	table: Table | null;
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
}

const issue = (
	severity: 'error' | 'warning',
	file: string,
	message: string,
	record?: string,
	field?: string
): DatasetIssue => ({ severity, file, record, field, message });

/** Reads a table's text; the kind comes from the file name (`.tsv`/`.tab`, `.json`, else CSV). */
export function readTable(fileName: string, text: string): TableRead {
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.json')) return readJsonTable(fileName, body);
	return readDelimited(fileName, body, /\.(tsv|tab)$/.test(lower) ? 'tsv' : 'csv');
}

/** `A`, `B`, … `Z`, `AA`: the column's letter in a spreadsheet. */
export function columnLetter(index: number): string {
	let out = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
	return out;
}

/** Empty names become `(column C)`, a repeated name `Name (2)`: a mapping must name each one. */
function uniqueHeader(
	fileName: string,
	names: string[],
	warnings: DatasetIssue[],
	where: (i: number) => string
): string[] {
	const seen = new Set<string>();
	return names.map((raw, i) => {
		let name = raw.trim() === '' ? `(column ${columnLetter(i)})` : raw;
		if (seen.has(name)) {
			let n = 2;
			while (seen.has(`${name} (${n})`)) n++;
			warnings.push(
				issue(
					'warning',
					fileName,
					`the column name ${JSON.stringify(name)} is used twice; ${where(i)} is called ${JSON.stringify(`${name} (${n})`)} here`
				)
			);
			name = `${name} (${n})`;
		}
		seen.add(name);
		return name;
	});
}

function readDelimited(fileName: string, text: string, kind: 'csv' | 'tsv'): TableRead {
	const errors: DatasetIssue[] = [];
	const warnings: DatasetIssue[] = [];
	const parsed = Papa.parse<string[]>(text, {
		delimiter: kind === 'tsv' ? '\t' : '',
		skipEmptyLines: false
	});
	for (const e of parsed.errors) {
		// Papaparse's guess at the delimiter, on a one-column file, is not a problem of the file.
		if (e.code === 'UndetectableDelimiter') continue;
		const row = e.row === undefined || e.row === null ? undefined : `row ${e.row + 1}`;
		errors.push(issue('error', fileName, e.message, row));
	}
	const records = parsed.data;
	const headerAt = records.findIndex((r) => !isBlank(r));
	if (headerAt < 0) {
		errors.push(issue('error', fileName, 'the file has no header row and no rows'));
		return { table: null, errors, warnings };
	}
	const header = uniqueHeader(fileName, records[headerAt]!, warnings, (i) => {
		return `column ${columnLetter(i)}`;
	});
	const rows: TableRow[] = [];
	for (let i = headerAt + 1; i < records.length; i++) {
		const cells = records[i]!;
		if (isBlank(cells)) continue;
		const label = `row ${i + 1}`;
		if (cells.length > header.length) {
			const extra = cells.slice(header.length).filter((c) => c.trim() !== '');
			if (extra.length) {
				errors.push(
					issue(
						'error',
						fileName,
						`${cells.length} cells, but the header names ${header.length} columns: the cells beyond column ${columnLetter(header.length - 1)} (${extra.map((c) => JSON.stringify(c)).join(', ')}) would belong to no column`,
						label
					)
				);
				continue;
			}
		}
		const row = cells.slice(0, header.length);
		while (row.length < header.length) row.push('');
		rows.push({ label, cells: row });
	}
	return { table: errors.length ? null : { fileName, kind, header, rows }, errors, warnings };
}

function isBlank(cells: string[]): boolean {
	return cells.every((c) => c.trim() === '');
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

function readJsonTable(fileName: string, text: string): TableRead {
	const errors: DatasetIssue[] = [];
	const warnings: DatasetIssue[] = [];
	const parsed = parseJson(text);
	if (!parsed.ok) {
		errors.push({
			severity: 'error',
			file: fileName,
			line: parsed.line,
			column: parsed.column,
			message: parsed.message
		});
		return { table: null, errors, warnings };
	}
	for (const k of parsed.keyIssues)
		errors.push(issue('error', fileName, describeKeyIssue(k), formatPath(k.path) || undefined));
	if (errors.length) return { table: null, errors, warnings };
	let items: unknown[];
	let path: string;
	if (Array.isArray(parsed.value)) {
		items = parsed.value;
		path = '';
	} else if (isObject(parsed.value)) {
		const lists = Object.entries(parsed.value).filter(
			([, v]) => Array.isArray(v) && v.length > 0 && v.every(isObject)
		);
		if (lists.length !== 1) {
			errors.push(
				issue(
					'error',
					fileName,
					lists.length === 0
						? 'not a table: an array of objects, or an object holding one such array, was expected'
						: `more than one array of objects in it (${lists.map(([k]) => JSON.stringify(k)).join(', ')}): which one is the table is not clear`
				)
			);
			return { table: null, errors, warnings };
		}
		[path, items] = lists[0] as [string, unknown[]];
		const others = Object.keys(parsed.value).filter((k) => k !== path);
		if (others.length)
			warnings.push(
				issue(
					'warning',
					fileName,
					`the table is the array under ${JSON.stringify(path)}; the other members (${others.map((k) => JSON.stringify(k)).join(', ')}) are not read`
				)
			);
	} else {
		errors.push(issue('error', fileName, 'not a table: an array of objects was expected'));
		return { table: null, errors, warnings };
	}
	items.forEach((item, i) => {
		if (!isObject(item))
			errors.push(issue('error', fileName, 'an object was expected', `${path}[${i}]`));
	});
	if (errors.length) return { table: null, errors, warnings };
	const table = tableOfObjects(
		fileName,
		'json',
		items.map((item, i) => ({ label: `${path}[${i}]`, values: item as Record<string, unknown> }))
	);
	return { table, errors, warnings };
}

/**
 * A table of objects (a JSON array's items, GeoJSON features' properties): a column per key, in
 * the order keys are first met; numbers, booleans and objects written as JSON text; rows whose
 * cells are all empty left out, as blank rows are.
 */
export function tableOfObjects(
	fileName: string,
	kind: Table['kind'],
	items: readonly { label: string; values: Record<string, unknown> }[]
): Table {
	const names: string[] = [];
	const known = new Set<string>();
	for (const { values } of items)
		for (const key of Object.keys(values))
			if (!known.has(key)) {
				known.add(key);
				names.push(key);
			}
	const rows: TableRow[] = [];
	for (const { label, values } of items) {
		const cells = names.map((name) => cellText(values[name]));
		if (cells.every((c) => c.trim() === '')) continue;
		rows.push({ label, cells });
	}
	// JSON keys are unique in an object and never empty in practice; an empty key is named.
	const header = names.map((n, i) => (n.trim() === '' ? `(key ${i + 1})` : n));
	return { fileName, kind, header, rows };
}
