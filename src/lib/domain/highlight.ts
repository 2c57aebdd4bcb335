/** The search words marked in a claim's text, for the panel (which loads apart from the first page). */
import { normalizeSearch } from './claim-filter.ts';

/** Splits text into the parts that match the search words and those that do not, for highlighting. */
export function highlight(text: string, q: string): { text: string; match: boolean }[] {
	const terms = normalizeSearch(q).split(' ').filter(Boolean);
	if (terms.length === 0) return [{ text, match: false }];
	// Normalise character by character, so that a match maps back onto the original text.
	const chars = [...text];
	const folded = chars.map((c) => normalizeSearch(c) || (/\s/.test(c) ? ' ' : c));
	const marks = new Array<boolean>(chars.length).fill(false);
	for (const term of terms) {
		for (let i = 0; i < chars.length; i++) {
			let j = i;
			let k = 0;
			while (j < chars.length && k < term.length && term.startsWith(folded[j]!, k)) {
				k += folded[j]!.length;
				j++;
			}
			if (k === term.length && k > 0) for (let m = i; m < j; m++) marks[m] = true;
		}
	}
	const parts: { text: string; match: boolean }[] = [];
	chars.forEach((c, i) => {
		const last = parts.at(-1);
		if (last && last.match === marks[i]) last.text += c;
		else parts.push({ text: c, match: marks[i]! });
	});
	return parts;
}
