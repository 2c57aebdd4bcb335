import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeForQuoteMatch } from './quotes.ts';
import { foldWithOrigins, quoteSpans, segments, textSha256 } from './source-text.ts';

/** Letters, spaces of several kinds, and the typographic marks the quote check folds. */
const CHARS = [
	'a',
	'b',
	'Z',
	'é',
	' ',
	'  ',
	'\n',
	'\t',
	'\u00a0',
	'’',
	'“',
	'”',
	'—',
	'-',
	'.',
	'🛰'
];
const textArb = fc.array(fc.constantFrom(...CHARS), { maxLength: 60 }).map((cs) => cs.join(''));

describe('the fingerprint', () => {
	it('is the SHA-256 of the UTF-8 bytes, as sha256sum prints it', () => {
		for (const text of ['', 'abc', 'Ussuriysk — “Уссурийск” 🛰']) {
			expect(textSha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
		}
	});
});

describe('quote spans', () => {
	it('fold as the quote check folds, each folded character pointing at its own', () => {
		fc.assert(
			fc.property(textArb, (text) => {
				const { folded, origin } = foldWithOrigins(text);
				expect(folded).toBe(normalizeForQuoteMatch(text));
				for (let k = 0; k < folded.length; k++) {
					const c = text[origin[k]!]!;
					expect(normalizeForQuoteMatch(c) || ' ').toBe(folded[k] === ' ' ? ' ' : folded[k]);
				}
			})
		);
	});

	it('a quote found by the check is the span of the stored text it matched', () => {
		fc.assert(
			fc.property(textArb, fc.nat(), fc.nat(), (text, i, j) => {
				const a = Math.min(i, j) % (text.length + 1);
				const b = Math.max(i, j) % (text.length + 1);
				const quote = text.slice(a, Math.max(a, b));
				const { spans, unplaced } = quoteSpans(text, [{ claim: 'c', quote }]);
				if (unplaced.length) return;
				const [span] = spans;
				expect(normalizeForQuoteMatch(text.slice(span!.start, span!.end))).toBe(
					normalizeForQuoteMatch(quote).trim()
				);
			})
		);
	});

	it('in an article: the span is the words as printed, curly quotes and line breaks kept', () => {
		const text = 'He said: “We are unable\n to confirm” — and left.';
		const { spans } = quoteSpans(text, [{ claim: 'c1', quote: '"We are unable to confirm"' }]);
		expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe('“We are unable\n to confirm”');
		expect(quoteSpans(text, [{ claim: 'c2', quote: 'able to confirm' }]).unplaced).toEqual(['c2']);
	});

	it('cut into segments, each stretch knows the quotes over it, innermost first', () => {
		const text = 'one two three four';
		const { spans } = quoteSpans(text, [
			{ claim: 'long', quote: 'two three four' },
			{ claim: 'short', quote: 'three' }
		]);
		expect(segments(text, spans)).toEqual([
			{ text: 'one ', claims: [] },
			{ text: 'two ', claims: ['long'] },
			{ text: 'three', claims: ['short', 'long'] },
			{ text: ' four', claims: ['long'] }
		]);
		expect(
			segments(text, [])
				.map((s) => s.text)
				.join('')
		).toBe(text);
	});
});
