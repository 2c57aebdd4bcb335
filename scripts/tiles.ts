/**
 * `npm run tiles -- [dataset folder] --out DIR [--max-zoom 12] [--cluster-max-zoom 10]`: checks a
 * dataset (default `geodata/`) as `check-data` does and writes it as static tiles into DIR:
 * places.pmtiles, claims/<shard>.json, unlocated/<page>.json and dataset.json (docs/tiles.md).
 * Exit codes as check-data's: 0 written, 1 the dataset is invalid (or has no place), 2 the folder
 * could not be read or the arguments are wrong, 70 an internal error.
 */
import { readFile } from 'node:fs/promises';
import { escapeControl, formatIssue } from '../src/lib/domain/issues.ts';
import { validateFolder } from './read-dataset.ts';
import { writeTiles } from './tiles/build.ts';

const USAGE =
	'usage: npm run tiles -- [dataset folder] --out DIR [--max-zoom 12] [--cluster-max-zoom 10]';

const args = process.argv.slice(2);
const take = (flag: string) => {
	const i = args.indexOf(flag);
	if (i < 0) return undefined;
	const [value] = args.splice(i, 2).slice(1);
	return value ?? '';
};
const zoom = (flag: string, fallback: number) => {
	const value = take(flag);
	if (value === undefined) return fallback;
	if (!/^\d+$/.test(value) || Number(value) > 15) fail(`${flag} must be a zoom from 0 to 15`);
	return Number(value);
};
function fail(message: string): never {
	console.error(`tiles: ${message}\n${USAGE}`);
	process.exit(2);
}

const out = take('--out');
const maxZoom = zoom('--max-zoom', 12);
const clusterMaxZoom = zoom('--cluster-max-zoom', Math.min(10, maxZoom));
if (!out) fail('--out DIR is required');
if (clusterMaxZoom > maxZoom) fail('--cluster-max-zoom cannot be above --max-zoom');
if (args.some((a) => a.startsWith('--'))) fail(`unknown option ${escapeControl(args.join(' '))}`);
if (args.length > 1) fail('one dataset folder at most');
const folder = args[0] ?? 'geodata';
const shown = escapeControl(folder);

async function main(): Promise<number> {
	const started = performance.now();
	let result;
	try {
		result = await validateFolder(folder);
	} catch (error) {
		const e = error as NodeJS.ErrnoException;
		if (e.code && e.syscall) {
			console.error(`tiles: cannot read dataset folder ${shown}: ${e.code}`);
			return 2;
		}
		throw error;
	}
	const { dataset, errors } = result;
	if (!dataset) {
		for (const error of errors) console.error(`${shown}/${formatIssue(error)}`);
		console.error(`tiles: ${shown} is not a valid dataset (${errors.length} error(s))`);
		return 1;
	}
	if (dataset.locations.length === 0) {
		console.error(`tiles: ${shown} has no places: there is nothing to draw as tiles`);
		return 1;
	}
	const validated = (performance.now() - started) / 1000;
	const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
		name: string;
		version: string;
	};
	const report = await writeTiles(dataset, out!, {
		maxZoom,
		clusterMaxZoom,
		tool: { name: pkg.name, version: pkg.version },
		progress: (message) => console.error(`tiles: ${message}`)
	});
	const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
	console.log(
		`tiles: wrote ${escapeControl(out!)}: ${report.places} places in ${report.tiles} tiles ` +
			`(places.pmtiles ${kB(report.archiveBytes)}, largest tile ${kB(report.largestTile)}), ` +
			`${report.shards} claim shards (${kB(report.shardBytes)}, largest ${kB(report.largestShard)}), ` +
			`${report.unlocatedPages} unlocated page(s) (${kB(report.unlocatedBytes)}) ` +
			`in ${((performance.now() - started) / 1000).toFixed(1)} s (checking the dataset ${validated.toFixed(1)} s)`
	);
	return 0;
}

main().then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		console.error(
			`tiles: internal error (please report it): ${(error as Error)?.stack ?? String(error)}`
		);
		process.exitCode = 70;
	}
);
