/**
 * A table (`table.ts`) and its mapping (`table-mapping.ts`) into the files of a dataset folder,
 * checked by the one validator, with every message naming the user's file, row and column.
 *
 * What each row becomes:
 * - a place, when it has coordinates: rows with the same coordinates and name share one place;
 *   its precision is `unstated` unless the mapping says, and `coord_source` names the file and
 *   the rows. A row with no coordinates at all is a claim tied to no place (a warning counts them);
 * - a claim, `row-5` for row 5: a description (the table author's words) unless the mapping maps
 *   a column to `quote`; status `unverified` unless a column says; `said_on` null (with the
 *   reason) unless a statement-date column gives it; `occurred` from the event-date column;
 * - its claimant: one actor per distinct name in the claimant column; with no claimant column
 *   (or an empty cell), one actor, the table's author ("The author of FILE", or `mapping.author`);
 * - its evidence, from the evidence column (links separated by a character, or a JSON list of
 *   objects: the URL key, the caption key);
 * - its source: the document its source-URL/title/publisher columns name (one source per distinct
 *   one), or else the table itself, recorded as a source titled with the file name, retrieved on
 *   the day of the import, with its sha256 in the note when given.
 *
 * Nothing is dropped unlisted: each unmapped, non-empty cell is kept in its claim's `extra`, by
 * column name, and a warning lists those columns; columns the mapping `ignore`s are listed in a
 * warning too. Keys of evidence objects other than the URL and the caption are kept the same way
 * (`Column[1].key`).
 */
import type { DatasetIssue } from './issues.ts';
import type { Dataset } from './schema.ts';
import { slugify } from './format.ts';
import type { Table } from './table.ts';
import {
	checkMapping,
	detectDateFormat,
	linkCount,
	readDate,
	readFigure,
	readNumber,
	splitLatLon,
	UNKNOWN_WORDS,
	type DateFormat,
	type TableField,
	type TableMapping
} from './table-mapping.ts';
import { STATUSES, type Status } from './vocabulary.ts';
import { datasetFiles, validateDataset, type TextFiles } from './validate.ts';

export interface TableImportOptions {
	/** The file name as the user gave it: the source's title, and named by every message. */
	fileName: string;
	/** The SHA-256 of the file, kept in the source's note. */
	sha256?: string;
	/** The day of the import, YYYY-MM-DD: the table source's `retrieved_on`. */
	importedOn: string;
	/** The day dates are checked against (the validator's `today`). */
	today?: string;
}

export interface TableImportResult {
	/** The dataset folder's files, when there is no error. */
	files: TextFiles | null;
	dataset: Dataset | null;
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
}

/** The source that is the table itself, when a row names no document of its own. */
export const TABLE_SOURCE_ID = 'table';
export const TABLE_AUTHOR_ID = 'table-author';

type Json = Record<string, unknown>;

