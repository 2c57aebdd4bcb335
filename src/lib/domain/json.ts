/**
 * Strict JSON parsing that never loses a key and never overflows the stack. `JSON.parse` does the
 * parsing (V8's parser is iterative and fast); a scanner of our own, iterative with an explicit
 * stack, then finds what `JSON.parse` hides: a key given twice (the last would win silently), a
 * `__proto__` key (dropped by most readers), nesting deeper than any dataset needs. When
 * `JSON.parse` fails, the same scanner says where, by line and column.
 */

/** Deeper nesting is refused: a dataset file needs about six levels, a nested export about
 * two per level of responses (at most 100, see validate.ts), so 512 leaves room and bounds every
 * recursive reader downstream (structured clone, IndexedDB). */
export const MAX_JSON_DEPTH = 512;

/** A key that a plain object cannot keep faithfully. */
export interface KeyIssue {
	/** Where the object is: keys and array indexes from the root. */
	path: (string | number)[];
	key: string;
	kind: 'duplicate' | 'reserved';
	/** The lines of each occurrence (1-based). */
	lines: number[];
}

/** What is wrong with such a key, in the words every reader of user files uses. */
export function describeKeyIssue(issue: KeyIssue): string {
	const key = JSON.stringify(issue.key);
	if (issue.kind === 'reserved')
		return `the key ${key} is not allowed: readers drop it without a word`;
	const times = issue.lines.length === 2 ? 'twice' : `${issue.lines.length} times`;
	// A key given 100,000 times must not make a message of 100,000 numbers.
	const shown = issue.lines.slice(0, 5);
	const more = issue.lines.length - shown.length;
	const lines = more
		? `${shown.join(', ')} and ${more} more`
		: `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
	return `the key ${key} is given ${times}, at lines ${lines}: only one value can be kept, so say which`;
}

export type JsonResult =
	| { ok: true; value: unknown; keyIssues: KeyIssue[] }
	| { ok: false; line: number; column: number; message: string };

const BOM = '\uFEFF';

/** Parses strict JSON (a leading byte-order mark is allowed). */
export function parseJson(text: string): JsonResult {
	const body = text.startsWith(BOM) ? text.slice(1) : text;
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		// JSON.parse's messages differ between engines and some give no position.
		const { error } = scanJson(body);
		const { line, column } = lineAndColumn(body, error?.offset ?? 0);
		const message = body.trim() === '' ? 'the file is empty' : (error?.message ?? 'not valid JSON');
		return { ok: false, line, column, message };
	}
	// The scan costs as much as JSON.parse again: skip it when the parsed value shows that nothing
	// was hidden, and scan only to say what and where when something may have been.
	if (nothingHidden(body, value)) return { ok: true, value, keyIssues: [] };
	const { error, keyIssues } = scanJson(body);
	if (error) {
		// Only the depth limit fails here: JSON.parse accepted the syntax.
		const { line, column } = lineAndColumn(body, error.offset);
		return { ok: false, line, column, message: error.message };
	}
	return { ok: true, value, keyIssues };
}

/**
 * Whether JSON.parse kept every key of valid JSON `text` in `value`, none is `__proto__` and the
 * nesting is within the limit. JSON.parse drops a repeated key's first value, so a repeat leaves
 * the value with fewer keys than the text has. Each key of the text ends in a quote that is
 * followed by a colon (after any whitespace); a string may have such a quote and colon inside it
 * too (`"a \": b"`, `":"`), which only adds to the count. So equal counts mean no key was lost,
 * and unequal ones send the text to the scanner, which says exactly what was.
 */
function nothingHidden(text: string, value: unknown): boolean {
	const kept = keptKeys(value, 1);
	return kept >= 0 && kept === quotedBeforeColon(text);
}

/** The keys of a parsed value, or -1 for a `__proto__` key or nesting near the limit. */
function keptKeys(value: unknown, depth: number): number {
	if (depth >= MAX_JSON_DEPTH) return -1;
	let count = 0;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const item: unknown = value[i];
			if (typeof item !== 'object' || item === null) continue;
			const inner = keptKeys(item, depth + 1);
			if (inner < 0) return -1;
			count += inner;
		}
		return count;
	}
	const record = value as Record<string, unknown>;
	for (const key in record) {
		if (key === '__proto__') return -1;
		count++;
		const item = record[key];
		if (typeof item !== 'object' || item === null) continue;
		const inner = keptKeys(item, depth + 1);
		if (inner < 0) return -1;
		count += inner;
	}
	return count;
}

/** How many `"` are followed by a colon, after any JSON whitespace: native search per colon. */
function quotedBeforeColon(text: string): number {
	let count = 0;
	for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
		let i = at - 1;
		let c = text.charCodeAt(i);
		while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(--i);
		if (c === 34) count++;
	}
	return count;
}

