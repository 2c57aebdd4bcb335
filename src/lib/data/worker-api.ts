/**
 * What the data worker does, as a class with its dependencies given (the browser's storage and
 * `fetch`), so that the unit tests run it in Node exactly as the worker does. The worker holds one
 * dataset open at a time, plus the built-in one and the imports kept for this visit only.
 */
import type { ExportContext, ExportFormat } from '../domain/export.ts';
import { EMPTY_FILTER, isEmptyFilter, type ClaimFilter } from '../domain/claim-filter.ts';
import type { ImportFile, ImportKind } from '../domain/import.ts';
import type { Dataset } from '../domain/schema.ts';
import type { Library, StoredDataset } from '../state/library.ts';
import { classifyStorageError, DamagedDatasetError } from '../state/storage-problems.ts';
import type { DatasetView } from './dataset-view.ts';
import { SummaryView, summaryOf } from './place-summary.ts';
import type {
	Bounds,
	DataApi,
	FacetSearch,
	ImportOutcome,
	KeepRequest,
	OpenResult,
	Overview,
	ProgressReport,
	SortKey,
	TableOpened
} from './protocol.ts';
import type { Table } from '../domain/table.ts';
import type { TableMapping } from '../domain/table-mapping.ts';
import { fetchPlaceSummary, fetchStaticParts } from './static-parts.ts';

/**
 * The full view of a dataset. Its code (the join, the filter index) loads with the first dataset
 * read whole: the built-in one is drawn from the summary of its places before.
 */
async function viewOf(dataset: Dataset, layer?: SummaryView['layer']): Promise<DatasetView> {
	const { DatasetView } = await import('./dataset-view.ts');
	const view = new DatasetView(dataset, layer);
	// The first search would normalise every claim's text at once (seconds at a million claims):
	// done now a slice at a time, each short enough for the page's next question to come between.
	const step = () => {
		if (!view.index.prepareText(SEARCH_SLICE)) setTimeout(step, 0);
	};
	setTimeout(step, 0);
	return view;
}

/** Claims whose search text one task normalises: some 30 ms at a million claims here. */
const SEARCH_SLICE = 5000;

export interface WorkerDeps {
	library: Pick<Library, 'get' | 'put'> & Partial<Pick<Library, 'places'>>;
	fetch?: (url: string) => Promise<Response>;
}

/**
 * A dataset the worker can show: its full view, or, until that is loaded, the summary of its
 * places (the built-in dataset), which answers the first questions (no filter: the counts, the
 * list, the map) while the claims are fetched and indexed.
 */
class Opened {
	readonly summary: SummaryView | null;
	full: DatasetView | null;
	#loading: Promise<DatasetView> | null = null;
	readonly #load: (() => Promise<DatasetView>) | null;

	constructor(
		from: { full: DatasetView } | { summary: SummaryView; load: () => Promise<DatasetView> }
	) {
		if ('full' in from) {
			this.full = from.full;
			this.summary = null;
			this.#load = null;
		} else {
			this.full = null;
			this.summary = from.summary;
			this.#load = from.load;
		}
	}

	get overview(): Overview {
		return (this.full ?? this.summary!).overview;
	}

	/** The full view, loaded once; a load that failed is tried again at the next question. */
	whole(): Promise<DatasetView> {
		if (this.full) return Promise.resolve(this.full);
		this.#loading ??= this.#load!().then(
			(view) => (this.full = view),
			(error) => {
				this.#loading = null;
				throw error;
			}
		);
		return this.#loading;
	}
}

export class WorkerApi implements DataApi {
	readonly #deps: WorkerDeps;
	#shown: Opened | null = null;
	/**
	 * Set by the first question about the dataset shown that its summary cannot answer: every
	 * question after it waits for the full view too, so that answers come in the order asked and
	 * none of them shows the unfiltered summary after a filter.
	 */
	#needsFull = false;
	#builtin: Promise<Opened> | null = null;
	/** Imports the browser would not keep, by id: they last as long as the page. */
	readonly #visit = new Map<string, DatasetView>();
	/** A valid import, until the page names it and says whether to store it. */
	#pending: { dataset: Dataset; kind: ImportKind; view: DatasetView } | null = null;

	constructor(deps: WorkerDeps) {
		this.#deps = deps;
	}

	get #opened(): Opened {
		if (!this.#shown) throw new Error('no dataset is open');
		return this.#shown;
	}

