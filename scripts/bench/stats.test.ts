import { describe as group, expect, it } from 'vitest';
import { describe, percentile, spread, verdict } from './stats.ts';

group('percentile', () => {
	it('takes the nearest rank', () => {
		const xs = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
		expect(percentile(xs, 50)).toBe(5);
		expect(percentile(xs, 95)).toBe(10);
		expect(percentile(xs, 90)).toBe(9);
		expect(percentile(xs, 0)).toBe(1);
		expect(percentile(xs, 100)).toBe(10);
	});
	it('is the largest of few values at p95, and NaN of none', () => {
		expect(percentile([3, 1, 2], 95)).toBe(3);
		expect(percentile([], 50)).toBeNaN();
	});
	it('does not sort its input in place', () => {
		const xs = [3, 1, 2];
		percentile(xs, 50);
		expect(xs).toEqual([3, 1, 2]);
	});
});

group('spread and verdict', () => {
	it('says p50, p95 and n', () => {
		expect(describe(spread([10, 20, 30]))).toBe('p50 20 ms, p95 30 ms (n=3)');
		expect(describe(spread([]))).toBe('no measurement');
	});
	it('says met or missed', () => {
		expect(verdict(50, 50)).toBe('target ≤50 ms: met');
		expect(verdict(51, 50)).toBe('target ≤50 ms: MISSED');
		expect(verdict(NaN, 50)).toBe('target ≤50 ms: not measured');
	});
});
