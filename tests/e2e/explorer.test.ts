import { expect, test } from './fixtures.ts';
import { openMap, pixelOf, readSeed } from './helpers.ts';
import { respondsTo } from '../../src/lib/domain/responses.ts';

test('the map loads offline-styled, with an accessible name, and lists every place', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page);
	await expect(page.getByRole('img', { name: /Map of 5 places/ })).toBeVisible();
	const list = page.getByRole('list', { name: 'Places, with their claims' });
	for (const location of seed.locations) {
		const count = seed.claims.filter((c) => c.locations.includes(location.id)).length;
		await expect(
			list.getByRole('button', { name: new RegExp(`^${location.properties.name} ${count} claim`) })
		).toBeVisible();
	}
	expect(problems).toEqual([]);
});

test('clicking each place on the map opens its claims with verbatim quotes and sourcing', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page);
	const panel = page.getByRole('complementary', { name: 'Claims' });
	for (const location of seed.locations) {
		const { x, y } = await pixelOf(page, location.geometry.coordinates);
		await page.mouse.click(x, y);
		await expect(panel.getByRole('heading', { level: 2 })).toHaveText(location.properties.name);
		await expect(page).toHaveURL(new RegExp(`[?&]location=${location.id}(&|#|$)`));
		const citing = seed.claims.filter((c) => c.locations.includes(location.id));
		for (const claim of citing) {
			const card = panel.locator(`article[data-claim-id="${claim.id}"]`);
			await expect(card.locator(':scope > blockquote')).toHaveText(`“${claim.quote}”`);
			const actor = seed.actors.find((a) => a.id === claim.claimant)!;
			await expect(card.locator(':scope > header .claimant')).toHaveText(actor.name);
			const status = card.locator(':scope > header .status');
			await expect(status).toContainText(claim.status);
			await status.focus();
			await expect(status.getByRole('tooltip')).toBeVisible();
			await expect(card.locator(':scope > .source')).toContainText('publisher unknown');
		}
		// Responses appear beneath each claim they answer, with their stance.
		for (const response of seed.claims) {
			for (const parentId of respondsTo(response).filter((id) => citing.some((c) => c.id === id))) {
				const parent = panel.locator(`article[data-claim-id="${parentId}"]`);
				await expect(
					parent.locator(`article[data-claim-id="${response.id}"] blockquote`)
				).toHaveText(`“${response.quote}”`);
			}
		}
	}
	expect(problems).toEqual([]);
});

test('clicking empty map or pressing Escape closes the panel', async ({ page, problems }) => {
	await openMap(page);
	await page.getByRole('button', { name: /^Khabarovsk/ }).click();
	const heading = page
		.getByRole('complementary', { name: 'Claims' })
		.getByRole('heading', { level: 2 });
	await expect(heading).toHaveText('Khabarovsk');
	await page.keyboard.press('Escape');
	await expect(heading).toHaveCount(0);
	await expect(page).not.toHaveURL(/location=/);

	await page.getByRole('button', { name: /^Khabarovsk/ }).click();
	await expect(heading).toHaveText('Khabarovsk');
	const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
	await page.mouse.click(box.x + box.width - 40, box.y + 40);
	await expect(heading).toHaveCount(0);
	expect(problems).toEqual([]);
});

test('a click on a place on the map is one Back step', async ({ page, problems }) => {
	const seed = await readSeed();
	await openMap(page);
	const target = seed.locations.find((l) => l.id === 'blagoveshchensk')!;
	const { x, y } = await pixelOf(page, target.geometry.coordinates);
	await page.mouse.click(x, y);
	const heading = page
		.getByRole('complementary', { name: 'Claims' })
		.getByRole('heading', { level: 2 });
	await expect(heading).toHaveText(target.properties.name);
	await page.goBack();
	await expect(heading).toHaveCount(0);
	await expect(page).not.toHaveURL(/location=/);
	expect(problems).toEqual([]);
});

