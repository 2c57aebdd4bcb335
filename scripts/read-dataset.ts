/**
 * Reads a dataset folder from disk into the path → bytes map that the validator takes (it decodes
 * them, so that a file that is not UTF-8 is refused the same way here as on import).
 */
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
	DATASET_FILES,
	validateDataset,
	type DatasetFiles,
	type ValidationResult
} from '../src/lib/domain/validate.ts';
import type { DatasetIssue } from '../src/lib/domain/issues.ts';

export interface FolderRead {
	files: DatasetFiles;
	/** Entries that have a dataset file's name but could not be read as a file, said as they are. */
	issues: DatasetIssue[];
}

const DATASET_NAMES = new Set<string>(Object.values(DATASET_FILES));

/**
 * Reads the top-level files of a dataset folder and its `sources/*.txt`. A name that is a folder,
 * a broken link or something else than a file is reported as what it is, not as missing. The
 * folder itself not being readable throws (the caller says it could not read it).
 */
export async function readDatasetFolder(folder: string): Promise<FolderRead> {
	const out: FolderRead = { files: {}, issues: [] };
	const read = async (path: string, key: string) => {
		const problem = await notAFile(path);
		if (problem) out.issues.push({ severity: 'error', file: key, message: problem });
		else out.files[key] = await readFile(path);
	};
	const top = await readdir(folder);
	for (const name of top.sort()) {
		if (/\.(json|geojson)$/.test(name) || DATASET_NAMES.has(name))
			await read(join(folder, name), name);
	}
	if (top.includes('sources')) {
		const sourcesDir = join(folder, 'sources');
		const problem = await notAFolder(sourcesDir);
		if (problem) out.issues.push({ severity: 'error', file: 'sources', message: problem });
		else {
			for (const name of (await readdir(sourcesDir)).sort()) {
				if (name.endsWith('.txt')) await read(join(sourcesDir, name), `sources/${name}`);
			}
		}
	}
	return out;
}

/** Why `path` cannot be read as a file (following links), or null when it can. */
async function notAFile(path: string): Promise<string | null> {
	const link = await lstat(path);
	let target;
	try {
		target = await stat(path);
	} catch {
		return link.isSymbolicLink()
			? `a symbolic link to ${JSON.stringify(await readlink(path))}, which does not exist`
			: 'cannot be read';
	}
	if (target.isFile()) return null;
	const what = target.isDirectory() ? 'a folder' : 'not a regular file';
	return `${what}, where a file was expected${link.isSymbolicLink() ? ` (through a symbolic link to ${JSON.stringify(await readlink(path))})` : ''}`;
}

async function notAFolder(path: string): Promise<string | null> {
	try {
		return (await stat(path)).isDirectory()
			? null
			: 'a file, where the folder of source texts was expected';
	} catch {
		return `a symbolic link to ${JSON.stringify(await readlink(path))}, which does not exist`;
	}
}

/** The folder's own name, used as the dataset's name when it has no dataset.json. */
export function folderName(folder: string): string {
	return basename(resolve(folder));
}

/** Reads and validates a folder: what could not be read as a file comes first among the errors. */
export async function validateFolder(folder: string): Promise<ValidationResult> {
	const { files, issues } = await readDatasetFolder(folder);
	const result = validateDataset(files, { defaultName: folderName(folder) });
	if (issues.length === 0) return result;
	// An entry that is not a file is also missing to the validator: say only what it is.
	const named = new Set(issues.map((i) => i.file));
	const missing = (e: DatasetIssue) =>
		(named.has(e.file) && e.message === 'the file is missing') ||
		[...named].some((file) => e.message.startsWith(`no text file ${file}:`));
	const errors = result.errors.filter((e) => !missing(e));
	return { dataset: null, errors: [...issues, ...errors], warnings: result.warnings };
}
