import { describe, expect, it } from 'vitest';
import { actor, claim, location, source } from '../test-data/factories.ts';
import { joinClaimsToLocations } from './join.ts';
import { locationFeatures, summaryStatus } from './map-features.ts';

describe('summaryStatus', () => {
	it('is the best-supported status present, or none', () => {
		const counts = { verified: 0, corroborated: 0, unverified: 0, disputed: 0, false: 0 };
		expect(summaryStatus(counts)).toBe('none');
		expect(summaryStatus({ ...counts, false: 2, unverified: 1 })).toBe('unverified');
		expect(summaryStatus({ ...counts, false: 1, disputed: 1 })).toBe('disputed');
		expect(summaryStatus({ ...counts, corroborated: 1, verified: 1 })).toBe('verified');
	});
});

describe('locationFeatures', () => {
	it('one point per location, its index as feature id, with counts and status', () => {
		const joined = joinClaimsToLocations({
			locations: [location('l1', { precision: 'site' }, [1, 2]), location('l2')],
			actors: [actor('a1')],
			sources: [source('s1')],
			claims: [claim('c1', { status: 'disputed' }), claim('c2', { status: 'false' })]
		});
		expect(locationFeatures(joined).features).toEqual([
			{
				type: 'Feature',
				id: 0,
				geometry: { type: 'Point', coordinates: [1, 2] },
				properties: { lid: 'l1', name: 'l1', claims: 2, status: 'disputed', precision: 'site' }
			},
			{
				type: 'Feature',
				id: 1,
				geometry: { type: 'Point', coordinates: [10, 50] },
				properties: { lid: 'l2', name: 'l2', claims: 0, status: 'none', precision: 'settlement' }
			}
		]);
	});
});
