import { describe, expect, it } from 'vitest';
import { connectAllows, resolveTilesBase } from './url.ts';

const page = new URL('https://app.example.org/claims/?tiles=x');
const SELF = "default-src 'self'; connect-src 'self'";

const base = (param: string, policy: string | null = SELF) => {
	const resolved = resolveTilesBase(param, page, policy);
	return 'base' in resolved ? resolved.base.href : `error: ${resolved.error}`;
};

describe('resolveTilesBase', () => {
	it('resolves against the page and names a folder', () => {
		expect(base('tiles/')).toBe('https://app.example.org/claims/tiles/');
		expect(base('tiles')).toBe('https://app.example.org/claims/tiles/');
		expect(base('/data/tiles/dataset.json')).toBe('https://app.example.org/data/tiles/');
		expect(base('../t/places.pmtiles?x=1#y')).toBe('https://app.example.org/t/');
		expect(base('https://app.example.org/t')).toBe('https://app.example.org/t/');
	});

	it('refuses what is not http(s), or carries credentials', () => {
		expect(base('javascript:alert(1)')).toMatch(/^error: only http\(s\)/);
		expect(base('data:application/json,{}')).toMatch(/^error: only http\(s\)/);
		expect(base('file:///etc/')).toMatch(/^error: only http\(s\)/);
		expect(base('https://u:p@app.example.org/t/')).toMatch(/user name or password/);
	});

	it('refuses another origin unless connect-src allows it', () => {
		expect(base('https://cdn.example.net/t/')).toMatch(/another origin.*connect-src/);
		expect(base('http://app.example.org/t/')).toMatch(/another origin/);
		const policy = `${SELF} https://cdn.example.net`;
		expect(base('https://cdn.example.net/t/', policy)).toBe('https://cdn.example.net/t/');
		expect(base('https://cdn.example.net/t/', null)).toBe('https://cdn.example.net/t/');
	});
});

describe('connectAllows', () => {
	const allows = (policy: string, url: string) => connectAllows(policy, new URL(url), page);
	it('follows CSP source matching for http(s)', () => {
		expect(allows("connect-src 'self'", 'https://app.example.org/x/')).toBe(true);
		expect(allows("connect-src 'self'", 'https://other.example.org/x/')).toBe(false);
		expect(allows("default-src 'self' https://a.example", 'https://a.example/x/')).toBe(true);
		expect(allows("default-src *; connect-src 'self'", 'https://a.example/x/')).toBe(false);
		expect(allows('connect-src *', 'https://a.example/x/')).toBe(true);
		expect(allows('connect-src https:', 'https://a.example/x/')).toBe(true);
		expect(allows('connect-src http:', 'https://a.example/x/')).toBe(true);
		expect(allows('connect-src https:', 'http://a.example/x/')).toBe(false);
		expect(allows('connect-src *.example.net', 'https://cdn.example.net/x/')).toBe(true);
		expect(allows('connect-src *.example.net', 'https://example.net/x/')).toBe(false);
		expect(allows('connect-src https://a.example:8443', 'https://a.example/x/')).toBe(false);
		expect(allows('connect-src https://a.example:8443', 'https://a.example:8443/x/')).toBe(true);
		expect(allows('connect-src https://a.example:*', 'https://a.example:9/x/')).toBe(true);
		expect(allows('connect-src http://a.example', 'https://a.example/x/')).toBe(true);
		expect(allows('connect-src https://a.example/tiles/', 'https://a.example/tiles/m/')).toBe(true);
		expect(allows('connect-src https://a.example/tiles/', 'https://a.example/other/')).toBe(false);
		expect(allows('connect-src https://A.Example', 'https://a.example/x/')).toBe(true);
		expect(allows("connect-src 'none'", 'https://app.example.org/x/')).toBe(false);
	});
});