/** 1-based line and column of a UTF-16 offset; CRLF counts as one line break. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: offset - lineStart + 1 };
}

interface Frame {
	isObject: boolean;
	/** The current index (arrays), or the offsets of the current key's raw text (objects): the
	 * path to what is being read, decoded only when a key is reported. */
	key: number;
	keyEnd: number;
	/** The keys seen so far, as offsets and lengths of their raw text (no string per key). */
	keyStarts: number[];
	keyLengths: number[];
	/** Past a few dozen keys, or once a key has an escape: decoded key → its offset. */
	keySet: Map<string, number> | null;
}

interface Scan {
	error: { offset: number; message: string } | null;
	keyIssues: KeyIssue[];
}

const LINEAR_KEYS = 24;

/** Set by `stringEnd` when it returns -1: what is wrong, and where. */
let stringError = { offset: 0, message: '' };
/** Set by `stringEnd`: whether the string it read had an escape. */
let stringEscaped = false;

/**
 * The offset after the string whose opening quote is at `start`, or -1 (see `stringError`). A
 * plain function of its arguments: a cursor captured by closures would be slow in V8.
 */
function stringEnd(text: string, start: number): number {
	const n = text.length;
	let i = start + 1;
	stringEscaped = false;
	for (;;) {
		if (i >= n) {
			stringError = { offset: i, message: 'unterminated string' };
			return -1;
		}
		const c = text.charCodeAt(i);
		if (c === 34) return i + 1;
		if (c === 92) {
			stringEscaped = true;
			const e = text.charCodeAt(i + 1);
			if (e === 117) {
				for (let k = 2; k < 6; k++) {
					// The digit test on the raw code: `| 0x20` would turn U+0010–U+0019 into digits.
					const d = text.charCodeAt(i + k);
					const h = d | 0x20;
					if (!((d >= 48 && d <= 57) || (h >= 97 && h <= 102))) {
						stringError = { offset: i, message: 'invalid \\u escape' };
						return -1;
					}
				}
				i += 6;
				continue;
			}
			// " \ / b f n r t
			if (
				e !== 34 &&
				e !== 92 &&
				e !== 47 &&
				e !== 98 &&
				e !== 102 &&
				e !== 110 &&
				e !== 114 &&
				e !== 116
			) {
				stringError = {
					offset: i + 1 >= n ? n : i,
					message: i + 1 >= n ? 'unterminated string' : 'invalid escape character'
				};
				return -1;
			}
			i += 2;
			continue;
		}
		if (c < 0x20) {
			stringError = {
				offset: i,
				message: 'invalid character in a string (control characters must be escaped)'
			};
			return -1;
		}
		i++;
	}
}

