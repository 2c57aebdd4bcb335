/**
 * A monitor's table as a newsroom keeps it (US dates, a links column, tags, a casualty figure that
 * is sometimes "Unknown", a column the guess leaves in the note), imported through the mapping
 * preview: the guess shown, one column adjusted, the preview following, the mapping saved, and the
 * imported rows filtered by a facet the table declared, on a timeline of when things happened.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';
import { openMap } from './helpers.ts';

const TABLE = 'tests/fixtures/table/monitor.csv';

test('a table goes in through the mapping preview, one column adjusted, and is filtered by its tags', async ({
	page,
	problems
}) => {
	await openMap(page);
	await page.getByLabel('Table to import').setInputFiles(TABLE);
	const dialog = page.getByRole('dialog', { name: 'Import the table monitor.csv' });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText('4 rows.');

	// The guess, shown column by column.
	const readAs = (column: string) => dialog.getByLabel(`Read column ${column} as`);
	await expect(readAs('Latitude')).toHaveValue('latitude');
	await expect(readAs('Date')).toHaveValue('occurred');
	await expect(readAs('Links')).toHaveValue('evidence');
	await expect(readAs('Tags')).toHaveValue('facet');
	await expect(readAs('Civilians killed')).toHaveValue('number');
	await expect(readAs('Reported')).toHaveValue('extra');
	await expect(readAs('Geolocated by')).toHaveValue('geolocated_by');
	// The links of one cell split where the guess found them split.
	await expect(dialog.getByLabel('Links in one cell of “Links” are separated by')).toHaveValue(' ');

	// The first rows as they will be read: a description (not a quote), US dates read as such.
	const preview = dialog.getByRole('table', { name: 'The first rows, as they will be imported' });
	const first = preview.getByRole('row', { name: /^row 2/ });
	await expect(first).toContainText('Kharkiv (49.9935, 36.2304)');
	await expect(first).toContainText('24 February 2022');
	await expect(first).toContainText('Description: Strike on a school near the centre');
	await expect(first).toContainText('2 items');
	await expect(first).toContainText('Tags: artillery, school; Civilians killed: 3');
	await expect(preview.getByRole('row', { name: /^row 3/ })).toContainText(
		'Civilians killed: unknown'
	);

	// Adjusted: the publication date column is when each claim was said.
	await readAs('Reported').selectOption('said_on');
	await expect(first).toContainText('25 February 2022');
	await expect(dialog.getByLabel(/How “Reported” writes its dates/)).toHaveValue('');

	// The mapping, saved as the JSON the command line takes.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		dialog.getByRole('button', { name: 'Save the mapping' }).click()
	]);
	expect(download.suggestedFilename()).toBe('monitor.mapping.json');
	const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
	expect(saved.columns).toMatchObject({ said_on: 'Reported', occurred: 'Date' });
	expect(saved.facets).toEqual([{ column: 'Tags', separator: ';' }]);

	await dialog.getByRole('button', { name: 'Import 4 rows' }).click();
	await expect(page.getByText('Imported “monitor.csv”')).toBeVisible({ timeout: 30_000 });
	await expect(dialog).toBeHidden();
	await expect(page.getByText('4 of 4 claims, 3 of 3 places')).toBeVisible();

	// Filtered by a value of the facet the table declared.
	await page.getByText('Filters', { exact: true }).click();
	const tags = page.getByRole('group', { name: 'Tags' });
	await tags.getByRole('checkbox', { name: /artillery/ }).check();
	await expect(page).toHaveURL(/[?&]tag\.tags=artillery(&|#|$)/);
	await expect(page.getByText('2 of 4 claims, 1 of 3 places')).toBeVisible();

	// The timeline reads when things happened as well as when they were said.
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await timeline.getByRole('radio', { name: 'when it happened' }).check();
	await expect(timeline.getByRole('img')).toHaveAccessibleName(
		'Claims per day, 24 February 2022 to 8 October 2023'
	);

	// A place: its claims with their evidence links and the table's values.
	await page
		.getByRole('list', { name: 'Places, with their claims' })
		.getByRole('button', { name: /^Kharkiv/ })
		.click();
	const panel = page.getByRole('complementary', { name: 'Claims' });
	const card = panel.locator('article[data-claim-id="row-2"]');
	await expect(card.getByRole('link', { name: /example\.org\/v\/1/ })).toHaveAttribute(
		'rel',
		'noopener noreferrer'
	);
	await expect(card.locator(':scope > dl.tags')).toContainText(/Civilians killed\s*3/);
	// Who geolocated the point, credited on the place; the column the guess left, kept on the claim.
	const where = panel.locator('details.where');
	await where.locator('summary').click();
	await expect(where).toContainText('Geolocated by Analyst A, Analyst B');
	const extra = card.locator('details.extra');
	await extra.locator('summary').click();
	await expect(extra).toContainText(/ID\s*1/);
	await expect(panel.locator('article[data-claim-id="row-3"] > dl.tags')).toContainText(
		/Civilians killed\s*unknown/
	);
	expect(problems).toEqual([]);
});
