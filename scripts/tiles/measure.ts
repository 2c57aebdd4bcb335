/**
 * `NODE_OPTIONS=--max-old-space-size=16384 npx tsx scripts/tiles/measure.ts SIZE [--workers N]
 * [--keep DIR]`: times
 * `npm run tiles` on a dataset of the bench's generator and prints one JSON line: the seconds of
 * each step, the archive's size and the claim files' total. Run one size a process, so that each
 * has the memory to itself. Not part of `npm test`.
 *
 * S, M and L (docs/tiles.md has the figures) are written as a folder first and read back through
 * `validateFolder`, as the command does. 10M (1,000,000 places, 10,000,000 claims) cannot be: its
 * claims.json would be some 2.8 GB, past the longest string V8 makes (about 512 MiB) and the
 * import's limits, so it is tiled from memory, as generated (valid by construction).
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SIZES, generateDataset, type SizeName } from '../bench/generate.ts';
import { datasetFiles } from '../../src/lib/domain/validate.ts';
import { validateFolder } from '../read-dataset.ts';
import { writeTiles, type TilesInput } from './build.ts';

// The generator takes a size name; 10M is one more, ten times L, in the same proportions.
(SIZES as Record<string, { locations: number; claims: number }>)['10M'] = {
	locations: 1_000_000,
	claims: 10_000_000
};

const args = process.argv.slice(2);
const option = (flag: string) => {
	const i = args.indexOf(flag);
	return i < 0 ? undefined : args.splice(i, 2)[1];
};
const workers = option('--workers');
const keep = option('--keep');
const size = args[0] ?? 'S';
if (!(size in SIZES)) throw new Error(`size must be one of ${Object.keys(SIZES).join(', ')}`);
const work = keep ?? (await mkdtemp(join(tmpdir(), `claims-map-tiles-${size}-`)));
const out = join(work, 'tiles');
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);

const seconds = (start: number) => Math.round((performance.now() - start) / 10) / 100;
let start = performance.now();
const generated = generateDataset(size as SizeName);
const generate = seconds(start);
const meta = { name: `Bench ${size}` };
let dataset: TilesInput = { meta, ...generated };
let write: number | null = null;
let validate: number | null = null;
if (size !== '10M') {
	const folder = join(work, 'dataset');
	start = performance.now();
	for (const [path, text] of Object.entries(datasetFiles({ meta, ...generated }))) {
		await mkdir(dirname(join(folder, path)), { recursive: true });
		await writeFile(join(folder, path), text);
	}
	write = seconds(start);
	start = performance.now();
	const result = await validateFolder(folder);
	if (!result.dataset) throw new Error(`${result.errors.length} errors`);
	dataset = result.dataset;
	validate = seconds(start);
}
start = performance.now();
const report = await writeTiles(dataset, out, {
	workers: workers === undefined ? undefined : Number(workers),
	progress: (message) => console.error(`${size}: ${message} (${seconds(start)} s)`)
});
const total = seconds(start);
clearInterval(sampler);
console.log(
	JSON.stringify({
		size,
		workers: workers ?? 'default',
		locations: dataset.locations.length,
		claims: dataset.claims.length,
		...report,
		seconds: { generate, write, validate, total, ...report.seconds },
		peakRssMB: Math.round(peak / 2 ** 20)
	})
);
if (!keep) await rm(work, { recursive: true, force: true });