/** The offset after the number starting at `start`, or -1 when it is not a JSON number. */
function numberEnd(text: string, start: number): number {
	let i = start;
	let c = text.charCodeAt(i);
	if (c === 45) c = text.charCodeAt(++i);
	if (c === 48) c = text.charCodeAt(++i);
	else if (c >= 49 && c <= 57) {
		do c = text.charCodeAt(++i);
		while (c >= 48 && c <= 57);
	} else return -1;
	if (c === 46) {
		c = text.charCodeAt(++i);
		if (!(c >= 48 && c <= 57)) return -1;
		do c = text.charCodeAt(++i);
		while (c >= 48 && c <= 57);
	}
	if (c === 101 || c === 69) {
		c = text.charCodeAt(++i);
		if (c === 43 || c === 45) c = text.charCodeAt(++i);
		if (!(c >= 48 && c <= 57)) return -1;
		do c = text.charCodeAt(++i);
		while (c >= 48 && c <= 57);
	}
	return i;
}

/** Offsets of the line breaks, for the lines of the few keys that are reported. */
function lineFinder(text: string): (offset: number) => number {
	let breaks: number[] | null = null;
	return (offset) => {
		if (!breaks) {
			breaks = [];
			for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
		}
		let lo = 0;
		let hi = breaks.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (breaks[mid]! < offset) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	};
}

