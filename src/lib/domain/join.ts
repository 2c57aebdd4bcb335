/**
 * Joins claims to the locations they cite, in linear time with Map indexes. A claim citing several
 * places appears under each; claims citing none are returned as `unlocated`; responses hang from
 * the claim they answer. Unknown ids (which a validated dataset never has) are reported in
 * `unresolved`, never dropped: a claim whose places are all unknown is listed as unlocated.
 */
import type { Actor, Claim, Dataset, LocationFeature, Source } from './schema.ts';
import { CHALLENGING_STANCES, STATUSES, type Stance, type Status } from './vocabulary.ts';

export interface JoinedClaim {
	claim: Claim;
	claimant: Actor | null;
	source: Source | null;
	/** Claims that answer this one, in dataset order; each may have responses of its own. */
	responses: JoinedClaim[];
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

export interface LocationEntry {
	location: LocationFeature;
	/** Claims citing this location, newest first (unknown dates last). */
	claims: JoinedClaim[];
	summary: LocationSummary;
}

export interface Unresolved {
	claimId: string;
	field: 'claimant' | 'source' | 'locations' | 'responds_to';
	id: string;
}

export interface JoinResult {
	locations: LocationEntry[];
	/** Claims that cite no (known) place and answer no other claim, newest first. */
	unlocated: JoinedClaim[];
	/** Every claim by id, joined. */
	claims: Map<string, JoinedClaim>;
	unresolved: Unresolved[];
}

type JoinInput = Pick<Dataset, 'locations' | 'actors' | 'sources' | 'claims'>;

export function joinClaimsToLocations(dataset: JoinInput): JoinResult {
	const actors = indexById(dataset.actors);
	const sources = indexById(dataset.sources);
	const unresolved: Unresolved[] = [];

	const entries = new Map<string, LocationEntry>();
	for (const location of dataset.locations) {
		entries.set(location.id, { location, claims: [], summary: emptySummary() });
	}

	const joined = new Map<string, JoinedClaim>();
	for (const claim of dataset.claims) {
		const claimant = actors.get(claim.claimant) ?? null;
		const source = sources.get(claim.source) ?? null;
		if (!claimant) unresolved.push({ claimId: claim.id, field: 'claimant', id: claim.claimant });
		if (!source) unresolved.push({ claimId: claim.id, field: 'source', id: claim.source });
		joined.set(claim.id, { claim, claimant, source, responses: [] });
	}

	const unlocated: JoinedClaim[] = [];
	for (const item of joined.values()) {
		const { claim } = item;
		let parent: JoinedClaim | undefined;
		if (claim.responds_to !== undefined) {
			parent = joined.get(claim.responds_to);
			if (parent) parent.responses.push(item);
			else unresolved.push({ claimId: claim.id, field: 'responds_to', id: claim.responds_to });
		}
		let placed = false;
		// A Set, so that a claim citing the same place twice is listed there once.
		for (const id of new Set(claim.locations)) {
			const entry = entries.get(id);
			if (entry) {
				entry.claims.push(item);
				placed = true;
			} else unresolved.push({ claimId: claim.id, field: 'locations', id });
		}
		if (!placed && !parent) unlocated.push(item);
	}

	for (const entry of entries.values()) {
		entry.claims.sort(newestFirst);
		entry.summary = summarize(entry.claims);
	}
	unlocated.sort(newestFirst);
	return { locations: [...entries.values()], unlocated, claims: joined, unresolved };
}

function indexById<T extends { id: string }>(items: readonly T[]): Map<string, T> {
	const map = new Map<string, T>();
	for (const item of items) map.set(item.id, item);
	return map;
}

function emptySummary(): LocationSummary {
	return {
		claims: 0,
		claimants: 0,
		byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
		byStance: { supports: 0, disputes: 0, cannot_confirm: 0, denies: 0 },
		challenged: false
	};
}

export function summarize(claims: readonly JoinedClaim[]): LocationSummary {
	const summary = emptySummary();
	const claimants = new Set<string>();
	for (const { claim, responses } of claims) {
		summary.claims++;
		claimants.add(claim.claimant);
		summary.byStatus[claim.status]++;
		for (const response of responses) {
			const stance = response.claim.stance;
			if (stance) summary.byStance[stance]++;
		}
	}
	summary.claimants = claimants.size;
	summary.challenged = CHALLENGING_STANCES.some((s) => summary.byStance[s] > 0);
	return summary;
}

/** Newest first; month-precision dates sort as their first day; unknown dates last; then by id. */
function newestFirst(a: JoinedClaim, b: JoinedClaim): number {
	const da = a.claim.said_on ?? '';
	const db = b.claim.said_on ?? '';
	if (da !== db) return da < db ? 1 : -1;
	return a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0;
}
