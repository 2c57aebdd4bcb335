/** A link and a citation for every claim: what a fact-checker shares and pastes. */
import { expect, test } from './fixtures.ts';
import { openMap } from './helpers.ts';
import { citation, claimReview } from '../../src/lib/domain/cite.ts';
import type { Dataset } from '../../src/lib/domain/schema.ts';
import { validateFolder } from '../../scripts/read-dataset.ts';

const RESPONSE = 'savett-2024-10-19-unable-to-confirm';

async function seed(): Promise<Dataset> {
	return (await validateFolder('geodata')).dataset!;
}

function cited(dataset: Dataset, id: string) {
	const claim = dataset.claims.find((c) => c.id === id)!;
	return {
		claim,
		claimant: dataset.actors.find((a) => a.id === claim.claimant) ?? null,
		source: dataset.sources.find((s) => s.id === claim.source) ?? null
	};
}

test('a link to one claim opens its place in a fresh page, the claim marked and in focus; Back steps', async ({
	page,
	problems
}) => {
	// A response that names no place is shown under the first claim it answers, at Vladivostok.
	await openMap(page, `/?claim=${RESPONSE}`);
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Vladivostok');
	const linked = panel.locator(`article[data-claim-id="${RESPONSE}"]`);
	await expect(linked).toHaveClass(/\blinked\b/);
	await expect(linked).toBeFocused();
	await expect(linked).toHaveAccessibleName('Sean Savett');
	await expect(linked).toBeInViewport();
	expect(new URL(page.url()).searchParams.get('location')).toBe('vladivostok');

	// Citing another claim puts its link in the address bar; Back gives the first one again.
	const other = panel.locator('article[data-claim-id="nis-2024-10-18-stationed-far-east"]');
	await other.getByRole('button', { name: 'Cite' }).first().click();
	await expect(page).toHaveURL(/[?&]claim=nis-2024-10-18-stationed-far-east/);
	await expect(other).toHaveClass(/\blinked\b/);
	await expect(linked).not.toHaveClass(/\blinked\b/);
	await page.goBack();
	await expect(page).toHaveURL(new RegExp(`[?&]claim=${RESPONSE}`));
	await expect(linked).toHaveClass(/\blinked\b/);

	// A claim tied to no place opens the unlocated claims.
	await openMap(page, '/?claim=south-korea-2024-10-18-special-forces');
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Not tied to a place');
	await expect(
		panel.locator('article[data-claim-id="south-korea-2024-10-18-special-forces"]')
	).toHaveClass(/\blinked\b/);

	await openMap(page, '/?claim=no-such-claim');
	await expect(
		page.getByRole('status').filter({ hasText: 'No claim with the id “no-such-claim”' })
	).toBeVisible();
	expect(problems).toEqual([]);
});

test('Cite gives the claim’s citation as text, as Markdown and as ClaimReview, and copies it', async ({
	page,
	context,
	problems
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const dataset = await seed();
	const id = 'south-korea-shells-and-missiles';
	await openMap(page, `/?claim=${id}`);
	const card = page.locator(`article[data-claim-id="${id}"]`);
	await card.getByRole('button', { name: 'Cite' }).first().click();
	const origin = new URL(page.url()).origin;
	const permalink = `${origin}/?claim=${id}`;
	const expected = citation(cited(dataset, id), { meta: dataset.meta, permalink });

	await expect(card.getByLabel('Link to this claim')).toHaveValue(permalink);
	const text = card.getByRole('textbox', { name: /^Citation/ });
	await expect(text).toHaveValue(expected.text);
	// What the citation must carry, whatever its wording: who, when, the words, status, source.
	expect(expected.text).toContain('date said unknown (The article says only that');
	expect(expected.text).toContain('Status: disputed');
	expect(expected.text).toContain(`Link: ${permalink}`);
	await card.getByRole('button', { name: 'Copy Plain text' }).click();
	await expect(card.getByRole('status')).toHaveText('Plain text copied.');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.text);

	await card.getByRole('radio', { name: 'Markdown' }).check();
	await expect(text).toHaveValue(expected.markdown);

	await card.getByRole('radio', { name: 'ClaimReview (JSON-LD)' }).check();
	await card.getByRole('button', { name: 'Copy ClaimReview (JSON-LD)' }).click();
	const review = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
	expect(review).toEqual(claimReview(cited(dataset, id), { meta: dataset.meta, permalink }));
	expect(review.reviewRating).toMatchObject({ ratingValue: 3, alternateName: 'Disputed' });

	// An unverified claim has no rating to publish, and the card says so.
	const unrated = page.locator('article[data-claim-id="kremlin-dismissed-shells-and-missiles"]');
	await unrated.getByRole('button', { name: 'Cite' }).click();
	await unrated.getByRole('radio', { name: 'ClaimReview (JSON-LD)' }).check();
	await expect(unrated).toContainText('No ClaimReview: this claim is unverified');
	expect(problems).toEqual([]);
});
