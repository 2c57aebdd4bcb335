import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4180);

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: process.env.CI ? 1 : 2,
	retries: 0,
	reporter: [['list']],
	timeout: 60_000,
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunch
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		// The built site, as `npm start` serves it (it rebuilds only if the build is stale).
		command: 'npm start',
		env: { PORT: String(PORT) },
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: false,
		timeout: 180_000
	}
});