export function tableToDataset(
	table: Table,
	mapping: TableMapping,
	options: TableImportOptions
): TableImportResult {
	const file = options.fileName;
	const errors: DatasetIssue[] = [];
	const warnings: DatasetIssue[] = [];
	const fail = (message: string, record?: string, field?: string) =>
		errors.push({ severity: 'error', file, record, field, message });
	const warn = (message: string, record?: string, field?: string) =>
		warnings.push({ severity: 'warning', file, record, field, message });

	for (const p of checkMapping(mapping, table.header)) fail(`the mapping: ${p}`);
	if (errors.length) return { files: null, dataset: null, errors, warnings };

	const cols = mapping.columns;
	const at = (field: TableField) => {
		const name = cols[field];
		return name === undefined ? -1 : table.header.indexOf(name);
	};
	const idx = Object.fromEntries(
		(Object.keys(cols) as TableField[]).map((f) => [f, at(f)])
	) as Partial<Record<TableField, number>>;
	const cell = (cells: string[], field: TableField) => {
		const i = idx[field];
		return i === undefined || i < 0 ? '' : cells[i]!;
	};

	// Each date column's format: given, or read off values that leave no doubt.
	const formats: Partial<Record<'occurred' | 'said_on', DateFormat>> = {};
	for (const field of ['occurred', 'said_on'] as const) {
		const i = idx[field];
		if (i === undefined) continue;
		const given = mapping.dateFormats?.[field];
		if (given) {
			formats[field] = given;
			continue;
		}
		const found = detectDateFormat(table.rows.map((r) => r.cells[i]!));
		if (found === 'ambiguous') {
			const first = table.rows.find((r) => r.cells[i]!.trim() !== '')!;
			fail(
				`${JSON.stringify(first.cells[i])}: every day and month in this column is 12 or under, so it could be day/month or month/day: say which (--date-format dmy or mdy, or "dateFormats": {"${field}": "dmy"} in the mapping)`,
				first.label,
				cols[field]
			);
		} else formats[field] = found ?? 'iso';
	}
	if (errors.length) return { files: null, dataset: null, errors, warnings };

	const facetCols = (mapping.facets ?? []).map((f) => ({
		...f,
		i: table.header.indexOf(f.column)
	}));
	const numberCols = (mapping.numbers ?? []).map((n) => ({
		...n,
		i: table.header.indexOf(n.column)
	}));
	// Facet and figure ids from their column names, distinct among them (they share the URL).
	const declaredIds = new Set<string>();
	const declaredId = (column: string) => {
		const base = slugify(column, 40) || 'field';
		let id = /^\d/.test(base) ? `field-${base}` : base;
		for (let n = 2; declaredIds.has(id); n++) id = `${base}-${n}`;
		declaredIds.add(id);
		return id;
	};
	const facets = facetCols.map((f) => ({
		...f,
		id: declaredId(f.column),
		// Value ids by the slug of the value: "Drone" and "drone " are one value, labelled as first met.
		values: new Map<string, string>(),
		/** Each value as written to its id: a slug once per distinct spelling, not once per cell. */
		ids: new Map<string, string>()
	}));
	const figures = numberCols.map((n) => ({ ...n, id: declaredId(n.column) }));
	const columnOfDeclared = new Map<string, string>([
		...facets.map((f) => [`tags.${f.id}`, f.column] as const),
		...figures.map((n) => [`numbers.${n.id}`, n.column] as const)
	]);

	const mapped = new Set([
		...Object.values(cols),
		...facetCols.map((f) => f.column),
		...numberCols.map((n) => n.column)
	]);
	const ignored = new Set(mapping.ignore ?? []);
	const extraCols = table.header
		.map((name, i) => ({ name, i }))
		.filter(({ name }) => !mapped.has(name) && !ignored.has(name));
	const extraUsed = new Set<string>();

	// Where each record came from, so that the validator's messages can name the row and column.
	const rowsOf = new Map<string, string[]>();
	const note = (key: string, label: string) => {
		const list = rowsOf.get(key);
		if (list) list.push(label);
		else rowsOf.set(key, [label]);
	};

	const locations: Json[] = [];
	const placeByKey = new Map<string, Json>();
	// Ids are unique within their file: one set for each.
	const idSets = new Map<string, Set<string>>();
	const uniqueId = (base: string, fallback: string) => {
		let usedIds = idSets.get(fallback);
		if (!usedIds) idSets.set(fallback, (usedIds = new Set()));
		let id = slugify(base, 50) || fallback;
		if (/^\d/.test(id)) id = `${fallback}-${id}`;
		if (!usedIds.has(id)) {
			usedIds.add(id);
			return id;
		}
		let n = 2;
		while (usedIds.has(`${id}-${n}`)) n++;
		usedIds.add(`${id}-${n}`);
		return `${id}-${n}`;
	};
	const actors: Json[] = [];
	const actorByName = new Map<string, string>();
	const sources: Json[] = [];
	const sourceByKey = new Map<string, string>();
	const claims: Json[] = [];
	/** One actor per distinct name: claimants and geolocators alike. */
	const actorNamed = (name: string, label: string) => {
		let id = actorByName.get(name);
		if (!id) {
			id = uniqueId(name, 'actor');
			actorByName.set(name, id);
			actors.push({ id, name, kind: 'other', note: `Named in ${file}, ${label}.` });
		}
		note(`actor:${id}`, label);
		return id;
	};
	/** Several names in one cell, separated by `,`, `;`, `|` or " and ". */
	const actorsNamed = (text: string, label: string) =>
		[
			...new Set(
				text
					.split(/\s*[,;|]\s*|\s+and\s+|\s*&\s*/)
					.map((n) => n.trim())
					.filter(Boolean)
			)
		].map((name) => actorNamed(name, label));
	const language = mapping.language ?? 'en';
	let authorUsed = false;
	let noPlace = 0;
	let noText = 0;

	const tableSource: Json = {
		id: TABLE_SOURCE_ID,
		title: file,
		publisher: null,
		url: null,
		published: null,
		retrieved_on: options.importedOn,
		language,
		unknown: {
			publisher: 'a table file: who published it is not recorded in it',
			url: 'a table file, imported from disk',
			published: 'a table file: when it was published is not recorded in it'
		},
		note:
			`The table ${file}, imported on ${options.importedOn}` +
			(options.sha256 ? ` (SHA-256 ${options.sha256}).` : '.')
	};
	let tableSourceUsed = false;

	for (const row of table.rows) {
		const { cells, label } = row;
		const claimId = uniqueId(label, 'item');
		note(`claim:${claimId}`, label);
		const before = errors.length;

		// The place.
		let position: [number, number] | null = null;
		let written = '';
		if (idx.coordinates !== undefined) {
			const text = cell(cells, 'coordinates');
			if (text.trim() !== '') {
				const ll = splitLatLon(text);
				if (ll) {
					position = [ll[1], ll[0]];
					written = text.trim();
				} else
					fail(
						`${JSON.stringify(text)} is not "latitude, longitude" in decimal degrees`,
						label,
						cols.coordinates
					);
			}
		} else if (idx.latitude !== undefined) {
			const latText = cell(cells, 'latitude');
			const lonText = cell(cells, 'longitude');
			if (latText.trim() !== '' || lonText.trim() !== '') {
				const lat = readNumber(latText);
				const lon = readNumber(lonText);
				if (lat === null)
					fail(
						`${JSON.stringify(latText)} is not a latitude in decimal degrees`,
						label,
						cols.latitude
					);
				if (lon === null)
					fail(
						`${JSON.stringify(lonText)} is not a longitude in decimal degrees`,
						label,
						cols.longitude
					);
				if (lat !== null && lon !== null) {
					position = [lon, lat];
					written = `${latText.trim()}, ${lonText.trim()}`;
				}
			}
		}
		const locationIds: string[] = [];
		const geolocators =
			idx.geolocated_by === undefined ? [] : actorsNamed(cell(cells, 'geolocated_by'), label);
		if (position) {
			const name = cell(cells, 'place').trim() || written;
			const key = `${position[0]}|${position[1]}|${name}`;
			let place = placeByKey.get(key);
			if (!place) {
				place = {
					type: 'Feature',
					id: uniqueId(name, 'place'),
					geometry: { type: 'Point', coordinates: position },
					properties: {
						name,
						alt_names: [],
						kind: 'place',
						admin1: null,
						country: null,
						precision: mapping.precision ?? 'unstated',
						coord_source: `${file}, ${label}`
					}
				};
				placeByKey.set(key, place);
				locations.push(place);
			}
			note(`location:${place.id as string}`, label);
			locationIds.push(place.id as string);
			if (geolocators.length) {
				// Rows sharing a place credit everyone who geolocated it, once each.
				const props = place.properties as Json;
				const credited = (props.geolocated_by as string[] | undefined) ?? [];
				for (const id of geolocators) if (!credited.includes(id)) credited.push(id);
				props.geolocated_by = credited;
			}
		} else if (errors.length === before) noPlace++;

		// The claimant.
		let claimant = TABLE_AUTHOR_ID;
		const who = cell(cells, 'claimant').trim();
		if (who) claimant = actorNamed(who, label);
		else authorUsed = true;

		// The source.
		let source = TABLE_SOURCE_ID;
		const url = cell(cells, 'source_url').trim();
		const title = cell(cells, 'source_title').trim();
		const publisher = cell(cells, 'source_publisher').trim();
		if (linkCount(url) > 1)
			fail(
				`${linkCount(url)} links in one cell, where a source has one URL: map this column to evidence`,
				label,
				cols.source_url
			);
		if (url || title || publisher) {
			const key = `${url}\u0000${title}\u0000${publisher}`;
			let id = sourceByKey.get(key);
			if (!id) {
				id = uniqueId(`source ${sources.length + 1}`, 'source');
				sourceByKey.set(key, id);
				const unknown: Json = {};
				const given = (value: string, field: string, column: string | undefined) => {
					if (value) return value;
					unknown[field] = column
						? `not given in ${file} (column ${JSON.stringify(column)} is empty in ${label})`
						: `not given in ${file}`;
					return null;
				};
				const record: Json = {
					id,
					title: given(title, 'title', cols.source_title),
					publisher: given(publisher, 'publisher', cols.source_publisher),
					url: given(url, 'url', cols.source_url),
					published: null,
					language
				};
				unknown.published = `not given in ${file}`;
				record.unknown = unknown;
				record.note = `Named in ${file}, ${label}.`;
				sources.push(record);
			}
			note(`source:${id}`, label);
			source = id;
		} else tableSourceUsed = true;

		// The claim.
		const claim: Json = { id: claimId, claimant };
		const saidText = cell(cells, 'said_on');
		if (saidText.trim() !== '') {
			const d = readDate(saidText, formats.said_on!);
			if (d.ok) claim.said_on = d.iso;
			else fail(d.message, label, cols.said_on);
		} else {
			claim.said_on = null;
			claim.unknown = {
				said_on: cols.said_on
					? `${file} gives no date in column ${JSON.stringify(cols.said_on)} for ${label}`
					: `${file} dates no statement: it has no column for when the claim was made`
			};
		}
		const occurredText = cell(cells, 'occurred');
		if (occurredText.trim() !== '') {
			const d = readDate(occurredText, formats.occurred!);
			if (d.ok) claim.occurred = d.iso;
			else fail(d.message, label, cols.occurred);
		}
		const quote = cell(cells, 'quote');
		const text = cell(cells, cols.quote !== undefined ? 'quote' : 'description');
		if (cols.quote !== undefined && quote.trim() !== '') {
			claim.quote = quote;
			claim.quote_kind = mapping.quoteKind ?? 'reported';
		} else if (text.trim() !== '') claim.description = text;
		else {
			claim.description = `Listed in ${file}, ${label}, with no text of its own.`;
			noText++;
		}
		claim.source = source;
		claim.locations = locationIds;
		const statusText = cell(cells, 'status').trim().toLowerCase();
		if (statusText === '') claim.status = 'unverified';
		else if ((STATUSES as readonly string[]).includes(statusText))
			claim.status = statusText as Status;
		else
			fail(
				`${JSON.stringify(cell(cells, 'status'))} is not a status: one of ${STATUSES.join(', ')}`,
				label,
				cols.status
			);

		const tags: Json = {};
		for (const facet of facets) {
			const text = cells[facet.i]!;
			const parts = (facet.separator === undefined ? [text] : text.split(facet.separator))
				.map((p) => p.trim())
				.filter(Boolean);
			const ids: string[] = [];
			for (const part of parts) {
				let id = facet.ids.get(part);
				if (id === undefined) facet.ids.set(part, (id = valueId(part)));
				if (!facet.values.has(id)) facet.values.set(id, part);
				if (!ids.includes(id)) ids.push(id);
			}
			if (ids.length) tags[facet.id] = facet.separator === undefined ? ids[0] : ids;
		}
		if (Object.keys(tags).length) claim.tags = tags;
		const numbers: Json = {};
		for (const figure of figures) {
			const text = cells[figure.i]!;
			if (text.trim() === '') continue;
			const read = readFigure(text, figure.unknown);
			if (read.ok) numbers[figure.id] = read.value;
			else
				fail(
					`${JSON.stringify(text)} is not a number (nor a word for unknown: ${(figure.unknown ?? UNKNOWN_WORDS).map((w) => JSON.stringify(w)).join(', ')})`,
					label,
					figure.column
				);
		}
		if (Object.keys(numbers).length) claim.numbers = numbers;

		const extra: Record<string, string> = {};
		const evidenceText = cell(cells, 'evidence');
		if (evidenceText.trim() !== '') {
			const ev = readEvidence(evidenceText, mapping, cols.evidence!, extra);
			if (typeof ev === 'string') fail(ev, label, cols.evidence);
			else if (ev.length) claim.evidence = ev;
		}
		const own = cell(cells, 'note').trim();
		if (own) claim.note = own;
		for (const { name, i } of extraCols) {
			const value = cells[i]!;
			if (value.trim() === '') continue;
			extraUsed.add(name);
			extra[name] = value;
		}
		if (Object.keys(extra).length) claim.extra = extra;
		claims.push(claim);
	}
	if (errors.length) return { files: null, dataset: null, errors, warnings };

	if (authorUsed)
		actors.unshift({
			id: TABLE_AUTHOR_ID,
			name: mapping.author ?? `The author of ${file}`,
			kind: 'other',
			note: cols.claimant
				? `The claimant of the rows of ${file} whose column ${JSON.stringify(cols.claimant)} is empty.`
				: `${file} names no claimant: its rows are its author’s claims.`
		});
	if (tableSourceUsed) sources.unshift(tableSource);

	if (extraUsed.size)
		warn(
			`kept in each claim’s "extra", by column name, as no field takes them: ${[...extraUsed].map((c) => JSON.stringify(c)).join(', ')}`
		);
	if (ignored.size)
		warn(
			`left out, as the mapping says (ignore): ${[...ignored].map((c) => JSON.stringify(c)).join(', ')}`
		);
	if (noPlace) warn(`${noPlace} row(s) have no coordinates: their claims are tied to no place`);
	if (noText)
		warn(
			`${noText} row(s) have no text${cols.description ? ` in column ${JSON.stringify(cols.description)}` : ''}: each such claim's description says which row it is`
		);

	const files = datasetFiles({
		meta: {
			name: file,
			format: 2,
			description: `Imported from the table ${file} on ${options.importedOn}.`,
			...(facets.length
				? {
						facets: facets.map((f) => ({
							id: f.id,
							label: f.column,
							applies_to: 'claims' as const,
							...(f.separator === undefined ? {} : { multiple: true }),
							values: [...f.values].map(([id, label]) => ({ id, label }))
						}))
					}
				: {}),
			...(figures.length
				? {
						numbers: figures.map((n) => ({
							id: n.id,
							label: n.column,
							applies_to: 'claims' as const
						}))
					}
				: {})
		},
		locations,
		actors,
		sources,
		claims,
		texts: {}
	});
	const result = validateDataset(files, { defaultName: file, today: options.today });
	const relabel = relabeller(file, cols, rowsOf, columnOfDeclared);
	return {
		files: result.dataset ? files : null,
		dataset: result.dataset,
		errors: result.errors.map(relabel),
		warnings: [...warnings, ...result.warnings.map(relabel)]
	};
}

