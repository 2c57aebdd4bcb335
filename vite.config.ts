import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { builtinDataset } from './scripts/dataset-plugin.ts';
import { headersFile } from './scripts/security-headers.ts';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
/** Where the site is written (svelte.config.js reads the same). */
const BUILD_DIR = process.env.BUILD_DIR ?? 'build';

export default defineConfig({
	// headersFile() after sveltekit(): it reads the pages the adapter writes.
	plugins: [builtinDataset(undefined, BUILD_DIR), sveltekit(), headersFile(BUILD_DIR)],
	// The version exports record as the tool that made them.
	define: { __APP_VERSION__: JSON.stringify(version) },
	worker: { format: 'es' },
	build: {
		// maplibre-gl is one prebuilt bundle of about 1,060 kB minified (290 kB gzipped) that cannot be
		// split; it loads on its own, after the page, through MapView's import(). Every other chunk
		// is under 80 kB, so the limit sits just above maplibre-gl and still catches a new big chunk.
		chunkSizeWarningLimit: 1100,
		// Rolldown's timing notice blames SvelteKit's prerendering and the adapter (closeBundle),
		// which are the build's work, not a slow plugin.
		rolldownOptions: { checks: { bundlerTimings: false } }
	},
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
