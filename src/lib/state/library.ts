/**
 * Imported datasets, kept in the browser's IndexedDB (through `idb`), so that they are there after
 * a reload. Each is stored validated, as the import produced it, but in parts: what the Dataset
 * menu lists (`info`), the records in chunks (`chunks`) and each source's text on its own (`texts`).
 * One value per dataset hit the browsers' limits on a single value (a private window refuses a
 * value of 133 MB) and made listing read every dataset whole.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ImportKind } from '../domain/import.ts';
import type { Dataset } from '../domain/schema.ts';
import type { PlaceSummary } from '../data/place-summary.ts';
import { CHUNK_SIZE, countsOf, PARTS, type Part } from '../data/static-parts.ts';
import { DamagedDatasetError, StorageUnavailableError } from './storage-problems.ts';

export { CHUNK_SIZE, PARTS, type Part };

export {
	browserSaid,
	classifyStorageError,
	DamagedDatasetError,
	describeStorageProblem,
	StorageUnavailableError,
	type StorageProblem
} from './storage-problems.ts';

export interface StoredDataset {
	id: string;
	name: string;
	importedAt: string;
	kind: ImportKind;
	/** The file names it was imported from. */
	from: string[];
	dataset: Dataset;
	/**
	 * What the map and the list are drawn from while the records are read (`place-summary.ts`):
	 * a chunk of its own. Datasets stored before it have none, and open when read whole.
	 */
	places?: PlaceSummary;
}

/** What the Dataset menu lists: the one part read to list the datasets. */
export interface StoredInfo {
	id: string;
	name: string;
	importedAt: string;
	kind: ImportKind;
	from: string[];
	counts: { locations: number; claims: number; actors: number; sources: number };
	/**
	 * How many source texts are stored: since format 2 a source may have none (a video), so a lost
	 * text is told from a source without one by this count. Absent in datasets stored before it,
	 * when every source had a text.
	 */
	texts?: number;
}

/** The chunk that holds the summary of the places: one record. */
export const PLACES_PART = 'places';

export interface Chunk {
	datasetId: string;
	part: Part | typeof PLACES_PART;
	index: number;
	records: unknown[];
}

export interface StoredText {
	datasetId: string;
	sourceId: string;
	text: string;
}

/** What the menu lists of a dataset. */
export function infoOf({ dataset, places: _, ...rest }: StoredDataset): StoredInfo {
	return {
		...rest,
		counts: countsOf(dataset),
		texts: Object.keys(dataset.texts).length
	};
}

/** A dataset as the values the stores hold. */
export function toParts(
	record: StoredDataset,
	chunkSize = CHUNK_SIZE
): { info: StoredInfo; chunks: Chunk[]; texts: StoredText[] } {
	const { dataset } = record;
	const info = infoOf(record);
	const chunks: Chunk[] = [];
	for (const part of PARTS) {
		const records: unknown[] = part === 'meta' ? [dataset.meta] : dataset[part];
		for (let start = 0, index = 0; start < records.length; start += chunkSize, index++) {
			chunks.push({
				datasetId: record.id,
				part,
				index,
				records: records.slice(start, start + chunkSize)
			});
		}
	}
	if (record.places)
		chunks.push({ datasetId: record.id, part: PLACES_PART, index: 0, records: [record.places] });
	const texts = Object.entries(dataset.texts).map(([sourceId, text]) => ({
		datasetId: record.id,
		sourceId,
		text
	}));
	return { info, chunks, texts };
}

/** The dataset again from its parts, in any order; throws when a part is missing. */
export function fromParts(info: StoredInfo, chunks: Chunk[], texts: StoredText[]): StoredDataset {
	const byPart = new Map<Chunk['part'], Chunk[]>(PARTS.map((part) => [part, []]));
	let places: PlaceSummary | undefined;
	for (const chunk of chunks)
		if (chunk.part === PLACES_PART) places = chunk.records[0] as PlaceSummary;
		else byPart.get(chunk.part)?.push(chunk);
	const records = (part: Part) =>
		byPart
			.get(part)!
			.sort((a, b) => a.index - b.index)
			.flatMap((chunk) => chunk.records);
	const [meta] = records('meta') as Dataset['meta'][];
	const dataset: Dataset = {
		meta: meta!,
		locations: records('locations') as Dataset['locations'],
		actors: records('actors') as Dataset['actors'],
		sources: records('sources') as Dataset['sources'],
		claims: records('claims') as Dataset['claims'],
		texts: Object.fromEntries(texts.map((t) => [t.sourceId, t.text]))
	};
	const { counts, texts: textCount, ...rest } = info;
	const incomplete =
		!meta ||
		(['locations', 'claims', 'actors', 'sources'] as const).some(
			(part) => dataset[part].length !== counts[part]
		);
	const textless =
		textCount === undefined
			? dataset.sources.some((s) => typeof dataset.texts[s.id] !== 'string')
			: texts.length !== textCount;
	if (incomplete || textless) throw new DamagedDatasetError(info.id);
	return places ? { ...rest, dataset, places } : { ...rest, dataset };
}

interface Schema extends DBSchema {
	info: { key: string; value: StoredInfo };
	chunks: { key: [string, Chunk['part'], number]; value: Chunk };
	texts: { key: [string, string]; value: StoredText };
}

type WriteTransaction = IDBPTransaction<
	Schema,
	('info' | 'chunks' | 'texts')[],
	'readwrite' | 'versionchange'
>;

const DB_NAME = 'claims-map';
const STORES = ['info', 'chunks', 'texts'] as const;

/** Every key of one dataset in `chunks` or `texts`: arrays sort after strings and numbers. */
function keysOf(id: string) {
	return IDBKeyRange.bound([id], [id, []]);
}

