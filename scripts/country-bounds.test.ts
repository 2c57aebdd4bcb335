import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { countryBounds, OUT, serialize } from './country-bounds.ts';

describe('the country bounds the validator warns with', () => {
	it(`${OUT} is what world-atlas gives (run \`npm run country-bounds\`)`, async () => {
		expect(await readFile(OUT, 'utf8')).toBe(serialize(countryBounds()));
	});

	it('boxes each country around its own places, and a country across the antimeridian whole', () => {
		const boxes = countryBounds();
		const inside = (code: string, [x, y]: [number, number]) => {
			const [w, s, e, n] = boxes[code]!;
			return x >= w && x <= e && y >= s && y <= n;
		};
		expect(inside('UA', [30.52, 50.45])).toBe(true); // Kyiv
		expect(inside('UA', [50.45, 30.52])).toBe(false);
		expect(inside('RU', [-179.5, 66])).toBe(true); // Chukotka, east of the antimeridian
		expect(Object.keys(boxes).length).toBeGreaterThan(200);
	});
});