/** A facet value's id: its slug, or a slug of its code points for a value with no letters. */
function valueId(value: string): string {
	const slug = slugify(value, 50);
	if (slug) return slug;
	return `value-${[...value].map((c) => c.codePointAt(0)!.toString(36)).join('-')}`.slice(0, 60);
}

/** Evidence items from one cell, or why the cell cannot be read as such. */
function readEvidence(
	text: string,
	mapping: TableMapping,
	column: string,
	extra: Record<string, string>
): Json[] | string {
	const kind = mapping.evidenceKind ?? 'other';
	const keys = mapping.evidenceKeys;
	if (keys) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return `not a JSON list of objects with a ${JSON.stringify(keys.url)} key`;
		}
		if (!Array.isArray(parsed))
			return `not a JSON list of objects with a ${JSON.stringify(keys.url)} key`;
		const items: Json[] = [];
		for (const [n, item] of parsed.entries()) {
			if (typeof item !== 'object' || item === null || Array.isArray(item))
				return `item ${n + 1} of the list is not an object`;
			const o = item as Json;
			const url = o[keys.url];
			if (typeof url !== 'string' || url.trim() === '')
				return `item ${n + 1} of the list has no ${JSON.stringify(keys.url)} text`;
			const e: Json = { kind, url: url.trim() };
			const caption = keys.caption === undefined ? undefined : o[keys.caption];
			if (typeof caption === 'string' && caption.trim() !== '') e.caption = caption;
			for (const [k, v] of Object.entries(o)) {
				if (k === keys.url || (k === keys.caption && typeof v === 'string')) continue;
				if (v === null || v === '') continue;
				extra[`${column}[${n + 1}].${k}`] = typeof v === 'string' ? v : JSON.stringify(v);
			}
			items.push(e);
		}
		return items;
	}
	const sep = mapping.evidenceSeparator;
	const parts = sep === undefined ? [text] : text.split(sep);
	return parts
		.map((p) => p.trim())
		.filter(Boolean)
		.map((url) => ({ kind, url }));
}

