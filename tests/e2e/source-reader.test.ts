/** The source itself beside the quote: its stored text, its fingerprint, every quote in place. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';
import { openMap } from './helpers.ts';

const CLAIM = 'savett-2024-10-19-unable-to-confirm';

test('Read the source: the stored text with every quote marked, its SHA-256, the check as a fact', async ({
	page,
	problems
}) => {
	const text = await readFile('geodata/sources/article.txt', 'utf8');
	const claims = JSON.parse(await readFile('geodata/claims.json', 'utf8')) as {
		id: string;
		quote?: string;
		source: string;
	}[];
	await openMap(page, `/?claim=${CLAIM}`);
	const card = page.locator(`article[data-claim-id="${CLAIM}"]`);
	const open = card.getByRole('button', { name: 'Read the source' }).first();
	await open.click();
	const reader = page.getByRole('dialog', { name: 'Untitled source' });
	await expect(reader).toBeVisible();
	await expect(reader.locator('.sha')).toHaveText(
		createHash('sha256').update(text, 'utf8').digest('hex')
	);
	// Unknown fields say so once, here, with the dataset's reason.
	await expect(reader.getByRole('definition').first()).toHaveText(
		'unknown — The text is given without a headline.'
	);
	// The check as a fact: where the quote is in the text as stored (one-based).
	const at = text.indexOf('We are unable to confirm whether these reports are accurate');
	await expect(reader.getByRole('note')).toContainText(
		`found verbatim in the stored text, at character ${(at + 1).toLocaleString('en')} of ${text.length.toLocaleString('en')}`
	);
	const quoted = claims.filter((c) => c.source === 'article' && c.quote !== undefined);
	await expect(reader.getByRole('note')).toContainText(
		`${quoted.length} quotes from this text marked`
	);
	const current = reader.locator('mark.current');
	await expect(current).toHaveText(
		'We are unable to confirm whether these reports are accurate, but if true, this would mark a dangerous development in Russia’s war against Ukraine'
	);
	await expect(current).toBeInViewport();
	// Every quote's words are marked, as the text has them.
	const marked = (await reader.locator('mark').allTextContents()).join('');
	for (const claim of quoted.slice(0, 5))
		expect(marked.replace(/\s+/g, ' ')).toContain(claim.quote!.replace(/["“”]/g, '').slice(1, 40));

	// Escape closes it, and the keyboard is back where it was.
	await page.keyboard.press('Escape');
	await expect(reader).toHaveCount(0);
	await expect(open).toBeFocused();

	// A highlight is its claim: the reader closes and the panel shows that claim.
	await open.click();
	await reader.getByRole('link', { name: /^Russia has suffered massive losses/ }).click();
	await expect(reader).toHaveCount(0);
	await expect(page).toHaveURL(/[?&]claim=publisher-russian-losses/);
	await expect(page.locator('article[data-claim-id="publisher-russian-losses"]')).toHaveClass(
		/\blinked\b/
	);
	expect(problems).toEqual([]);
});
