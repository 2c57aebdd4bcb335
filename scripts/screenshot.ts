/**
 * `npx tsx scripts/screenshot.ts URL OUT_PREFIX`: screenshots a page at 1280×800 and 375×812 in
 * Debian's Chromium, waiting for the map to go idle where there is one. For looking, not testing.
 */
import { chromium } from '@playwright/test';
import { chromiumLaunch } from './chromium.ts';

const [url = 'http://127.0.0.1:4173/', prefix = 'screenshot'] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunch);
for (const [name, width, height] of [
	['desktop', 1280, 800],
	['mobile', 375, 812]
] as const) {
	const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
	page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
	page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
	await page.goto(url);
	await page.waitForSelector('[data-map-state="idle"]', { timeout: 20_000 }).catch(() => undefined);
	await page.screenshot({ path: `${prefix}-${name}.png` });
	console.log(`screenshot: ${prefix}-${name}.png`);
	await page.close();
}
await browser.close();