	/** The summary, while it is the right one to answer from; null when the full view is. */
	get #summary(): SummaryView | null {
		const opened = this.#opened;
		return opened.full || this.#needsFull ? null : opened.summary;
	}

	/** The full view: at once when it is loaded, or after its load. */
	#full(): DatasetView | Promise<DatasetView> {
		const opened = this.#opened;
		if (opened.full) return opened.full;
		this.#needsFull = true;
		return opened.whole();
	}

	async openBuiltin(base: string): Promise<Overview> {
		this.#builtin ??= fetchPlaceSummary(base, this.#deps.fetch).then((places) => {
			const summary = new SummaryView(places);
			return new Opened({
				summary,
				load: () =>
					fetchStaticParts(base, this.#deps.fetch).then((dataset) => viewOf(dataset, summary.layer))
			});
		});
		this.#builtin.catch(() => (this.#builtin = null));
		return this.#show(await this.#builtin);
	}

	#show(opened: Opened): Overview {
		// Each dataset opens unfiltered: the page applies the URL's filter after.
		if (opened.full?.filtering) opened.full.setFilter(EMPTY_FILTER);
		this.#shown = opened;
		this.#needsFull = false;
		return opened.overview;
	}

	async open(id: string): Promise<OpenResult> {
		const kept = this.#visit.get(id);
		if (kept) return { overview: this.#show(new Opened({ full: kept })) };
		const { library } = this.#deps;
		let stored: StoredDataset | undefined;
		try {
			// A dataset stored with the summary of its places is drawn from it while it is read.
			const places = await library.places?.(id);
			if (places) {
				const summary = new SummaryView(places);
				const load = async () => {
					const record = await library.get(id);
					if (!record) throw new DamagedDatasetError(id);
					return viewOf(record.dataset, summary.layer);
				};
				return { overview: this.#show(new Opened({ summary, load })) };
			}
			stored = await library.get(id);
		} catch (error) {
			if (error instanceof DamagedDatasetError) return { damaged: true };
			return { storageFailed: classifyStorageError(error) };
		}
		if (!stored) return { missing: true };
		return { overview: this.#show(new Opened({ full: await viewOf(stored.dataset) })) };
	}

	async importFiles(
		files: File[],
		names: string[],
		defaultName: string,
		onProgress: (progress: ProgressReport) => void
	): Promise<ImportOutcome> {
		this.#pending = null;
		const total = files.reduce((n, f) => n + f.size, 0);
		let done = 0;
		let reported = 0;
		const report = (n: number) => {
			done += n;
			// About a hundred reports for the whole import, not one per chunk.
			if (done - reported > total / 100 || done === total) {
				reported = done;
				onProgress({ phase: 'reading', done, total });
			}
		};
		// Bytes as read: the import decodes them strictly, refusing what is not UTF-8 with where,
		// where a TextDecoder here would put U+FFFD in a quote without a word.
		const contents = await readFiles(files, report);
		const inputs: ImportFile[] = files.map((file, i) => ({
			name: names[i] ?? file.name,
			content: contents[i]!
		}));
		onProgress({ phase: 'validating' });
		// The readers and the validator (zod, papaparse, fflate) load with the first import.
		const { importFiles } = await import('../domain/import.ts');
		const result = importFiles(inputs, defaultName);
		if (!result.dataset || !result.kind)
			return { errors: result.errors, warnings: result.warnings };
		const view = await viewOf(result.dataset);
		this.#pending = { dataset: result.dataset, kind: result.kind, view };
		return {
			errors: [],
			warnings: result.warnings,
			kind: result.kind,
			overview: view.overview
		};
	}

	async openTable(file: File): Promise<TableOpened> {
		this.#pending = null;
		this.#table = null;
		const bytes = new Uint8Array(await file.arrayBuffer());
		const [{ readTableFile }, { guessMapping }] = await Promise.all([
			import('../domain/table-files.ts'),
			import('../domain/table-mapping.ts')
		]);
		const empty = {
			fileName: file.name,
			header: [],
			rows: 0,
			samples: [],
			mapping: null,
			notes: []
		};
		const read = await readTableFile(file.name, bytes);
		if (!read.table) return { ...empty, errors: read.errors, warnings: read.warnings };
		const table = read.table;
		const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
		const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
		this.#table = { table, sha256 };
		const cells = table.rows.map((r) => r.cells);
		const guessed = guessMapping(table.header, cells);
		return {
			errors: [],
			warnings: read.warnings,
			fileName: file.name,
			header: table.header,
			rows: table.rows.length,
			samples: table.header.map((_, i) => {
				const values: string[] = [];
				for (const row of cells) {
					const v = row[i]!.trim();
					if (v && !values.includes(v)) values.push(v);
					if (values.length === 3) break;
				}
				return values;
			}),
			mapping: guessed.mapping,
			notes: guessed.notes
		};
	}

	async previewTable(mapping: TableMapping, rows: number) {
		const held = this.#table;
		if (!held) throw new Error('there is no table open');
		const { previewTable } = await import('../domain/table-preview.ts');
		return previewTable(held.table, mapping, this.#tableOptions(held), rows);
	}

	async importTable(mapping: TableMapping): Promise<ImportOutcome> {
		const held = this.#table;
		if (!held) throw new Error('there is no table open');
		const { tableToDataset } = await import('../domain/table-import.ts');
		const result = tableToDataset(held.table, mapping, this.#tableOptions(held));
		if (!result.dataset) return { errors: result.errors, warnings: result.warnings };
		this.#table = null;
		const view = await viewOf(result.dataset);
		this.#pending = { dataset: result.dataset, kind: 'table', view };
		return { errors: [], warnings: result.warnings, kind: 'table', overview: view.overview };
	}

	#tableOptions(held: { table: Table; sha256: string }) {
		return {
			fileName: held.table.fileName,
			sha256: held.sha256,
			importedOn: new Date().toISOString().slice(0, 10)
		};
	}

	/** The table the mapping preview is for, until it is imported or another is opened. */
	#table: { table: Table; sha256: string } | null = null;

	async keepImport(request: KeepRequest) {
		const pending = this.#pending;
		if (!pending) throw new Error('there is no import to keep');
		this.#pending = null;
		const { store, ...info } = request;
		let notKept;
		if (store) {
			try {
				await this.#deps.library.put({
					...info,
					kind: pending.kind,
					dataset: pending.dataset,
					places: summaryOf(pending.view)
				});
			} catch (error) {
				notKept = classifyStorageError(error);
			}
		}
		if (!store || notKept) this.#visit.set(request.id, pending.view);
		this.#show(new Opened({ full: pending.view }));
		return notKept ? { notKept } : {};
	}

	forget(id: string) {
		this.#visit.delete(id);
	}

	async setFilter(filter: ClaimFilter, within: FacetSearch) {
		const summary = this.#summary;
		// The summary holds the timeline of when claims were said: when they happened needs them all.
		const said = (filter.time ?? 'said') === 'said';
		if (summary && said && isEmptyFilter(filter) && !Object.values(within).some(Boolean))
			return summary.unfiltered;
		return (await this.#full()).setFilter(filter, within);
	}
	async facets(within: FacetSearch) {
		const summary = this.#summary;
		if (summary && !Object.values(within).some(Boolean)) {
			const { facets, tags } = summary.unfiltered;
			return { facets, tags };
		}
		return (await this.#full()).facets(within);
	}
	async list(sort: SortKey, offset: number, limit: number, find?: string) {
		return (this.#summary ?? (await this.#full())).list(sort, offset, limit, find);
	}
	async locate(id: string) {
		return (this.#summary?.layer ?? (await this.#full())).locate(id);
	}
	async place(index: number, limit: number) {
		return (await this.#full()).place(index, limit);
	}
	async findClaim(id: string) {
		return (await this.#full()).findClaim(id);
	}
	async readSource(id: string) {
		return (await this.#full()).readSource(id);
	}
	async unlocated(limit: number) {
		return (await this.#full()).unlocated(limit);
	}
	async view(bounds: Bounds, zoom: number) {
		const summary = this.#summary;
		if (!summary) return (await this.#full()).view(bounds, zoom);
		return summary.view(bounds, zoom);
	}
	async loadRecords() {
		// A failure is the next question's to report: the claims are asked for again then.
		await this.#opened.whole().catch(() => {});
	}
	async clusterZoom(clusterId: number) {
		// The same clusters whichever answers: the full view shares the summary's layer.
		return (this.#summary?.layer ?? (await this.#full())).clusterZoom(clusterId);
	}
	async exportFile(format: ExportFormat, context: ExportContext) {
		// The export code (and papaparse) loads when a format is picked, not with the worker.
		const { exportFileName, exportParts, EXPORT_MEDIA_TYPES } = await import('../domain/export.ts');
		const view = await this.#full();
		// In parts (at L the file passes V8's longest string), a Blob per 2^26 characters of them,
		// so that each batch of strings is handed to the Blob's store and can be collected.
		const chunks: Blob[] = [];
		let parts: string[] = [];
		let size = 0;
		for (const part of exportParts(format, view.dataset, view.visibleClaims, context)) {
			parts.push(part);
			size += part.length;
			if (size < 2 ** 26) continue;
			chunks.push(new Blob(parts));
			parts = [];
			size = 0;
		}
		chunks.push(new Blob(parts));
		const type = EXPORT_MEDIA_TYPES[format];
		return {
			name: exportFileName(view.dataset, format, context.exportedAt),
			blob: new Blob(chunks, { type })
		};
	}
}

/** Files read at once. Each read is a round trip to the browser's file system: a folder of
 * 10,000 source texts read one after another spent 9 s of an import at M waiting, 5 s at 16 at a
 * time (64 at a time is no faster: the browser's side is then the bound). */
const READ_CONCURRENCY = 16;
/** Files above this size are streamed, so that the progress moves while they are read. */
const STREAM_ABOVE = 4 << 20;

async function readFiles(files: File[], onBytes: (n: number) => void): Promise<Uint8Array[]> {
	const out: Uint8Array[] = new Array(files.length);
	let next = 0;
	const reader = async () => {
		while (next < files.length) {
			const i = next++;
			const file = files[i]!;
			if (file.size > STREAM_ABOVE) out[i] = await readStreamed(file, onBytes);
			else {
				out[i] = new Uint8Array(await file.arrayBuffer());
				onBytes(file.size);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, reader));
	return out;
}

async function readStreamed(file: File, onBytes: (n: number) => void): Promise<Uint8Array> {
	const reader = file.stream().getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		size += value.length;
		onBytes(value.length);
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.length;
	}
	return bytes;
}
