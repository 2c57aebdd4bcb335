/**
 * `npm run check-data [-- folder]`: validates a dataset folder (default `geodata/`), prints every
 * error and warning, and exits non-zero on any error.
 */
import { formatIssue } from '../src/lib/domain/issues.ts';
import { validateDataset } from '../src/lib/domain/validate.ts';
import { folderName, readDatasetFolder } from './read-dataset.ts';

const folder = process.argv[2] ?? 'geodata';

const files = await readDatasetFolder(folder).catch((error: NodeJS.ErrnoException) => {
	console.error(`check-data: cannot read dataset folder ${folder}: ${error.code ?? error.message}`);
	process.exit(2);
});
const { dataset, errors, warnings } = validateDataset(files, { defaultName: folderName(folder) });
for (const issue of [...errors, ...warnings]) console.error(`${folder}/${formatIssue(issue)}`);
if (!dataset) {
	console.error(`check-data: ${folder}: ${errors.length} error(s), ${warnings.length} warning(s)`);
	process.exit(1);
}
console.log(
	`check-data: ${folder}: valid: ${dataset.locations.length} locations, ${dataset.actors.length} actors, ` +
		`${dataset.sources.length} sources, ${dataset.claims.length} claims` +
		(warnings.length ? `; ${warnings.length} warning(s)` : '')
);
