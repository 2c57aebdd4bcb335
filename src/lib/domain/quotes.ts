/**
 * The verbatim-quote check. A quote must appear in its source text after only these
 * normalisations: Unicode NFC, runs of whitespace as one space, and typographic quotation marks,
 * apostrophes and dashes folded to ASCII. Case and everything else must match.
 */

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const WHITESPACE_RUN = /\s+/g;
/** Anything but printable ASCII, or a double space: only then is there anything to fold. */
const NEEDS_WORK = /[^\x20-\x7E]| {2}/;
const NON_ASCII = /[^\u0000-\u007F]/; // eslint-disable-line no-control-regex -- a range, not a stray control

export function normalizeForQuoteMatch(text: string): string {
	// Most quotes and many texts are plain ASCII: skip the passes that would change nothing.
	if (!NEEDS_WORK.test(text)) return text;
	const folded = NON_ASCII.test(text)
		? text
				.normalize('NFC')
				.replace(SINGLE_QUOTES, "'")
				.replace(DOUBLE_QUOTES, '"')
				.replace(DASHES, '-')
		: text;
	return folded.replace(WHITESPACE_RUN, ' ');
}

export type QuoteMatch =
	| { found: true; index: number }
	| {
			found: false;
			/** How many characters of the normalised quote do appear in the text, from its start. */
			matchedChars: number;
			/** The quote's character where it stops matching, and what the text has there instead. */
			quoteHas: string;
			textHas: string | null;
	  };

/** Looks for a quote in a text that has already been through `normalizeForQuoteMatch`. */
export function findQuote(normalizedText: string, quote: string): QuoteMatch {
	const q = normalizeForQuoteMatch(quote).trim();
	const index = q === '' ? -1 : normalizedText.indexOf(q);
	if (index >= 0) return { found: true, index };
	// Only on failure: the longest prefix that does occur, by binary search (a prefix of a prefix
	// that occurs also occurs), so that the message can say where the quote departs from the text.
	let lo = 0;
	let hi = q.length;
	let at = -1;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		const i = normalizedText.indexOf(q.slice(0, mid));
		if (i >= 0) {
			lo = mid;
			at = i;
		} else hi = mid - 1;
	}
	const textHas = at >= 0 && at + lo < normalizedText.length ? normalizedText[at + lo]! : null;
	return { found: false, matchedChars: lo, quoteHas: q.slice(lo, lo + 1), textHas };
}
