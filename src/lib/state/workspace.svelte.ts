/**
 * The datasets a reader can switch between: the built-in one, which nothing can overwrite or
 * remove, and those imported into this browser. An import is read and validated in a worker; a
 * refused one changes nothing on screen, and its errors are kept for the reader to see. A valid
 * one that the browser will not keep (no IndexedDB, private window, full quota) is still shown,
 * from memory, for this visit, and the report says so.
 */
import { getContext, setContext } from 'svelte';
import type { ExportFormat } from '../domain/export.ts';
import { slugify } from '../domain/format.ts';
import type { DatasetIssue } from '../domain/issues.ts';
import type { Dataset } from '../domain/schema.ts';
import type { ImportProgress } from '../import/run-import.ts';
import type { Explorer, History } from './explorer.svelte.ts';
import {
	classifyStorageError,
	DamagedDatasetError,
	infoOf,
	Library,
	type StorageProblem,
	type StoredDataset,
	type StoredInfo
} from './library.ts';
import { filterRecord } from './url.ts';

export const BUILTIN = 'builtin';

export interface ImportReport {
	files: string[];
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
	/** Set when the import was accepted. */
	accepted?: { name: string; locations: number; claims: number };
	/** Set when it was accepted but the browser would not keep it: it is shown from memory. */
	notKept?: StorageProblem;
}

export class Workspace {
	readonly explorer: Explorer;
	readonly builtin: Dataset;
	readonly #library: Library;
	readonly #history: History;
	readonly #version: string;
	/** Imports the browser would not keep, by id: they last as long as the page. */
	readonly #inMemory = new Map<string, Dataset>();

	/** The datasets kept in this browser. */
	stored = $state<StoredInfo[]>([]);
	/** The imports held for this visit only, newest first. */
	unkept = $state<StoredInfo[]>([]);
	active = $state<string>(BUILTIN);
	progress = $state<ImportProgress | null>(null);
	report = $state<ImportReport | null>(null);
	/** Said once, when the browser's storage cannot be used at all: imports are kept in memory. */
	storageNotice = $state<string | null>(null);
	/** Why the storage cannot be used; set once, and imports from then on are not stored. */
	#storageProblem: StorageProblem | null = null;
	/** The files of an import started while another ran, which were not imported. */
	ignored = $state<string[] | null>(null);

	constructor(explorer: Explorer, history: History, version: string, library = new Library()) {
		this.explorer = explorer;
		this.builtin = explorer.dataset;
		this.#history = history;
		this.#version = version;
		this.#library = library;
	}

	get activeName(): string {
		return this.explorer.dataset.meta.name;
	}

	/** Lists the stored datasets and opens the one `?dataset=` names, with `?location=`. */
	async open(datasetParam: string | null, location: string | null) {
		const wanted = datasetParam && datasetParam !== BUILTIN ? datasetParam : null;
		if (!wanted) this.explorer.select(location, { history: 'none' });
		try {
			this.stored = await this.#library.list();
		} catch (error) {
			this.#storageFailed(error, wanted);
			return;
		}
		if (wanted) await this.switchTo(wanted, { select: location });
	}

	/** Says, once, that this browser is not keeping imports, and why. */
	#storageFailed(error: unknown, wanted: string | null = null) {
		if (this.#storageProblem) return;
		const problem = (this.#storageProblem = classifyStorageError(error));
		const why = `${problem.name}: ${problem.message}`;
		this.storageNotice = wanted
			? `The dataset “${wanted}” cannot be opened: this browser is not keeping imported datasets (${why}). Imports still work, for this visit only.`
			: `This browser is not keeping imported datasets (${why}). Imports still work, for this visit only.`;
	}

	async switchTo(id: string, { select = null as string | null } = {}) {
		if (id === this.active) return;
		let dataset = id === BUILTIN ? this.builtin : this.#inMemory.get(id);
		if (!dataset) {
			if (this.#storageProblem) {
				this.explorer.notice = `The dataset “${id}” cannot be opened: this browser is not keeping imported datasets.`;
				return;
			}
			try {
				dataset = (await this.#library.get(id))?.dataset;
			} catch (error) {
				if (error instanceof DamagedDatasetError) {
					// Storage works: only this dataset is lost, so nothing else is turned off.
					this.explorer.notice = `The dataset “${id}” is damaged in this browser's storage (parts of it are missing): remove it from the Dataset menu and import it again.`;
					return;
				}
				this.#storageFailed(error, id);
				return;
			}
			if (!dataset) {
				this.explorer.notice = `No imported dataset “${id}” in this browser.`;
				return;
			}
		}
		this.#show(id, dataset, select);
	}

	#show(id: string, dataset: Dataset, select: string | null = null) {
		this.explorer.setDataset(dataset);
		this.active = id;
		if (select) this.explorer.select(select, { history: 'none', fly: true });
		const url = new URL(this.#history.current());
		if (id === BUILTIN) url.searchParams.delete('dataset');
		else url.searchParams.set('dataset', id);
		if (!select) url.searchParams.delete('location');
		this.#history.replace(`${url.pathname}${url.search}${url.hash}`, {
			location: this.explorer.selected
		});
	}

