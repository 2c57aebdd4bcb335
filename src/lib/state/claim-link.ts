/**
 * Following a link to one claim (`?claim=<id>`): the worker says which panel lists it, and the
 * explorer opens that panel with the claim marked. Loaded only when a link names a claim or a
 * reader cites one: the first page needs none of it.
 */
import type { Explorer } from './explorer.svelte.ts';
import { BUILTIN } from './workspace.svelte.ts';

/** The dataset shown, as a link to the app: what a claim's link adds `claim=<id>` to. */
export function datasetLink(current: URL, active: string): string {
	const url = new URL(current);
	url.search = '';
	url.hash = '';
	if (active !== BUILTIN) url.searchParams.set('dataset', active);
	return url.href;
}

export async function openClaim(
	explorer: Explorer,
	claimId: string,
	options: { history?: 'push' | 'replace' | 'none'; fly?: boolean | 'jump' } = {}
) {
	if (explorer.dataStatus !== 'ready') return;
	let found: Awaited<ReturnType<Explorer['client']['findClaim']>>;
	try {
		found = await explorer.client.findClaim(claimId);
	} catch (error) {
		explorer.notice = `The claim “${claimId}” could not be found: ${(error as Error).message}`;
		return;
	}
	if (!found) {
		explorer.notice = `No claim with the id “${claimId}” in this dataset.`;
		return;
	}
	await explorer.select(found.place, { ...options, claim: { id: claimId, rank: found.rank } });
	// After the selection, which clears any notice.
	if (found.hidden)
		explorer.notice = `The claim “${claimId}” is left out by the filters in force: clear them to see it.`;
}
