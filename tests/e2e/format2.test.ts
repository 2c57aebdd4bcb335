/**
 * Format 2 as a reader meets it: a dataset imported through the page whose main claim is a
 * description of a video (no quote), with evidence (one item withheld), a place geolocated by an
 * analyst whose point was corrected, a place whose precision nobody stated, and dates of when
 * things happened beside when they were said.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openMap } from './helpers.ts';

const FIXTURE = 'tests/fixtures/format2';

/** Opens the map and imports the fixture folder through the page's file input. */
async function importFixture(page: Page) {
	const top = (await readdir(FIXTURE)).filter((n) => n.endsWith('.json') || n.endsWith('.geojson'));
	const files = [...top.map((n) => join(FIXTURE, n)), join(FIXTURE, 'sources/statement.txt')];
	await openMap(page);
	await page.getByLabel('Dataset files to import').setInputFiles(files);
	await expect(page.getByText('Imported “Test fixture: a geolocated video”')).toBeVisible({
		timeout: 30_000
	});
}

test('a description is not a quote; evidence is linked unless withheld; the point credits who placed it', async ({
	page,
	problems
}) => {
	await importFixture(page);
	const list = page.getByRole('list', { name: 'Places, with their claims' });
	await list.getByRole('button', { name: /^River depot/ }).click();
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('River depot');

	const card = panel.locator('article[data-claim-id="monitor-depot-struck"]');
	// The author's words: said whose, no quotation marks, no blockquote.
	await expect(card.locator(':scope > .description')).toHaveText(
		"Described by the dataset's authors, not a quote: The video shows a fire at the fuel depot's northern tanks, filmed from the river bank at night."
	);
	await expect(card.locator(':scope > blockquote')).toHaveCount(0);
	await expect(card.locator(':scope > .description')).not.toContainText('“');
	await expect(card.locator(':scope > header')).toContainText('happened 3–4 March 2024');

	const evidence = card.getByRole('list', { name: 'Evidence for this claim' });
	const video = evidence.getByRole('link', { name: 'The fire at the northern tanks' });
	await expect(video).toHaveAttribute('href', 'https://example.org/channel/1234');
	await expect(video).toHaveAttribute('rel', 'noopener noreferrer');
	await expect(evidence).toContainText('at 0:12–0:31');
	await expect(evidence).toContainText('SHA-256 9f86d081884c');
	// Withheld: its caption and why, and no link at all.
	const withheld = evidence.getByRole('listitem').filter({ hasText: 'A casualty at the gate' });
	await expect(withheld).toContainText('withheld, not linked: graphic: shows a body');
	await expect(withheld.getByRole('link')).toHaveCount(0);
	// The source's own evidence and when it was retrieved.
	await expect(card.getByRole('list', { name: 'Evidence for the source' })).toContainText(
		'archived copy'
	);
	await expect(card.locator('.source').first()).toContainText('retrieved 6 March 2024');
	// The response quotes a stored text, as before.
	await expect(card.locator('article[data-claim-id="ministry-denies"] blockquote')).toHaveText(
		'“no depot was struck near the river crossing and that the video circulating online was old”'
	);

	const where = panel.locator('details.where');
	await where.locator('summary').click();
	await expect(where.locator('summary')).toContainText('Precision: site (within 50 m)');
	await expect(where).toContainText('Geolocated by Analyst A');
	await expect(where).toContainText(
		'Corrected once: was 50.4520, 30.5310, until 7 March 2024: The first point was the wrong tank farm across the road. (by Analyst A)'
	);

	await list.getByRole('button', { name: /^River crossing/ }).click();
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('River crossing');
	await expect(panel.locator('details.where summary')).toContainText('Precision: not stated');
	expect(problems).toEqual([]);
});

test('the timeline switches between when claims were said and when it happened', async ({
	page,
	problems
}) => {
	await importFixture(page);
	const timeline = page.getByRole('region', { name: 'Timeline' });
	const histogram = timeline.getByRole('img');
	await expect(histogram).toHaveAccessibleName('Claims per day, 5 March 2024 to 6 March 2024');
	await timeline.getByRole('radio', { name: 'when it happened' }).check();
	await expect(page).toHaveURL(/[?&]time=occurred/);
	await expect(histogram).toHaveAccessibleName('Claims per day, 3 March 2024 to 4 March 2024');
	// A range on this axis keeps what may have happened in it: the depot, not the denial.
	const to = timeline.getByRole('slider', { name: 'To' });
	await to.focus();
	await page.keyboard.press('ArrowLeft');
	await expect(page).toHaveURL(/[?&]to=2024-03-03/);
	await expect(page.getByText(/^1 of 2 claims/)).toBeVisible();
	// Back: the range, then the switch, undone (the range replaced the switch's entry).
	await page.goBack();
	await expect(page).not.toHaveURL(/[?&]time=/);
	await expect(timeline.getByRole('radio', { name: 'when it was said' })).toBeChecked();
	await expect(histogram).toHaveAccessibleName('Claims per day, 5 March 2024 to 6 March 2024');
	expect(problems).toEqual([]);
});

test('the dataset’s own facets filter the map, the list and the URL; the panel shows their values and figures', async ({
	page,
	problems
}) => {
	await importFixture(page);
	await page.getByText('Filters', { exact: true }).click();
	const weapon = page.getByRole('group', { name: 'Weapon system' });
	await expect(weapon.getByRole('checkbox')).toHaveCount(2);
	await expect(weapon.getByText('Drone')).toContainText('1');
	await weapon.getByRole('checkbox', { name: /Drone/ }).check();
	await expect(page).toHaveURL(/[?&]tag\.weapon=drone(&|#|$)/);
	await expect(page.getByText('1 of 2 claims, 1 of 2 places')).toBeVisible();
	// A facet of places counts the claims at places of each value, under the other facets.
	const area = page.getByRole('group', { name: 'Type of area' });
	await expect(area.getByText('Industrial')).toContainText('1');
	await expect(area.getByText('Transport')).toContainText('0');

	const list = page.getByRole('list', { name: 'Places, with their claims' });
	await list.getByRole('button', { name: /^River depot/ }).click();
	const panel = page.getByRole('complementary', { name: 'Claims' });
	const card = panel.locator('article[data-claim-id="monitor-depot-struck"]');
	await expect(card.locator('dl.tags')).toContainText(/Weapon system\s*Drone/);
	await expect(card.locator('dl.tags')).toContainText(/Civilians reported killed\s*unknown/);
	await expect(card.locator('dl.tags')).toContainText(/Fuel tanks on fire\s*3/);
	await expect(panel.locator('header dl.tags')).toContainText(/Type of area\s*Industrial/);

	// The URL alone reopens the filter: a reload keeps it.
	await page.reload();
	await expect(page.getByText('1 of 2 claims, 1 of 2 places')).toBeVisible({ timeout: 30_000 });
	expect(problems).toEqual([]);
});
