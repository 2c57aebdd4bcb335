/**
 * Imported datasets, kept in the browser's IndexedDB (through `idb`), so that they are there after
 * a reload. Each is stored validated, as the import produced it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ImportKind } from '../domain/import.ts';
import type { Dataset } from '../domain/schema.ts';

export interface StoredDataset {
	id: string;
	name: string;
	importedAt: string;
	kind: ImportKind;
	/** The file names it was imported from. */
	from: string[];
	dataset: Dataset;
}

export type StoredInfo = Omit<StoredDataset, 'dataset'> & { locations: number; claims: number };

interface Schema extends DBSchema {
	datasets: { key: string; value: StoredDataset };
}

const DB_NAME = 'claims-map';

export class Library {
	#db: Promise<IDBPDatabase<Schema>> | null = null;

	#open() {
		this.#db ??= openDB<Schema>(DB_NAME, 1, {
			upgrade(db) {
				db.createObjectStore('datasets', { keyPath: 'id' });
			}
		});
		return this.#db;
	}

	async list(): Promise<StoredInfo[]> {
		const all = await (await this.#open()).getAll('datasets');
		return all
			.map(({ dataset, ...info }) => ({
				...info,
				locations: dataset.locations.length,
				claims: dataset.claims.length
			}))
			.sort((a, b) => b.importedAt.localeCompare(a.importedAt));
	}

	async get(id: string): Promise<StoredDataset | undefined> {
		return (await this.#open()).get('datasets', id);
	}

	async put(record: StoredDataset): Promise<void> {
		await (await this.#open()).put('datasets', record);
	}

	async remove(id: string): Promise<void> {
		await (await this.#open()).delete('datasets', id);
	}
}
