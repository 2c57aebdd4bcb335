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
	const lines = `${issue.lines.slice(0, -1).join(', ')} and ${issue.lines[issue.lines.length - 1]}`;
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
	const { error, keyIssues } = scanJson(body);
	if (error) {
		// Only the depth limit fails here: JSON.parse accepted the syntax.
		const { line, column } = lineAndColumn(body, error.offset);
		return { ok: false, line, column, message: error.message };
	}
	return { ok: true, value, keyIssues };
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
	/** The current key (objects) or index (arrays): the path to what is being read. */
	key: string | number;
	/** The keys seen so far, as offsets and lengths of their raw text. */
	keyStarts: number[];
	keyLengths: number[];
	keyLines: number[];
	/** Past a few dozen keys, or once a key has an escape: decoded key → its position. */
	keySet: Map<string, number> | null;
}

interface Scan {
	error: { offset: number; message: string } | null;
	keyIssues: KeyIssue[];
}

const enum C {
	Tab = 9,
	LF = 10,
	CR = 13,
	Space = 32,
	Quote = 34,
	Plus = 43,
	Comma = 44,
	Minus = 45,
	Dot = 46,
	Slash = 47,
	Zero = 48,
	Nine = 57,
	Colon = 58,
	BracketOpen = 91,
	Backslash = 92,
	BracketClose = 93,
	BraceOpen = 123,
	BraceClose = 125
}

