/**
 * WCAG 2.2 AA, as axe-core checks it, in every state a reader passes through: no serious or
 * critical violation. What axe cannot judge (focus order, the keyboard paths, reflow) has its own
 * tests here and in explorer.test.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openMap } from './helpers.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The serious and critical violations, each as rule: target (so a failure says where). */
async function violations(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.flatMap((v) =>
			v.nodes.map(
				(n) =>
					`${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim()}`
			)
		);
}

test('axe: first load, a place open, filters open, a facet applied, a citation, the source', async ({
	page,
	problems
}) => {
	const found: Record<string, string[]> = {};
	await openMap(page);
	found['first load'] = await violations(page);
	await page.getByRole('button', { name: /^Vladivostok/ }).click();
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Vladivostok');
	found['place open'] = await violations(page);
	await page.getByText('Filters', { exact: true }).click();
	await expect(
		page.getByRole('checkbox', { name: /^National Intelligence Service/ })
	).toBeVisible();
	found['filters open'] = await violations(page);
	// A facet applied, as a link gives it, with its place open.
	await openMap(page, '/?claimant=south-korea-nis&location=vladivostok');
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Vladivostok');
	found['facet applied'] = await violations(page);
	await panel.getByRole('button', { name: 'Cite' }).first().click();
	found['citation open'] = await violations(page);
	await panel.getByRole('button', { name: 'Read the source' }).first().click();
	await expect(page.getByRole('dialog')).toBeVisible();
	await expect(page.getByRole('dialog').locator('.text')).toBeVisible();
	found['source reader'] = await violations(page);
	expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
	expect(problems).toEqual([]);
});

for (const [name, viewport] of [
	['a phone, the panel open', { width: 375, height: 812 }],
	['200% zoom', { width: 640, height: 400 }],
	['400% zoom', { width: 320, height: 256 }]
] as const) {
	test(`axe: ${name}`, async ({ page, problems }) => {
		await page.setViewportSize(viewport);
		await openMap(page, '/?location=vladivostok');
		await expect(
			page.getByRole('complementary', { name: 'Claims' }).getByRole('heading', { level: 2 })
		).toHaveText('Vladivostok');
		const found = await violations(page);
		expect(found).toEqual([]);
		expect(problems).toEqual([]);
	});
}
