/** JSON parsing that says where a syntax error is, by line and column. */
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonResult =
	{ ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

const BOM = '\uFEFF';

/** Parses strict JSON (a leading byte-order mark is allowed). */
export function parseJson(text: string): JsonResult {
	const body = text.startsWith(BOM) ? text.slice(1) : text;
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		// JSON.parse's messages differ between engines and some give no position, so the error is
		// located again with a parser that reports offsets. This runs only on failure.
		const errors: ParseError[] = [];
		parseTolerant(body, errors, {
			disallowComments: true,
			allowTrailingComma: false,
			allowEmptyContent: false
		});
		const first = errors[0];
		const offset = first?.offset ?? 0;
		const { line, column } = lineAndColumn(body, offset);
		const what = first ? describeError(printParseErrorCode(first.error)) : 'not valid JSON';
		return { ok: false, line, column, message: body.trim() === '' ? 'the file is empty' : what };
	}
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

const ERROR_WORDS: Record<string, string> = {
	InvalidSymbol: 'unexpected character',
	InvalidNumberFormat: 'invalid number',
	PropertyNameExpected: 'expected a property name in double quotes',
	ValueExpected: 'expected a value',
	ColonExpected: "expected ':'",
	CommaExpected: "expected ','",
	CloseBraceExpected: "expected '}'",
	CloseBracketExpected: "expected ']'",
	EndOfFileExpected: 'unexpected content after the end',
	InvalidCommentToken: 'comments are not allowed in JSON',
	UnexpectedEndOfComment: 'unexpected end of comment',
	UnexpectedEndOfString: 'unterminated string',
	UnexpectedEndOfNumber: 'unexpected end of number',
	InvalidUnicode: 'invalid \\u escape',
	InvalidEscapeCharacter: 'invalid escape character',
	InvalidCharacter: 'invalid character in a string (control characters must be escaped)'
};

function describeError(code: string): string {
	return ERROR_WORDS[code] ?? code;
}
