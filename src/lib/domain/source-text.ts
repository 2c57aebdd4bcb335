/**
 * A source's stored text as a reader reads it: its SHA-256 fingerprint (which the nested export
 * carries too, so that anyone can show the text unchanged), and where in it each quote was
 * found. The quote check (`quotes.ts`) matches on a folded copy of the text (whitespace runs as
 * one space, typographic marks as ASCII); `foldWithOrigins` folds the same way and remembers,
 * for each folded character, the character of the text it came from, so that a match in the
 * folded copy is a span of the text as stored.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { FOLDED, findQuote, normalizeForQuoteMatch } from './quotes.ts';

/** The SHA-256 of the text's UTF-8 bytes, in hex: what `sha256sum sources/<id>.txt` prints. */
export function textSha256(text: string): string {
	return bytesToHex(sha256(utf8ToBytes(text)));
}

const SINGLE_QUOTE = new RegExp(FOLDED.single);
const DOUBLE_QUOTE = new RegExp(FOLDED.double);
const DASH = new RegExp(FOLDED.dash);
const SPACE = /\s/;

export interface Folded {
	/** The text as the quote check reads it: `normalizeForQuoteMatch` of the text. */
	folded: string;
	/** For each character of `folded`, the index in the text it stands for. */
	origin: Uint32Array;
}

/**
 * The text folded as the quote check folds it, character by character. A text that Unicode NFC
 * would change is folded as it stands (no offsets exist for NFC's changes); such a text is rare,
 * and a quote that needs NFC to match is then not located (the reader says so).
 */
export function foldWithOrigins(text: string): Folded {
	const out: string[] = [];
	const origin = new Uint32Array(text.length);
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (SPACE.test(c)) {
			out.push(' ');
			origin[n++] = i;
			while (i + 1 < text.length && SPACE.test(text[i + 1]!)) i++;
			continue;
		}
		out.push(SINGLE_QUOTE.test(c) ? "'" : DOUBLE_QUOTE.test(c) ? '"' : DASH.test(c) ? '-' : c);
		origin[n++] = i;
	}
	return { folded: out.join(''), origin: origin.subarray(0, n) };
}

export interface QuoteSpan {
	claim: string;
	/** Where the quote is in the text as stored: `text.slice(start, end)`. */
	start: number;
	end: number;
}

/**
 * Where each quote is in the text: the span of the text whose folded form the check matched.
 * A quote the check would not find (or that needs NFC to match) has no span.
 */
export function quoteSpans(
	text: string,
	quotes: readonly { claim: string; quote: string }[]
): { spans: QuoteSpan[]; unplaced: string[] } {
	const { folded, origin } = foldWithOrigins(text);
	const spans: QuoteSpan[] = [];
	const unplaced: string[] = [];
	for (const { claim, quote } of quotes) {
		const q = normalizeForQuoteMatch(quote).trim();
		const match = findQuote(folded, quote);
		if (!match.found || q.length === 0) {
			unplaced.push(claim);
			continue;
		}
		const start = origin[match.index]!;
		const end = origin[match.index + q.length - 1]! + 1;
		spans.push({ claim, start, end });
	}
	spans.sort((a, b) => a.start - b.start || b.end - a.end);
	return { spans, unplaced };
}

export interface Segment {
	text: string;
	/** The claims whose quotes cover this stretch, innermost (shortest quote) first. */
	claims: string[];
}

/** The text cut where quotes start and end: what the reader draws, highlights as segments. */
export function segments(text: string, spans: readonly QuoteSpan[]): Segment[] {
	const cuts = new Set([0, text.length]);
	for (const s of spans) cuts.add(s.start).add(s.end);
	const at = [...cuts].sort((a, b) => a - b);
	const out: Segment[] = [];
	for (let k = 0; k + 1 < at.length; k++) {
		const from = at[k]!;
		const to = at[k + 1]!;
		const claims = spans
			.filter((s) => s.start <= from && s.end >= to)
			.sort((a, b) => a.end - a.start - (b.end - b.start))
			.map((s) => s.claim);
		out.push({ text: text.slice(from, to), claims });
	}
	return out;
}