	/**
	 * Imports files; on success stores the dataset and shows it, else reports every error. One
	 * import runs at a time: files given while one runs are not imported, and `ignored` says so.
	 */
	async importFiles(files: File[], names = files.map((f) => f.webkitRelativePath || f.name)) {
		if (files.length === 0) return;
		if (this.progress) {
			this.ignored = names;
			return;
		}
		this.report = null;
		this.ignored = null;
		this.progress = { phase: 'reading', done: 0, total: files.reduce((n, f) => n + f.size, 0) };
		try {
			const { runImport } = await import('../import/run-import.ts');
			const defaultName = names[0]?.split('/')[0]?.replace(/\.[^.]+$/, '') || 'Imported dataset';
			const result = await runImport(files, names, defaultName, (p) => (this.progress = p));
			if (!result.dataset || !result.kind) {
				this.report = { files: names, errors: result.errors, warnings: result.warnings };
				return;
			}
			const { dataset } = result;
			const id = `${slugify(dataset.meta.name, 40) || 'dataset'}-${Date.now().toString(36)}`;
			const record: StoredDataset = {
				id,
				name: dataset.meta.name,
				importedAt: new Date().toISOString(),
				kind: result.kind,
				from: names,
				dataset
			};
			const notKept = await this.#keep(record);
			this.#show(id, dataset);
			this.report = {
				files: names,
				errors: [],
				warnings: result.warnings,
				accepted: {
					name: dataset.meta.name,
					locations: dataset.locations.length,
					claims: dataset.claims.length
				},
				notKept
			};
		} catch (error) {
			this.report = {
				files: names,
				errors: [
					{
						severity: 'error',
						file: names.join(', '),
						message: `the import failed: ${(error as Error).message}`
					}
				],
				warnings: []
			};
		} finally {
			this.progress = null;
		}
	}

	/** Stores a valid import; when the browser will not keep it, holds it in memory and says why. */
	async #keep(record: StoredDataset): Promise<StorageProblem | undefined> {
		let problem = this.#storageProblem ?? undefined;
		if (!problem) {
			try {
				await this.#library.put(record);
			} catch (error) {
				problem = classifyStorageError(error);
			}
		}
		if (!problem) {
			// Stored: the menu lists it from the library; should listing fail, it shows it anyway.
			this.stored = await this.#library.list().catch(() => [infoOf(record), ...this.stored]);
			return undefined;
		}
		this.#inMemory.set(record.id, record.dataset);
		this.unkept = [infoOf(record), ...this.unkept];
		return problem;
	}

	/** Removes an imported dataset; the built-in one cannot be removed. */
	async remove(id: string) {
		if (id === BUILTIN) return;
		if (this.active === id) await this.switchTo(BUILTIN);
		if (this.#inMemory.delete(id)) {
			this.unkept = this.unkept.filter((item) => item.id !== id);
			return;
		}
		try {
			await this.#library.remove(id);
			this.stored = await this.#library.list();
		} catch (error) {
			this.explorer.notice = `The dataset could not be removed from this browser: ${classifyStorageError(error).message}`;
		}
	}

	/**
	 * The file for an export of what is shown: the claims that pass the filter, which it records.
	 * The export code loads on demand: the first page ships without it (and without papaparse).
	 */
	async exportFile(format: ExportFormat): Promise<{ name: string; text: string; type: string }> {
		const { serializeExport, exportFileName } = await import('../domain/export.ts');
		const exportedAt = new Date().toISOString();
		const dataset = this.explorer.dataset;
		const text = serializeExport(format, dataset, this.explorer.visibleClaims, {
			exportedAt,
			tool: { name: 'claims-map', version: this.#version },
			filter: filterRecord(this.explorer.filter)
		});
		return {
			name: exportFileName(dataset, format, exportedAt),
			text,
			type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/geo+json'
		};
	}
}

const KEY = Symbol('workspace');

export function setWorkspace(workspace: Workspace): Workspace {
	return setContext(KEY, workspace);
}

export function getWorkspace(): Workspace {
	const workspace = getContext<Workspace | undefined>(KEY);
	if (!workspace) throw new Error('getWorkspace() outside the explorer page');
	return workspace;
}
