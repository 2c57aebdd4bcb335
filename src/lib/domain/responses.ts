import type { Claim } from './schema.ts';

const NONE: readonly string[] = Object.freeze([]);

/**
 * The claims a claim answers, whichever way `responds_to` is written: none, one id (format 1) or
 * a list of ids. A list that names a claim twice (the validator refuses it) gives it once.
 */
export function respondsTo(claim: Pick<Claim, 'responds_to'>): readonly string[] {
	const parents = claim.responds_to;
	if (parents === undefined) return NONE;
	if (typeof parents === 'string') return [parents];
	return parents.length < 2 || new Set(parents).size === parents.length
		? parents
		: [...new Set(parents)];
}

/** Whether the claim answers the claim `id`. */
export function answers(claim: Pick<Claim, 'responds_to'>, id: string): boolean {
	const parents = claim.responds_to;
	return typeof parents === 'string' ? parents === id : (parents?.includes(id) ?? false);
}
