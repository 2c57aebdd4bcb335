import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openMap, readSeed } from './helpers.ts';

const run = promisify(execFile);
const FIXTURE = 'tests/fixtures/second';

async function fixtureFiles(): Promise<string[]> {
	const top = (await readdir(FIXTURE)).filter((n) => n.endsWith('.json') || n.endsWith('.geojson'));
	return [...top.map((n) => join(FIXTURE, n)), join(FIXTURE, 'sources/report.txt')];
}

async function exportVia(page: Page, label: RegExp) {
	await page.getByText('Export', { exact: true }).click();
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: label }).click();
	const download = await downloading;
	const path = join(await mkdtemp(join(tmpdir(), 'claims-export-')), download.suggestedFilename());
	await download.saveAs(path);
	return { name: download.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

test('exports from the UI: files GDAL reads, named for what they hold and the day', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page);
	const nested = await exportVia(page, /a feature per place/);
	expect(nested.name).toMatch(/-claims-nested-\d{4}-\d{2}-\d{2}\.geojson$/);
	const collection = JSON.parse(nested.text);
	expect(collection.features).toHaveLength(seed.locations.length);
	expect(collection.claims_map.tool.name).toBe('claims-map');
	const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', nested.path]);
	expect(stdout).toContain(`Feature Count: ${seed.locations.length}`);

	const csv = await exportVia(page, /CSV/);
	expect(csv.name).toMatch(/-claims-csv-\d{4}-\d{2}-\d{2}\.csv$/);
	expect(csv.text.split('\r\n')[0]).toMatch(/^claim_id,location_id,/);

	// ClaimReview: one per rated claim (the seed's unverified claims have none), each linked.
	const reviews = await exportVia(page, /ClaimReview/);
	expect(reviews.name).toMatch(/-claims-claimreview-\d{4}-\d{2}-\d{2}\.jsonld$/);
	const document = JSON.parse(reviews.text);
	const rated = seed.claims.filter((c) => c.status !== 'unverified');
	expect(document['@context']).toBe('https://schema.org');
	expect(
		document['@graph'].map((r: { url: string }) => new URL(r.url).searchParams.get('claim'))
	).toEqual(rated.map((c) => c.id));
	expect(document.description).toContain(`${rated.length} of ${seed.claims.length} claims`);
	expect(problems).toEqual([]);
});

