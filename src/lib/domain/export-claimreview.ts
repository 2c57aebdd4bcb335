/**
 * The ClaimReview export: every claim in view that has a rating, as schema.org ClaimReview in one
 * JSON-LD document (`@graph`), in dataset order. An unverified claim has none (nobody has rated
 * it; see `docs/vocabulary.md`), so the file says how many claims it leaves out and why, in its
 * `description`, which JSON-LD readers take as the document's own.
 */
import { claimLink, claimReview } from './cite.ts';
import type { ExportContext } from './export.ts';
import { Items, jsonParts } from './json-parts.ts';
import type { Claim, Dataset } from './schema.ts';

export function claimReviewParts(
	dataset: Dataset,
	claims: readonly Claim[],
	context: ExportContext
): Generator<string> {
	const actors = new Map(dataset.actors.map((a) => [a.id, a]));
	const sources = new Map(dataset.sources.map((s) => [s.id, s]));
	let unrated = 0;
	for (const claim of claims) if (claim.status === 'unverified') unrated++;
	function* reviews() {
		for (const claim of claims) {
			const review = claimReview(
				{
					claim,
					claimant: actors.get(claim.claimant) ?? null,
					source: sources.get(claim.source) ?? null
				},
				{ meta: dataset.meta, permalink: claimLink(context.link, claim.id) }
			);
			if (!review) continue;
			// One context for the document: its items carry none of their own.
			const { '@context': _, ...item } = review;
			yield item;
		}
	}
	return jsonParts({
		'@context': 'https://schema.org',
		description:
			`ClaimReview of ${claims.length - unrated} of ${claims.length} claims of “${dataset.meta.name}”` +
			(unrated ? `: ${unrated} unverified, which nobody has rated, have none.` : '.') +
			` Exported ${context.exportedAt} by ${context.tool.name} ${context.tool.version}.`,
		'@graph': new Items(reviews)
	});
}
