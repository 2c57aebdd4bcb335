/** Reads a dataset folder from disk into the path → text map that the validator takes. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { DatasetFiles } from '../src/lib/domain/validate.ts';

/** Reads the top-level files of a dataset folder and its `sources/*.txt`. */
export async function readDatasetFolder(folder: string): Promise<DatasetFiles> {
	const files: DatasetFiles = {};
	const top = await readdir(folder, { withFileTypes: true });
	for (const entry of top) {
		if (entry.isFile() && /\.(json|geojson)$/.test(entry.name)) {
			files[entry.name] = await readFile(join(folder, entry.name), 'utf8');
		}
	}
	const sourcesDir = join(folder, 'sources');
	const hasSources = top.some((e) => e.isDirectory() && e.name === 'sources');
	if (hasSources) {
		for (const name of await readdir(sourcesDir)) {
			if (name.endsWith('.txt'))
				files[`sources/${name}`] = await readFile(join(sourcesDir, name), 'utf8');
		}
	}
	return files;
}

/** The folder's own name, used as the dataset's name when it has no dataset.json. */
export function folderName(folder: string): string {
	return basename(resolve(folder));
}
