/**
 * `npm run export -- --format nested|flat|csv|claimreview [--out FILE] [--link URL] [folder]`:
 * exports a dataset (default `geodata/`) as the app does, to standard output or to FILE. `--link`
 * is where the app shows the dataset: each ClaimReview's `url` is it with `claim=<id>`.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORT_FORMATS, exportParts, type ExportFormat } from '../src/lib/domain/export.ts';
import { formatIssue } from '../src/lib/domain/issues.ts';
import { validateFolder } from './read-dataset.ts';

const args = process.argv.slice(2);
const take = (flag: string) => {
	const i = args.indexOf(flag);
	if (i < 0) return undefined;
	const [value] = args.splice(i, 2).slice(1);
	return value;
};
const format = (take('--format') ?? 'nested') as ExportFormat;
const out = take('--out');
const link = take('--link');
const folder = args[0] ?? 'geodata';

if (!EXPORT_FORMATS.includes(format)) {
	console.error(`export: --format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`);
	process.exit(2);
}
const { dataset, errors } = await validateFolder(folder);
if (!dataset) {
	for (const error of errors) console.error(`${folder}/${formatIssue(error)}`);
	console.error(`export: ${folder} is not a valid dataset (${errors.length} error(s))`);
	process.exit(1);
}
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
	name: string;
	version: string;
};
const parts = exportParts(format, dataset, dataset.claims, {
	exportedAt: new Date().toISOString(),
	tool: { name: pkg.name, version: pkg.version },
	filter: {},
	...(link ? { link } : {})
});
// A part at a time, each made when the stream asks for it (backpressure): at a million claims the
// file is longer than any one string, and it is never all in memory.
await pipeline(Readable.from(parts), out ? createWriteStream(out) : process.stdout);
if (out) console.error(`export: wrote ${format} to ${out}`);
