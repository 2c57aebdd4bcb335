import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4180);
/** The site built over the bench's generated M dataset (10,000 places, 100,000 claims). */
const SCALE_PORT = PORT + 1;
const SCALE_DIR = 'build-e2e-M';
/** The built site again, with the bench's S dataset as static tiles in it (`?tiles=e2e-tiles/`). */
const TILES_PORT = PORT + 2;
const TILES_DATASET = 'build-e2e-tiles/geodata';
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
			name: 'tiles',
			testDir: 'tests/e2e-tiles',
			use: { ...chromium, baseURL: `http://127.0.0.1:${TILES_PORT}` }
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
			// After the first, which builds build/: the S dataset's tiles written into it, and
			// build/ served again (the first server lists its files when it starts, so it would not
			// serve them), so that the tiles are on the app's own origin, as by default.
			command:
				`npx tsx scripts/bench/write-folder.ts S ${TILES_DATASET} && ` +
				`npx tsx scripts/tiles.ts ${TILES_DATASET} --out build/e2e-tiles && ` +
				`npx tsx scripts/start.ts --no-build`,
			env: { PORT: String(TILES_PORT) },
			url: `http://127.0.0.1:${TILES_PORT}/e2e-tiles/dataset.json`,
			reuseExistingServer: false,
			timeout: 120_000
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
