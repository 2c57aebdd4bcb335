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
import type {
	BuiltinSummary,
	ImportOutcome,
	ProgressReport,
	TableOpened
} from '../data/protocol.ts';
import type { Explorer, History } from './explorer.svelte.ts';
// Types only from library.ts: it brings idb, which loads when storage is first used.
import type { Library, StoredInfo } from './library.ts';
import type { StorageProblem } from './storage-problems.ts';

/** The words for storage failures load when one happens: the first page needs none of them. */
const storageProblems = () => import('./storage-problems.ts');
import { filterRecord } from './url.ts';

export const BUILTIN = 'builtin';

export type ImportProgress = ProgressReport;

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
	readonly builtin: BuiltinSummary;
	/** The browser's storage (idb), loaded when first needed: after the map, or for `?dataset=`. */
	#library: Promise<Pick<Library, 'list' | 'remove'>> | null;
	readonly #history: History;
	readonly #version: string;

	/** The datasets kept in this browser. */
	stored = $state<StoredInfo[]>([]);
	/** The imports held for this visit only (by the data worker), newest first. */
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

	constructor(
		explorer: Explorer,
		builtin: BuiltinSummary,
		history: History,
		version: string,
		library?: Pick<Library, 'list' | 'remove'>
	) {
		this.explorer = explorer;
		this.builtin = builtin;
		this.#history = history;
		this.#version = version;
		this.#library = library ? Promise.resolve(library) : null;
	}

	#storage(): Promise<Pick<Library, 'list' | 'remove'>> {
		return (this.#library ??= import('./library.ts').then((m) => new m.Library()));
	}

	/** Lists the datasets kept in this browser (once the map is shown, unless asked for sooner). */
	async listStored() {
		if (this.#listed) return;
		this.#listed = true;
		try {
			this.stored = await (await this.#storage()).list();
		} catch (error) {
			await this.#storageFailed(error);
		}
	}
	#listed = false;

	get activeName(): string {
		return this.explorer.overview.meta.name;
	}

	/**
	 * Lists the stored datasets and opens the one `?dataset=` names (else the built-in one), with
	 * `?location=`. The URL's filter is the explorer's already, and stays.
	 */
	async open(datasetParam: string | null, location: string | null, claim: string | null = null) {
		const wanted = datasetParam && datasetParam !== BUILTIN ? datasetParam : null;
		if (wanted) {
			this.#listed = true;
			try {
				this.stored = await (await this.#storage()).list();
			} catch (error) {
				await this.#storageFailed(error, wanted);
			}
		}
		if (
			wanted &&
			!this.#storageProblem &&
			(await this.switchTo(wanted, { select: location, claim }))
		)
			return;
		await this.#openBuiltin();
		// A place of the dataset that could not be opened is not looked for in the built-in one.
		if (!wanted) await this.#openSelection(location, claim);
	}

	/** A permalink's claim (which names its place) or place, in the dataset just shown. */
	async #openSelection(location: string | null, claim: string | null) {
		if (claim)
			await (
				await import('./claim-link.ts')
			).openClaim(this.explorer, claim, {
				history: 'replace',
				fly: 'jump'
			});
		else if (location) await this.explorer.select(location, { history: 'none', fly: 'jump' });
	}

	async #openBuiltin() {
		try {
			// The worker's overview says what the page's summary says: the summary is kept, so that a
			// map made for it knows it shows the same dataset.
			await this.explorer.client.openBuiltin(this.builtin.base);
			await this.explorer.showDataset(this.builtin, { keepFilter: !this.#opened });
			this.#opened = true;
		} catch (error) {
			this.explorer.dataFailed((error as Error).message);
		}
	}

	/** Says, once, that this browser is not keeping imports, and why. */
	async #storageFailed(error: unknown, wanted: string | null = null) {
		const { classifyStorageError } = await storageProblems();
		if (this.#storageProblem) return;
		await this.#noStorage(classifyStorageError(error), wanted);
	}

	async #noStorage(problem: StorageProblem, wanted: string | null) {
		this.#storageProblem = problem;
		const { browserSaid } = await storageProblems();
		const why = browserSaid(problem);
		this.storageNotice = wanted
			? `The dataset “${wanted}” cannot be opened: this browser is not keeping imported datasets (${why}). Imports still work, for this visit only.`
			: `This browser is not keeping imported datasets (${why}). Imports still work, for this visit only.`;
	}

	/** Shows another dataset; true when it is shown. */
	async switchTo(
		id: string,
		{ select = null as string | null, claim = null as string | null } = {}
	): Promise<boolean> {
		if (id === this.active && this.explorer.dataStatus === 'ready') return true;
		if (id === BUILTIN) {
			await this.#openBuiltin();
			this.#shown(BUILTIN, null);
			return true;
		}
		const held = this.unkept.some((item) => item.id === id);
		if (!held && this.#storageProblem) {
			this.explorer.notice = `The dataset “${id}” cannot be opened: this browser is not keeping imported datasets.`;
			return false;
		}
		const result = await this.explorer.client.open(id);
		if ('damaged' in result) {
			// Storage works: only this dataset is lost, so nothing else is turned off.
			this.explorer.notice = `The dataset “${id}” is damaged in this browser's storage (parts of it are missing): remove it from the Dataset menu and import it again.`;
			return false;
		}
		if ('storageFailed' in result) {
			await this.#noStorage(result.storageFailed, id);
			return false;
		}
		if ('missing' in result) {
			this.explorer.notice = `No imported dataset “${id}” in this browser.`;
			return false;
		}
		await this.explorer.showDataset(result.overview, { keepFilter: !this.#opened });
		this.#shown(id, select ?? claim);
		await this.#openSelection(select, claim);
		return true;
	}
	/** Whether a dataset has been shown yet: the first one keeps the URL's filter. */
	#opened = false;

	#shown(id: string, select: string | null) {
		this.#opened = true;
		this.active = id;
		const url = new URL(this.#history.current());
		if (id === BUILTIN) url.searchParams.delete('dataset');
		else url.searchParams.set('dataset', id);
		if (!select) url.searchParams.delete('location');
		this.#history.replace(`${url.pathname}${url.search}${url.hash}`, {
			location: this.explorer.selected,
			filter: this.explorer.filter
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
			const client = this.explorer.client;
			const defaultName = names[0]?.split('/')[0]?.replace(/\.[^.]+$/, '') || 'Imported dataset';
			// Progress comes over a channel of its own: a last report may arrive after the result.
			let running = true;
			const result = await client.importFiles(files, names, defaultName, (p) => {
				if (running) this.progress = p;
			});
			running = false;
			await this.keep(result, names);
		} catch (error) {
			this.failed(names, error);
		} finally {
			this.progress = null;
		}
	}

	/** A valid import named, stored (or held for the visit) and shown; else its report. */
	async keep(result: ImportOutcome, names: string[]) {
		const client = this.explorer.client;
		if (!result.overview || !result.kind) {
			this.report = { files: names, errors: result.errors, warnings: result.warnings };
			return;
		}
		const { overview } = result;
		const name = overview.meta.name;
		const id = `${slugify(name, 40) || 'dataset'}-${Date.now().toString(36)}`;
		const info: StoredInfo = {
			id,
			name,
			importedAt: new Date().toISOString(),
			kind: result.kind,
			from: names,
			counts: overview.counts
		};
		const { notKept } = await client.keepImport({
			id,
			name,
			importedAt: info.importedAt,
			from: names,
			store: !this.#storageProblem
		});
		if (notKept || this.#storageProblem) this.unkept = [info, ...this.unkept];
		else this.stored = await (await this.#storage()).list().catch(() => [info, ...this.stored]);
		await this.explorer.showDataset(overview);
		this.#shown(id, null);
		this.report = {
			files: names,
			errors: [],
			warnings: result.warnings,
			accepted: { name, locations: overview.counts.locations, claims: overview.counts.claims },
			notKept: notKept ?? this.#storageProblem ?? undefined
		};
	}

	failed(names: string[], error: unknown) {
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
	}

	/** The table in the mapping preview (`TableImport.svelte`, which does the rest). */
	table = $state.raw<TableOpened | null>(null);

	/** Removes an imported dataset; the built-in one cannot be removed. */
	async remove(id: string) {
		if (id === BUILTIN) return;
		if (this.active === id) await this.switchTo(BUILTIN);
		if (this.unkept.some((item) => item.id === id)) {
			await this.explorer.client.forget(id);
			this.unkept = this.unkept.filter((item) => item.id !== id);
			return;
		}
		try {
			const library = await this.#storage();
			await library.remove(id);
			this.stored = await library.list();
		} catch (error) {
			const { classifyStorageError } = await storageProblems();
			this.explorer.notice = `The dataset could not be removed from this browser: ${classifyStorageError(error).message}`;
		}
	}

	/**
	 * The file for an export of what is shown: the claims that pass the filter, which it records.
	 * The worker writes it (the export code loads there, not in the first page).
	 */
	async exportFile(format: ExportFormat): Promise<{ name: string; blob: Blob }> {
		const { datasetLink } = await import('./claim-link.ts');
		return this.explorer.client.exportFile(format, {
			exportedAt: new Date().toISOString(),
			tool: { name: 'claims-map', version: this.#version },
			filter: filterRecord(this.explorer.filter),
			link: datasetLink(this.#history.current(), this.active)
		});
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
