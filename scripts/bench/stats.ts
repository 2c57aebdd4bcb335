/** Small figures over repeated measurements, for the bench's interaction targets. */

/** The p-th percentile (0–100) by nearest rank: the smallest value with at least p% of the
 * values at or below it. With few values the p95 is the largest. NaN for none. */
export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Spread {
	n: number;
	p50: number;
	p95: number;
	max: number;
}

export function spread(values: number[]): Spread {
	return {
		n: values.length,
		p50: percentile(values, 50),
		p95: percentile(values, 95),
		max: values.length ? Math.max(...values) : NaN
	};
}

/** "p50 12 ms, p95 30 ms (n=8)" */
export function describe(s: Spread, unit = 'ms'): string {
	if (!s.n) return 'no measurement';
	const f = (x: number) => `${Math.round(x)} ${unit}`;
	return `p50 ${f(s.p50)}, p95 ${f(s.p95)} (n=${s.n})`;
}

/** "≤100 ms: met" / "≤100 ms: MISSED" for a figure against an upper bound. */
export function verdict(value: number, target: number, unit = 'ms'): string {
	if (!Number.isFinite(value)) return `target ≤${target} ${unit}: not measured`;
	return `target ≤${target} ${unit}: ${value <= target ? 'met' : 'MISSED'}`;
}
