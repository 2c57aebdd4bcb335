import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIResponse } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openMap, pixelOf, readSeed } from './helpers.ts';

const FIXTURE = 'tests/fixtures/second';

async function fixtureFiles(): Promise<string[]> {
	const top = (await readdir(FIXTURE)).filter((n) => n.endsWith('.json') || n.endsWith('.geojson'));
	return [...top.map((n) => join(FIXTURE, n)), join(FIXTURE, 'sources/report.txt')];
}

/** Another origin (another port) whose one page frames the app. */
async function framingSite(appUrl: string): Promise<{ server: Server; url: string }> {
	const server = createServer((_req, res) => {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.end(`<!doctype html><title>framer</title><iframe src="${appUrl}"></iframe>`);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { server, url: `http://127.0.0.1:${port}/` };
}

function expectSecurityHeaders(response: APIResponse, what: string) {
	const headers = response.headers();
	expect(response.status(), what).toBe(200);
	expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy'], what).toContain("default-src 'self'");
	expect(headers['x-frame-options'], what).toBe('DENY');
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('no-referrer');
}

// Not the `problems` fixture: the framing page logs the refusal as a console error, as it should.
test('another origin cannot frame the app', async ({ page, baseURL }) => {
	const { server, url } = await framingSite(`${baseURL}/`);
	try {
		const refused = page.waitForEvent('console', (m) => m.text().includes('frame-ancestors'));
		await page.goto(url);
		// "Framing 'http://127.0.0.1:4180/' violates … "frame-ancestors 'none'". The request has been blocked."
		const message = (await refused).text();
		expect(message).toContain(`'${baseURL}/'`);
		expect(message).toContain(`"frame-ancestors 'none'"`);
		const frame = page.frames().find((f) => f !== page.mainFrame())!;
		// Chromium puts its error page in the frame: nothing of the app, no button to press.
		expect(frame.url()).not.toBe(`${baseURL}/`);
		await expect(page.frameLocator('iframe').locator('[data-map-state]')).toHaveCount(0);
		await expect(page.frameLocator('iframe').getByRole('button')).toHaveCount(0);
	} finally {
		server.close();
	}
});

test('the page, a script, the data worker and the dataset parts are served with the security headers', async ({
	page,
	request,
	problems
}) => {
	const html = await request.get('/');
	expectSecurityHeaders(html, 'the page');
	// The header's policy is the page's own <meta> policy (its script hashes) plus frame-ancestors.
	const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(
		await html.text()
	)![1]!;
	expect(html.headers()['content-security-policy']).toBe(`${meta}; frame-ancestors 'none'`);

	// The data worker starts with the page: it fetches the built-in dataset.
	const workers: string[] = [];
	page.on('worker', (w) => workers.push(w.url()));
	await openMap(page);
	const script = await page.evaluate(
		() => document.querySelector<HTMLLinkElement>('link[rel="modulepreload"]')!.href
	);
	expectSecurityHeaders(await request.get(script), `the script ${script}`);

	// The data worker takes its policy from its own response; an import runs in it too.
	const worker = workers.find((url) => url.includes('data.worker'))!;
	expect(worker).toMatch(/\/_app\/immutable\/workers\/data\.worker-[^/]+\.js$/);
	expectSecurityHeaders(await request.get(worker), `the worker ${worker}`);
	// The dataset's parts are static files, served with the same headers.
	const [hash] = await readdir('build/data');
	const base = `/data/${hash}`;
	expectSecurityHeaders(await request.get(`${base}/index.json`), `the dataset part ${base}`);
	await page.getByLabel('Dataset files to import').setInputFiles(await fixtureFiles());
	await expect(page.getByText(/^Imported “Test fixture: two places”/)).toBeVisible();
	expect(problems).toEqual([]);
});

test('a whole session breaks no rule of the policy (style-src has no unsafe-inline)', async ({
	page,
	problems
}) => {
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.assign(window, { cspViolations: seen });
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
		);
	});
	const seed = await readSeed();
	await openMap(page, '/?location=vladivostok');
	// A place on the map, then the list with the keyboard.
	const target = seed.locations.find((l) => l.id === 'sergiyevsky-training-ground')!;
	const { x, y } = await pixelOf(page, target.geometry.coordinates);
	await page.mouse.click(x, y);
	const panel = page.getByRole('complementary', { name: 'Claims' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(target.properties.name);
	await page.getByRole('button', { name: /^Khabarovsk/ }).focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	// Filters, search, the timeline.
	await page.getByText('Filters', { exact: true }).click();
	await page.getByRole('checkbox', { name: /^National Intelligence Service/ }).check();
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await page.getByRole('searchbox', { name: 'Search claims' }).fill('ussuriisk');
	await page.getByRole('searchbox', { name: 'Search claims' }).fill('');
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await timeline.getByRole('slider', { name: 'To' }).focus();
	await page.keyboard.press('ArrowLeft');
	// A refused import shows its report; a good one replaces the dataset.
	await page.getByLabel('Dataset files to import').setInputFiles(join(FIXTURE, 'claims.json'));
	await expect(page.getByRole('region', { name: /The import was refused/ })).toBeVisible();
	await page.getByLabel('Dataset files to import').setInputFiles(await fixtureFiles());
	await expect(page.getByText(/^Imported “Test fixture: two places”/)).toBeVisible();
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'idle');

	expect(
		await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)
	).toEqual([]);
	expect(problems).toEqual([]);
});
