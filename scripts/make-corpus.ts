/**
 * `npm run corpus`: writes the bad-input corpus, `tests/corpus/<category>/<case>/`, from the seed in
 * `geodata/`. Each case is the seed with ONE defect, and an `expected.json` beside it that says what
 * is wrong and the exact lines the checker must print. `tests/unit/corpus.test.ts` runs every case
 * and checks that the committed corpus is what this script writes.
 *
 * - A validator case (`via: "validator"`) is a whole dataset folder: `npm run check-data --
 *   tests/corpus/<category>/<case>` checks it as a user would.
 * - An import case (`via: "import"`) holds the files a user would give the import (`inputs`).
 * - A generated case (`generate`) is too large to commit: the test builds it with `generateCase`.
 * - A control (`control: true`) is an input that looks odd but is valid: it must pass.
 *
 * The expected messages are written here by hand, next to each defect; they are never computed by
 * running the validator, or the test could not fail.
 */
import {
	lstat,
	mkdir,
	readdir,
	readFile,
	readlink,
	rm,
	symlink,
	writeFile
} from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { exportCsv, serializeExport } from '../src/lib/domain/export.ts';
import { validateDataset } from '../src/lib/domain/validate.ts';
import type { Dataset } from '../src/lib/domain/schema.ts';

export const CATEGORIES = [
	'json-syntax',
	'encoding',
	'types',
	'missing-fields',
	'extra-fields',
	'geojson',
	'ids',
	'references',
	'responses',
	'dates',
	'urls',
	'quotes',
	'source-texts',
	'zips',
	'csv',
	'nested',
	'huge'
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What `expected.json` holds. */
export interface Expected {
	category: Category;
	defect: string;
	via: 'validator' | 'import';
	/** Import cases: the files given to the import, in this order, by name in the case's folder. */
	inputs?: string[];
	/** The exact lines, `formatIssue` of each error; `{today}` stands for today's date. */
	errors: string[];
	warnings?: string[];
	/** A case built at test time (see `generateCase`): nothing else is in its folder. */
	generate?: string;
	/** Not a defect: an input that looks odd and must pass (it does not count as a case). */
	control?: true;
}

/** A file of a case folder: bytes, or a symbolic link to `link`. */
type Entry = Uint8Array | { link: string };
/** Path inside the folder (`claims.json`, `sources/article.txt`) to what is there. */
type Folder = Map<string, Entry>;

const SEED_DIR = 'geodata';
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });
const bytes = (text: string) => enc.encode(text);

// The seed's records, by the names the cases use.
const NIS = 'nis-2024-10-18-stationed-far-east';
const SPECIAL = 'south-korea-2024-10-18-special-forces';
const ZEL = 'zelenskiy-2024-10-soldiers-and-weapons';
const ZEL14 = 'zelenskiy-2024-10-14-transferring-people';
const VIDEO = 'ukraine-csc-2024-10-18-sergiyevsky-video';
const NOT_VERIFIED = 'publisher-video-not-verified';
const CONCERNED = 'savett-2024-10-19-highly-concerned';
const UNABLE = 'savett-2024-10-19-unable-to-confirm';
const SHELLS = 'south-korea-shells-and-missiles';
const KREMLIN = 'kremlin-dismissed-shells-and-missiles';
const RUTTE = 'rutte-2024-10-18-could-not-confirm';

/** The seed folder as read: every file the validator reads, byte for byte. */
export async function readSeed(dir = SEED_DIR): Promise<Folder> {
	const folder: Folder = new Map();
	for (const name of (await readdir(dir)).sort()) {
		if (name === 'sources') {
			for (const text of (await readdir(join(dir, name))).sort())
				folder.set(`sources/${text}`, new Uint8Array(await readFile(join(dir, name, text))));
		} else folder.set(name, new Uint8Array(await readFile(join(dir, name))));
	}
	return folder;
}

// ---- editing a copy of the seed ----

type Json = Record<string, unknown>;

function fileOf(f: Folder, path: string): Uint8Array {
	const entry = f.get(path);
	if (!(entry instanceof Uint8Array)) throw new Error(`make-corpus: no file ${path} in the seed`);
	return entry;
}
const textOf = (f: Folder, path: string) => dec.decode(fileOf(f, path));
const setText = (f: Folder, path: string, text: string) => f.set(path, bytes(text));
const jsonOf = <T = Json[]>(f: Folder, path: string) => JSON.parse(textOf(f, path)) as T;
/** Written as the seed is: tab-indented, one record per block, a final newline. */
const setJson = (f: Folder, path: string, value: unknown) =>
	setText(f, path, JSON.stringify(value, null, '\t') + '\n');

