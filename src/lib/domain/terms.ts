/**
 * The words a reader sees for the vocabularies' terms: each status's definition and ClaimReview
 * rating, each stance's label, each precision's definition and radius. Apart from the lists in
 * `vocabulary.ts`, which the worker's indexes read, so that the worker's first code carries none
 * of this prose. `docs/vocabulary.md` says the same, and a unit test keeps the two in step.
 */
import type { Precision, Stance, Status } from './vocabulary.ts';

export interface StatusTerm {
	/** One sentence a reader sees on hover or focus. */
	definition: string;
	/**
	 * The schema.org ClaimReview `reviewRating` this status maps to, on a 1–5 scale where 5 is
	 * "true". `null` where ClaimReview has no honest equivalent (an unchecked claim is not rated).
	 */
	claimReview: { ratingValue: number; alternateName: string } | null;
}

export const STATUS_TERMS: Record<Status, StatusTerm> = {
	verified: {
		definition: 'Independently confirmed with evidence (documents, imagery, or first-hand checks).',
		claimReview: { ratingValue: 5, alternateName: 'True' }
	},
	corroborated: {
		definition: 'Supported by an independent party, but not verified with evidence.',
		claimReview: { ratingValue: 4, alternateName: 'Mostly true' }
	},
	unverified: {
		definition: 'Claimed, but not independently confirmed or refuted.',
		claimReview: null
	},
	disputed: {
		definition: 'Contested or denied by a party; not settled either way.',
		claimReview: { ratingValue: 3, alternateName: 'Disputed' }
	},
	false: {
		definition: 'Shown to be false by evidence.',
		claimReview: { ratingValue: 1, alternateName: 'False' }
	}
};

export const STANCE_LABELS: Record<Stance, string> = {
	supports: 'supports',
	disputes: 'disputes',
	cannot_confirm: 'cannot confirm',
	denies: 'denies'
};

export const PRECISION_TERMS: Record<Precision, { definition: string; radiusKm: number | null }> = {
	site: { definition: 'The point marks the place itself, to within about 1 km.', radiusKm: 1 },
	settlement: {
		definition: 'The point is a town or area; the place is somewhere within about 10 km of it.',
		radiusKm: 10
	},
	region: {
		definition: 'The point stands for a region; the place is somewhere within about 100 km.',
		radiusKm: 100
	},
	unstated: {
		definition: 'How exact the point is was not stated: it may be exact or only roughly placed.',
		radiusKm: null
	}
};
