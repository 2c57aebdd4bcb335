import { chromium } from '@playwright/test';
import { chromiumLaunch } from './chromium.ts';
const url = process.argv[2] ?? 'http://127.0.0.1:4190/';
const browser = await chromium.launch(chromiumLaunch);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('pageerror', (e) => console.log('pageerror', e.stack));
page.on('worker', (w) => {
	w.on('close', () => console.log('worker closed', w.url()));
});
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.addInitScript(() => {
	const w = window as unknown as { longtasks: number[] };
	w.longtasks = [];
	new PerformanceObserver((l) =>
		l.getEntries().forEach((e) => w.longtasks.push(Math.round(e.duration)))
	).observe({ type: 'longtask', buffered: true });
});
const t0 = Date.now();
await page.goto(url);
await page.waitForSelector('[data-map-state="idle"]', { timeout: 120_000 });
console.log('idle after', Date.now() - t0, 'ms');
await page.waitForSelector('.list button[data-id]:not([data-id="_unlocated"])', {
	timeout: 120_000
});
console.log('list after', Date.now() - t0, 'ms', await page.locator('#places-heading').innerText());
const lt = () =>
	page.evaluate(() => (window as unknown as { longtasks: number[] }).longtasks.splice(0));
console.log('longtasks during load', (await lt()).sort((a, b) => b - a).slice(0, 8));
// a facet toggle
await page.getByText('Filters', { exact: true }).click();
await page.waitForSelector('fieldset input[type=checkbox]');
const summary = page.locator('.summary').first();
const before = await summary.innerText();
const t1 = Date.now();
await page.locator('fieldset').first().locator('input[type=checkbox]').first().check();
await page.waitForFunction(
	(b) => document.querySelector('.summary')!.textContent!.trim() !== b.trim(),
	before
);
console.log('facet toggle → summary', Date.now() - t1, 'ms', await summary.innerText());
console.log('longtasks during toggle', await lt());
// click a place in the list
const t2 = Date.now();
await page.locator('.list button[data-id]').first().click();
await page.waitForSelector('#panel-title');
console.log('click → panel', Date.now() - t2, 'ms', await page.locator('#panel-title').innerText());
console.log('longtasks during click', await lt());
// search
const t3 = Date.now();
await page.getByRole('searchbox', { name: 'Search claims' }).fill('convoy');
await page.waitForFunction(
	() => !document.querySelector('.summary')!.textContent!.includes('0 of')
);
await page.waitForTimeout(100);
console.log('search → summary', Date.now() - t3, 'ms', await summary.innerText());
console.log('longtasks during search', await lt());
await page.screenshot({ path: '/tmp/L.png' });
await browser.close();
