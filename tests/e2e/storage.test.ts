/**
 * Where imported datasets are kept: IndexedDB in parts, and what the page says and does when the
 * browser will not keep them (no IndexedDB, opening it fails, a write over quota).
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openMap } from './helpers.ts';

const FIXTURE = 'tests/fixtures/second';
const FIXTURE_NAME = 'Test fixture: two places';
const IMPORTED = `Imported “${FIXTURE_NAME}”: 2 places, 2 claims.`;
const NOT_KEEPING = /[Tt]his browser is not keeping imported datasets/;

async function fixtureFiles(): Promise<string[]> {
	const top = (await readdir(FIXTURE)).filter((n) => n.endsWith('.json') || n.endsWith('.geojson'));
	return [...top.map((n) => join(FIXTURE, n)), join(FIXTURE, 'sources/report.txt')];
}

async function importFixture(page: Page) {
	await page.getByLabel('Dataset files to import').setInputFiles(await fixtureFiles());
}

/** A page of the app's origin that does not open the library, to prepare its database. */
async function blankPage(page: Page) {
	await page.route('**/blank.html', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: '<!doctype html><link rel="icon" href="data:,">'
		})
	);
	await page.goto('/blank.html');
}

/** The number of records in each store of the app's database, read with IndexedDB itself. */
function storedCounts(page: Page) {
	return page.evaluate(
		() =>
			new Promise<Record<string, number>>((resolve, reject) => {
				const request = indexedDB.open('claims-map');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					const names = [...db.objectStoreNames];
					const counts: Record<string, number> = {};
					const tx = db.transaction(names, 'readonly');
					for (const name of names) {
						const count = tx.objectStore(name).count();
						count.onsuccess = () => (counts[name] = count.result);
					}
					tx.oncomplete = () => (db.close(), resolve(counts));
				};
			})
	);
}

/** The page works: the map is idle and a place opens its claims. */
async function expectUsable(page: Page, place: RegExp, heading: string) {
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'idle');
	await page.getByRole('button', { name: place }).click();
	await expect(
		page.getByRole('complementary', { name: 'Claims' }).getByRole('heading', { level: 2 })
	).toHaveText(heading);
}

test('with two datasets stored, a refused import leaves both, in parts, after a reload', async ({
	page,
	problems
}) => {
	await openMap(page);
	await importFixture(page);
	await expect(page.getByText(IMPORTED)).toBeVisible();
	await importFixture(page);
	await expect(page.getByText(IMPORTED)).toBeVisible();
	const picker = page.getByRole('combobox', { name: 'Dataset' });
	await expect(picker.locator('option')).toHaveCount(3);

	const dir = await mkdtemp(join(tmpdir(), 'claims-bad-'));
	await writeFile(join(dir, 'bad.geojson'), '{"type": "FeatureCollection", "features": [');
	await page.getByLabel('Dataset files to import').setInputFiles(join(dir, 'bad.geojson'));
	await expect(page.getByRole('region', { name: /The import was refused/ })).toBeVisible();

	await page.reload();
	await expect(picker.locator('option')).toHaveCount(3);
	// Two datasets of one meta, two places, two actors... one source, one text, and the summary
	// of their places each.
	expect(await storedCounts(page)).toEqual({ info: 2, chunks: 12, texts: 2 });
	for (const index of [1, 2]) {
		await picker.selectOption((await picker.locator('option').nth(index).getAttribute('value'))!);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIXTURE_NAME);
		await expectUsable(page, /^South Harbour/, 'South Harbour');
	}
	expect(problems).toEqual([]);
});

