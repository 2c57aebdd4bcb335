/**
 * The bad-input corpus (tests/corpus, written by `npm run corpus`): every case through the checker a
 * user would meet (the validator reading the folder from disk, or the import for the files
 * check-data does not read), and the exact lines it must print. None may throw, hang or pass.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES, listTree, writeCorpus, type Expected } from '../../scripts/make-corpus.ts';
import { runCase } from '../../scripts/run-corpus-case.ts';

const CORPUS = 'tests/corpus';
const scratch = await mkdtemp(join(tmpdir(), 'claims-map-corpus-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function listCases(): Promise<{ dir: string; expected: Expected }[]> {
	const cases = [];
	for (const category of (await readdir(CORPUS)).sort()) {
		for (const name of (await readdir(join(CORPUS, category))).sort()) {
			const dir = join(CORPUS, category, name);
			const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Expected;
			cases.push({ dir, expected });
		}
	}
	return cases;
}
const cases = await listCases();

describe('the bad-input corpus', () => {
	for (const { dir, expected } of cases) {
		it(`${dir.slice(CORPUS.length + 1)}: ${expected.defect}`, async () => {
			const today = new Date().toISOString().slice(0, 10);
			const withToday = (lines: string[]) => lines.map((l) => l.replaceAll('{today}', today));
			const result = await runCase(dir, expected, join(scratch, dir.replaceAll('/', '_')));
			expect(result.errors).toEqual(withToday(expected.errors));
			expect(result.warnings).toEqual(withToday(expected.warnings ?? []));
			// A dataset comes back exactly when there is no error; a defect says something.
			expect(result.valid).toBe(expected.errors.length === 0);
			if (expected.control)
				expect(expected.errors.length + (expected.warnings?.length ?? 0)).toBe(0);
			else expect(expected.errors.length + (expected.warnings?.length ?? 0)).toBeGreaterThan(0);
		});
	}

	it('has at least 150 defects, in every category', () => {
		const defects = cases.filter((c) => !c.expected.control);
		const perCategory = new Map<string, number>();
		for (const c of defects)
			perCategory.set(c.expected.category, (perCategory.get(c.expected.category) ?? 0) + 1);
		expect(defects.length).toBeGreaterThanOrEqual(150);
		for (const category of CATEGORIES) expect(perCategory.get(category) ?? 0).toBeGreaterThan(4);
		expect([...perCategory.keys()].sort()).toEqual([...CATEGORIES].sort());
		for (const c of cases) expect(c.dir.split('/')[2]).toBe(c.expected.category);
	});

	it('is what scripts/make-corpus.ts writes (run `npm run corpus` after changing it)', async () => {
		const fresh = join(scratch, 'fresh');
		await writeCorpus(fresh);
		const [want, got] = await Promise.all([listTree(fresh), listTree(CORPUS)]);
		expect([...got.keys()]).toEqual([...want.keys()]);
		for (const [path, content] of want) expect(got.get(path), path).toEqual(content);
	});
});