/** A validator issue against the generated files → against the user's file, row and column. */
function relabeller(
	file: string,
	cols: Partial<Record<TableField, string>>,
	rowsOf: Map<string, string[]>,
	columnOfDeclared: Map<string, string>
) {
	const claimField: Record<string, TableField> = {
		occurred: 'occurred',
		said_on: 'said_on',
		unknown: 'said_on',
		description: 'description',
		quote: 'quote',
		quote_kind: 'quote',
		status: 'status',
		claimant: 'claimant',
		evidence: 'evidence',
		note: 'note',
		extra: 'note'
	};
	return (issue: DatasetIssue): DatasetIssue => {
		const m = /^(claim|location|actor|source) "(.*)"/.exec(issue.record ?? '');
		if (!m) return { ...issue, file, message: `${issue.file}: ${issue.message}` };
		const [, kind, id] = m;
		const rows = rowsOf.get(`${kind}:${id}`);
		if (!rows) return { ...issue, file, message: `${issue.record}: ${issue.message}` };
		const record = rows.length === 1 ? rows[0] : `${rows[0]} (and ${rows.length - 1} more rows)`;
		const top = (issue.field ?? '').split(/[.[]/)[0]!;
		let field: TableField | undefined;
		if (kind === 'claim') field = claimField[top];
		else if (kind === 'actor') field = 'claimant';
		else if (kind === 'source')
			field =
				top === 'url' ? 'source_url' : top === 'publisher' ? 'source_publisher' : 'source_title';
		else if (kind === 'location') {
			if (issue.field?.startsWith('geometry.coordinates'))
				field = cols.coordinates
					? 'coordinates'
					: issue.field.endsWith('[1]')
						? 'latitude'
						: 'longitude';
			else if (issue.field === 'properties.name') field = 'place';
			else if (issue.field?.startsWith('properties.geolocated_by')) field = 'geolocated_by';
		}
		// `tags.weapon[1]`, `numbers.killed`: the facet's or figure's own column.
		const declared = /^(tags|numbers)\.[^.[]+/.exec(issue.field ?? '')?.[0];
		const column = field ? cols[field] : declared ? columnOfDeclared.get(declared) : undefined;
		const what = issue.field && !column ? ` (${issue.field})` : '';
		return { ...issue, file, record, field: column, message: `${issue.message}${what}` };
	};
}