test('a ?dataset= link opens the map at that dataset, not at the built-in one', async ({
	page,
	problems
}) => {
	await openMap(page);
	await page.getByLabel('Dataset files to import').setInputFiles(await fixtureFiles());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test fixture: two places');
	const id = new URL(page.url()).searchParams.get('dataset')!;
	// A fresh page with no view in the URL: the map is made before the stored dataset is read.
	await page.goto('about:blank');
	await openMap(page, `/?dataset=${id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test fixture: two places');
	// The two places are in southern Norway (5.3–10.8° E, 59.9–60.4° N); the seed is near 130° E.
	await expect(async () => {
		const [, lat, lon] = new URL(page.url()).hash.replace('#map=', '').split('/').map(Number);
		expect(lon).toBeGreaterThan(4);
		expect(lon).toBeLessThan(12);
		expect(lat).toBeGreaterThan(58);
		expect(lat).toBeLessThan(62);
	}).toPass({ timeout: 15_000 });
	expect(problems).toEqual([]);
});

test('imports a dataset folder: its places appear on the map and in the list, and stay after a reload', async ({
	page,
	problems
}) => {
	await openMap(page);
	await page.getByLabel('Dataset files to import').setInputFiles(await fixtureFiles());
	await expect(
		page.getByText('Imported “Test fixture: two places”: 2 places, 2 claims.')
	).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test fixture: two places');
	await expect(page.getByRole('button', { name: /^North Town 1 claim/ })).toBeVisible();
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'idle');
	await page.getByRole('button', { name: /^South Harbour/ }).click();
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.locator('article[data-claim-id="ships-seen"] > blockquote')).toHaveText(
		'“Three grey ships, "unmarked", docked at dawn, then left by noon”'
	);
	await expect(page).toHaveURL(/dataset=test-fixture-two-places-/);

	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test fixture: two places');
	await expect(
		page.getByRole('complementary', { name: 'Claims' }).getByRole('heading', { level: 2 })
	).toHaveText('South Harbour');

	// Back to the built-in one, then remove the import.
	const picker = page.getByRole('combobox', { name: 'Dataset' });
	await picker.selectOption('builtin');
	await expect(page.getByRole('button', { name: /^Vladivostok/ })).toBeVisible();
	const imported = await picker.locator('option').nth(1).getAttribute('value');
	await picker.selectOption(imported!);
	await page.getByRole('button', { name: 'Remove this dataset' }).click();
	await expect(page.getByRole('button', { name: /^Vladivostok/ })).toBeVisible();
	await expect(picker.locator('option')).toHaveCount(1);
	await page.reload();
	await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveCount(1);
	expect(problems).toEqual([]);
});

test('a broken import lists every error with file, record and field; what was shown stays', async ({
	page,
	problems
}) => {
	await openMap(page);
	await page.getByRole('button', { name: /^Khabarovsk/ }).click();
	const dir = await mkdtemp(join(tmpdir(), 'claims-broken-'));
	const files = await fixtureFiles();
	const claims = JSON.parse(await readFile(join(FIXTURE, 'claims.json'), 'utf8'));
	claims[0].locations.push('nowhere');
	claims[1].quote = 'We could not confirm where the ship went.';
	await writeFile(join(dir, 'claims.json'), JSON.stringify(claims));
	await page
		.getByLabel('Dataset files to import')
		.setInputFiles(files.map((f) => (f.endsWith('claims.json') ? join(dir, 'claims.json') : f)));

	const report = page.getByRole('region', { name: /The import was refused: 2 errors/ });
	await expect(report).toBeVisible();
	await expect(report).toContainText(
		'claims.json: claim "ships-seen" field "locations[2]": unknown location "nowhere"'
	);
	await expect(report).toContainText(
		'claims.json: claim "paper-cannot-confirm" field "quote": not found verbatim in sources/report.txt'
	);
	// Nothing changed: the same dataset, the same place open.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/North Korean soldiers/);
	await expect(
		page.getByRole('complementary', { name: 'Claims' }).getByRole('heading', { level: 2 })
	).toHaveText('Khabarovsk');
	const downloading = page.waitForEvent('download');
	await report.getByRole('button', { name: 'Download the error list' }).click();
	const list = await readFile((await (await downloading).path())!, 'utf8');
	expect(list.trim().split('\n')).toHaveLength(2);
	expect(problems).toEqual([]);
});

test('a 50 MB file imports with progress, and the page stays responsive', async ({
	page,
	problems
}) => {
	test.setTimeout(180_000);
	const features = [];
	for (let i = 0; features.length < 100_000; i++) {
		features.push({
			type: 'Feature',
			id: `p-${i}`,
			geometry: { type: 'Point', coordinates: [(i % 3600) / 10 - 180, ((i * 7) % 1700) / 10 - 85] },
			properties: { name: `Point ${i}`, description: 'x'.repeat(420) }
		});
	}
	const path = join(await mkdtemp(join(tmpdir(), 'claims-big-')), 'big.geojson');
	await writeFile(path, JSON.stringify({ type: 'FeatureCollection', features }));
	const size = (await readFile(path)).length;
	expect(size).toBeGreaterThan(50e6);

	await openMap(page);
	await page.getByLabel('Dataset files to import').setInputFiles(path);
	await expect(page.getByText(/Reading 5\d\.\d MB|Checking the dataset/)).toBeVisible();
	// The main thread answers while the worker parses and validates.
	const started = Date.now();
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
	expect(Date.now() - started).toBeLessThan(1000);
	await expect(page.getByText(/Imported “big”: 100000 places, 0 claims/)).toBeVisible({
		timeout: 120_000
	});
	expect(problems).toEqual([]);
});
