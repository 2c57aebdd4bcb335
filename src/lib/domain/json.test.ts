import { describe, expect, it } from 'vitest';
import { describeKeyIssue, lineAndColumn, MAX_JSON_DEPTH, parseJson } from './json.ts';

describe('parseJson', () => {
	it('parses JSON, with or without a byte-order mark', () => {
		expect(parseJson('\uFEFF{"a":[1]}')).toEqual({ ok: true, value: { a: [1] }, keyIssues: [] });
	});

	it.each([
		['{"a" 1}', "expected ':'"],
		['{"a": [1, 2,]}', 'expected a value'],
		['[1 2]', "expected ',' or ']'"],
		['{"a": 1 "b": 2}', "expected ',' or '}'"],
		['[01]', "expected ',' or ']'"],
		['[1.]', 'invalid number'],
		['["\\x"]', 'invalid escape character'],
		['["\\u12G4"]', 'invalid \\u escape'],
		['["a\u0001"]', 'invalid character in a string (control characters must be escaped)'],
		['["abc', 'unterminated string'],
		['{"a": 1', "expected '}'"],
		['[1] // x', 'comments are not allowed in JSON']
	])('says what is wrong with %j', (text, message) => {
		const result = parseJson(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toBe(message);
	});

	it('refuses nesting past the limit, unclosed or closed, without overflowing the stack', () => {
		for (const text of ['['.repeat(100_000), '['.repeat(100_000) + ']'.repeat(100_000)]) {
			expect(parseJson(text)).toEqual({
				ok: false,
				line: 1,
				column: MAX_JSON_DEPTH + 1,
				message: `nesting deeper than ${MAX_JSON_DEPTH} levels (the most a dataset file may have)`
			});
		}
		expect(parseJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
	});

	it('finds every key given twice, with its lines and where its object is', () => {
		const text =
			'[\n{"id": "x",\n "quote": "a",\n "quote": "b"},\n{"o": {"k": 1, "k": 2, "k": 3}}]';
		expect(parseJson(text)).toMatchObject({
			ok: true,
			keyIssues: [
				{ path: [0], key: 'quote', kind: 'duplicate', lines: [3, 4] },
				{ path: [1, 'o'], key: 'k', kind: 'duplicate', lines: [5, 5, 5] }
			]
		});
	});

	it('tells apart repeats in different objects on one line (a minified file)', () => {
		expect(parseJson('[{"k":1,"k":2},{"k":3,"k":4}]')).toMatchObject({
			keyIssues: [
				{ path: [0], key: 'k', lines: [1, 1] },
				{ path: [1], key: 'k', lines: [1, 1] }
			]
		});
	});

	it('compares keys as decoded, and in objects with many keys', () => {
		const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
		const wide = JSON.stringify(many).replace('"k59"', '"k7"');
		expect(parseJson('{"a": 1, "\\u0061": 2}')).toMatchObject({ keyIssues: [{ key: 'a' }] });
		expect(parseJson(wide)).toMatchObject({ keyIssues: [{ key: 'k7', lines: [1, 1] }] });
		expect(parseJson('{"ab": 1, "ba": 2, "a": {"ab": 3}}')).toMatchObject({ keyIssues: [] });
	});

	it('refuses a \\u escape whose "digits" are control characters (they are not hex)', () => {
		const text = '[{"\\u\u0010\u0010\u0010\u0010": 1}]';
		expect(() => JSON.parse(text)).toThrow();
		expect(parseJson(text)).toEqual({
			ok: false,
			line: 1,
			column: 4,
			message: 'invalid \\u escape'
		});
	});

	it('finds a repeated key however the keys are spaced and whatever the strings hold', () => {
		// Quotes and colons inside strings, and a space before a colon, must hide no repeat.
		for (const text of [
			'{"a" : 1, "s": "x\\": y", "a" :2}',
			'{"s": ":", "t": "\\":", "a":1,\n"a"\t:\n2}',
			'[{"k": [{"a": 1}]}, {"k": [{"a": 1, "a": 1}]}]'
		]) {
			expect(parseJson(text)).toMatchObject({ ok: true, keyIssues: [{ key: 'a' }] });
		}
		expect(parseJson('{"s": "\\":", "a" : {"b\\"": ":"}}')).toMatchObject({ keyIssues: [] });
		expect(parseJson('{"\\u005f_proto__": 1}')).toMatchObject({
			keyIssues: [{ key: '__proto__', kind: 'reserved' }]
		});
	});

	it('says how many times a key is repeated, with its first lines only', () => {
		const text = `{${Array.from({ length: 9 }, (_, i) => `\n"k": ${i}`).join(',')}}`;
		const result = parseJson(text);
		expect(result.ok && describeKeyIssue(result.keyIssues[0]!)).toBe(
			'the key "k" is given 9 times, at lines 2, 3, 4, 5, 6 and 4 more: only one value can be kept, so say which'
		);
	});

	it('reports a __proto__ key, which JSON.parse keeps but most readers drop', () => {
		expect(parseJson('{"unknown": {"__proto__": "why"}}')).toMatchObject({
			keyIssues: [{ path: ['unknown'], key: '__proto__', kind: 'reserved', lines: [1] }]
		});
	});

	it.each([
		['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes'],
		['[1, 2', 1, 6, "expected ']'"],
		['{"a" 1}', 1, 6, "expected ':'"],
		['// note\n{}', 1, 1, 'comments are not allowed in JSON'],
		[
			'{"a": 1} x',
			1,
			10,
			'unexpected content after the end of the JSON value (a file holds one value: is a comma or a bracket missing?)'
		],
		['', 1, 1, 'the file is empty']
	])('locates the error in %j', (text, line, column, message) => {
		expect(parseJson(text)).toEqual({ ok: false, line, column, message });
	});

	it('counts CRLF as one line break', () => {
		expect(lineAndColumn('a\r\nb\r\ncd', 7)).toEqual({ line: 3, column: 2 });
	});
});
