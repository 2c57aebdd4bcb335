/**
 * `npm run import-table -- FILE [--mapping mapping.json] [--map field=Column …] [--date-format FMT]
 * --out DIR`: reads a CSV, TSV, JSON, GeoJSON, KML or Excel (.xlsx) table and writes it as a dataset folder that
 * `npm run check-data -- DIR` takes. With no mapping it guesses one; the mapping used is printed
 * on stdout as JSON, to be saved and given back with `--mapping`. `--map` adds to or overrides
 * the mapping, `--date-format` (iso, mdy, dmy, text) sets the format of every date column.
 *
 * DIR must be empty or not exist: nothing already there is overwritten.
 * Exit codes: 0 written; 1 the table or the mapping has errors (each names the file, row and
 * column); 2 bad arguments or an unreadable file.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { escapeControl, formatIssue } from '../src/lib/domain/issues.ts';
import { readTableFile } from '../src/lib/domain/table-files.ts';
import {
	assignColumn,
	dateFormatNamed,
	guessMapping,
	TABLE_FIELD_NAMES,
	type ColumnUse,
	type TableMapping
} from '../src/lib/domain/table-mapping.ts';
import { tableToDataset } from '../src/lib/domain/table-import.ts';
import { writeDatasetFolder } from './bench/write-folder.ts';

const USAGE =
	'usage: npm run import-table -- FILE [--mapping mapping.json] [--map field=Column …] [--date-format iso|mdy|dmy|text] --out DIR';

function usage(message: string): never {
	console.error(`import-table: ${message}\n${USAGE}`);
	process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let mappingPath: string | undefined;
let out: string | undefined;
let dateFormat: string | undefined;
const maps: string[] = [];
for (let i = 0; i < args.length; i++) {
	const a = args[i]!;
	const value = () => args[++i] ?? usage(`${a} takes a value`);
	if (a === '--mapping') mappingPath = value();
	else if (a === '--map') maps.push(value());
	else if (a === '--date-format') dateFormat = value();
	else if (a === '--out') out = value();
	else if (a.startsWith('--')) usage(`unknown option ${a}`);
	else if (file === undefined) file = a;
	else usage(`one table at a time (${file}, then ${a})`);
}
if (!file) usage('no table given');
if (!out) usage('--out DIR is required');

let bytes: Buffer;
try {
	bytes = await readFile(file);
} catch (e) {
	console.error(
		`import-table: cannot read ${escapeControl(file)}: ${(e as NodeJS.ErrnoException).code}`
	);
	process.exit(2);
}
const fileName = basename(file);
const read = await readTableFile(fileName, bytes);
for (const w of read.warnings) console.error(formatIssue(w));
if (!read.table) {
	for (const e of read.errors) console.error(formatIssue(e));
	process.exit(1);
}
const table = read.table;

let mapping: TableMapping;
if (mappingPath) {
	try {
		mapping = JSON.parse(await readFile(mappingPath, 'utf8')) as TableMapping;
	} catch (e) {
		usage(`cannot read the mapping ${mappingPath}: ${(e as Error).message}`);
	}
	if (typeof mapping !== 'object' || mapping === null || typeof mapping.columns !== 'object')
		usage(`${mappingPath} is not a mapping: an object with "columns" was expected`);
} else {
	const guessed = guessMapping(
		table.header,
		table.rows.map((r) => r.cells)
	);
	mapping = guessed.mapping;
	for (const n of guessed.notes)
		console.error(`import-table: ${n.column ? `column "${n.column}": ` : ''}${n.message}`);
}
const USES: readonly string[] = [...TABLE_FIELD_NAMES, 'facet', 'number', 'extra', 'ignore'];
for (const m of maps) {
	const eq = m.indexOf('=');
	const use = m.slice(0, eq);
	if (eq < 0 || !USES.includes(use))
		usage(`--map ${m}: field=Column, where field is one of ${USES.join(', ')}`);
	const wanted = m.slice(eq + 1);
	// As written, or else the one column whose name matches it but for case and spaces.
	const loose = table.header.filter((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
	const column = table.header.includes(wanted) ? wanted : loose.length === 1 ? loose[0]! : wanted;
	if (!table.header.includes(column))
		usage(`--map ${m}: no column ${JSON.stringify(wanted)} in the header`);
	// A column is read one way: the guess's use of it gives way.
	const at = table.header.indexOf(column);
	mapping = assignColumn(
		mapping,
		column,
		use as ColumnUse,
		table.rows.map((r) => r.cells[at]!)
	);
}
if (dateFormat !== undefined) {
	const format = dateFormatNamed(dateFormat);
	if (!format) usage(`--date-format ${dateFormat}: one of iso, mdy, dmy, text (or MM/DD/YYYY…)`);
	mapping.dateFormats = { occurred: format, said_on: format };
}
console.log(JSON.stringify(mapping, null, '\t'));

const importedOn = new Date().toISOString().slice(0, 10);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const result = tableToDataset(table, mapping, { fileName, sha256, importedOn });
for (const w of result.warnings) console.error(formatIssue(w));
if (!result.files) {
	for (const e of result.errors) console.error(formatIssue(e));
	console.error(`import-table: ${escapeControl(fileName)}: ${result.errors.length} error(s)`);
	process.exit(1);
}
const existing = await readdir(out).catch(() => []);
if (existing.length) {
	console.error(`import-table: ${escapeControl(out)} is not empty: give a new or empty folder`);
	process.exit(2);
}
await writeDatasetFolder(result.files, out);
const ds = result.dataset!;
console.error(
	`import-table: wrote ${escapeControl(out)}: ${ds.locations.length} locations, ${ds.actors.length} actors, ${ds.sources.length} sources, ${ds.claims.length} claims from ${table.rows.length} rows`
);
