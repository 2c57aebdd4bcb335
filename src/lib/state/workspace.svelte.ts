/**
 * The datasets a reader can switch between: the built-in one, which nothing can overwrite or
 * remove, and those imported into this browser. An import is read and validated in a worker; a
 * refused one changes nothing on screen, and its errors are kept for the reader to see.
 */
import { getContext, setContext } from 'svelte';
import { serializeExport, exportFileName, type ExportFormat } from '../domain/export.ts';
import { slugify } from '../domain/format.ts';
import type { DatasetIssue } from '../domain/issues.ts';
import type { Dataset } from '../domain/schema.ts';
import type { ImportProgress } from '../import/run-import.ts';
import type { Explorer, History } from './explorer.svelte.ts';
import { Library, type StoredInfo } from './library.ts';
import { filterRecord } from './url.ts';

export const BUILTIN = 'builtin';

export interface ImportReport {
	files: string[];
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
	/** Set when the import was accepted. */
	accepted?: { name: string; locations: number; claims: number };
}

export class Workspace {
	readonly explorer: Explorer;
	readonly builtin: Dataset;
	readonly #library: Library;
	readonly #history: History;
	readonly #version: string;

	stored = $state<StoredInfo[]>([]);
	active = $state<string>(BUILTIN);
	progress = $state<ImportProgress | null>(null);
	report = $state<ImportReport | null>(null);

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
		if (datasetParam && datasetParam !== BUILTIN) {
			this.stored = await this.#library.list();
			await this.switchTo(datasetParam, { select: location });
		} else {
			this.explorer.select(location, { history: 'none' });
			this.stored = await this.#library.list();
		}
	}

	async switchTo(id: string, { select = null as string | null } = {}) {
		if (id === this.active) return;
		let dataset = this.builtin;
		if (id !== BUILTIN) {
			const record = await this.#library.get(id);
			if (!record) {
				this.explorer.notice = `No imported dataset “${id}” in this browser.`;
				return;
			}
			dataset = record.dataset;
		}
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

	/** Imports files; on success stores the dataset and shows it, else reports every error. */
	async importFiles(files: File[], names = files.map((f) => f.webkitRelativePath || f.name)) {
		if (files.length === 0 || this.progress) return;
		this.report = null;
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
			await this.#library.put({
				id,
				name: dataset.meta.name,
				importedAt: new Date().toISOString(),
				kind: result.kind,
				from: names,
				dataset
			});
			this.stored = await this.#library.list();
			await this.switchTo(id);
			this.report = {
				files: names,
				errors: [],
				warnings: result.warnings,
				accepted: {
					name: dataset.meta.name,
					locations: dataset.locations.length,
					claims: dataset.claims.length
				}
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

	/** Removes an imported dataset; the built-in one cannot be removed. */
	async remove(id: string) {
		if (id === BUILTIN) return;
		if (this.active === id) await this.switchTo(BUILTIN);
		await this.#library.remove(id);
		this.stored = await this.#library.list();
	}

	/** The file for an export of what is shown: the claims that pass the filter, which it records. */
	exportFile(format: ExportFormat): { name: string; text: string; type: string } {
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
