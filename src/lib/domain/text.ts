/**
 * Bytes to text, checked: a dataset's files must be UTF-8, and a byte that is not is refused with
 * where it is, never replaced by U+FFFD (which would change a quote without a word). The same code
 * runs in Node and in the browser (a fatal `TextDecoder` in both).
 */

export type Decoded =
	| { ok: true; text: string }
	| {
			ok: false;
			/** What was found, e.g. `not UTF-8 text: looks like UTF-16 LE`. */
			message: string;
			/** 1-based line of the first bad byte, where there is one. */
			line?: number;
	  };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes UTF-8 (a leading byte-order mark is dropped). Text given as a string is taken as it is:
 * it was decoded by whoever made it.
 */
export function decodeUtf8(content: string | Uint8Array): Decoded {
	if (typeof content === 'string') {
		return { ok: true, text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
	}
	const utf16 = utf16Kind(content);
	if (utf16) return { ok: false, message: `not UTF-8 text: looks like ${utf16}` };
	try {
		// ignoreBOM: false means the decoder drops a leading UTF-8 BOM itself.
		return { ok: true, text: strict.decode(content) };
	} catch {
		const binary = content.subarray(0, 8192).indexOf(0);
		if (binary !== -1) {
			return { ok: false, message: `not text: binary data (a NUL byte at byte offset ${binary})` };
		}
		const at = firstInvalidUtf8(content);
		const line = lineOfByte(content, at);
		return {
			ok: false,
			line,
			message: `not UTF-8 text: invalid byte 0x${content[at]!.toString(16).toUpperCase().padStart(2, '0')} at byte offset ${at}${looksLikeWindows1252(content) ? '; looks like Windows-1252 (save the file as UTF-8)' : ''}`
		};
	}
}

/** A UTF-16 byte-order mark, or ASCII text with every other byte zero. */
function utf16Kind(bytes: Uint8Array): string | null {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE';
	const n = Math.min(bytes.length, 512) & ~1;
	if (n < 4) return null;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenZero++;
		if (bytes[i + 1] === 0) oddZero++;
	}
	const pairs = n / 2;
	if (oddZero > pairs * 0.4 && evenZero === 0) return 'UTF-16 LE';
	if (evenZero > pairs * 0.4 && oddZero === 0) return 'UTF-16 BE';
	return null;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		let need: number;
		let min: number;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else return i;
		let cp = b & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || (c & 0xc0) !== 0x80) return i;
			cp = (cp << 6) | (c & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
		i += need + 1;
	}
	return bytes.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
	return line;
}

/**
 * Windows-1252 (and Latin-1) text has high bytes standing alone between ASCII ones ("Caf\xe9"),
 * where UTF-8 has runs of two to four; malformed UTF-8 (an overlong form) has runs too.
 */
function looksLikeWindows1252(bytes: Uint8Array): boolean {
	let runs = 0;
	let single = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i]! < 0x80) continue;
		let end = i;
		while (end + 1 < bytes.length && bytes[end + 1]! >= 0x80) end++;
		runs++;
		if (end === i) single++;
		i = end;
	}
	return runs > 0 && single * 2 >= runs;
}

/** What makes a decoded text unusable as a source text, or null when it is fine. */
export function unusableText(text: string): string | null {
	// Not `text.trim() === ''`, which copies the whole text: \s is the set trim() removes.
	if (!/\S/.test(text)) return 'the text is empty: a source needs its full text';
	const nul = text.indexOf('\u0000');
	if (nul !== -1) return `not text: it holds a NUL character at offset ${nul} (binary data?)`;
	return null;
}
