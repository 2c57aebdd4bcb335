import { describe, expect, it } from 'vitest';
import { validateFolder } from '../../../scripts/read-dataset.ts';
import { actor, claim, location, source } from '../test-data/factories.ts';
import {
	describeLocation,
	describeUnlocated,
	joinClaimsToLocations,
	orphanResponses,
	type JoinedClaim
} from './join.ts';
import type { Claim } from './schema.ts';

const base = {
	locations: [location('l1'), location('l2')],
	actors: [actor('a1'), actor('a2')],
	sources: [source('s1')]
};
const join = (claims: Claim[]) => joinClaimsToLocations({ ...base, claims });
const ids = (claims: readonly { id: string }[]) => claims.map((c) => c.id);

describe('joinClaimsToLocations', () => {
	it('an empty dataset gives no locations and no claims', () => {
		const joined = joinClaimsToLocations({ locations: [], actors: [], sources: [], claims: [] });
		expect(joined.locations).toEqual([]);
		expect(joined.unlocated).toEqual([]);
		expect(joined.unresolved).toEqual([]);
	});

	it('a place no claim cites is listed with zero counts', () => {
		const joined = join([]);
		expect(
			joined.locations.map((e) => [e.location.id, e.claims.length, e.byStatus.unverified])
		).toEqual([
			['l1', 0, 0],
			['l2', 0, 0]
		]);
	});

	it('a claim citing several places appears under each, and once under a place cited twice', () => {
		const joined = join([claim('c1', { locations: ['l1', 'l2', 'l1'] })]);
		expect(joined.locations.map((e) => ids(e.claims))).toEqual([['c1'], ['c1']]);
		expect(joined.byLocation.get('l1')!.byStatus.unverified).toBe(1);
	});

	it('claims citing no place are unlocated; their responses hang from them', () => {
		const joined = join([
			claim('c1', { locations: [] }),
			claim('c2', { locations: [], responds_to: 'c1', stance: 'denies' })
		]);
		expect(ids(joined.unlocated)).toEqual(['c1']);
		expect(describeUnlocated(joined).map((c) => ids(c.responses.map((r) => r.claim)))).toEqual([
			['c2']
		]);
	});

	it('a response to a response nests, and counts only as a direct response where it answers', () => {
		const joined = join([
			claim('c1'),
			claim('c2', { locations: [], responds_to: 'c1', stance: 'denies' }),
			claim('c3', { locations: [], responds_to: 'c2', stance: 'cannot_confirm' })
		]);
		const details = describeLocation(joined, joined.byLocation.get('l1')!);
		expect(details.claims[0]!.responses[0]!.responses[0]!.claim.id).toBe('c3');
		expect(details.summary.byStance).toEqual({
			supports: 0,
			disputes: 0,
			cannot_confirm: 0,
			denies: 1
		});
		expect(details.summary.challenged).toBe(true);
		expect(joined.unlocated).toEqual([]);
	});

	it('counts claims by status per place; the details add distinct claimants and stances', () => {
		const joined = join([
			claim('c1', { status: 'unverified' }),
			claim('c2', { status: 'disputed', claimant: 'a2' }),
			claim('c3', { status: 'unverified' }),
			claim('c4', { locations: ['l2'], status: 'verified' }),
			claim('c5', { locations: [], responds_to: 'c4', stance: 'supports' })
		]);
		const [l1, l2] = joined.locations;
		expect(l1!.byStatus).toEqual({
			verified: 0,
			corroborated: 0,
			unverified: 2,
			disputed: 1,
			false: 0
		});
		expect(describeLocation(joined, l1!).summary).toMatchObject({
			claims: 3,
			claimants: 2,
			challenged: false
		});
		expect(describeLocation(joined, l2!).summary).toMatchObject({
			claims: 1,
			claimants: 1,
			challenged: false,
			byStance: { supports: 1 }
		});
	});

	it('lists a place’s claims newest first, a month before its days, unknown dates last', () => {
		const joined = join([
			claim('old', { said_on: '2024-09-30' }),
			claim('none', { said_on: null }),
			claim('month', { said_on: '2024-10' }),
			claim('new', { said_on: '2024-10-19' })
		]);
		const details = describeLocation(joined, joined.locations[0]!);
		expect(details.claims.map((c) => c.claim.id)).toEqual(['new', 'month', 'old', 'none']);
	});

	it('reports unknown ids instead of dropping the claim', () => {
		const joined = join([
			claim('c1', { claimant: 'ghost', source: 'nowhere', locations: ['atlantis'] }),
			claim('c2', { responds_to: 'c9', stance: 'denies', locations: [] })
		]);
		expect(joined.unresolved).toEqual([{ claimId: 'c1', field: 'locations', id: 'atlantis' }]);
		expect(ids(orphanResponses(joined))).toEqual(['c2']);
		// c1's place is unknown and c2's claim is unknown: both stay visible, as unlocated.
		const shown = describeUnlocated(joined);
		expect(shown.map((c) => c.claim.id)).toEqual(['c1', 'c2']);
		expect([shown[0]!.claimant, shown[0]!.source]).toEqual([null, null]);
	});

	it('does not loop on responses that answer each other', () => {
		const joined = join([
			claim('c1', { responds_to: 'c2', stance: 'denies' }),
			claim('c2', { locations: [], responds_to: 'c1', stance: 'denies' })
		]);
		const [first] = describeLocation(joined, joined.locations[0]!).claims;
		expect(first!.responses.map((r) => r.claim.id)).toEqual(['c2']);
		expect(first!.responses[0]!.responses).toEqual([]);
	});

	it('keeps Unicode quotes as they are', () => {
		const quote = 'نحن هنا 🛰️ “quoted” — café';
		expect(join([claim('c1', { quote })]).locations[0]!.claims[0]!.quote).toBe(quote);
	});

	it('on the seed: every claim is reachable from a place, the unlocated list or a parent', async () => {
		const { dataset } = await validateFolder('geodata');
		const joined = joinClaimsToLocations(dataset!);
		const reached = new Set<string>();
		const visit = (items: JoinedClaim[]) => {
			for (const item of items) {
				reached.add(item.claim.id);
				visit(item.responses);
			}
		};
		const details = Object.fromEntries(
			joined.locations.map((entry) => [entry.location.id, describeLocation(joined, entry)])
		);
		for (const d of Object.values(details)) visit(d.claims);
		visit(describeUnlocated(joined));
		expect([...reached].sort()).toEqual(dataset!.claims.map((c) => c.id).sort());
		expect(details['vladivostok']!.summary).toMatchObject({
			claims: 1,
			claimants: 1,
			challenged: true
		});
		// The video is answered twice: the article could not verify it, and Savett (who answers
		// South Korea's report in the same words) could not confirm it.
		expect(details['sergiyevsky-training-ground']!.summary).toMatchObject({
			claims: 1,
			byStance: { cannot_confirm: 2 }
		});
		const video = details['sergiyevsky-training-ground']!.claims[0]!;
		const nis = details['vladivostok']!.claims[0]!;
		for (const parent of [video, nis])
			expect(parent.responses.map((r) => r.claim.id)).toContain(
				'savett-2024-10-19-unable-to-confirm'
			);
	});
});
