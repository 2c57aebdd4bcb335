import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

/** The seed dataset as the built site should show it, read from geodata/ itself. */
async function readGeodata() {
	const read = async (name: string) => JSON.parse(await readFile(`geodata/${name}`, 'utf8'));
	return {
		locations: (await read('locations.geojson')).features as {
			id: string;
			properties: { name: string };
		}[],
		claims: (await read('claims.json')) as {
			id: string;
			quote: string;
			locations: string[];
			claimant: string;
			status: string;
			responds_to?: string;
		}[],
		actors: (await read('actors.json')) as { id: string; name: string }[]
	};
}

test('the page lists every location of geodata/ with the claims that cite it', async ({
	page,
	problems
}) => {
	const data = await readGeodata();
	await page.goto('/');
	for (const location of data.locations) {
		const section = page.getByRole('region', { name: location.properties.name, exact: true });
		await expect(section).toBeVisible();
		const citing = data.claims.filter((c) => c.locations.includes(location.id));
		await expect(section.locator(':scope > article.claim')).toHaveCount(citing.length);
		for (const claim of citing) {
			const card = section.locator(`article[data-claim-id="${claim.id}"]`).first();
			await expect(card.locator(':scope > blockquote')).toHaveText(`“${claim.quote}”`);
			const actor = data.actors.find((a) => a.id === claim.claimant)!;
			await expect(card.locator(':scope > header .claimant')).toHaveText(actor.name);
			await expect(
				card.getByLabel(`Status: ${claim.status}.`, { exact: false }).first()
			).toBeVisible();
			await expect(card.locator(':scope > .source')).toContainText('Source:');
		}
	}
	expect(problems).toEqual([]);
});

test('every claim is reachable: unlocated claims and responses are shown too', async ({
	page,
	problems
}) => {
	const data = await readGeodata();
	await page.goto('/');
	for (const claim of data.claims) {
		await expect(page.locator(`article[data-claim-id="${claim.id}"]`).first()).toBeAttached();
	}
	const unlocated = page.getByRole('region', { name: 'Not tied to a place' });
	const topLevelUnlocated = data.claims.filter((c) => c.locations.length === 0 && !c.responds_to);
	await expect(unlocated.locator(':scope > article.claim')).toHaveCount(topLevelUnlocated.length);
	// A response is shown beneath the claim it answers, introduced by its stance.
	const response = data.claims.find((c) => c.responds_to)!;
	const parent = page.locator(`article[data-claim-id="${response.responds_to}"]`).first();
	await expect(parent.getByRole('region', { name: 'Responses to this claim' })).toContainText(
		response.quote
	);
	expect(problems).toEqual([]);
});
