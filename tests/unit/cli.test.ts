/**
 * The command line and the build, run as a user runs them, on the seed and on broken copies.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
