/**
 * The app at M (10,000 places, 100,000 claims), built in by GEODATA_DIR over the bench's generated
 * dataset (playwright.config.ts builds it): it loads, a facet and a search narrow it, a cluster
 * opens and a place's panel shows, and no main-thread task ever freezes the page for a second.
 * Where the clusters and points are drawn is worked out here with the worker's own view of the
 * same dataset. Times are the bench's business (`npm run bench`), not this test's.
 */
import { expect, test } from '../e2e/fixtures.ts';
import { openMap, pixelOf } from '../e2e/helpers.ts';
import { generateDataset } from '../../scripts/bench/generate.ts';
import { syntheticMeta } from '../../scripts/bench/write-folder.ts';
import { DatasetView } from '../../src/lib/data/dataset-view.ts';
import type { ClusterProperties } from '../../src/lib/data/protocol.ts';

const view = new DatasetView({ meta: syntheticMeta('M'), ...generateDataset('M') });

function currentZoom(url: string): number {
	return Number(new URL(url).hash.replace('#map=', '').split('/')[0]);
}

/** What is drawn in the middle of the view the URL holds, as the worker answers for it. */
function features(url: string, width: number, height: number) {
	const [zoom, lat, lon] = new URL(url).hash.replace('#map=', '').split('/').map(Number) as [
		number,
		number,
		number
	];
	const degrees = (pixels: number) => (pixels / (512 * 2 ** zoom)) * 360;
	// The middle half of the view: well inside the canvas, Mercator or not.
	const dx = degrees(width) / 4;
	const dy = degrees(height) / 4;
	return view.view([lon - dx, lat - dy, lon + dx, lat + dy], zoom);
}

test('at M: loads, narrows, opens a cluster and a place, and never freezes the page', async ({
	page,
	problems
}) => {
	test.setTimeout(300_000);
	await page.addInitScript(() => {
		const tasks: number[] = [];
		Object.assign(window, { longTasks: tasks });
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) tasks.push(Math.round(entry.duration));
		}).observe({ type: 'longtask', buffered: true });
	});
	await openMap(page);
	await expect(page.getByRole('heading', { name: 'Places (10000)' })).toBeVisible();
	const summary = page.getByRole('region', { name: 'Search and filters' }).locator('.summary');
	await expect(summary).toHaveText(/^100000 of 100000 claims, 10000 of 10000 places/);

	// A facet: the counts say what is left, and the list follows.
	await page.getByText('Filters', { exact: true }).click();
	const falseClaims = generateDataset('M').claims.filter((c) => c.status === 'false').length;
	await page.getByRole('checkbox', { name: /^false \d+$/ }).check();
	await expect(summary).toHaveText(new RegExp(`^${falseClaims} of 100000 claims`));
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await expect(summary).toHaveText(/^100000 of 100000 claims/);

	// A search, as the worker's own index answers it.
	const searched = new DatasetView({ meta: syntheticMeta('M'), ...generateDataset('M') });
	const q = 'convoy base';
	const expected = searched.setFilter({ ...searched.filter, q }).passed;
	await page.getByRole('searchbox', { name: 'Search claims' }).fill(q);
	await expect(summary).toHaveText(new RegExp(`^${expected} of 100000 claims`));
	await page.getByRole('searchbox', { name: 'Search claims' }).fill('');
	await expect(summary).toHaveText(/^100000 of 100000 claims/);

	// A cluster: a click zooms in.
	const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
	const before = currentZoom(page.url());
	const cluster = features(page.url(), canvas.width, canvas.height).find(
		(f) => (f.properties as ClusterProperties).cluster
	)!;
	expect(cluster, 'a cluster in view at the first zoom').toBeDefined();
	const at = await pixelOf(page, cluster.geometry.coordinates as [number, number]);
	await page.mouse.click(at.x, at.y);
	await expect.poll(() => currentZoom(page.url()), { timeout: 30_000 }).toBeGreaterThan(before);
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'idle');

	// A place from the list opens its panel.
	const first = page
		.getByRole('list', { name: 'Places, with their claims' })
		.getByRole('button')
		.first();
	const name = (await first.locator('.name').textContent())!;
	await first.click();
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);

	const longest = await page.evaluate(() =>
		Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)
	);
	expect(longest, 'the longest main-thread task, in ms').toBeLessThan(1000);
	expect(problems).toEqual([]);
});
