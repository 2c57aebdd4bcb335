import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { actor, claim, location, source } from '../test-data/factories.ts';
import { joinClaimsToLocations } from './join.ts';
import { validateDataset } from './validate.ts';

const base = {
	locations: [location('l1'), location('l2')],
	actors: [actor('a1'), actor('a2')],
	sources: [source('s1')]
};

describe('joinClaimsToLocations', () => {
	it('an empty dataset gives no locations and no claims', () => {
		const joined = joinClaimsToLocations({ locations: [], actors: [], sources: [], claims: [] });
		expect(joined.locations).toEqual([]);
		expect(joined.unlocated).toEqual([]);
		expect(joined.unresolved).toEqual([]);
	});

	it('a place no claim cites is listed with an empty summary', () => {
		const joined = joinClaimsToLocations({ ...base, claims: [] });
		expect(joined.locations.map((e) => [e.location.id, e.summary.claims])).toEqual([
			['l1', 0],
			['l2', 0]
		]);
	});

	it('a claim citing several places appears under each, and once under a place cited twice', () => {
		const joined = joinClaimsToLocations({
			...base,
			claims: [claim('c1', { locations: ['l1', 'l2', 'l1'] })]
		});
		expect(joined.locations.map((e) => e.claims.map((c) => c.claim.id))).toEqual([['c1'], ['c1']]);
		expect(joined.locations[0]!.summary.claims).toBe(1);
	});

	it('claims citing no place are unlocated; their responses hang from them', () => {
		const claims = [
			claim('c1', { locations: [] }),
			claim('c2', { locations: [], responds_to: 'c1', stance: 'denies' })
		];
		const joined = joinClaimsToLocations({ ...base, claims });
		expect(joined.unlocated.map((c) => c.claim.id)).toEqual(['c1']);
		expect(joined.unlocated[0]!.responses.map((c) => c.claim.id)).toEqual(['c2']);
	});

	it('a response to a response nests, and counts only as a direct response where it answers', () => {
		const claims = [
			claim('c1'),
			claim('c2', { locations: [], responds_to: 'c1', stance: 'denies' }),
			claim('c3', { locations: [], responds_to: 'c2', stance: 'cannot_confirm' })
		];
		const joined = joinClaimsToLocations({ ...base, claims });
		const [c1] = joined.locations[0]!.claims;
		expect(c1!.responses[0]!.responses[0]!.claim.id).toBe('c3');
		expect(joined.locations[0]!.summary.byStance).toEqual({
			supports: 0,
			disputes: 0,
			cannot_confirm: 0,
			denies: 1
		});
		expect(joined.locations[0]!.summary.challenged).toBe(true);
		expect(joined.unlocated).toEqual([]);
	});

	it('summarises claims, distinct claimants and statuses per place', () => {
		const claims = [
			claim('c1', { status: 'unverified' }),
			claim('c2', { status: 'disputed', claimant: 'a2' }),
			claim('c3', { status: 'unverified' }),
			claim('c4', { locations: ['l2'], status: 'verified' }),
			claim('c5', { locations: [], responds_to: 'c4', stance: 'supports' })
		];
		const [l1, l2] = joinClaimsToLocations({ ...base, claims }).locations;
		expect(l1!.summary).toMatchObject({ claims: 3, claimants: 2, challenged: false });
		expect(l1!.summary.byStatus).toEqual({
			verified: 0,
			corroborated: 0,
			unverified: 2,
			disputed: 1,
			false: 0
		});
		expect(l2!.summary).toMatchObject({
			claims: 1,
			claimants: 1,
			challenged: false,
			byStance: { supports: 1 }
		});
	});

	it('lists claims newest first, month-precision dates before the month’s days end, unknown dates last', () => {
		const claims = [
			claim('old', { said_on: '2024-09-30' }),
			claim('none', { said_on: null }),
			claim('month', { said_on: '2024-10' }),
			claim('new', { said_on: '2024-10-19' })
		];
		const [l1] = joinClaimsToLocations({ ...base, claims }).locations;
		expect(l1!.claims.map((c) => c.claim.id)).toEqual(['new', 'month', 'old', 'none']);
	});

	it('reports unknown ids instead of dropping the claim', () => {
		const claims = [
			claim('c1', { claimant: 'ghost', source: 'nowhere', locations: ['atlantis'] }),
			claim('c2', { responds_to: 'c9', stance: 'denies', locations: [] })
		];
		const joined = joinClaimsToLocations({ ...base, claims });
		expect(joined.unresolved).toEqual([
			{ claimId: 'c1', field: 'claimant', id: 'ghost' },
			{ claimId: 'c1', field: 'source', id: 'nowhere' },
			{ claimId: 'c1', field: 'locations', id: 'atlantis' },
			{ claimId: 'c2', field: 'responds_to', id: 'c9' }
		]);
		// c1's place is unknown and c2's parent is unknown: both stay visible, as unlocated.
		expect(
			joined.unlocated.map((c) => [c.claim.id, c.claimant?.id ?? null, c.source?.id ?? null])
		).toEqual([
			['c1', null, null],
			['c2', 'a1', 's1']
		]);
	});

	it('keeps Unicode quotes as they are', () => {
		const quote = 'نحن هنا 🛰️ “quoted” — café';
		const [l1] = joinClaimsToLocations({ ...base, claims: [claim('c1', { quote })] }).locations;
		expect(l1!.claims[0]!.claim.quote).toBe(quote);
	});

	it('on the seed: every claim is reachable from a place, the unlocated list or a parent', async () => {
		const { dataset } = validateDataset(await readDatasetFolder('geodata'));
		const joined = joinClaimsToLocations(dataset!);
		const reached = new Set<string>();
		const visit = (items: { claim: { id: string }; responses: unknown[] }[]) => {
			for (const item of items) {
				reached.add(item.claim.id);
				visit(item.responses as typeof items);
			}
		};
		for (const entry of joined.locations) visit(entry.claims);
		visit(joined.unlocated);
		expect([...reached].sort()).toEqual(dataset!.claims.map((c) => c.id).sort());
		const byId = Object.fromEntries(joined.locations.map((e) => [e.location.id, e.summary]));
		expect(byId['vladivostok']).toMatchObject({ claims: 1, claimants: 1, challenged: true });
		expect(byId['sergiyevsky-training-ground']).toMatchObject({
			claims: 1,
			byStance: { cannot_confirm: 1 }
		});
	});
});
