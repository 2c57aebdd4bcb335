import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered: the app is a static site that works from any file server.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		typescript: {
			// Type-check the command-line scripts and the tests with the app.
			config(config) {
				config.include.push('../scripts/**/*.ts', '../tests/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
