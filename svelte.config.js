import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The one style attribute the app cannot avoid: SvelteKit's route announcer (a visually hidden
 * live region it renders after hydration) carries its rules inline. Its hash, read from SvelteKit's
 * own source so that an upgrade that changes it changes the hash, lets 'unsafe-hashes' allow that
 * attribute and no other. A build fails here if SvelteKit moves it.
 */
function announcerStyleHash() {
	const file = new URL('node_modules/@sveltejs/kit/src/core/sync/write_root.js', import.meta.url);
	const style = /id="svelte-announcer"[^>]*\sstyle="([^"]*)"/.exec(readFileSync(file, 'utf8'))?.[1];
	if (!style)
		throw new Error(`${file.pathname}: the route announcer's style attribute is not there`);
	return `sha256-${createHash('sha256').update(style).digest('base64')}`;
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every page is prerendered: the app is a static site that works from any file server.
		adapter: adapter({
			// BUILD_DIR: the browser tests build a second site, over a generated dataset, beside build/.
			pages: process.env.BUILD_DIR ?? 'build',
			assets: process.env.BUILD_DIR ?? 'build',
			fallback: undefined,
			precompress: true,
			strict: true
		}),
		// Prerendered pages get this policy as a <meta> tag, with a hash for each inline script.
		// Nothing may come from another origin; MapLibre needs only its worker and canvas blobs.
		// No inline style either: no style attribute in the HTML (SVG fill instead of style:, a class
		// on app.html's wrapper) but the route announcer's; MapLibre and Svelte set styles through
		// the CSSOM, which CSP allows.
		// `npm run build` also writes this policy, with frame-ancestors, as build/_headers.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-hashes', announcerStyleHash()],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// A second build beside the first (the browser tests' scale site) needs its own work folder,
		// inside the project: the server build resolves its packages from there.
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		// Named, not timed: the build's pages and scripts share a global named from this, and a
		// timestamp taken twice in one long build (a million claims) gave two names, and a blank page.
		version: { name: JSON.parse(readFileSync('package.json', 'utf8')).version },
		typescript: {
			// Type-check the command-line scripts and the tests with the app.
			config(config) {
				config.include.push('../scripts/**/*.ts', '../tests/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
