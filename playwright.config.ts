import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4180);
/** The site built over the bench's generated M dataset (10,000 places, 100,000 claims). */
const SCALE_PORT = PORT + 1;
const SCALE_DIR = 'build-e2e-M';
const chromium = { ...devices['Desktop Chrome'], channel: undefined };

export default defineConfig({
	fullyParallel: false,
	workers: process.env.CI ? 1 : 2,
	retries: 0,
	reporter: [['list']],
	timeout: 60_000,
	use: {
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunch
	},
	projects: [
		{
			name: 'chromium',
			testDir: 'tests/e2e',
			use: { ...chromium, baseURL: `http://127.0.0.1:${PORT}` }
		},
		{
			name: 'scale',
			testDir: 'tests/e2e-scale',
			use: { ...chromium, baseURL: `http://127.0.0.1:${SCALE_PORT}` }
		}
	],
	webServer: [
		{
			// The built site, as `npm start` serves it (it rebuilds only if the build is stale).
			command: 'npm start',
			env: { PORT: String(PORT) },
			url: `http://127.0.0.1:${PORT}/`,
			reuseExistingServer: false,
			timeout: 180_000
		},
		{
			// The same app with the generated dataset built in, in a folder of its own.
			command:
				`npx tsx scripts/bench/write-folder.ts M ${SCALE_DIR}/geodata && ` +
				`npx vite build && npx tsx scripts/start.ts --no-build`,
			env: {
				PORT: String(SCALE_PORT),
				BUILD_DIR: `${SCALE_DIR}/site`,
				KIT_OUT_DIR: `${SCALE_DIR}/kit`,
				GEODATA_DIR: `${SCALE_DIR}/geodata`
			},
			url: `http://127.0.0.1:${SCALE_PORT}/`,
			reuseExistingServer: false,
			timeout: 600_000
		}
	]
});
