/**
 * What a filter is, apart from the indexes that apply it (`filter.ts`): the page, the URL and the
 * worker's first answers need only this, and the code that indexes a million claims loads with
 * the claims.
 */

export const FACETS = [
	'status',
	'claimant',
	'claimant_kind',
	'source',
	'quote_kind',
	'stance'
] as const;
export type Facet = (typeof FACETS)[number];

export interface ClaimFilter {
	/** Search text: every word must appear in a claim's quote, claimant or place names. */
	q: string;
	/** Per facet, the values to keep; an empty list keeps all. */
	status: string[];
	claimant: string[];
	claimant_kind: string[];
	source: string[];
	quote_kind: string[];
	/** Keeps claims answered with (or themselves answering with) one of these stances. */
	stance: string[];
	/** ISO dates, inclusive; a claim is kept if the days it may mean meet the range. */
	from: string | null;
	to: string | null;
	/** Per facet the dataset declares (`dataset.json` `facets`), by its id, the values to keep: a
	 * claim (or a claim at a place) with any of them passes; an empty or missing list keeps all. */
	tags?: Record<string, string[]>;
	/** Which date the range and the timeline read: when a claim was said (the default), or when
	 * what it claims happened (`occurred`, format 2). */
	time?: TimeAxis;
}

/** `tag.weapon`: the URL parameter (and the export's column) of a facet the dataset declares. */
export const tagKey = (facet: string): string => `tag.${facet}`;

export const TIME_AXES = ['said', 'occurred'] as const;
export type TimeAxis = (typeof TIME_AXES)[number];

export const EMPTY_FILTER: ClaimFilter = {
	q: '',
	status: [],
	claimant: [],
	claimant_kind: [],
	source: [],
	quote_kind: [],
	stance: [],
	from: null,
	to: null
};

export function isEmptyFilter(filter: ClaimFilter): boolean {
	// Reading the timeline by when things happened is not a filter: it keeps every claim.
	return (
		filter.q.trim() === '' &&
		filter.from === null &&
		filter.to === null &&
		FACETS.every((f) => filter[f].length === 0) &&
		Object.values(filter.tags ?? {}).every((values) => values.length === 0)
	);
}

/** Case-, accent- and typography-insensitive: "Café" and "cafe", "it’s" and "it's". */
export function normalizeSearch(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[\u2018\u2019\u02bc]/g, "'")
		.replace(/[\u201c\u201d]/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Past this many values, a facet shows its checked values and the commonest, and a search box. */
export const FACET_SHOWN = 12;