/** Scans JSON text once, iteratively; see the module comment. */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): Scan {
	const n = text.length;
	const keyIssues: KeyIssue[] = [];
	const stack: Frame[] = [];
	const lineOf = lineFinder(text);
	const repeats = new Map<number, KeyIssue>();
	let depth = 0;
	let i = 0;
	let expectValue = true;
	const fail = (offset: number, message: string): Scan => ({
		error: { offset, message },
		keyIssues
	});

	for (;;) {
		let c = text.charCodeAt(i);
		while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
		if (expectValue) {
			if (i >= n) return fail(i, 'expected a value');
			if (c === 123 || c === 91) {
				if (depth >= maxDepth)
					return fail(
						i,
						`nesting deeper than ${maxDepth} levels (the most a dataset file may have)`
					);
				const isObject = c === 123;
				let frame = stack[depth];
				if (!frame)
					stack[depth] = frame = {
						isObject,
						key: 0,
						keyEnd: 0,
						keyStarts: [],
						keyLengths: [],
						keySet: null
					};
				else {
					frame.isObject = isObject;
					frame.key = 0;
					frame.keyStarts.length = 0;
					frame.keyLengths.length = 0;
					frame.keySet = null;
				}
				depth++;
				c = text.charCodeAt(++i);
				while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
				if (c === (isObject ? 125 : 93)) {
					i++;
					depth--;
					expectValue = false;
					continue;
				}
				if (isObject) {
					const after = readKey(frame);
					if (after < 0) return fail(stringError.offset, stringError.message);
					i = after;
				}
				continue;
			}
			if (c === 34) {
				i = stringEnd(text, i);
				if (i < 0) return fail(stringError.offset, stringError.message);
			} else if (c === 45 || (c >= 48 && c <= 57)) {
				const end = numberEnd(text, i);
				if (end < 0) return fail(i, 'invalid number');
				i = end;
			} else if (c === 116 && text.startsWith('true', i)) i += 4;
			else if (c === 102 && text.startsWith('false', i)) i += 5;
			else if (c === 110 && text.startsWith('null', i)) i += 4;
			else if (c === 47) return fail(i, 'comments are not allowed in JSON');
			else
				return fail(
					i,
					c === 93 || c === 125 || c === 44 ? 'expected a value' : 'unexpected character'
				);
			expectValue = false;
			continue;
		}
		// A value has ended.
		if (depth === 0) {
			if (i >= n) return { error: null, keyIssues };
			return fail(
				i,
				c === 47
					? 'comments are not allowed in JSON'
					: 'unexpected content after the end of the JSON value (a file holds one value: is a comma or a bracket missing?)'
			);
		}
		const frame = stack[depth - 1]!;
		if (i >= n) return fail(i, frame.isObject ? "expected '}'" : "expected ']'");
		if (c === 44) {
			if (frame.isObject) {
				c = text.charCodeAt(++i);
				while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
				const after = readKey(frame);
				if (after < 0) return fail(stringError.offset, stringError.message);
				i = after;
			} else {
				frame.key++;
				i++;
				expectValue = true;
			}
			continue;
		}
		if (c === (frame.isObject ? 125 : 93)) {
			i++;
			depth--;
			continue;
		}
		if (c === 47) return fail(i, 'comments are not allowed in JSON');
		return fail(i, frame.isObject ? "expected ',' or '}'" : "expected ',' or ']'");
	}

	/**
	 * A key at i, its colon, and then a value is expected: returns the offset after the colon, or
	 * -1 with `stringError` set.
	 */
	function readKey(frame: Frame): number {
		if (i >= n) return keyError(i, "expected '}'");
		if (text.charCodeAt(i) !== 34)
			return keyError(
				i,
				text.charCodeAt(i) === 47
					? 'comments are not allowed in JSON'
					: 'expected a property name in double quotes'
			);
		const start = i;
		const end = stringEnd(text, i);
		if (end < 0) return -1;
		addKey(frame, start + 1, end - 1, stringEscaped);
		let j = end;
		let c = text.charCodeAt(j);
		while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++j);
		if (c !== 58) return keyError(j, "expected ':'");
		expectValue = true;
		return j + 1;
	}

	function keyError(offset: number, message: string): number {
		stringError = { offset, message };
		return -1;
	}

	/** Records a key given by the offsets of its raw text; reports a repeat or a __proto__. */
	function addKey(frame: Frame, start: number, end: number, escaped: boolean) {
		frame.key = start;
		frame.keyEnd = end;
		// Keys are compared in place, by their raw text; a key with an escape is decoded, and its
		// object compared by decoded keys from then on.
		if (escaped && !frame.keySet) frame.keySet = decodedKeys(frame);
		if (frame.keySet) {
			const key = keyText(start, end);
			const first = frame.keySet.get(key);
			if (first !== undefined) duplicate(key, first, start);
			else {
				if (key === '__proto__') reserved(key, start);
				frame.keySet.set(key, start);
			}
			return;
		}
		const length = end - start;
		const starts = frame.keyStarts;
		const lengths = frame.keyLengths;
		for (let k = 0; k < starts.length; k++) {
			if (lengths[k] !== length) continue;
			const other = starts[k]!;
			let j = 0;
			while (j < length && text.charCodeAt(other + j) === text.charCodeAt(start + j)) j++;
			if (j === length) {
				duplicate(text.slice(start, end), other, start);
				return;
			}
		}
		if (length === 9 && text.startsWith('__proto__', start)) reserved('__proto__', start);
		starts.push(start);
		lengths.push(length);
		if (starts.length > LINEAR_KEYS) frame.keySet = decodedKeys(frame);
	}

	/** A key's text from the offsets inside its quotes, its escapes decoded. */
	function keyText(start: number, end: number): string {
		const raw = text.slice(start, end);
		return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
	}

	function decodedKeys(frame: Frame): Map<string, number> {
		return new Map(frame.keyStarts.map((s, k) => [keyText(s, s + frame.keyLengths[k]!), s]));
	}

	function pathTo(): (string | number)[] {
		return stack.slice(0, depth - 1).map((f) => (f.isObject ? keyText(f.key, f.keyEnd) : f.key));
	}

	function reserved(key: string, at: number) {
		keyIssues.push({ path: pathTo(), key, kind: 'reserved', lines: [lineOf(at)] });
	}

	function duplicate(key: string, firstAt: number, at: number) {
		// By the first key's offset, not its line: a minified file has every object on line 1.
		const known = repeats.get(firstAt);
		if (known) known.lines.push(lineOf(at));
		else {
			const issue: KeyIssue = {
				path: pathTo(),
				key,
				kind: 'duplicate',
				lines: [lineOf(firstAt), lineOf(at)]
			};
			repeats.set(firstAt, issue);
			keyIssues.push(issue);
		}
	}
}
