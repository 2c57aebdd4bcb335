/**
 * The controlled vocabularies of a dataset, defined once. The schema, the validator, the UI and
 * the exports all read these lists; `docs/vocabulary.md` is the human page for the same terms and
 * a unit test keeps the two in step.
 */

/** How well a claim's assertion is established, as the dataset's editors judge it from the sources. */
export const STATUSES = ['verified', 'corroborated', 'unverified', 'disputed', 'false'] as const;
export type Status = (typeof STATUSES)[number];

/** How a response relates to the claim it answers (`responds_to`). */
export const STANCES = ['supports', 'disputes', 'cannot_confirm', 'denies'] as const;
export type Stance = (typeof STANCES)[number];

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
