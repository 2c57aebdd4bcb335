/**
 * The URL as an interface: `?location=<id>` selects a place (`_unlocated` opens the claims tied to
 * no place: an underscore cannot start an id), `?claim=<id>` one claim (its place opens, the claim
 * shown; a link needs only `claim`, the app writes both), and `#map=<zoom>/<lat>/<lon>` is the view, as on
 * OpenStreetMap and uMap. Pure: the explorer decides when to push or replace.
 */
import { FACETS, tagKey, type ClaimFilter } from '../domain/claim-filter.ts';
import type { MapView } from '../map/controller.ts';

export const UNLOCATED = '_unlocated';
/** `?tiles=<url>`: a tiled dataset to open instead of the built-in one (`tiles-mode.ts`). */
export const TILES_PARAM = 'tiles';

export function parseMapHash(hash: string): MapView | null {
	const match = /^#?map=(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(hash);
	if (!match) return null;
	const [zoom, lat, lon] = match.slice(1).map(Number) as [number, number, number];
	if (zoom < 0 || zoom > 24 || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
	return { zoom, lat, lon };
}

/** Five decimals of a degree is about a metre: enough to put a point back on the same pixel. */
export function formatMapHash(view: MapView): string {
	const lon = ((((view.lon + 180) % 360) + 360) % 360) - 180;
	return `#map=${view.zoom.toFixed(2)}/${view.lat.toFixed(5)}/${lon.toFixed(5)}`;
}

export function readSelection(search: string): string | null {
	const value = new URLSearchParams(search).get('location');
	return value === null || value === '' ? null : value;
}

export function readClaim(search: string): string | null {
	const value = new URLSearchParams(search).get('claim');
	return value === null || value === '' ? null : value;
}

/** The URL for a selection and view, keeping any other query parameters. */
export function selectionUrl(
	current: URL,
	location: string | null,
	view: MapView | null,
	claim: string | null = null
): string {
	const url = new URL(current);
	if (location === null) url.searchParams.delete('location');
	else url.searchParams.set('location', location);
	if (claim === null || location === null) url.searchParams.delete('claim');
	else url.searchParams.set('claim', claim);
	url.hash = view ? formatMapHash(view) : current.hash;
	return `${url.pathname}${url.search}${url.hash}`;
}

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const TAG_PREFIX = tagKey('');

/**
 * The filter in the URL, a stable interface: `q` (search text), `status`, `claimant`,
 * `claimant_kind`, `source`, `quote_kind`, `stance` (comma-separated ids or words), `from`,
 * `to` (ISO dates), `time=occurred` when they read when things happened, not when they were
 * said, and `tag.<facet>` (comma-separated value ids) for each facet the dataset declares.
 */
export function readFilter(search: string): ClaimFilter {
	const params = new URLSearchParams(search);
	const list = (name: string) =>
		(params.get(name) ?? '')
			.split(',')
			.map((v) => v.trim())
			.filter(Boolean);
	const date = (name: string) => {
		const value = params.get(name);
		return value && DATE.test(value) ? value : null;
	};
	const tags: Record<string, string[]> = {};
	for (const name of params.keys()) {
		if (!name.startsWith(TAG_PREFIX) || name.length === TAG_PREFIX.length) continue;
		const values = list(name);
		if (values.length) tags[name.slice(TAG_PREFIX.length)] = values;
	}
	return {
		q: params.get('q') ?? '',
		status: list('status'),
		claimant: list('claimant'),
		claimant_kind: list('claimant_kind'),
		source: list('source'),
		quote_kind: list('quote_kind'),
		stance: list('stance'),
		from: date('from'),
		to: date('to'),
		...(params.get('time') === 'occurred' ? { time: 'occurred' as const } : {}),
		...(Object.keys(tags).length ? { tags } : {})
	};
}

/** Writes the filter into a URL's parameters, removing those the filter leaves empty. */
export function writeFilter(url: URL, filter: ClaimFilter): void {
	const set = (name: string, value: string) =>
		value ? url.searchParams.set(name, value) : url.searchParams.delete(name);
	set('q', filter.q.trim());
	for (const name of FACETS) set(name, filter[name].join(','));
	set('from', filter.from ?? '');
	set('to', filter.to ?? '');
	set('time', filter.time === 'occurred' ? 'occurred' : '');
	for (const name of [...url.searchParams.keys()])
		if (name.startsWith(TAG_PREFIX)) url.searchParams.delete(name);
	for (const [facet, values] of Object.entries(filter.tags ?? {}))
		set(tagKey(facet), values.join(','));
}

/** The filter as the export records it: only what is set. */
export function filterRecord(filter: ClaimFilter): Record<string, string> {
	const url = new URL('http://x/');
	writeFilter(url, filter);
	return Object.fromEntries(url.searchParams);
}
