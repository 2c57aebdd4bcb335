import { describe, expect, it } from 'vitest';
import {
	filterRecord,
	formatMapHash,
	parseMapHash,
	readFilter,
	readClaim,
	readSelection,
	selectionUrl,
	writeFilter
} from './url.ts';

describe('the map hash', () => {
	it('round-trips a view', () => {
		const view = { zoom: 5.5, lat: 44.32691, lon: 131.66861 };
		expect(formatMapHash(view)).toBe('#map=5.50/44.32691/131.66861');
		expect(parseMapHash(formatMapHash(view))).toEqual(view);
	});

	it('wraps longitudes past the antimeridian', () => {
		expect(formatMapHash({ zoom: 2, lat: 0, lon: 190 })).toBe('#map=2.00/0.00000/-170.00000');
	});

	it.each(['', '#', '#map=5/91/0', '#map=a/b/c', '#map=5/10', '#other=1/2/3'])(
		'rejects %j',
		(hash) => {
			expect(parseMapHash(hash)).toBeNull();
		}
	);
});

describe('the selection parameter', () => {
	it('is read from ?location=', () => {
		expect(readSelection('?location=vladivostok&x=1')).toBe('vladivostok');
		expect(readSelection('?location=')).toBeNull();
		expect(readSelection('')).toBeNull();
	});

	it('is written beside other parameters, with the view', () => {
		const url = new URL('http://h/?q=troops#map=1.00/0.00000/0.00000');
		expect(selectionUrl(url, 'a-b', { zoom: 3, lat: 1, lon: 2 })).toBe(
			'/?q=troops&location=a-b#map=3.00/1.00000/2.00000'
		);
		expect(selectionUrl(new URL('http://h/?location=a-b#map=1'), null, null)).toBe('/#map=1');
	});

	it('a claim is read from ?claim=, written with its place, and gone with the selection', () => {
		expect(readClaim('?dataset=d&claim=c-1')).toBe('c-1');
		expect(readClaim('?claim=')).toBeNull();
		const url = new URL('http://h/?dataset=d&claim=c-1');
		expect(selectionUrl(url, 'p', null, 'c-1')).toBe('/?dataset=d&claim=c-1&location=p');
		expect(selectionUrl(url, 'q', null)).toBe('/?dataset=d&location=q');
		expect(selectionUrl(url, null, null, 'c-1')).toBe('/?dataset=d');
	});
});

describe('the filter in the URL', () => {
	it('round-trips every parameter', () => {
		const url = new URL('http://h/?location=x');
		const filter = {
			q: 'troops base',
			status: ['unverified', 'disputed'],
			claimant: ['sean-savett'],
			claimant_kind: ['official'],
			source: ['article'],
			quote_kind: ['direct'],
			stance: ['cannot_confirm'],
			from: '2024-10-14',
			to: '2024-10'
		};
		writeFilter(url, filter);
		expect(url.search).toBe(
			'?location=x&q=troops+base&status=unverified%2Cdisputed&claimant=sean-savett&claimant_kind=official&source=article&quote_kind=direct&stance=cannot_confirm&from=2024-10-14&to=2024-10'
		);
		expect(readFilter(url.search)).toEqual(filter);
	});

	it('reads the dates by when things happened only when time=occurred says so', () => {
		const url = new URL('http://h/');
		writeFilter(url, { ...readFilter(''), time: 'occurred', from: '2024-10' });
		expect(url.search).toBe('?from=2024-10&time=occurred');
		expect(readFilter(url.search)).toMatchObject({ time: 'occurred', from: '2024-10' });
		expect(readFilter('?time=said')).not.toHaveProperty('time');
		writeFilter(url, readFilter(''));
		expect(url.search).toBe('');
	});

	it('carries the facets a dataset declares as tag.<facet>, and clears them when they empty', () => {
		const url = new URL('http://h/?tag.area=old&location=x');
		writeFilter(url, { ...readFilter(''), tags: { weapon: ['drone', 'artillery'], area: [] } });
		expect(url.search).toBe('?location=x&tag.weapon=drone%2Cartillery');
		expect(readFilter(url.search)).toMatchObject({ tags: { weapon: ['drone', 'artillery'] } });
		expect(readFilter('?tag.=x&tag.weapon=,')).not.toHaveProperty('tags');
		writeFilter(url, readFilter(''));
		expect(url.search).toBe('?location=x');
	});

	it('drops what is empty or not a date', () => {
		expect(readFilter('?status=,,&from=yesterday')).toMatchObject({ status: [], from: null });
		expect(filterRecord({ ...readFilter(''), status: ['false'] })).toEqual({ status: 'false' });
	});
});
