import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { countryLabels, OUT, serialize } from './country-labels.ts';

describe('the country labels the basemap draws', () => {
	it(`${OUT} is what world-atlas gives (run \`npm run country-labels\`)`, async () => {
		expect(await readFile(OUT, 'utf8')).toBe(serialize(countryLabels()));
	});

	it('puts a label on each country’s mainland, and ranks big countries first', () => {
		const labels = new Map(countryLabels().features.map((f) => [f.properties.name, f]));
		const [lon, lat] = labels.get('France')!.geometry.coordinates;
		// Metropolitan France, not a point between it and French Guiana.
		expect(lon).toBeGreaterThan(-5);
		expect(lon).toBeLessThan(8);
		expect(lat).toBeGreaterThan(42);
		expect(lat).toBeLessThan(51);
		expect(labels.get('Russia')!.properties.rank).toBeGreaterThan(
			labels.get('Luxembourg')!.properties.rank
		);
		expect(labels.size).toBeGreaterThan(200);
	});
});
