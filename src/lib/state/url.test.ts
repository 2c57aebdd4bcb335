import { describe, expect, it } from 'vitest';
import { formatMapHash, parseMapHash, readSelection, selectionUrl } from './url.ts';

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
});
