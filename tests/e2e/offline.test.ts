import { expect, test } from './fixtures.ts';
import { openMap, pixelOf, readSeed } from './helpers.ts';

test('a whole session makes no request that leaves the origin', async ({
	page,
	baseURL,
	problems
}) => {
	const origin = new URL(baseURL!).origin;
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	// Also what workers fetch: the map's worker runs in its own context.
	page.on('worker', (worker) => requests.push(worker.url()));

	const seed = await readSeed();
	await openMap(page, '/?location=vladivostok');
	const target = seed.locations.find((l) => l.id === 'sergiyevsky-training-ground')!;
	const { x, y } = await pixelOf(page, target.geometry.coordinates);
	await page.mouse.click(x, y);
	await expect(
		page.getByRole('complementary', { name: 'Claims' }).getByRole('heading', { level: 2 })
	).toHaveText(target.properties.name);
	await page.getByRole('button', { name: /^Not tied to a place/ }).click();
	await page.mouse.wheel(0, -400);
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'idle');

	const away = requests.filter(
		(url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)
	);
	expect(away).toEqual([]);
	expect(requests.some((url) => url.includes('countries-50m'))).toBe(true);
	expect(problems).toEqual([]);
});
