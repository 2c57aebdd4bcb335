/**
 * Factories for test records and datasets: small, valid by default, and changed per test by
 * overriding fields. Pure, so that domain tests need no file system.
 */
import type { Actor, Claim, LocationFeature, Source } from '../domain/schema.ts';
import type { DatasetParts } from '../domain/validate.ts';

export type { DatasetParts };

export const TEXT =
	'The minister said: “We saw troops near the river.” Officials could not confirm it.';

export function location(
	id: string,
	over: Partial<LocationFeature['properties']> = {},
	coordinates: [number, number] = [10, 50]
): LocationFeature {
	return {
		type: 'Feature',
		id,
		geometry: { type: 'Point', coordinates },
		properties: {
			name: id,
			alt_names: [],
			kind: 'city',
			admin1: null,
			country: 'DE',
			precision: 'settlement',
			coord_source: 'test',
			...over
		}
	};
}

export function actor(id: string, over: Partial<Actor> = {}): Actor {
	return { id, name: `Actor ${id}`, kind: 'official', ...over };
}

export function source(id: string, over: Partial<Source> = {}): Source {
	return {
		id,
		title: 'A title',
		publisher: 'A publisher',
		url: 'https://example.org/a',
		published: '2024-10-20',
		language: 'en',
		...over
	};
}

export function claim(id: string, over: Partial<Claim> = {}): Claim {
	return {
		id,
		claimant: 'a1',
		said_on: '2024-10-18',
		quote: 'We saw troops near the river.',
		quote_kind: 'direct',
		source: 's1',
		locations: ['l1'],
		status: 'unverified',
		...over
	};
}

/** A claim stated as a description (format 2): no quote, no quote kind. */
export function described(id: string, over: Partial<Claim> = {}): Claim {
	const { quote: _q, quote_kind: _k, ...rest } = claim(id, over);
	return { description: 'The video shows a column of trucks near the river.', ...rest };
}

/** A valid dataset with one of each record; pass parts to replace them. */
export function datasetParts(over: Partial<DatasetParts> = {}): DatasetParts {
	return {
		locations: [location('l1')],
		actors: [actor('a1')],
		sources: [source('s1')],
		claims: [claim('c1')],
		texts: { s1: TEXT },
		...over
	};
}
