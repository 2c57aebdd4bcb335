import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildStyle } from './style.ts';

describe('the map style', () => {
	it('is valid for the MapLibre style spec', () => {
		expect(validateStyleMin(buildStyle()).map((e) => e.message)).toEqual([]);
	});

	it('asks for nothing remote: no glyphs, no sprite, no source with a URL', () => {
		const style = buildStyle();
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		for (const source of Object.values(style.sources)) expect(source).not.toHaveProperty('url');
	});
});
