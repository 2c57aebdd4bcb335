/**
 * The verbatim-quote check. A quote must appear in its source text after only these
 * normalisations: Unicode NFC, runs of whitespace as one space, and typographic quotation marks,
 * apostrophes and dashes folded to ASCII. Case and everything else must match.
 */

/** The characters folded, one class each: the source reader folds a text with the same ones. */
export const FOLDED = {
	single: '[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC]',
	double: '[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB]',
	dash: '[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]'
};
const SINGLE_QUOTES = new RegExp(FOLDED.single, 'g');
const DOUBLE_QUOTES = new RegExp(FOLDED.double, 'g');
const DASHES = new RegExp(FOLDED.dash, 'g');
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

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;

/**
 * Whether `left` and `right` are two characters of one word. A lower-case letter followed by a
 * capital is an edge: copied texts run words together ("…And DeathUkraine's Center…").
 */
function sameWord(left: string, right: string): boolean {
	return WORD_CHAR.test(left) && WORD_CHAR.test(right) && !(LOWER.test(left) && UPPER.test(right));
}

/**
 * The first occurrence that does not cut a word at either end: "able to confirm" is not in
 * "unable to confirm", though it is a substring of it.
 */
export function indexAtWordEdges(text: string, quote: string): number {
	for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
		const end = at + quote.length;
		const cutsStart = at > 0 && sameWord(text[at - 1]!, quote[0]!);
		const cutsEnd = end < text.length && sameWord(quote[quote.length - 1]!, text[end]!);
		if (!cutsStart && !cutsEnd) return at;
	}
	return -1;
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
			/** The whole quote is in the text, but only as part of longer words. */
			insideWords: boolean;
	  };

/** Looks for a quote in a text that has already been through `normalizeForQuoteMatch`. */
export function findQuote(normalizedText: string, quote: string): QuoteMatch {
	const q = normalizeForQuoteMatch(quote).trim();
	const index = q === '' ? -1 : indexAtWordEdges(normalizedText, q);
	if (index >= 0) return { found: true, index };
	if (q !== '' && normalizedText.includes(q)) {
		return { found: false, matchedChars: q.length, quoteHas: '', textHas: null, insideWords: true };
	}
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
	return {
		found: false,
		matchedChars: lo,
		quoteHas: q.slice(lo, lo + 1),
		textHas,
		insideWords: false
	};
}