/** Queues the writes of one dataset in `tx`; the caller awaits them. */
function queueWrites(tx: WriteTransaction, record: StoredDataset): Promise<unknown>[] {
	const { info, chunks, texts } = toParts(record);
	const writes: Promise<unknown>[] = [];
	try {
		writes.push(tx.objectStore('chunks').delete(keysOf(record.id)));
		writes.push(tx.objectStore('texts').delete(keysOf(record.id)));
		writes.push(tx.objectStore('info').put(info));
		for (const chunk of chunks) writes.push(tx.objectStore('chunks').put(chunk));
		for (const text of texts) writes.push(tx.objectStore('texts').put(text));
	} catch (error) {
		// A put that throws at once (a value the browser will not clone or hold): undo the lot, and
		// let the writes already queued fail quietly with the transaction.
		tx.abort();
		for (const write of writes) write.catch(() => {});
		tx.done.catch(() => {});
		throw error;
	}
	return writes;
}

export class Library {
	#db: Promise<IDBPDatabase<Schema>> | null = null;

	#open(): Promise<IDBPDatabase<Schema>> {
		this.#db ??= this.#connect();
		return this.#db;
	}

	async #connect(): Promise<IDBPDatabase<Schema>> {
		if (typeof indexedDB === 'undefined' || !indexedDB) {
			throw new StorageUnavailableError(
				new DOMException('This browser has no IndexedDB.', 'NotSupportedError')
			);
		}
		try {
			return await openDB<Schema>(DB_NAME, 2, {
				upgrade(db, oldVersion, _newVersion, tx) {
					if (oldVersion < 2) {
						db.createObjectStore('info', { keyPath: 'id' });
						db.createObjectStore('chunks', { keyPath: ['datasetId', 'part', 'index'] });
						db.createObjectStore('texts', { keyPath: ['datasetId', 'sourceId'] });
					}
					// Version 1 held each dataset whole in 'datasets': move them into parts, in this
					// same upgrade transaction, so that a failure leaves version 1 as it was.
					const old = db as unknown as IDBPDatabase;
					if (!old.objectStoreNames.contains('datasets')) return;
					const oldTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
					oldTx
						.objectStore('datasets')
						.getAll()
						.then(async (records: StoredDataset[]) => {
							await Promise.all(records.flatMap((record) => queueWrites(tx, record)));
							old.deleteObjectStore('datasets');
						})
						// idb does not wait on this: a failure aborts the upgrade, and openDB rejects.
						.catch(() => {
							try {
								tx.abort();
							} catch {
								// Already aborted.
							}
						});
				},
				// A newer version opened in another tab: let it upgrade; this tab reopens when asked.
				blocking: () => this.#close(),
				terminated: () => (this.#db = null)
			});
		} catch (error) {
			this.#db = null;
			throw new StorageUnavailableError(error);
		}
	}

	#close() {
		const db = this.#db;
		this.#db = null;
		db?.then((d) => d.close()).catch(() => {});
	}

	async list(): Promise<StoredInfo[]> {
		const all = await (await this.#open()).getAll('info');
		return all.sort((a, b) => b.importedAt.localeCompare(a.importedAt));
	}

	async get(id: string): Promise<StoredDataset | undefined> {
		const tx = (await this.#open()).transaction(STORES, 'readonly');
		const [info, chunks, texts] = await Promise.all([
			tx.objectStore('info').get(id),
			tx.objectStore('chunks').getAll(keysOf(id)),
			tx.objectStore('texts').getAll(keysOf(id)),
			tx.done
		]);
		return info && fromParts(info, chunks, texts);
	}

	/**
	 * The summary of a dataset's places, without reading its records; undefined if none is kept.
	 * The records' keys are counted first: a dataset that lost a part is refused as damaged now,
	 * as `get` would refuse it, rather than after its places are shown.
	 */
	async places(id: string): Promise<PlaceSummary | undefined> {
		const tx = (await this.#open()).transaction(STORES, 'readonly');
		const [info, chunk, keys, texts] = await Promise.all([
			tx.objectStore('info').get(id),
			tx.objectStore('chunks').get([id, PLACES_PART, 0]),
			tx.objectStore('chunks').getAllKeys(keysOf(id)),
			tx.objectStore('texts').count(keysOf(id)),
			tx.done
		]);
		if (!info || !chunk) return undefined;
		const chunks = new Map<string, number>();
		for (const [, part] of keys) chunks.set(part, (chunks.get(part) ?? 0) + 1);
		const complete =
			chunks.get('meta') === 1 &&
			(['locations', 'claims', 'actors', 'sources'] as const).every(
				(part) => (chunks.get(part) ?? 0) === Math.ceil(info.counts[part] / CHUNK_SIZE)
			) &&
			texts >= (info.texts ?? info.counts.sources);
		if (!complete) throw new DamagedDatasetError(id);
		return chunk.records[0] as PlaceSummary;
	}

	/** Stores a dataset in one transaction: if any part fails, none of it is kept. */
	async put(record: StoredDataset): Promise<void> {
		const tx = (await this.#open()).transaction(STORES, 'readwrite');
		const writes = queueWrites(tx, record);
		try {
			await Promise.all([...writes, tx.done]);
		} catch (error) {
			// The requests fail with AbortError; the transaction holds the reason (quota, size).
			throw tx.error ?? error;
		}
	}

	async remove(id: string): Promise<void> {
		const tx = (await this.#open()).transaction(STORES, 'readwrite');
		await Promise.all([
			tx.objectStore('info').delete(id),
			tx.objectStore('chunks').delete(keysOf(id)),
			tx.objectStore('texts').delete(keysOf(id)),
			tx.done
		]);
	}
}