test('a stored dataset that lost a part says so, and storage goes on working for the others', async ({
	page,
	problems
}) => {
	await openMap(page);
	await importFixture(page);
	await expect(page.getByText(IMPORTED)).toBeVisible();
	const id = new URL(page.url()).searchParams.get('dataset')!;
	// The browser (or a person) clears one of its parts.
	await page.evaluate(
		(datasetId) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('claims-map');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const tx = request.result.transaction('texts', 'readwrite');
					tx.objectStore('texts').delete(IDBKeyRange.bound([datasetId], [datasetId, []]));
					tx.oncomplete = () => (request.result.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		id
	);
	await openMap(page, `/?dataset=${id}`);
	await expect(page.getByText(/is damaged in this browser's storage/)).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(FIXTURE_NAME);
	await expect(page.getByText(NOT_KEEPING)).toHaveCount(0);
	// Storage was not turned off: the next import is kept.
	await importFixture(page);
	await expect(page.getByText(IMPORTED)).toBeVisible();
	await page.reload();
	await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveCount(3);
	expect(problems).toEqual([]);
});

test('a dataset stored by version 1, whole in one value, is moved into parts and opens', async ({
	page,
	problems
}) => {
	const read = async (name: string) => JSON.parse(await readFile(join(FIXTURE, name), 'utf8'));
	const dataset = {
		meta: await read('dataset.json'),
		locations: (await read('locations.geojson')).features,
		actors: await read('actors.json'),
		sources: await read('sources.json'),
		claims: await read('claims.json'),
		texts: { report: await readFile(join(FIXTURE, 'sources/report.txt'), 'utf8') }
	};
	const record = {
		id: 'old-one',
		name: dataset.meta.name,
		importedAt: '2025-01-01T00:00:00.000Z',
		kind: 'folder',
		from: ['claims.json'],
		dataset
	};
	await blankPage(page);
	await page.evaluate(
		(value) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('claims-map', 1);
				request.onupgradeneeded = () =>
					request.result.createObjectStore('datasets', { keyPath: 'id' });
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const tx = request.result.transaction('datasets', 'readwrite');
					tx.objectStore('datasets').put(value);
					tx.oncomplete = () => (request.result.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		record
	);

	await openMap(page, '/?dataset=old-one');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIXTURE_NAME);
	await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveText([
		/built in/,
		`${FIXTURE_NAME} (imported, 2 places, 2 claims)`
	]);
	await expectUsable(page, /^North Town/, 'North Town');
	await expect(page.getByText('Three grey ships').first()).toBeVisible();
	expect(await storedCounts(page)).toEqual({ info: 1, chunks: 5, texts: 1 });
	expect(problems).toEqual([]);
});

const BROKEN: { name: string; setUp: (page: Page) => Promise<unknown>; said: RegExp }[] = [
	{
		name: 'missing',
		said: /NotSupportedError: This browser has no IndexedDB/,
		setUp: (page) =>
			page.addInitScript(() =>
				Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true })
			)
	},
	{
		name: 'throwing on open',
		said: /SecurityError: blocked by the test/,
		setUp: (page) =>
			page.addInitScript(() => {
				IDBFactory.prototype.open = () => {
					throw new DOMException('blocked by the test', 'SecurityError');
				};
			})
	},
	{
		name: 'failing to open (a newer version is stored)',
		said: /VersionError/,
		setUp: async (page) => {
			await blankPage(page);
			await page.evaluate(
				() =>
					new Promise<void>((resolve) => {
						const request = indexedDB.open('claims-map', 99);
						request.onsuccess = () => (request.result.close(), resolve());
					})
			);
		}
	}
];

for (const broken of BROKEN) {
	test(`IndexedDB ${broken.name}: said once, the page works, an import is shown for the visit`, async ({
		page,
		problems
	}) => {
		await broken.setUp(page);
		await openMap(page);
		const notice = page.getByRole('status').getByText(NOT_KEEPING);
		await expect(notice).toHaveCount(1);
		await expect(notice).toContainText(broken.said);
		await expect(notice).toContainText('Imports still work, for this visit only.');
		await expectUsable(page, /^Khabarovsk/, 'Khabarovsk');

		await importFixture(page);
		const report = page.getByRole('region', { name: /is valid and shown, but this browser/ });
		await expect(report).toBeVisible();
		await expect(report).toContainText('storage unavailable');
		await expect(report).toContainText('export it from the Export menu');
		await expect(report).not.toContainText('refused');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIXTURE_NAME);
		await expectUsable(page, /^North Town/, 'North Town');
		// Switchable for this visit, both ways.
		const picker = page.getByRole('combobox', { name: 'Dataset' });
		const unkept = picker.locator('option', { hasText: 'this visit only' });
		await expect(unkept).toHaveText(`${FIXTURE_NAME} (this visit only, 2 places, 2 claims)`);
		await picker.selectOption('builtin');
		await expect(page.getByRole('button', { name: /^Vladivostok/ })).toBeVisible();
		await picker.selectOption((await unkept.getAttribute('value'))!);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIXTURE_NAME);
		await expect(page.getByRole('status').getByText(NOT_KEEPING)).toHaveCount(1);
		expect(problems).toEqual([]);
	});
}