const LINEAR_KEYS = 24;
// eslint-disable-next-line no-control-regex -- the control characters are what it stops at
const PLAIN_RUN = /[^"\\\u0000-\u001f]*/y;

/** Scans JSON text once, iteratively; see the module comment. */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): Scan {
	const n = text.length;
	const keyIssues: KeyIssue[] = [];
	const stack: Frame[] = [];
	let depth = 0;
	let i = 0;
	let line = 1;
	/** Whether the last string scanned had an escape. */
	let sawEscape = false;
	const fail = (offset: number, message: string): Scan => ({
		error: { offset, message },
		keyIssues
	});

	const skipSpace = () => {
		for (; i < n; i++) {
			const c = text.charCodeAt(i);
			if (c === C.LF) line++;
			else if (c !== C.Space && c !== C.Tab && c !== C.CR) break;
		}
	};

	/** From the opening quote at i; leaves i after the closing quote. Returns an error or null. */
	const scanString = (): string | null => {
		sawEscape = false;
		i++;
		for (;;) {
			// The plain run of a string in one native step: most strings have no escape at all.
			PLAIN_RUN.lastIndex = i;
			PLAIN_RUN.test(text);
			i = PLAIN_RUN.lastIndex;
			if (i >= n) return 'unterminated string';
			const c = text.charCodeAt(i);
			if (c === C.Quote) {
				i++;
				return null;
			}
			if (c < 0x20) return 'invalid character in a string (control characters must be escaped)';
			if (c === C.Backslash) {
				sawEscape = true;
				const e = text.charCodeAt(i + 1);
				if (e === 117) {
					for (let k = 2; k < 6; k++) {
						const h = text.charCodeAt(i + k);
						const hex = (h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102);
						if (!hex) return 'invalid \\u escape';
					}
					i += 6;
					continue;
				}
				// " \ / b f n r t
				if (
					e !== C.Quote &&
					e !== C.Backslash &&
					e !== C.Slash &&
					e !== 98 &&
					e !== 102 &&
					e !== 110 &&
					e !== 114 &&
					e !== 116
				)
					return i + 1 >= n ? 'unterminated string' : 'invalid escape character';
				i += 2;
				continue;
			}
			i++;
		}
	};

	const isDigit = (c: number) => c >= C.Zero && c <= C.Nine;
	const scanNumber = (): boolean => {
		if (text.charCodeAt(i) === C.Minus) i++;
		if (text.charCodeAt(i) === C.Zero) i++;
		else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
		else return false;
		if (text.charCodeAt(i) === C.Dot) {
			i++;
			if (!isDigit(text.charCodeAt(i))) return false;
			while (isDigit(text.charCodeAt(i))) i++;
		}
		const e = text.charCodeAt(i);
		if (e === 101 || e === 69) {
			i++;
			const s = text.charCodeAt(i);
			if (s === C.Plus || s === C.Minus) i++;
			if (!isDigit(text.charCodeAt(i))) return false;
			while (isDigit(text.charCodeAt(i))) i++;
		}
		return true;
	};

	const push = (isObject: boolean): boolean => {
		if (depth >= maxDepth) return false;
		let frame = stack[depth];
		if (!frame) {
			frame = { isObject, key: 0, keyStarts: [], keyLengths: [], keyLines: [], keySet: null };
			stack[depth] = frame;
		} else {
			frame.isObject = isObject;
			frame.key = 0;
			frame.keyStarts.length = 0;
			frame.keyLengths.length = 0;
			frame.keyLines.length = 0;
			frame.keySet = null;
		}
		depth++;
		return true;
	};

	const pathTo = () => stack.slice(0, depth - 1).map((f) => f.key);

	/** Records a key given by the offsets of its raw text, inside the quotes. */
	const addKey = (frame: Frame, start: number, end: number, keyLine: number, escaped: boolean) => {
		// Keys are compared in place, by their raw text, to spare a string per key; a key with an
		// escape is decoded, and its object compared by decoded keys from then on.
		if (escaped && !frame.keySet) frame.keySet = decodedKeys(frame);
		if (frame.keySet) {
			const key = escaped
				? (JSON.parse(text.slice(start - 1, end + 1)) as string)
				: text.slice(start, end);
			frame.key = key;
			checkProto(key, keyLine);
			const first = frame.keySet.get(key);
			if (first !== undefined) duplicate(key, frame.keyLines[first]!, keyLine);
			else {
				frame.keySet.set(key, frame.keyLines.length);
				frame.keyLines.push(keyLine);
			}
			return;
		}
		const length = end - start;
		const starts = frame.keyStarts;
		const lengths = frame.keyLengths;
		for (let k = 0; k < starts.length; k++) {
			if (lengths[k] !== length) continue;
			const other = starts[k]!;
			let same = true;
			for (let j = 0; j < length; j++) {
				if (text.charCodeAt(other + j) !== text.charCodeAt(start + j)) {
					same = false;
					break;
				}
			}
			if (same) {
				const key = text.slice(start, end);
				frame.key = key;
				duplicate(key, frame.keyLines[k]!, keyLine);
				return;
			}
		}
		frame.key = text.slice(start, end);
		checkProto(frame.key, keyLine);
		starts.push(start);
		lengths.push(length);
		frame.keyLines.push(keyLine);
		if (starts.length > LINEAR_KEYS) frame.keySet = decodedKeys(frame);
	};

	const decodedKeys = (frame: Frame) =>
		new Map(frame.keyStarts.map((s, k) => [text.slice(s, s + frame.keyLengths[k]!), k]));

	const checkProto = (key: string, keyLine: number) => {
		if (key === '__proto__') {
			keyIssues.push({ path: pathTo(), key, kind: 'reserved', lines: [keyLine] });
		}
	};

	const duplicate = (key: string, firstLine: number, keyLine: number) => {
		const path = pathTo();
		const known = keyIssues.find(
			(k) => k.kind === 'duplicate' && k.key === key && k.lines[0] === firstLine
		);
		if (known) known.lines.push(keyLine);
		else keyIssues.push({ path, key, kind: 'duplicate', lines: [firstLine, keyLine] });
	};

	// The states: a value is expected; a value ended (then , ] } or the end).
	let expectValue = true;
	for (;;) {
		skipSpace();
		if (expectValue) {
			if (i >= n) return fail(i, 'expected a value');
			const c = text.charCodeAt(i);
			if (c === C.BraceOpen || c === C.BracketOpen) {
				if (!push(c === C.BraceOpen))
					return fail(
						i,
						`nesting deeper than ${maxDepth} levels (the most a dataset file may have)`
					);
				i++;
				skipSpace();
				const close = c === C.BraceOpen ? C.BraceClose : C.BracketClose;
				if (text.charCodeAt(i) === close) {
					i++;
					depth--;
					expectValue = false;
					continue;
				}
				if (c === C.BraceOpen) {
					const keyError = readKey(stack[depth - 1]!);
					if (keyError) return keyError;
				}
				continue;
			}
			if (c === C.Quote) {
				const error = scanString();
				if (error) return fail(i, error);
			} else if (c === C.Minus || isDigit(c)) {
				const start = i;
				if (!scanNumber()) return fail(start, 'invalid number');
			} else if (text.startsWith('true', i)) i += 4;
			else if (text.startsWith('false', i)) i += 5;
			else if (text.startsWith('null', i)) i += 4;
			else if (c === C.Slash) return fail(i, 'comments are not allowed in JSON');
			else
				return fail(
					i,
					c === C.BracketClose || c === C.BraceClose || c === C.Comma
						? 'expected a value'
						: 'unexpected character'
				);
			expectValue = false;
			continue;
		}
		// A value has ended.
		if (depth === 0) {
			if (i >= n) return { error: null, keyIssues };
			const c = text.charCodeAt(i);
			return fail(
				i,
				c === C.Slash
					? 'comments are not allowed in JSON'
					: 'unexpected content after the end of the JSON value (a file holds one value: is a comma or a bracket missing?)'
			);
		}
		const frame = stack[depth - 1]!;
		if (i >= n) return fail(i, frame.isObject ? "expected '}'" : "expected ']'");
		const c = text.charCodeAt(i);
		if (c === C.Comma) {
			i++;
			skipSpace();
			if (frame.isObject) {
				const keyError = readKey(frame);
				if (keyError) return keyError;
			} else {
				frame.key = (frame.key as number) + 1;
				expectValue = true;
			}
			continue;
		}
		if (c === (frame.isObject ? C.BraceClose : C.BracketClose)) {
			i++;
			depth--;
			continue;
		}
		if (c === C.Slash) return fail(i, 'comments are not allowed in JSON');
		return fail(i, frame.isObject ? "expected ',' or '}'" : "expected ',' or ']'");
	}

	/** A key, its colon, and then a value is expected; i is at the key's opening quote. */
	function readKey(frame: Frame): Scan | null {
		if (i >= n) return fail(i, "expected '}'");
		if (text.charCodeAt(i) !== C.Quote)
			return fail(
				i,
				text.charCodeAt(i) === C.Slash
					? 'comments are not allowed in JSON'
					: 'expected a property name in double quotes'
			);
		const start = i;
		const keyLine = line;
		const error = scanString();
		if (error) return fail(i, error);
		addKey(frame, start + 1, i - 1, keyLine, sawEscape);
		skipSpace();
		if (text.charCodeAt(i) !== C.Colon) return fail(i, "expected ':'");
		i++;
		expectValue = true;
		return null;
	}
}
