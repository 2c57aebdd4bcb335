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

test('the page carries a Content-Security-Policy that allows no remote origin and no inline script', async ({
	page,
	problems
}) => {
	const violations: string[] = [];
	page.on(
		'console',
		(m) => m.text().includes('Content Security Policy') && violations.push(m.text())
	);
	await openMap(page, '/?location=khabarovsk');
	const policy = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	const directives = Object.fromEntries(
		policy!.split(';').map((d) => {
			const [name, ...values] = d.trim().split(/\s+/);
			return [name, values];
		})
	);
	expect(directives['default-src']).toEqual(["'self'"]);
	expect(directives['script-src']).not.toContain("'unsafe-inline'");
	expect(directives['script-src']).not.toContain("'unsafe-eval'");
	// Styles: the stylesheets and one style attribute allowed by its hash (SvelteKit's announcer).
	expect(directives['style-src']).not.toContain("'unsafe-inline'");
	for (const values of Object.values(directives) as string[][]) {
		for (const value of values)
			expect(value).toMatch(/^('self'|'none'|'unsafe-hashes'|'sha256-[^']+'|data:|blob:)$/);
	}
	expect(violations).toEqual([]);
	expect(problems).toEqual([]);
});
