/** Messages between the page and the import worker. */
import type { ImportResult } from '../domain/import.ts';

export interface ImportRequest {
	files: File[];
	/** Each file's path as the user picked it (a folder's files keep theirs). */
	names: string[];
	defaultName: string;
}

export type ImportMessage =
	| { type: 'progress'; phase: 'reading'; done: number; total: number }
	| { type: 'progress'; phase: 'validating' }
	| { type: 'done'; result: ImportResult }
	| { type: 'failed'; message: string };
