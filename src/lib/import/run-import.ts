/** Runs an import in a Web Worker and resolves with its result; progress comes as it goes. */
import type { ImportResult } from '../domain/import.ts';
import type { ImportMessage } from './protocol.ts';

export type ImportProgress =
	{ phase: 'reading'; done: number; total: number } | { phase: 'validating' };

export function runImport(
	files: File[],
	names: string[],
	defaultName: string,
	onProgress: (progress: ImportProgress) => void
): Promise<ImportResult> {
	const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<ImportResult>((resolve, reject) => {
		worker.onmessage = (event: MessageEvent<ImportMessage>) => {
			const message = event.data;
			if (message.type === 'progress') onProgress(message);
			else if (message.type === 'done') resolve(message.result);
			else reject(new Error(message.message));
		};
		worker.onerror = (event) => reject(new Error(event.message || 'The import worker failed.'));
		worker.postMessage({ files, names, defaultName });
	}).finally(() => worker.terminate());
}