/** Replaces `from` in the file's text, which must occur exactly once (so a changed seed fails loudly). */
function replaceOnce(f: Folder, path: string, from: string, to: string) {
	const text = textOf(f, path);
	const at = text.indexOf(from);
	if (at < 0 || text.indexOf(from, at + 1) >= 0)
		throw new Error(`make-corpus: ${JSON.stringify(from)} is not in ${path} exactly once`);
	setText(f, path, text.slice(0, at) + to + text.slice(at + from.length));
}

function editRecords(f: Folder, path: string, edit: (records: Json[]) => void) {
	const records = jsonOf(f, path);
	edit(records);
	setJson(f, path, records);
}
function find(records: Json[], id: string): Json {
	const record = records.find((r) => r.id === id);
	if (!record) throw new Error(`make-corpus: no record ${id} in the seed`);
	return record;
}
const editClaim = (f: Folder, id: string, edit: (c: Json) => void) =>
	editRecords(f, 'claims.json', (claims) => edit(find(claims, id)));
const editActor = (f: Folder, id: string, edit: (a: Json) => void) =>
	editRecords(f, 'actors.json', (actors) => edit(find(actors, id)));
const editSource = (f: Folder, edit: (s: Json) => void) =>
	editRecords(f, 'sources.json', (sources) => edit(find(sources, 'article')));
function editLocations(f: Folder, edit: (collection: Json, features: Json[]) => void) {
	const collection = jsonOf<Json>(f, 'locations.geojson');
	edit(collection, collection.features as Json[]);
	setJson(f, 'locations.geojson', collection);
}
const editLocation = (f: Folder, id: string, edit: (feature: Json) => void) =>
	editLocations(f, (_c, features) => edit(find(features, id)));
const props = (feature: Json) => feature.properties as Json;
const geometry = (feature: Json) => feature.geometry as Json;

/** The source given a value for one of its unknown fields: its reason is then removed. */
function setSourceValue(f: Folder, field: string, value: unknown) {
	editSource(f, (s) => {
		s[field] = value;
		delete (s.unknown as Json)[field];
	});
}

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
/** Inserts raw bytes into a file just before the (unique) text `before`. */
function insertBytes(f: Folder, path: string, before: string, raw: number[]) {
	const text = textOf(f, path);
	const at = text.indexOf(before);
	if (at < 0 || text.indexOf(before, at + 1) >= 0)
		throw new Error(`make-corpus: ${JSON.stringify(before)} is not in ${path} exactly once`);
	const head = bytes(text.slice(0, at));
	f.set(path, concat(head, raw, bytes(text.slice(at))));
}
function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
	const units = (bom ? '\ufeff' : '') + text;
	const out = new Uint8Array(units.length * 2);
	for (let i = 0; i < units.length; i++) {
		const c = units.charCodeAt(i);
		out[endian === 'le' ? 2 * i : 2 * i + 1] = c & 0xff;
		out[endian === 'le' ? 2 * i + 1 : 2 * i] = c >> 8;
	}
	return out;
}

// ---- zips, CSV and nested exports of the seed ----

