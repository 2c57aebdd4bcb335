/**
 * The HTTP headers the built site is served with, derived from the build itself: SvelteKit writes
 * the Content-Security-Policy into each prerendered page as a `<meta>` tag (with a hash for each
 * inline script), but a `<meta>` policy cannot say `frame-ancestors`, and a worker script takes its
 * policy from its own response, never from a page's tag. So after the adapter has written
 * `build/`, this plugin reads the pages' policies, adds `frame-ancestors 'none'`, and writes them
 * with the other headers as `build/_headers` (the Netlify and Cloudflare Pages format). `npm start`
 * sends what that file says; the README shows the same for nginx.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const HEADERS_FILE = '_headers';

const META_POLICY = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;

/** The policy in a page's `<meta http-equiv="content-security-policy">`, or null if it has none. */
export function metaPolicy(html: string): string | null {
	return META_POLICY.exec(html)?.[1] ?? null;
}

/**
 * One policy from the pages' policies: each directive with every source any page lists (pages
 * differ only in their script hashes), plus `frame-ancestors 'none'`, which a `<meta>` cannot carry.
 */
export function mergePolicies(policies: string[]): string {
	const directives = new Map<string, string[]>();
	for (const policy of policies) {
		for (const part of policy.split(';')) {
			const [name, ...sources] = part.trim().split(/\s+/);
			if (!name) continue;
			const known = directives.get(name) ?? [];
			for (const source of sources) if (!known.includes(source)) known.push(source);
			directives.set(name, known);
		}
	}
	directives.set('frame-ancestors', ["'none'"]);
	return [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** Every header the site is served with, on every response (pages, scripts, workers, data). */
export function securityHeaders(policy: string): Record<string, string> {
	return {
		'Content-Security-Policy': policy,
		// Old browsers that do not know frame-ancestors.
		'X-Frame-Options': 'DENY',
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'no-referrer'
	};
}

/** A `_headers` file: a path pattern, then its headers indented beneath it. */
export function formatHeadersFile(headers: Record<string, string>): string {
	const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
	return `# Written by \`npm run build\` (scripts/security-headers.ts) from the pages' policies.\n/*\n${lines.join('\n')}\n`;
}

export interface HeaderRule {
	pattern: string;
	headers: [string, string][];
}

/** Reads a `_headers` file: rules of a path pattern (`*` matches anything) and its headers. */
export function parseHeadersFile(text: string): HeaderRule[] {
	const rules: HeaderRule[] = [];
	for (const [index, line] of text.split('\n').entries()) {
		if (!line.trim() || line.trim().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			rules.push({ pattern: line.trim(), headers: [] });
			continue;
		}
		const colon = line.indexOf(':');
		const rule = rules.at(-1);
		if (!rule || colon < 0) throw new Error(`${HEADERS_FILE} line ${index + 1}: not "Name: value"`);
		rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
	}
	return rules;
}

/** The headers of every rule whose pattern matches the path, in the file's order. */
export function headersFor(rules: HeaderRule[], pathname: string): [string, string][] {
	const matches = (pattern: string) =>
		new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`).test(pathname);
	return rules.filter((rule) => matches(rule.pattern)).flatMap((rule) => rule.headers);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function htmlFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((e) => e.isFile() && e.name.endsWith('.html'))
		.map((e) => join(e.parentPath, e.name));
}

/** Writes `<dir>/_headers` from the policies of the pages in `dir`; fails if a page has none. */
export async function writeHeadersFile(dir: string): Promise<Record<string, string>> {
	const policies: string[] = [];
	for (const file of await htmlFiles(dir)) {
		const policy = metaPolicy(await readFile(file, 'utf8'));
		if (policy === null) throw new Error(`${file}: no Content-Security-Policy <meta> tag`);
		policies.push(policy);
	}
	if (policies.length === 0) throw new Error(`${dir}/: no page to take the policy from`);
	const headers = securityHeaders(mergePolicies(policies));
	await writeFile(join(dir, HEADERS_FILE), formatHeadersFile(headers));
	return headers;
}

/** The Vite plugin: after SvelteKit's adapter has written `dir`, writes its `_headers`. */
export function headersFile(dir = 'build'): Plugin {
	let ssrBuild = false;
	let failed = false;
	return {
		name: 'claims-map:headers-file',
		apply: 'build',
		configResolved(config) {
			// SvelteKit runs the adapter when the server build closes (the client build runs inside it).
			ssrBuild = Boolean(config.build.ssr);
		},
		// A build that failed (a bad dataset at buildStart) still closes its bundle: the error it
		// failed with is the one to show, not a missing build/ folder.
		buildEnd(error) {
			if (error) failed = true;
		},
		closeBundle: {
			order: 'post',
			sequential: true,
			async handler() {
				if (!ssrBuild || failed) return;
				await writeHeadersFile(dir);
				console.log(
					`  Wrote ${dir}/${HEADERS_FILE}; \`npm start\` serves ${dir}/ with those headers.`
				);
			}
		}
	};
}