test('with the keyboard alone: Tab to the list, arrows move, Enter selects, Escape closes', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page);
	const names = seed.locations.map((l) => l.properties.name).sort((a, b) => a.localeCompare(b));
	// The dataset controls, the sort control, then the list: one Tab stop for the whole list.
	for (const stop of [
		page.getByRole('combobox', { name: 'Dataset' }),
		page.getByRole('button', { name: 'Import files…' }),
		page.getByRole('button', { name: 'Import a folder…' }),
		page.getByRole('button', { name: 'Import a table…' }),
		page.getByText('Export', { exact: true }),
		page.getByRole('searchbox', { name: 'Search claims' }),
		page.getByText('Filters', { exact: true }),
		page.getByRole('combobox', { name: 'Sort by' }),
		page.getByRole('button', { name: new RegExp(`^${names[0]}`) })
	]) {
		await page.keyboard.press('Tab');
		await expect(stop).toBeFocused();
	}
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('button', { name: new RegExp(`^${names[1]}`) })).toBeFocused();
	await page.keyboard.press('Enter');
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(names[1]!);
	await expect(page.getByRole('button', { name: new RegExp(`^${names[1]}`) })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await page.keyboard.press('End');
	await expect(page.getByRole('button', { name: /^Not tied to a place/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Not tied to a place');
	await page.keyboard.press('Escape');
	await expect(panel).toHaveCount(0);
	// Focus returns to the list entry of the place that was open.
	await expect(page.getByRole('button', { name: /^Not tied to a place/ })).toBeFocused();
	expect(problems).toEqual([]);
});

test('every claim of the dataset is reachable from the list', async ({ page, problems }) => {
	const seed = await readSeed();
	await openMap(page);
	const seen = new Set<string>();
	for (const name of [...seed.locations.map((l) => l.properties.name), 'Not tied to a place']) {
		await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
		const panel = page.getByRole('complementary', { name: 'Claims' });
		await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);
		for (const id of await panel
			.locator('article[data-claim-id]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-claim-id')!))) {
			seen.add(id);
		}
	}
	expect([...seen].sort()).toEqual(seed.claims.map((c) => c.id).sort());
	expect(problems).toEqual([]);
});

test('a permalink opens the place with its panel, centred on it; Back and Forward step through selections', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	const target = seed.locations.find((l) => l.id === 'khabarovsk')!;
	await openMap(page, `/?location=${target.id}`);
	const heading = page
		.getByRole('complementary', { name: 'Claims' })
		.getByRole('heading', { level: 2 });
	await expect(heading).toHaveText(target.properties.name);
	const [, lat, lon] = new URL(page.url()).hash.replace('#map=', '').split('/').map(Number);
	expect(Math.abs(lon! - target.geometry.coordinates[0])).toBeLessThan(0.01);
	expect(Math.abs(lat! - target.geometry.coordinates[1])).toBeLessThan(0.01);

	await page.getByRole('button', { name: /^Vladivostok/ }).click();
	await expect(heading).toHaveText('Vladivostok');
	await page.goBack();
	await expect(heading).toHaveText(target.properties.name);
	await page.goForward();
	await expect(heading).toHaveText('Vladivostok');
	expect(problems).toEqual([]);
});

test('the map view in the hash is restored on load', async ({ page, problems }) => {
	await openMap(page, '/#map=4.50/47.00000/133.00000');
	expect(new URL(page.url()).hash).toBe('#map=4.50/47.00000/133.00000');
	expect(problems).toEqual([]);
});

test('an unknown id in a permalink gives a clear message, not a blank page', async ({
	page,
	problems
}) => {
	await openMap(page, '/?location=vladivostock');
	await expect(
		page.getByRole('status').filter({ hasText: 'No place with the id “vladivostock”' })
	).toBeVisible();
	await expect(page.getByRole('complementary', { name: 'Claims' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Vladivostok/ })).toBeVisible();
	expect(problems).toEqual([]);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

	test('no horizontal scroll; the panel is a bottom sheet; the map stays usable', async ({
		page,
		problems
	}) => {
		await openMap(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await page.getByRole('button', { name: /^Ussuriysk/ }).click();
		const panel = page.getByRole('complementary', { name: 'Claims' });
		await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Ussuriysk');
		const box = (await panel.boundingBox())!;
		expect(box.y + box.height).toBeGreaterThanOrEqual(811);
		expect(box.width).toBeLessThanOrEqual(375);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await panel.getByRole('button', { name: 'Close panel' }).click();
		await expect(panel).toHaveCount(0);
		expect(problems).toEqual([]);
	});
});
