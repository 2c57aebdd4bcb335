/**
 * The claim files of a tiled dataset: written from the join (`ClaimBundler`, `placeShard`,
 * `unlocatedPage`) and read back into what the panel shows (`describeShardPlace`,
 * `describeUnlocatedPage`), which equals what `describeLocation` and `describeUnlocated` give from
 * the whole dataset.
 */
import {
	resolveClaim,
	sortNewestFirst,
	summarize,
	type JoinResult,
	type JoinedClaim,
	type LocationClaims,
	type LocationDetails
} from '../domain/join.ts';
import type { Claim } from '../domain/schema.ts';
import type { ClaimBundle, ClaimShard, UnlocatedPage } from './format.ts';

/** Collects claims with their responses (to any depth), claimants and sources, each once. */
export class ClaimBundler {
	readonly bundle: ClaimBundle = { claims: {}, responses: {}, actors: {}, sources: {} };
	constructor(private readonly joined: JoinResult) {}

	add(claim: Claim): void {
		const { claims, responses, actors, sources } = this.bundle;
		if (Object.hasOwn(claims, claim.id)) return;
		claims[claim.id] = claim;
		const actor = this.joined.actors.get(claim.claimant);
		if (actor) actors[actor.id] = actor;
		const source = this.joined.sources.get(claim.source);
		if (source) sources[source.id] = source;
		const answers = this.joined.responses.get(claim.id);
		if (!answers) return;
		responses[claim.id] = answers.map((r) => r.id);
		for (const answer of answers) this.add(answer);
	}
}

/** The shard file for these places (those whose id hashes to `shard`), in dataset order. */
export function placeShard(
	joined: JoinResult,
	shard: number,
	entries: readonly LocationClaims[]
): ClaimShard {
	const bundler = new ClaimBundler(joined);
	const places: ClaimShard['places'] = {};
	for (const entry of entries) {
		const claims = sortNewestFirst(entry.claims);
		places[entry.location.id] = { location: entry.location, claims: claims.map((c) => c.id) };
		for (const claim of claims) bundler.add(claim);
	}
	return { shard, places, ...bundler.bundle };
}

/** One page of the claims tied to no place; `claims` are already newest first. */
export function unlocatedPage(
	joined: JoinResult,
	page: number,
	claims: readonly Claim[]
): UnlocatedPage {
	const bundler = new ClaimBundler(joined);
	for (const claim of claims) bundler.add(claim);
	return { page, unlocated: claims.map((c) => c.id), ...bundler.bundle };
}

/**
 * The bundle as much of a JoinResult as `resolveClaim` reads: responses, actors and sources by id.
 * A file that lost a record (it never does as written) leaves a claimant or source null, as the
 * join does for an unknown id, rather than throwing.
 */
function bundleJoin(bundle: ClaimBundle): JoinResult {
	const responses = new Map<string, Claim[]>();
	for (const [id, answers] of Object.entries(bundle.responses)) {
		responses.set(
			id,
			answers.flatMap((a) => (Object.hasOwn(bundle.claims, a) ? [bundle.claims[a]!] : []))
		);
	}
	return {
		locations: [],
		byLocation: new Map(),
		unlocated: [],
		responses,
		unresolved: [],
		claims: [],
		actors: new Map(Object.entries(bundle.actors)),
		sources: new Map(Object.entries(bundle.sources))
	};
}

function resolveAll(bundle: ClaimBundle, ids: readonly string[]): JoinedClaim[] {
	const joined = bundleJoin(bundle);
	return ids
		.filter((id) => Object.hasOwn(bundle.claims, id))
		.map((id) => resolveClaim(joined, bundle.claims[id]!));
}

/** What the panel shows for a place of this shard, or null when the place is not in it. */
export function describeShardPlace(shard: ClaimShard, lid: string): LocationDetails | null {
	if (!Object.hasOwn(shard.places, lid)) return null;
	const place = shard.places[lid]!;
	const claims = resolveAll(shard, place.claims);
	return { location: place.location, claims, summary: summarize(claims) };
}

/** The claims of one unlocated page, resolved, newest first. */
export function describeUnlocatedPage(page: UnlocatedPage): JoinedClaim[] {
	return resolveAll(page, page.unlocated);
}
