/**
 * Joins claims to the locations they cite, in linear time with Map indexes.
 *
 * `joinClaimsToLocations` does only what the map needs for every place at once: each place's
 * claims (a claim citing several places appears under each, once even if it lists a place twice)
 * and its counts by status; the claims that cite no place (`unlocated`); and the responses to each
 * claim. What a reader needs for one place at a time (claimant and source records, claims newest
 * first, distinct claimants, stances of the responses) is built on demand by `describeLocation`,
 * so that the join stays close to a bare Map lookup loop at a million claims.
 *
 * Unknown ids, which a validated dataset never has, never make a claim invisible: a claim whose
 * places are all unknown is unlocated (and its ids are in `unresolved`); a response whose claim is
 * unknown is found by `orphanResponses`, which `describeUnlocated` lists with the unlocated claims.
 * That check hashes every claim id, so it runs once, on demand, not in the join.
 */
import { occurredLabel } from './edtf.ts';
import { respondsTo } from './responses.ts';
import type { Actor, Claim, Dataset, LocationFeature, Source } from './schema.ts';
import { CHALLENGING_STANCES, STANCES, type Stance, type Status } from './vocabulary.ts';

export interface LocationClaims {
	location: LocationFeature;
	/** Claims citing this location, in dataset order. */
	claims: Claim[];
	/** How many of them have each status. */
	byStatus: Record<Status, number>;
}

export interface Unresolved {
	claimId: string;
	field: 'locations' | 'responds_to';
	id: string;
}

export interface JoinResult {
	/** Every location, in dataset order. */
	locations: LocationClaims[];
	/** Location id to its entry. */
	byLocation: Map<string, LocationClaims>;
	/** Claims that cite no known place and answer no other claim. */
	unlocated: Claim[];
	/** Claim id to the claims that answer it, in dataset order; a response that answers several
	 * claims is listed under each. */
	responses: Map<string, Claim[]>;
	/** References to places that do not exist. */
	unresolved: Unresolved[];
	/** All claims, in dataset order. */
	claims: readonly Claim[];
	actors: Map<string, Actor>;
	sources: Map<string, Source>;
}

type JoinInput = Pick<Dataset, 'locations' | 'actors' | 'sources' | 'claims'>;

const zeroCounts = (): Record<Status, number> => ({
	verified: 0,
	corroborated: 0,
	unverified: 0,
	disputed: 0,
	false: 0
});

export function joinClaimsToLocations(dataset: JoinInput): JoinResult {
	const { claims } = dataset;
	const byLocation = new Map<string, LocationClaims>();
	const locations: LocationClaims[] = [];
	for (const location of dataset.locations) {
		const entry = { location, claims: [], byStatus: zeroCounts() };
		locations.push(entry);
		byLocation.set(location.id, entry);
	}

	// One pass over the claims: at a million, each pass more is a pass through memory.
	const responses = new Map<string, Claim[]>();
	const unresolved: Unresolved[] = [];
	const unlocated: Claim[] = [];
	for (const claim of claims) {
		// A response is listed among the responses of each claim it answers.
		if (claim.responds_to !== undefined) {
			for (const parent of respondsTo(claim)) {
				const list = responses.get(parent);
				if (list) list.push(claim);
				else responses.set(parent, [claim]);
			}
		}
		const cited = claim.locations;
		let placed = false;
		for (let i = 0; i < cited.length; i++) {
			const id = cited[i]!;
			const entry = byLocation.get(id);
			if (entry === undefined) {
				unresolved.push({ claimId: claim.id, field: 'locations', id });
			} else if (i === 0 || cited.indexOf(id) === i) {
				entry.claims.push(claim);
				count(entry.byStatus, claim.status);
				placed = true;
			}
		}
		if (!placed && claim.responds_to === undefined) unlocated.push(claim);
	}

	return {
		locations,
		byLocation,
		unlocated,
		responses,
		unresolved,
		claims,
		actors: indexById(dataset.actors),
		sources: indexById(dataset.sources)
	};
}

/**
 * `counts[status]++` with the property named in the code: a key that is a string read from JSON is
 * looked up in V8's string table on every access, which at a million claims was a third of the join.
 */
function count(counts: Record<Status, number>, status: Status) {
	switch (status) {
		case 'verified':
			counts.verified++;
			break;
		case 'corroborated':
			counts.corroborated++;
			break;
		case 'unverified':
			counts.unverified++;
			break;
		case 'disputed':
			counts.disputed++;
			break;
		case 'false':
			counts.false++;
			break;
		default:
			counts[status]++;
	}
}

function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
	const map = new Map<string, T>();
	for (const item of items) map.set(item.id, item);
	return map;
}

