/**
 * Runs one case of the bad-input corpus (tests/corpus) as a user would meet it: a dataset folder
 * through `validateFolder` (the bytes read from disk, as `npm run check-data` reads them), the
 * files of an import case through `importFiles`. Used by tests/unit/corpus.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssue } from '../src/lib/domain/issues.ts';
import { importFiles } from '../src/lib/domain/import.ts';
import { generateCase, type Expected } from './make-corpus.ts';
import { validateFolder } from './read-dataset.ts';

export interface CaseResult {
	valid: boolean;
	errors: string[];
	warnings: string[];
}

/** `scratch`: an empty folder a generated case may be built in. */
export async function runCase(
	dir: string,
	expected: Expected,
	scratch: string
): Promise<CaseResult> {
	let result;
	if (expected.generate) {
		const made = await generateCase(expected.generate, scratch);
		result = 'folder' in made ? await validateFolder(made.folder) : importFiles(made.inputs);
	} else if (expected.via === 'validator') {
		result = await validateFolder(dir);
	} else {
		const inputs = [];
		for (const name of expected.inputs ?? [])
			inputs.push({ name, content: new Uint8Array(await readFile(join(dir, name))) });
		result = importFiles(inputs);
	}
	if ((result.dataset === null) === (result.errors.length === 0))
		throw new Error(`${dir}: a dataset ${result.dataset ? 'with' : 'without'} errors`);
	return {
		valid: result.dataset !== null,
		errors: result.errors.map(formatIssue),
		warnings: result.warnings.map(formatIssue)
	};
}