const ZIP_TIME = new Date('2024-11-01T00:00:00Z');
function zip(entries: Record<string, Uint8Array>): Uint8Array {
	const input: Zippable = {};
	for (const [name, content] of Object.entries(entries))
		input[name] = [content, { mtime: ZIP_TIME, level: 6 }];
	return zipSync(input);
}
/** The seed's files under `prefix`, as a dataset folder is zipped. */
function seedEntries(seed: Folder, prefix = 'dataset/'): Record<string, Uint8Array> {
	const out: Record<string, Uint8Array> = {};
	for (const [path, entry] of seed) if (entry instanceof Uint8Array) out[prefix + path] = entry;
	return out;
}
const u32le = (b: Uint8Array, at: number) =>
	(b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
function setU32(b: Uint8Array, at: number, value: number) {
	for (let k = 0; k < 4; k++) b[at + k] = (value >>> (8 * k)) & 0xff;
}
/** Offsets of the central headers and local headers of the entry named `name`. */
function headersOf(z: Uint8Array, name: string): { central: number; local: number } {
	const want = bytes(name);
	for (let at = 0; at + 46 <= z.length; at++) {
		if (u32le(z, at) !== 0x02014b50) continue;
		const length = z[at + 28]! | (z[at + 29]! << 8);
		const got = z.subarray(at + 46, at + 46 + length);
		if (length === want.length && got.every((c, i) => c === want[i]))
			return { central: at, local: u32le(z, at + 42) };
	}
	throw new Error(`make-corpus: no entry ${name} in the zip`);
}
/** Writes `value` at a central-header offset (and the same field of the local header). */
function patchEntry(z: Uint8Array, name: string, central: number, local: number, value: number) {
	const h = headersOf(z, name);
	setU32(z, h.central + central, value);
	if (local >= 0) setU32(z, h.local + local, value);
}
function patchU16(z: Uint8Array, name: string, central: number, local: number, value: number) {
	const h = headersOf(z, name);
	z[h.central + central] = value & 0xff;
	z[h.central + central + 1] = value >> 8;
	z[h.local + local] = value & 0xff;
	z[h.local + local + 1] = value >> 8;
}

async function seedDataset(seed: Folder): Promise<Dataset> {
	const files: Record<string, Uint8Array> = {};
	for (const [path, entry] of seed) if (entry instanceof Uint8Array) files[path] = entry;
	const result = validateDataset(files, { defaultName: 'geodata' });
	if (!result.dataset) throw new Error('make-corpus: the seed does not validate');
	return result.dataset;
}

const EXPORT_CONTEXT = {
	exportedAt: '2024-11-01T00:00:00.000Z',
	tool: { name: 'claims-map', version: '0.1.0' },
	filter: {}
};

/** The CSV export as rows of cells (header first), and back. */
function csvRows(csv: string): string[][] {
	const parsed = Papa.parse<string[]>(csv.replace(/\r\n$/, ''), {
		delimiter: ',',
		newline: '\r\n'
	});
	return parsed.data;
}
const csvText = (rows: string[][], newline = '\r\n') =>
	Papa.unparse(rows, { newline, quotes: false }) + newline;
function cell(
	rows: string[][],
	column: string,
	row: number
): { get: string; set(v: string): void } {
	const c = rows[0]!.indexOf(column);
	if (c < 0) throw new Error(`make-corpus: no CSV column ${column}`);
	return {
		get: rows[row - 1]![c]!,
		set: (v) => {
			rows[row - 1]![c] = v;
		}
	};
}

// ---- the cases ----

interface Context {
	seed: Folder;
	dataset: Dataset;
	csv: string;
	nested: string;
	flat: string;
	article: Uint8Array;
}

interface FolderCase {
	category: Category;
	name: string;
	defect: string;
	edit?: (f: Folder, ctx: Context) => void;
	errors: string[];
	warnings?: string[];
	control?: true;
}
interface ImportCase {
	category: Category;
	name: string;
	defect: string;
	inputs: (ctx: Context) => [string, Entry][];
	errors: string[];
	warnings?: string[];
	control?: true;
}
interface GeneratedCase {
	category: Category;
	name: string;
	defect: string;
	generate: string;
	via: 'validator' | 'import';
	errors: string[];
	warnings?: string[];
}

const C = (id: string) => `claims.json: claim "${id}"`;
const A = (id: string) => `actors.json: actor "${id}"`;
const S = 'sources.json: source "article"';
const L = (id: string) => `locations.geojson: location "${id}"`;

// Filled in below, category by category.
const folderCases: FolderCase[] = [];
const importCases: ImportCase[] = [];
const generatedCases: GeneratedCase[] = [];
const folder = (category: Category, list: Omit<FolderCase, 'category'>[]) =>
	folderCases.push(...list.map((c) => ({ category, ...c })));
const imports = (category: Category, list: Omit<ImportCase, 'category'>[]) =>
	importCases.push(...list.map((c) => ({ category, ...c })));

export { folderCases, importCases, generatedCases, NIS, SPECIAL, ZEL, ZEL14, VIDEO };
export { C, A, S, L, NOT_VERIFIED, CONCERNED, UNABLE, SHELLS, KREMLIN, RUTTE };
export {
	find,
	folder,
	imports,
	replaceOnce,
	editRecords,
	editClaim,
	editActor,
	editSource,
	editLocations,
	editLocation,
	props,
	geometry,
	setSourceValue,
	insertBytes,
	utf16,
	setText,
	setJson,
	textOf,
	jsonOf,
	fileOf,
	concat,
	bytes,
	zip,
	seedEntries,
	patchEntry,
	patchU16,
	csvRows,
	csvText,
	cell
};
export type { Folder, FolderCase, ImportCase, GeneratedCase, Context, Json };

// ---- writing ----

async function context(): Promise<Context> {
	const seed = await readSeed();
	const dataset = await seedDataset(seed);
	return {
		seed,
		dataset,
		csv: exportCsv(dataset, dataset.claims),
		nested: serializeExport('nested', dataset, dataset.claims, EXPORT_CONTEXT),
		flat: serializeExport('flat', dataset, dataset.claims, EXPORT_CONTEXT),
		article: fileOf(seed, 'sources/article.txt')
	};
}

const expectedText = (e: Expected) => JSON.stringify(e, null, '\t') + '\n';

async function writeEntry(dir: string, path: string, entry: Entry) {
	const target = join(dir, path);
	await mkdir(join(target, '..'), { recursive: true });
	if (entry instanceof Uint8Array) await writeFile(target, entry);
	else await symlink(entry.link, target);
}

/** Writes every case under `out` (emptied first); returns how many were written. */
export async function writeCorpus(out: string): Promise<number> {
	await loadCases();
	const ctx = await context();
	await rm(out, { recursive: true, force: true });
	let n = 0;
	for (const c of folderCases) {
		const f: Folder = new Map(ctx.seed);
		c.edit?.(f, ctx);
		if (!c.control && [...f].every(([p, e]) => ctx.seed.get(p) === e) && f.size === ctx.seed.size)
			throw new Error(`make-corpus: ${c.category}/${c.name} changes nothing in the seed`);
		const dir = join(out, c.category, c.name);
		await mkdir(dir, { recursive: true });
		for (const [path, entry] of [...f].sort(([a], [b]) => (a < b ? -1 : 1)))
			await writeEntry(dir, path, entry);
		const e: Expected = {
			category: c.category,
			defect: c.defect,
			via: 'validator',
			errors: c.errors
		};
		if (c.warnings) e.warnings = c.warnings;
		if (c.control) e.control = true;
		await writeFile(join(dir, 'expected.json'), expectedText(e));
		n++;
	}
	for (const c of importCases) {
		const dir = join(out, c.category, c.name);
		await mkdir(dir, { recursive: true });
		const inputs = c.inputs(ctx);
		for (const [name, content] of inputs) await writeEntry(dir, name, content);
		const e: Expected = {
			category: c.category,
			defect: c.defect,
			via: 'import',
			inputs: inputs.map(([name]) => name),
			errors: c.errors
		};
		if (c.warnings) e.warnings = c.warnings;
		if (c.control) e.control = true;
		await writeFile(join(dir, 'expected.json'), expectedText(e));
		n++;
	}
	for (const c of generatedCases) {
		const dir = join(out, c.category, c.name);
		await mkdir(dir, { recursive: true });
		const e: Expected = {
			category: c.category,
			defect: c.defect,
			via: c.via,
			generate: c.generate,
			errors: c.errors
		};
		if (c.warnings) e.warnings = c.warnings;
		await writeFile(join(dir, 'expected.json'), expectedText(e));
		n++;
	}
	return n;
}

/**
 * Builds a generated case: a dataset folder under `dir` (validator) or the files to import.
 * Called by the test, so that nothing large is committed.
 */
export async function generateCase(
	name: string,
	dir: string
): Promise<{ folder: string } | { inputs: { name: string; content: Uint8Array }[] }> {
	await loadCases();
	const ctx = await context();
	const gen = GENERATORS[name];
	if (!gen) throw new Error(`make-corpus: no generator ${name}`);
	const made = gen(ctx);
	if ('inputs' in made) return made;
	const f: Folder = new Map(ctx.seed);
	made.edit(f);
	await rm(dir, { recursive: true, force: true });
	for (const [path, entry] of f) await writeEntry(dir, path, entry);
	return { folder: dir };
}

type Generator = (
	ctx: Context
) => { edit: (f: Folder) => void } | { inputs: { name: string; content: Uint8Array }[] };
export const GENERATORS: Record<string, Generator> = {};

let loaded = false;
async function loadCases() {
	if (loaded) return;
	loaded = true;
	await import('./corpus-cases.ts');
}

/** Lists a tree: path → bytes, or `-> target` for a link; for comparing two corpora. */
export async function listTree(dir: string): Promise<Map<string, string | Uint8Array>> {
	const out = new Map<string, string | Uint8Array>();
	const walk = async (at: string) => {
		for (const name of (await readdir(at)).sort()) {
			const path = join(at, name);
			const info = await lstat(path);
			const key = relative(dir, path);
			if (info.isSymbolicLink()) out.set(key, `-> ${await readlink(path)}`);
			else if (info.isDirectory()) await walk(path);
			else out.set(key, new Uint8Array(await readFile(path)));
		}
	};
	await walk(dir);
	return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const out = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'tests/corpus';
	writeCorpus(out).then(
		(n) => console.log(`make-corpus: wrote ${n} cases to ${out}`),
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		}
	);
}