/** A claim with what a reader needs beside it. */
export interface JoinedClaim {
	claim: Claim;
	/** Null when the dataset has no such actor (a validated dataset always has). */
	claimant: Actor | null;
	source: Source | null;
	/** Claims that answer this one, each with its own responses. */
	responses: JoinedClaim[];
	/** When the claimed thing happened, in words ("1–18 October 2024 (approximate)"), made where
	 * the claim is resolved so that the page ships no date parser. */
	occurred?: string;
}

export interface LocationSummary {
	claims: number;
	claimants: number;
	byStatus: Record<Status, number>;
	/** Direct responses to this location's claims, by stance. */
	byStance: Record<Stance, number>;
	/** Whether any response to a claim here disputes, denies or cannot confirm it. */
	challenged: boolean;
}

export interface LocationDetails {
	location: LocationFeature;
	/** Newest first; a month-precision date counts as older than the days of its month; unknown last. */
	claims: JoinedClaim[];
	summary: LocationSummary;
}

/**
 * Resolves a claim's claimant, source and responses (recursively, guarded against rings). A
 * response that answers several claims shows under each of them: the guard is the chain of
 * claims above (`above`), not every claim met; each claim is resolved once per call
 * (`resolved`), so that responses sharing their answers make no tree of copies.
 */
export function resolveClaim(
	joined: JoinResult,
	claim: Claim,
	above = new Set<string>(),
	resolved = new Map<string, JoinedClaim>()
): JoinedClaim {
	const done = resolved.get(claim.id);
	if (done) return done;
	above.add(claim.id);
	const answers = (joined.responses.get(claim.id) ?? []).filter((r) => !above.has(r.id));
	const result: JoinedClaim = {
		claim,
		claimant: joined.actors.get(claim.claimant) ?? null,
		source: joined.sources.get(claim.source) ?? null,
		responses: answers.map((r) => resolveClaim(joined, r, above, resolved)),
		...(claim.occurred === undefined ? {} : { occurred: occurredLabel(claim.occurred) })
	};
	above.delete(claim.id);
	resolved.set(claim.id, result);
	return result;
}

/** Everything the panel shows for one location. */
export function describeLocation(joined: JoinResult, entry: LocationClaims): LocationDetails {
	const claims = sortNewestFirst(entry.claims).map((claim) => resolveClaim(joined, claim));
	return { location: entry.location, claims, summary: summarize(claims) };
}

const orphansOf = new WeakMap<JoinResult, Claim[]>();

/**
 * Responses none of whose claims exist and that cite no known place: nothing else would show
 * them (one that answers a known claim shows under it). Each once. A validated dataset has none.
 */
export function orphanResponses(joined: JoinResult): Claim[] {
	let orphans = orphansOf.get(joined);
	if (!orphans) {
		const ids = new Set(joined.claims.map((c) => c.id));
		const listed = new Set<string>();
		orphans = [];
		for (const [parent, list] of joined.responses) {
			if (ids.has(parent)) continue;
			for (const claim of list) {
				if (listed.has(claim.id) || respondsTo(claim).some((id) => ids.has(id))) continue;
				if (claim.locations.some((id) => joined.byLocation.has(id))) continue;
				listed.add(claim.id);
				orphans.push(claim);
			}
		}
		orphansOf.set(joined, orphans);
	}
	return orphans;
}

/** Claims tied to no place (with any orphaned response), resolved and newest first. */
export function describeUnlocated(joined: JoinResult): JoinedClaim[] {
	const claims = [...joined.unlocated, ...orphanResponses(joined)];
	return sortNewestFirst(claims).map((claim) => resolveClaim(joined, claim));
}

export function summarize(claims: readonly JoinedClaim[]): LocationSummary {
	const byStatus = zeroCounts();
	const byStance = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
	const claimants = new Set<string>();
	// A response that answers two claims here is one response.
	const counted = new Set<string>();
	for (const { claim, responses } of claims) {
		claimants.add(claim.claimant);
		byStatus[claim.status]++;
		for (const response of responses) {
			if (!response.claim.stance || counted.has(response.claim.id)) continue;
			counted.add(response.claim.id);
			byStance[response.claim.stance]++;
		}
	}
	return {
		claims: claims.length,
		claimants: claimants.size,
		byStatus,
		byStance,
		challenged: CHALLENGING_STANCES.some((s) => byStance[s] > 0)
	};
}

/** A copy, newest first, then by id. ISO strings compare as dates; "2024-10" < "2024-10-01". */
export function sortNewestFirst(claims: readonly Claim[]): Claim[] {
	return [...claims].sort((a, b) => {
		const da = a.said_on ?? '';
		const db = b.said_on ?? '';
		if (da !== db) return da < db ? 1 : -1;
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
}
