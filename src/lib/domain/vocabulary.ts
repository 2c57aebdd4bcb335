/**
 * The controlled vocabularies of a dataset, defined once. The schema, the validator, the UI and
 * the exports all read these lists; `docs/vocabulary.md` is the human page for the same terms and
 * a unit test keeps the two in step.
 */

/** How well a claim's assertion is established, as the dataset's editors judge it from the sources. */
export const STATUSES = ['verified', 'corroborated', 'unverified', 'disputed', 'false'] as const;
export type Status = (typeof STATUSES)[number];

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

/** How a response relates to the claim it answers (`responds_to`). */
export const STANCES = ['supports', 'disputes', 'cannot_confirm', 'denies'] as const;
export type Stance = (typeof STANCES)[number];

export const STANCE_LABELS: Record<Stance, string> = {
	supports: 'supports',
	disputes: 'disputes',
	cannot_confirm: 'cannot confirm',
	denies: 'denies'
};

/** Stances that weigh against the claim they answer. */
export const CHALLENGING_STANCES: readonly Stance[] = ['disputes', 'denies', 'cannot_confirm'];

/** `direct`: the claimant's own words. `reported`: the source's sentence reporting the claim. */
export const QUOTE_KINDS = ['direct', 'reported'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

/** How exact a location's point is, with the radius a reader may assume around it. `unstated`:
 * nobody said (a table's coordinates with no word on how exact they are), so no radius is assumed
 * and none is drawn. */
export const PRECISIONS = ['site', 'settlement', 'region', 'unstated'] as const;
export type Precision = (typeof PRECISIONS)[number];

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

/** What an evidence item is: the file or page a reader would open. */
export const EVIDENCE_KINDS = [
	'video',
	'photo',
	'post',
	'document',
	'satellite_image',
	'other'
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const ACTOR_KINDS = [
	'government',
	'agency',
	'official',
	'international_organization',
	'military',
	'media',
	'other'
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Admiralty (NATO AJP-2.1) grading: source reliability A–F, information credibility 1–6. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
