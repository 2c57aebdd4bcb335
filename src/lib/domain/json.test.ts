import { describe, expect, it } from 'vitest';
import { lineAndColumn, parseJson } from './json.ts';

describe('parseJson', () => {
	it('parses JSON, with or without a byte-order mark', () => {
		expect(parseJson('\uFEFF{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
	});

	it.each([
		['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes'],
		['[1, 2', 1, 6, "expected ']'"],
		['{"a" 1}', 1, 6, "expected ':'"],
		['// note\n{}', 1, 1, 'comments are not allowed in JSON'],
		['{"a": 1} x', 1, 10, 'unexpected character'],
		['', 1, 1, 'the file is empty']
	])('locates the error in %j', (text, line, column, message) => {
		expect(parseJson(text)).toEqual({ ok: false, line, column, message });
	});

	it('counts CRLF as one line break', () => {
		expect(lineAndColumn('a\r\nb\r\ncd', 7)).toEqual({ line: 3, column: 2 });
	});
});
