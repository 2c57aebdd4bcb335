import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8, unusableText } from './text.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeUtf8', () => {
	it('decodes UTF-8 and drops a byte-order mark, from bytes or text', () => {
		expect(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9))).toEqual({ ok: true, text: 'hé' });
		expect(decodeUtf8('\uFEFFhé')).toEqual({ ok: true, text: 'hé' });
	});

	it('refuses an invalid byte, naming its offset and line, never replacing it', () => {
		const text = new Uint8Array([...utf8('{"a":\n"caf'), 0xe9, ...utf8('"}')]);
		expect(decodeUtf8(text)).toEqual({
			ok: false,
			line: 2,
			message:
				'not UTF-8 text: invalid byte 0xE9 at byte offset 10; looks like Windows-1252 (save the file as UTF-8)'
		});
	});

	it('says UTF-16 by its byte-order mark or by its zero bytes', () => {
		const le = new Uint8Array([...'{"a": 1}'].flatMap((c) => [c.charCodeAt(0), 0]));
		const be = new Uint8Array([...'{"a": 1}'].flatMap((c) => [0, c.charCodeAt(0)]));
		expect(decodeUtf8(le)).toEqual({ ok: false, message: 'not UTF-8 text: looks like UTF-16 LE' });
		expect(decodeUtf8(be)).toEqual({ ok: false, message: 'not UTF-8 text: looks like UTF-16 BE' });
		expect(decodeUtf8(bytes(0xff, 0xfe, 0x41, 0))).toMatchObject({ message: /UTF-16 LE/ });
		expect(decodeUtf8(bytes(0xfe, 0xff, 0, 0x41))).toMatchObject({ message: /UTF-16 BE/ });
	});

	it('finds overlong forms, surrogates and truncated sequences', () => {
		expect(firstInvalidUtf8(bytes(0x41, 0xc0, 0x80))).toBe(1); // overlong NUL
		expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // a surrogate
		expect(firstInvalidUtf8(bytes(0x41, 0x42, 0xe2, 0x82))).toBe(2); // cut short
		expect(firstInvalidUtf8(utf8('ok € 😀'))).toBe(utf8('ok € 😀').length);
	});
});

describe('unusableText', () => {
	it('refuses an empty or binary source text, and takes any real text', () => {
		expect(unusableText(' \n ')).toBe('the text is empty: a source needs its full text');
		expect(unusableText('PK\u0003\u0004\u0000\u0000')).toBe(
			'not text: it holds a NUL character at offset 4 (binary data?)'
		);
		expect(unusableText('Один абзац.')).toBeNull();
	});
});
