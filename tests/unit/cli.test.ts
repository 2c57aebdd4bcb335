/**
 * The command line and the build, run as a user runs them, on the seed and on broken copies.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'claims-map-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** A copy of geodata/ with claims.json changed by `edit`. */
async function brokenCopy(name: string, edit: (claims: Record<string, unknown>[]) => void) {
	const folder = join(dir, name);
	await cp('geodata', folder, { recursive: true });
	const claims = JSON.parse(await readFile(join(folder, 'claims.json'), 'utf8'));
	edit(claims);
	await writeFile(join(folder, 'claims.json'), JSON.stringify(claims, null, '\t'));
	return folder;
}

async function exitOf(command: string, args: string[], env: Record<string, string> = {}) {
	try {
		const { stdout, stderr } = await run(command, args, { env: { ...process.env, ...env } });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const e = error as { code: number; stdout: string; stderr: string };
		return { code: e.code, stdout: e.stdout, stderr: e.stderr };
	}
}

describe('npm run check-data', () => {
	it('passes on geodata/', async () => {
		const result = await exitOf('npx', ['tsx', 'scripts/check-data.ts']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/geodata: valid: 5 locations, \d+ actors, 1 sources, \d+ claims/);
	});

	it('fails on a broken copy, naming file, record and field of every error', async () => {
		const folder = await brokenCopy('two-errors', (claims) => {
			claims[0]!.locations = ['vladivostok', 'vladivostock'];
			claims[1]!.quote = String(claims[1]!.quote).replace('special', 'speical');
		});
		const result = await exitOf('npx', ['tsx', 'scripts/check-data.ts', folder]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(
			`${folder}/claims.json: claim "nis-2024-10-18-stationed-far-east" field "locations[1]": unknown location "vladivostock"`
		);
		expect(result.stderr).toContain(
			`claim "south-korea-2024-10-18-special-forces" field "quote": not found verbatim in sources/article.txt`
		);
		expect(result.stderr).toContain('2 error(s)');
	});

	it('reports unclosed JSON 100,000 deep in one file and still every other file’s errors', async () => {
		const folder = await brokenCopy('deep', (claims) => {
			claims[0]!.status = 'probably';
		});
		await writeFile(join(folder, 'actors.json'), '['.repeat(100_000));
		const result = await exitOf('npx', ['tsx', 'scripts/check-data.ts', folder]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(
			`${folder}/actors.json: line 1 column 513: invalid JSON: nesting deeper than 512 levels (the most a dataset file may have)`
		);
		expect(result.stderr).toContain(
			`${folder}/claims.json: claim "nis-2024-10-18-stationed-far-east" field "status": expected one of`
		);
		expect(result.stderr).toContain('2 error(s)');
		expect(result.stderr).not.toMatch(/RangeError|at .*\.ts:\d+/);
	});

	it('says what stands where a file should be: a folder, a broken link', async () => {
		const folder = await brokenCopy('not-files', () => {});
		await rm(join(folder, 'claims.json'));
		await mkdir(join(folder, 'claims.json'));
		await rm(join(folder, 'actors.json'));
		await symlink('gone.json', join(folder, 'actors.json'));
		const result = await exitOf('npx', ['tsx', 'scripts/check-data.ts', folder]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(
			`${folder}/actors.json: a symbolic link to "gone.json", which does not exist`
		);
		expect(result.stderr).toContain(`${folder}/claims.json: a folder, where a file was expected`);
		expect(result.stderr).not.toContain('the file is missing');
		expect(result.stderr).not.toContain('EISDIR');
	});

	it('prints ids with control characters escaped, so they cannot forge a line', async () => {
		const folder = await brokenCopy('forged', (claims) => {
			claims[0]!.id = 'x\ncheck-data: geodata: valid\u001b[2J';
		});
		const result = await exitOf('npx', ['tsx', 'scripts/check-data.ts', folder]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('claim "x\\ncheck-data: geodata: valid\\u001b[2J"');
		expect(result.stderr.split('\n').some((line) => line.startsWith('check-data: geodata'))).toBe(
			false
		);
		expect(result.stderr).not.toContain('\u001b');
	});

	it('says so when the folder does not exist', async () => {
		const result = await exitOf('npx', ['tsx', 'scripts/check-data.ts', join(dir, 'nope')]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('cannot read dataset folder');
	});
});

describe('npm run build', () => {
	it('fails on a broken dataset with the file/record/field message', async () => {
		const folder = await brokenCopy('bad-build', (claims) => {
			claims[2]!.status = 'probably';
		});
		// The dataset check runs when the build starts, before anything is written to build/.
		const result = await exitOf('npx', ['vite', 'build'], { GEODATA_DIR: folder });
		expect(result.code).not.toBe(0);
		expect(result.stdout + result.stderr).toContain(
			`${folder}/claims.json: claim "zelenskiy-2024-10-soldiers-and-weapons" field "status": expected one of "verified"`
		);
	}, 120_000);
});
