import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuote, normalizeForQuoteMatch } from './quotes.ts';

// Letters, spaces, line breaks and the typographic marks the check folds.
const piece = fc.constantFrom(
	'a',
	'B',
	'z',
	' ',
	'  ',
	'\n',
	'\t',
	'’',
	'‘',
	'“',
	'”',
	'—',
	'–',
	"'",
	'"',
	'-',
	'.',
	'é',
	'e\u0301'
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('normalizeForQuoteMatch', () => {
	it('folds the documented marks and whitespace', () => {
		expect(normalizeForQuoteMatch('“It’s — here”\n\t now')).toBe('"It\'s - here" now');
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(
				text,
				(t) => normalizeForQuoteMatch(normalizeForQuoteMatch(t)) === normalizeForQuoteMatch(t)
			)
		);
	});

	it('keeps case and letters', () => {
		expect(normalizeForQuoteMatch('Straße ÉTÉ')).toBe('Straße ÉTÉ');
	});
});

describe('findQuote', () => {
	it('finds every stretch of a text cut at word edges', () => {
		fc.assert(
			fc.property(
				fc.array(
					text.filter((w) => w.trim() !== ''),
					{ minLength: 1, maxLength: 8 }
				),
				fc.nat(),
				fc.nat(),
				(words, i, j) => {
					const source = words.join(' ');
					const from = i % words.length;
					const to = from + 1 + (j % (words.length - from));
					const quote = words.slice(from, to).join(' ');
					return findQuote(normalizeForQuoteMatch(source), quote).found;
				}
			)
		);
	});

	it('says how far a near miss matches', () => {
		const result = findQuote(normalizeForQuoteMatch('the quick brown fox'), 'quick brawn fox');
		expect(result).toEqual({
			found: false,
			matchedChars: 8,
			quoteHas: 'a',
			textHas: 'o',
			insideWords: false
		});
	});

	it('a quote must not cut a word at either end', () => {
		const text = normalizeForQuoteMatch('We are unable to confirm it. Confirmed.');
		expect(findQuote(text, 'able to confirm')).toMatchObject({ found: false, insideWords: true });
		expect(findQuote(text, 'We are unable to confirm')).toMatchObject({ found: true });
		expect(findQuote(text, 'Confirm')).toMatchObject({ found: false });
		expect(findQuote(text, 'confirm it.')).toMatchObject({ found: true });
	});

	it('a change from lower to upper case is a word edge (texts copied with words run together)', () => {
		const text = normalizeForQuoteMatch('Built On Lies And DeathUkraine’s Center posted');
		expect(findQuote(text, "Ukraine's Center posted")).toMatchObject({ found: true });
		expect(findQuote(text, 'eathUkraine')).toMatchObject({ found: false });
	});

	it('an empty quote is never found', () => {
		expect(findQuote('text', '   ').found).toBe(false);
	});
});
