/**
 * `npm run check-data [-- folder]`: validates a dataset folder (default `geodata/`) and prints
 * every error and warning. Exit codes (documented in the README):
 *   0  the dataset is valid (warnings may have been printed)
 *   1  the dataset is invalid: the errors say where
 *   2  the folder could not be read at all
 *   70 an internal error of this tool (a bug: please report it with the folder)
 */
import { escapeControl, formatIssue } from '../src/lib/domain/issues.ts';
import { validateFolder } from './read-dataset.ts';

export const EXIT = { valid: 0, invalid: 1, unreadable: 2, internal: 70 } as const;

const folder = process.argv[2] ?? 'geodata';
// The folder's name is printed on every line: it must not forge one either.
const shown = escapeControl(folder);

async function main(): Promise<number> {
	let result;
	try {
		result = await validateFolder(folder);
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		if (e.code && e.syscall) {
			console.error(`check-data: cannot read dataset folder ${shown}: ${e.code}`);
			return EXIT.unreadable;
		}
		throw error;
	}
	const { dataset, errors, warnings } = result;
	for (const issue of [...errors, ...warnings]) console.error(`${shown}/${formatIssue(issue)}`);
	if (!dataset) {
		console.error(`check-data: ${shown}: ${errors.length} error(s), ${warnings.length} warning(s)`);
		return EXIT.invalid;
	}
	console.log(
		`check-data: ${shown}: valid: ${dataset.locations.length} locations, ${dataset.actors.length} actors, ` +
			`${dataset.sources.length} sources, ${dataset.claims.length} claims` +
			(warnings.length ? `; ${warnings.length} warning(s)` : '')
	);
	return EXIT.valid;
}

main().then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		console.error(
			`check-data: internal error (please report it): ${(error as Error)?.stack ?? String(error)}`
		);
		process.exitCode = EXIT.internal;
	}
);
