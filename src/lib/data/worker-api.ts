/**
 * What the data worker does, as a class with its dependencies given (the browser's storage and
 * `fetch`), so that the unit tests run it in Node exactly as the worker does. The worker holds one
 * dataset open at a time, plus the built-in one and the imports kept for this visit only.
 */
import type { ExportContext, ExportFormat } from '../domain/export.ts';
import { EMPTY_FILTER, type ClaimFilter, type Facet } from '../domain/filter.ts';
import type { ImportFile, ImportKind } from '../domain/import.ts';
import type { Dataset } from '../domain/schema.ts';
import type { Library, StoredDataset } from '../state/library.ts';
import { classifyStorageError, DamagedDatasetError } from '../state/storage-problems.ts';
import { DatasetView } from './dataset-view.ts';
import type {
	Bounds,
	DataApi,
	ImportOutcome,
	KeepRequest,
	OpenResult,
	Overview,
	ProgressReport,
	SortKey
} from './protocol.ts';
import { fetchStaticParts } from './static-parts.ts';

export interface WorkerDeps {
	library: Pick<Library, 'get' | 'put'>;
	fetch?: (url: string) => Promise<Response>;
}

export class WorkerApi implements DataApi {
	readonly #deps: WorkerDeps;
	#view: DatasetView | null = null;
	#builtin: Promise<DatasetView> | null = null;
	/** Imports the browser would not keep, by id: they last as long as the page. */
	readonly #visit = new Map<string, DatasetView>();
	/** A valid import, until the page names it and says whether to store it. */
	#pending: { dataset: Dataset; kind: ImportKind; view: DatasetView } | null = null;

	constructor(deps: WorkerDeps) {
		this.#deps = deps;
	}

	get #current(): DatasetView {
		if (!this.#view) throw new Error('no dataset is open');
		return this.#view;
	}

	async openBuiltin(base: string): Promise<Overview> {
		this.#builtin ??= fetchStaticParts(base, this.#deps.fetch).then((d) => new DatasetView(d));
		this.#builtin.catch(() => (this.#builtin = null));
		const view = await this.#builtin;
		return this.#show(view);
	}

	#show(view: DatasetView): Overview {
		// Each dataset opens unfiltered: the page applies the URL's filter after.
		if (view.filtering) view.setFilter(EMPTY_FILTER);
		this.#view = view;
		return view.overview;
	}

	async open(id: string): Promise<OpenResult> {
		const kept = this.#visit.get(id);
		if (kept) return { overview: this.#show(kept) };
		let stored: StoredDataset | undefined;
		try {
			stored = await this.#deps.library.get(id);
		} catch (error) {
			if (error instanceof DamagedDatasetError) return { damaged: true };
			return { storageFailed: classifyStorageError(error) };
		}
		if (!stored) return { missing: true };
		return { overview: this.#show(new DatasetView(stored.dataset)) };
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
		const inputs: ImportFile[] = [];
		for (const [i, file] of files.entries()) {
			const bytes = await readAll(file, (n) => {
				done += n;
				// About a hundred reports for the whole import, not one per chunk.
				if (done - reported > total / 100 || done === total) {
					reported = done;
					onProgress({ phase: 'reading', done, total });
				}
			});
			// Bytes as read: the import decodes them strictly, refusing what is not UTF-8 with where,
			// where a TextDecoder here would put U+FFFD in a quote without a word.
			inputs.push({ name: names[i] ?? file.name, content: bytes });
		}
		onProgress({ phase: 'validating' });
		// The readers and the validator (zod, papaparse, fflate) load with the first import.
		const { importFiles } = await import('../domain/import.ts');
		const result = importFiles(inputs, defaultName);
		if (!result.dataset || !result.kind)
			return { errors: result.errors, warnings: result.warnings };
		const view = new DatasetView(result.dataset);
		this.#pending = { dataset: result.dataset, kind: result.kind, view };
		return {
			errors: [],
			warnings: result.warnings,
			kind: result.kind,
			overview: view.overview
		};
	}

	async keepImport(request: KeepRequest) {
		const pending = this.#pending;
		if (!pending) throw new Error('there is no import to keep');
		this.#pending = null;
		const { store, ...info } = request;
		let notKept;
		if (store) {
			try {
				await this.#deps.library.put({ ...info, kind: pending.kind, dataset: pending.dataset });
			} catch (error) {
				notKept = classifyStorageError(error);
			}
		}
		if (!store || notKept) this.#visit.set(request.id, pending.view);
		this.#show(pending.view);
		return notKept ? { notKept } : {};
	}

	forget(id: string) {
		this.#visit.delete(id);
	}

	setFilter(filter: ClaimFilter, within: Partial<Record<Facet, string>>) {
		return this.#current.setFilter(filter, within);
	}
	facets(within: Partial<Record<Facet, string>>) {
		return this.#current.facets(within);
	}
	list(sort: SortKey, offset: number, limit: number, find?: string) {
		return this.#current.list(sort, offset, limit, find);
	}
	locate(id: string) {
		return this.#current.locate(id);
	}
	place(index: number, limit: number) {
		return this.#current.place(index, limit);
	}
	unlocated(limit: number) {
		return this.#current.unlocated(limit);
	}
	view(bounds: Bounds, zoom: number) {
		return this.#current.view(bounds, zoom);
	}
	clusterZoom(clusterId: number) {
		return this.#current.clusterZoom(clusterId);
	}
	async exportFile(format: ExportFormat, context: ExportContext) {
		// The export code (and papaparse) loads when a format is picked, not with the worker.
		const { exportFileName, serializeExport } = await import('../domain/export.ts');
		const view = this.#current;
		const text = serializeExport(format, view.dataset, view.visibleClaims, context);
		const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/geo+json';
		return {
			name: exportFileName(view.dataset, format, context.exportedAt),
			blob: new Blob([text], { type })
		};
	}
}

async function readAll(file: File, onBytes: (n: number) => void): Promise<Uint8Array> {
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
