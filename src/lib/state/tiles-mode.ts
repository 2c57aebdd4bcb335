/**
 * `?tiles=<url>`: the page shows a tiled dataset (`npm run tiles`) read from a static host, in
 * place of the built-in one. This module picks the data client for the page and opens the
 * dataset; the explorer and the map do the rest as for any dataset. What needs every claim (the
 * list, filters, timeline, imports and exports) the page does not offer in this mode.
 */
import type { DataClient } from '../data/protocol.ts';
import { isEmptyFilter, type ClaimFilter } from '../domain/claim-filter.ts';
import type { TilesClient } from '../tiles/client.ts';
import { resolveTilesBase } from '../tiles/url.ts';
import type { Explorer } from './explorer.svelte.ts';
import { TILES_PARAM } from './url.ts';

export interface TilesMode {
	/** The folder's URL; the page's own when refused. */
	base: URL;
	/** The reader of the tiles, loaded with its first question (the first page needs none of it). */
	client: DataClient;
	load(): Promise<TilesClient>;
	/** Why the URL is not opened (not http(s), another origin the policy does not allow). */
	refused: string | null;
}

function lazyTiles(base: URL, refused: string | null): TilesMode {
	let loaded: Promise<TilesClient> | null = null;
	const fetchJson = (url: string) => fetch(url, { credentials: 'same-origin' });
	const load = () =>
		(loaded ??= import('../tiles/client.ts').then((m) => new m.TilesClient(base, fetchJson)));
	const client = new Proxy({} as DataClient, {
		get:
			(_, key: keyof DataClient) =>
			async (...args: unknown[]) =>
				((await load())[key] as (...a: unknown[]) => unknown)(...args)
	});
	return { base, client, load, refused };
}

/** The page's Content-Security-Policy, as the build writes it into each page. */
function pagePolicy(document: Document): string | null {
	const meta = document.querySelector<HTMLMetaElement>(
		'meta[http-equiv="content-security-policy" i]'
	);
	return meta?.content ?? null;
}

/** The tiles the page's URL asks for, or null when it names none. In the browser only. */
export function tilesFromPage(location: Location, document: Document): TilesMode | null {
	const param = new URLSearchParams(location.search).get(TILES_PARAM);
	if (param === null) return null;
	const page = new URL(location.href);
	const resolved = resolveTilesBase(param, page, pagePolicy(document));
	if ('error' in resolved) return lazyTiles(new URL('./', page), resolved.error);
	return lazyTiles(resolved.base, null);
}

/** Opens the tiles: the manifest, then the place `?location=` names, if any. */
export async function openTiles(
	explorer: Explorer,
	mode: TilesMode,
	{ location, filter }: { location: string | null; filter: ClaimFilter }
) {
	if (mode.refused) {
		explorer.dataFailed(`The tiled dataset is not opened: ${mode.refused}`);
		return;
	}
	try {
		const overview = await (await mode.load()).openTiles();
		await explorer.showDataset(overview);
	} catch (error) {
		explorer.dataFailed(
			`The tiled dataset at ${mode.base.href} could not be opened: ${(error as Error).message}`
		);
		return;
	}
	if (!isEmptyFilter(filter))
		explorer.notice =
			'The link’s search and filters are not applied: a tiled dataset is read a place at a time, and filtering needs every claim.';
	if (location) await explorer.select(location, { history: 'none', fly: 'jump' });
}
