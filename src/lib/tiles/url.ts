/**
 * Where `?tiles=<url>` points: the folder `npm run tiles --out` wrote. The value is resolved
 * against the page's URL (so `?tiles=tiles/` is the page's own `tiles/` folder), must be http(s)
 * with no user name or password, and must be the page's own origin unless the page's
 * Content-Security-Policy lets it connect to that origin (`connect-src`): the browser would refuse
 * the fetch anyway, and the page says why before it tries. A URL ending in `dataset.json` or
 * `.pmtiles` names its folder.
 */
import { MANIFEST_FILE } from './format.ts';

export type TilesBase = { base: URL } | { error: string };

export function resolveTilesBase(param: string, page: URL, policy: string | null): TilesBase {
	let url: URL;
	try {
		url = new URL(param, page);
	} catch {
		return { error: `“${param}” is not a URL.` };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return { error: `only http(s) URLs are opened, not ${url.protocol}` };
	if (url.username || url.password)
		return { error: 'a URL with a user name or password in it is not opened.' };
	url.search = '';
	url.hash = '';
	if (url.pathname.endsWith(`/${MANIFEST_FILE}`) || url.pathname.endsWith('.pmtiles'))
		url = new URL('./', url);
	else if (!url.pathname.endsWith('/')) url.pathname += '/';
	if (url.origin !== page.origin && !connectAllows(policy, url, page))
		return {
			error:
				`${url.origin} is another origin than this page's, and this page's Content-Security-Policy ` +
				`does not let it connect there (connect-src); docs/tiles.md says how a host allows it.`
		};
	return { base: url };
}

/** The sources of `connect-src` (else `default-src`) in a policy; null when neither is given. */
function connectSources(policy: string): string[] | null {
	const directives = new Map<string, string[]>();
	for (const part of policy.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
	}
	return directives.get('connect-src') ?? directives.get('default-src') ?? null;
}

/**
 * Whether a policy lets the page fetch `target` (CSP Level 3 source matching, for http(s) URLs:
 * `'self'`, `*`, a scheme such as `https:`, or a host with an optional scheme, `*.` subdomain
 * wildcard, port and path). No policy allows everything, as the browser does.
 */
export function connectAllows(policy: string | null, target: URL, page: URL): boolean {
	if (policy === null) return true;
	const sources = connectSources(policy);
	if (sources === null) return true;
	return sources.some((source) => sourceMatches(source, target, page));
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function sourceMatches(source: string, target: URL, page: URL): boolean {
	const lower = source.toLowerCase();
	if (lower === "'self'") return target.origin === page.origin;
	if (lower === '*') return true;
	if (/^[a-z][a-z0-9+.-]*:$/.test(lower))
		return lower === target.protocol || (lower === 'http:' && target.protocol === 'https:');
	const match =
		/^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\d+|\*))?(\/.*)?$/i.exec(source);
	if (!match) return false;
	const [, schemeText, hostText, port, path] = match;
	const scheme = schemeText?.toLowerCase();
	const host = hostText!.toLowerCase();
	if (scheme) {
		const ok =
			`${scheme}:` === target.protocol || (scheme === 'http' && target.protocol === 'https:');
		if (!ok) return false;
	} else if (target.protocol !== page.protocol && page.protocol !== 'http:') return false;
	if (host !== '*') {
		if (host.startsWith('*.')) {
			if (!target.hostname.endsWith(host.slice(1))) return false;
		} else if (target.hostname !== host) return false;
	}
	const targetPort = target.port || DEFAULT_PORTS[target.protocol];
	if (port !== '*') {
		const wanted = port ?? DEFAULT_PORTS[scheme ? `${scheme}:` : target.protocol];
		// An http source's default port also allows https on 443 (the upgrade CSP allows).
		const upgraded = !port && scheme === 'http' && target.protocol === 'https:';
		if (targetPort !== wanted && !(upgraded && targetPort === '443')) return false;
	}
	if (path && path !== '/') {
		const decoded = decodeURIComponent(target.pathname);
		if (path.endsWith('/') ? !decoded.startsWith(path) : decoded !== path) return false;
	}
	return true;
}
