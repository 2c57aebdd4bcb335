/**
 * Reads and validates an import off the main thread, so that a large file does not freeze the
 * page; reports how many bytes it has read.
 */
import { importFiles, type ImportFile } from '../domain/import.ts';
import type { ImportMessage, ImportRequest } from './protocol.ts';

const post = (message: ImportMessage) => self.postMessage(message);

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

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
	const { files, names, defaultName } = event.data;
	try {
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
					post({ type: 'progress', phase: 'reading', done, total });
				}
			});
			// Bytes as read: the import decodes them strictly, refusing what is not UTF-8 with where,
			// where a TextDecoder here would put U+FFFD in a quote without a word.
			inputs.push({ name: names[i] ?? file.name, content: bytes });
		}
		post({ type: 'progress', phase: 'validating' });
		post({ type: 'done', result: importFiles(inputs, defaultName) });
	} catch (error) {
		post({ type: 'failed', message: (error as Error).message });
	}
};
