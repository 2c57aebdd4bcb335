import { describe, expect, it } from 'vitest';
import {
	formatHeadersFile,
	headersFor,
	mergePolicies,
	metaPolicy,
	parseHeadersFile,
	securityHeaders
} from './security-headers.ts';

const page = (policy: string) =>
	`<head><meta http-equiv="content-security-policy" content="${policy}"><title>x</title></head>`;

describe('metaPolicy', () => {
	it("reads the policy of a page's meta tag", () => {
		expect(metaPolicy(page("default-src 'self'"))).toBe("default-src 'self'");
	});
	it('says null for a page without one', () => {
		expect(metaPolicy('<head><title>x</title></head>')).toBeNull();
	});
});

describe('mergePolicies', () => {
	it("keeps every page's sources once and adds frame-ancestors 'none'", () => {
		expect(
			mergePolicies([
				"default-src 'self'; script-src 'self' 'sha256-a='",
				"default-src 'self'; script-src 'self' 'sha256-b='"
			])
		).toBe("default-src 'self'; script-src 'self' 'sha256-a=' 'sha256-b='; frame-ancestors 'none'");
	});
	it('replaces a frame-ancestors a page would list', () => {
		expect(mergePolicies(["frame-ancestors *; default-src 'self'"])).toBe(
			"frame-ancestors 'none'; default-src 'self'"
		);
	});
});

describe('the _headers file', () => {
	const headers = securityHeaders("default-src 'self'; frame-ancestors 'none'");

	it('reads back what it writes, for every path', () => {
		const rules = parseHeadersFile(formatHeadersFile(headers));
		for (const path of ['/', '/_app/immutable/workers/import.worker-x.js', '/no/such/page'])
			expect(Object.fromEntries(headersFor(rules, path))).toEqual(headers);
	});
	it('applies a rule only to the paths its pattern matches', () => {
		const rules = parseHeadersFile('/_app/*\n  Cache-Control: immutable\n/index.html\n  A: b\n');
		expect(headersFor(rules, '/_app/x.js')).toEqual([['Cache-Control', 'immutable']]);
		expect(headersFor(rules, '/index.html')).toEqual([['A', 'b']]);
		expect(headersFor(rules, '/index_html')).toEqual([]);
	});
	it('refuses a header line that is not "Name: value", with its line', () => {
		expect(() => parseHeadersFile('/*\n  no colon\n')).toThrow('_headers line 2');
	});
});
