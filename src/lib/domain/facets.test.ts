import { describe, expect, it } from 'vitest';
import { describeTagged, formatNumber, tagValues } from './facets.ts';
import type { DatasetMeta } from './schema.ts';

const meta: DatasetMeta = {
	name: 'monitor',
	facets: [
		{
			id: 'weapon',
			label: 'Weapon system',
			applies_to: 'claims',
			multiple: true,
			values: [
				{ id: 'drone', label: 'Drone' },
				{ id: 'artillery', label: 'Artillery' }
			]
		},
		{ id: 'area', label: 'Type of area', applies_to: 'locations', values: [] }
	],
	numbers: [
		{ id: 'killed', label: 'Civilians reported killed', applies_to: 'claims' },
		{ id: 'range', label: 'Range', applies_to: 'claims', unit: 'km' }
	]
};

describe('a record’s facet values and figures, as the panel shows them', () => {
	it('by label, in the declared order, a figure recorded as unknown said to be unknown', () => {
		expect(
			describeTagged(
				meta,
				{ tags: { weapon: ['artillery', 'drone'] }, numbers: { range: 12500.5, killed: null } },
				'claims'
			)
		).toEqual([
			{ label: 'Weapon system', value: 'Artillery, Drone' },
			{ label: 'Civilians reported killed', value: 'unknown', unknown: true },
			{ label: 'Range', value: '12,500.5 km' }
		]);
	});

	it('nothing for a record with none, nor for the other kind of record’s facets', () => {
		expect(describeTagged(meta, {}, 'claims')).toEqual([]);
		expect(describeTagged(meta, { tags: { weapon: 'drone' } }, 'locations')).toEqual([]);
		expect(describeTagged({ name: 'plain' }, { tags: { weapon: 'drone' } }, 'claims')).toEqual([]);
	});

	it('zero is a figure, not unknown', () => {
		expect(formatNumber(0)).toBe('0');
		expect(tagValues({ weapon: 'drone' }, 'weapon')).toEqual(['drone']);
		expect(tagValues(undefined, 'weapon')).toEqual([]);
	});
});
