/**
 * The exports as GIS tools read them: GDAL's ogrinfo and ogr2ogr (Debian's gdal-bin; .ci/run
 * installs it). Counts, field names and types, and a conversion to GeoPackage.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFolder } from '../../scripts/read-dataset.ts';
import type { Dataset } from '../../src/lib/domain/schema.ts';

const run = promisify(execFile);
let dir: string;
let seed: Dataset;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'claims-map-gdal-'));
	seed = (await validateFolder('geodata')).dataset!;
	for (const format of ['nested', 'flat', 'csv']) {
		const ext = format === 'csv' ? 'csv' : 'geojson';
		await run('npx', [
			'tsx',
			'scripts/export.ts',
			'--format',
			format,
			'--out',
			join(dir, `${format}.${ext}`)
		]);
	}
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `ogrinfo -ro -al -so`: the feature count and each field's type, by name. */
async function summary(path: string) {
	const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', path]);
	const count = Number(/Feature Count: (\d+)/.exec(stdout)?.[1]);
	const fields = Object.fromEntries(
		[...stdout.matchAll(/^(\w+): (\w+(?:\(\w+\))?) \(/gm)].map((m) => [m[1], m[2]])
	);
	return { count, fields, stdout };
}

describe('GDAL reads the exports', () => {
	it('nested: a feature per place; alt_names as StringList, claims as String(JSON)', async () => {
		const { count, fields } = await summary(join(dir, 'nested.geojson'));
		expect(count).toBe(seed.locations.length);
		expect(fields).toMatchObject({
			id: 'String',
			name: 'String',
			precision: 'String',
			claims: 'String(JSON)'
		});
		// An array of strings: the export writes empty ones as null, so that GDAL sees a list.
		expect(fields.alt_names).toBe('StringList');
	});

	it('flat: a feature per citation (and per unlocated claim) with scalar fields', async () => {
		const { count, fields } = await summary(join(dir, 'flat.geojson'));
		const citations = seed.claims.reduce((n, c) => n + new Set(c.locations).size, 0);
		const unlocated = seed.claims.filter((c) => c.locations.length === 0).length;
		expect(count).toBe(citations + unlocated);
		expect(fields).toMatchObject({
			claim_id: 'String',
			location_id: 'String',
			quote: 'String',
			status: 'String',
			responses: 'Integer',
			source_url: 'String'
		});
		expect(Object.values(fields)).not.toContain('String(JSON)');
	});

	it('csv: a row per citation (and per unlocated claim), the quote a String', async () => {
		const { count, fields } = await summary(join(dir, 'csv.csv'));
		const citations = seed.claims.reduce((n, c) => n + new Set(c.locations).size, 0);
		const unlocated = seed.claims.filter((c) => c.locations.length === 0).length;
		expect(count).toBe(citations + unlocated);
		expect(fields).toMatchObject({ claim_id: 'String', quote: 'String' });
	});

	it.each(['nested', 'flat'])('%s converts to GeoPackage with the same count', async (format) => {
		const source = join(dir, `${format}.geojson`);
		const target = join(dir, `${format}.gpkg`);
		await run('ogr2ogr', ['-f', 'GPKG', target, source]);
		expect((await summary(target)).count).toBe((await summary(source)).count);
	});

	it('the nested export names what it is in a foreign member, and has no crs', async () => {
		const { readFile } = await import('node:fs/promises');
		const file = JSON.parse(await readFile(join(dir, 'nested.geojson'), 'utf8'));
		expect(file.crs).toBeUndefined();
		expect(file.claims_map).toMatchObject({
			dataset: { name: seed.meta.name },
			tool: { name: 'claims-map' },
			filter: {}
		});
		expect(Date.parse(file.claims_map.exported_at)).not.toBeNaN();
	});

	it('the flat and CSV exports have a column per declared facet and figure, typed by GDAL', async () => {
		const fixture = 'tests/fixtures/format2';
		for (const format of ['flat', 'csv']) {
			const out = join(dir, `facets.${format === 'csv' ? 'csv' : 'geojson'}`);
			await run('npx', ['tsx', 'scripts/export.ts', '--format', format, '--out', out, fixture]);
		}
		// Field names with a dot: `tag.weapon` reads as the facet's URL parameter does.
		const fieldsOf = (stdout: string) =>
			Object.fromEntries(
				[...stdout.matchAll(/^([\w.]+): (\w+(?:\(\w+\))?) \(/gm)].map((m) => [m[1], m[2]])
			);
		const flat = fieldsOf((await summary(join(dir, 'facets.geojson'))).stdout);
		expect(flat).toMatchObject({
			// Several values: a list; one value (a place's type of area): a string; a count: a number.
			'tag.weapon': 'StringList',
			'location_tag.area': 'String',
			'number.tanks': 'Integer'
		});
		expect(Object.keys(flat)).toContain('number.killed');
		const csv = await summary(join(dir, 'facets.csv'));
		expect(Object.keys(fieldsOf(csv.stdout))).toEqual(
			expect.arrayContaining(['tag.weapon', 'location_tag.area', 'number.killed', 'number.tanks'])
		);
		const { stdout } = await run('ogrinfo', ['-ro', '-al', join(dir, 'facets.csv')]);
		// The figure recorded as unknown says so; it is not written as 0 or left blank.
		expect(stdout).toMatch(/number\.killed \(String\) = unknown/);
		expect(stdout).toMatch(/tag\.weapon \(String\) = drone/);
	}, 60_000);
});