test('?dataset= while IndexedDB cannot be used says the dataset cannot be opened, and why', async ({
	page,
	problems
}) => {
	await BROKEN[1]!.setUp(page);
	await openMap(page, '/?dataset=some-import-abc');
	const status = page.getByRole('status').filter({ hasText: NOT_KEEPING });
	await expect(status).toHaveCount(1);
	await expect(status).toContainText(
		'The dataset “some-import-abc” cannot be opened: this browser is not keeping imported datasets (SecurityError: blocked by the test).'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/North Korean soldiers/);
	await expectUsable(page, /^Khabarovsk/, 'Khabarovsk');
	expect(problems).toEqual([]);
});

test('a write over quota: the dataset is valid and shown, not kept, and nothing half-stored', async ({
	page,
	problems
}) => {
	await openMap(page);
	// A real quota, as the browser enforces it on the data worker's writes: a few bytes.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', {
		origin: new URL(page.url()).origin,
		quotaSize: 16
	});
	await importFixture(page);
	const report = page.getByRole('region', {
		name: `“${FIXTURE_NAME}” is valid and shown, but this browser could not keep it.`
	});
	await expect(report).toBeVisible();
	await expect(report).toContainText('(quota exceeded)');
	await expect(report).toContainText(/The browser said: QuotaExceededError(: \S[^.]*)?\./);
	await expect(report).toContainText('It is here for this visit only.');
	await expect(report).toContainText('export it from the Export menu');
	await expect(report).toContainText('free space');
	await expect(report).not.toContainText('refused');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIXTURE_NAME);
	await expectUsable(page, /^South Harbour/, 'South Harbour');
	// Storage itself works, so no notice says it does not.
	await expect(page.getByRole('status').getByText(NOT_KEEPING)).toHaveCount(0);
	expect(await storedCounts(page)).toEqual({ info: 0, chunks: 0, texts: 0 });
	await page.reload();
	await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveCount(1);
	expect(problems).toEqual([]);
});

test('a second import dropped while one runs is not started, and the page says so', async ({
	page,
	problems
}) => {
	const files = await Promise.all(
		(await fixtureFiles()).map(async (path) => ({
			name: basename(path),
			text: await readFile(path, 'utf8')
		}))
	);
	await openMap(page);
	await page.evaluate((files) => {
		const drop = (list: File[]) => {
			const transfer = new DataTransfer();
			for (const file of list) transfer.items.add(file);
			document
				.querySelector('main.map')!
				.dispatchEvent(
					new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
				);
		};
		// The second drop comes while the first is still being read.
		drop(files.map((f) => new File([f.text], f.name)));
		drop([new File(['{}'], 'other.geojson')]);
	}, files);
	const ignored =
		'An import is already running: other.geojson was not imported. Import it again when this one has finished.';
	await expect(page.getByText(ignored)).toBeVisible();
	await expect(page.getByText(IMPORTED)).toBeVisible();
	// Still said after the first has finished, until dismissed.
	await expect(page.getByText(ignored)).toBeVisible();
	await expect(page.getByRole('combobox', { name: 'Dataset' }).locator('option')).toHaveCount(2);
	expect(problems).toEqual([]);
});
