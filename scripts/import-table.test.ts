import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFolder } from './read-dataset.ts';

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'import-table-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

function run(...args: string[]) {
	const r = spawnSync('npx', ['tsx', 'scripts/import-table.ts', ...args], { encoding: 'utf8' });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CSV =
	'\ufeffLatitude ,LONG,Place,Date of incident,Description,Source URL(s),Weapon\n' +
	'48.5,35.1,Kharkiv,02/24/2022,Strike on a school,https://a.example/1;https://b.example/2,missile\n' +
	'\n' +
	'48.5,35.1,Kharkiv,03/13/2022,Second strike,https://c.example/3,\n' +
	'50.45,30.52,Kyiv,10/08/2023,Drone over the centre,,drone\n';

describe('npm run import-table', () => {
	it('guesses, prints a reusable mapping, and writes a folder that validates', async () => {
		const file = join(dir, 'incidents.csv');
		await writeFile(file, CSV);
		const out = join(dir, 'out');
		const r = run(file, '--out', out);
		expect(r.stderr).toContain('wrote');
		expect(r.code).toBe(0);
		const mapping = JSON.parse(r.stdout);
		expect(mapping.columns).toMatchObject({
			latitude: 'Latitude ',
			longitude: 'LONG',
			occurred: 'Date of incident',
			evidence: 'Source URL(s)'
		});
		expect(mapping.evidenceSeparator).toBe(';');
		expect(mapping.dateFormats).toEqual({ occurred: 'mdy' });

		const result = await validateFolder(out);
		expect(result.errors).toEqual([]);
		const ds = result.dataset!;
		expect([ds.locations.length, ds.actors.length, ds.sources.length, ds.claims.length]).toEqual([
			2, 1, 1, 3
		]);
		expect(ds.claims.map((c) => c.occurred)).toEqual(['2022-02-24', '2022-03-13', '2023-10-08']);
		expect(ds.claims[0]!.evidence).toHaveLength(2);
		expect(ds.sources[0]!.title).toBe('incidents.csv');
		expect(ds.sources[0]!.note).toMatch(/SHA-256 [0-9a-f]{64}/);

		// The printed mapping, given back, makes the same folder.
		const saved = join(dir, 'mapping.json');
		await writeFile(saved, r.stdout);
		const again = run(file, '--mapping', saved, '--out', join(dir, 'again'));
		expect(again.code).toBe(0);
		expect(await readFile(join(dir, 'again', 'claims.json'), 'utf8')).toBe(
			await readFile(join(out, 'claims.json'), 'utf8')
		);
		// An existing folder is never written over.
		expect(run(file, '--out', out).code).toBe(2);
	});

	it('exits non-zero naming the row and column of an ambiguous date, and takes --date-format', async () => {
		const file = join(dir, 'amb.csv');
		await writeFile(file, 'lat,lon,Date\n1,2,03.04.2022\n1,2,05.06.2022\n');
		const r = run(file, '--out', join(dir, 'amb'));
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('amb.csv: row 2 field "Date"');
		const ok = run(file, '--date-format', 'DD.MM.YYYY', '--out', join(dir, 'amb'));
		expect(ok.code).toBe(0);
		const ds = (await validateFolder(join(dir, 'amb'))).dataset!;
		expect(ds.claims.map((c) => c.occurred)).toEqual(['2022-04-03', '2022-06-05']);
	});

	it('exits non-zero on an impossible --map, naming the row and column', async () => {
		const file = join(dir, 'bad.csv');
		await writeFile(file, 'lat,lon,Text\n1,2,hello\n');
		const r = run(file, '--map', 'status=Text', '--out', join(dir, 'bad'));
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('bad.csv: row 2 field "Text": "hello" is not a status');
		expect(run(file, '--map', 'latitude=Nope', '--out', join(dir, 'bad')).stderr).toContain(
			'no column "Nope"'
		);
		expect(run(file, '--map', 'colour=Text', '--out', join(dir, 'bad')).code).toBe(2);
	});

	it('reads a column as a facet or a figure when --map says so', async () => {
		const file = join(dir, 'facets.csv');
		await writeFile(file, 'lat,lon,Text,Kind,Count\n1,2,hello,a;b,3\n1,2,again,b,unknown\n');
		const out = join(dir, 'facets');
		const r = run(file, '--map', 'facet=kind', '--map', 'number=Count', '--out', out);
		expect(r.stderr).not.toContain('error');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({
			facets: [{ column: 'Kind', separator: ';' }],
			numbers: [{ column: 'Count' }]
		});
		const meta = JSON.parse(await readFile(join(out, 'dataset.json'), 'utf8'));
		expect(meta.facets[0]).toMatchObject({ id: 'kind', multiple: true });
		const claims = JSON.parse(await readFile(join(out, 'claims.json'), 'utf8'));
		expect(claims.map((c: { tags: unknown; numbers: unknown }) => [c.tags, c.numbers])).toEqual([
			[{ kind: ['a', 'b'] }, { count: 3 }],
			[{ kind: ['b'] }, { count: null }]
		]);
	});
});
