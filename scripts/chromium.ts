/**
 * How the project starts Debian's Chromium, for the tests, the bench and the screenshots alike:
 * `npx playwright install` cannot download a browser here, and without the background-networking
 * flags Chromium tries to reach Google's hosts at every start.
 */
export const chromiumLaunch = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};
