/**
 * The explorer's state: the dataset and its join, which place is selected or hovered, the list's
 * order, and the map's view. Components read it and call its methods; it alone tells the map
 * controller and the URL what changed. Held in Svelte context, one per page.
 */
import { getContext, setContext } from 'svelte';
import bbox from '@turf/bbox';
import {
	describeLocation,
	describeUnlocated,
	joinClaimsToLocations,
	summarize,
	type JoinedClaim,
	type JoinResult,
	type LocationDetails
} from '../domain/join.ts';
import {
	applyFilter,
	buildFilterIndex,
	EMPTY_FILTER,
	isEmptyFilter,
	locationCounts,
	type ClaimFilter,
	type FilterIndex,
	type FilterResult
} from '../domain/filter.ts';
import { locationFeatures, summaryStatus } from '../domain/map-features.ts';
import type { Claim } from '../domain/schema.ts';
import { STATUSES } from '../domain/vocabulary.ts';
import type { Dataset } from '../domain/schema.ts';
import type { MapController, MapView } from '../map/controller.ts';
import { selectionUrl, UNLOCATED, writeFilter } from './url.ts';

export type SortKey = 'claims' | 'name';

export interface ListItem {
	id: string;
	name: string;
	/** Claims here that pass the filter. */
	claims: number;
	status: ReturnType<typeof summaryStatus>;
	/** No claim here passes the filter: shown faded, not hidden. */
	faded: boolean;
	index: number;
}

/** How the explorer changes the URL; SvelteKit's shallow routing in the app, a record in tests. */
export interface HistoryState {
	location: string | null;
	filter?: ClaimFilter;
}

export interface History {
	push(url: string, state: HistoryState): void;
	replace(url: string, state: HistoryState): void;
	current(): URL;
}

export type MapStatus = 'loading' | 'ready' | 'idle' | 'error';

export class Explorer {
	dataset = $state.raw() as Dataset;
	joined = $state.raw() as JoinResult;
	features = $state.raw() as ReturnType<typeof locationFeatures>;
	/** Rebuilt whole with each dataset, never changed in place: nothing in it to make reactive. */
	#indexById: ReadonlyMap<string, number> = new Map();
	readonly #history: History;

	sort = $state<SortKey>('claims');
	/** A location id, `UNLOCATED` for the claims tied to no place, or null. */
	selected = $state<string | null>(null);
	hovered = $state<string | null>(null);
	/** A message that does not block the page, e.g. a link to a place that is not in the dataset. */
	notice = $state<string | null>(null);
	mapStatus = $state<MapStatus>('loading');
	mapError = $state<string | null>(null);
	view = $state<MapView | null>(null);
	#map = $state.raw<MapController | null>(null);
	/** What the reader has narrowed the claims to; see `domain/filter.ts` and the README. */
	filter = $state.raw<ClaimFilter>(EMPTY_FILTER);
	#filterIndex: FilterIndex | null = null;

	constructor(dataset: Dataset, history: History) {
		this.#history = history;
		this.#load(dataset);
	}

	#load(dataset: Dataset) {
		this.dataset = dataset;
		this.joined = joinClaimsToLocations(dataset);
		this.features = locationFeatures(this.joined);
		this.#indexById = new Map(dataset.locations.map((location, i) => [location.id, i]));
		this.#filterIndex = null;
	}

	/** Built on first use, once per dataset. */
	get filterIndex(): FilterIndex {
		return (this.#filterIndex ??= buildFilterIndex(this.dataset));
	}

	/** What passes the filter, with each facet's counts. */
	readonly filterResult: FilterResult = $derived(applyFilter(this.filterIndex, this.filter));
	readonly filtering = $derived(!isEmptyFilter(this.filter));
	/** Per place, the claims that pass and their best status (-1: none left). */
	readonly #placeCounts = $derived(
		this.filtering ? locationCounts(this.filterIndex, this.filterResult) : null
	);

	/** The claims in view, in dataset order: what the map, list, panel and export show. */
	get visibleClaims(): readonly Claim[] {
		if (!this.filtering) return this.dataset.claims;
		const pass = this.filterResult.pass;
		return this.dataset.claims.filter((_, i) => pass[i]);
	}

	isVisible(claim: Claim): boolean {
		if (!this.filtering) return true;
		const i = this.filterIndex.claimIndex.get(claim.id);
		return i !== undefined && this.filterResult.pass[i] === 1;
	}

	get placesInView(): number {
		return this.#placeCounts
			? this.#placeCounts.filter((c) => c.claims > 0).length
			: this.dataset.locations.length;
	}

	/**
	 * Narrows what is shown. Facet and date changes make a Back step; typing in the search box
	 * replaces the entry, so that Back does not replay every keystroke.
	 */
	setFilter(
		filter: ClaimFilter,
		{ history = 'push' }: { history?: 'push' | 'replace' | 'none' } = {}
	) {
		this.filter = filter;
		this.#pushFilterToMap();
		if (history !== 'none') {
			const url = new URL(this.#history.current());
			writeFilter(url, filter);
			this.#history[history](`${url.pathname}${url.search}${url.hash}`, {
				location: this.selected,
				filter
			});
		}
	}

	#pushFilterToMap() {
		const counts = this.#placeCounts;
		const states = this.joined.locations.map((entry, i) => {
			if (!counts)
				return { claims: entry.claims.length, status: summaryStatus(entry.byStatus), faded: false };
			const c = counts[i]!;
			return {
				claims: c.claims,
				status: c.status < 0 ? 'none' : STATUSES[c.status]!,
				faded: c.claims === 0
			};
		});
		this.#map?.setFiltered(states);
	}

	/**
	 * Shows another dataset: the same map gets the new places through `setData` and fits them.
	 * The selection is cleared, since its ids belong to the dataset that was shown.
	 */
	setDataset(dataset: Dataset) {
		this.selected = null;
		this.hovered = null;
		this.notice = null;
		this.#load(dataset);
		this.filter = EMPTY_FILTER;
		this.#map?.setLocations(this.features);
		const bounds = this.bounds;
		// Without a map yet (maplibre-gl loads on demand), `attachMap` fits the new dataset.
		if (bounds) this.#map?.fitBounds(bounds);
	}

	/** Every location with its count and summary, in the chosen order. */
	readonly items: ListItem[] = $derived.by(() => {
		const counts = this.#placeCounts;
		const items = this.joined.locations.map((entry, index) => {
			const c = counts?.[index];
			return {
				id: entry.location.id,
				name: entry.location.properties.name,
				claims: c ? c.claims : entry.claims.length,
				status: c
					? c.status < 0
						? ('none' as const)
						: STATUSES[c.status]!
					: summaryStatus(entry.byStatus),
				faded: c ? c.claims === 0 : false,
				index
			};
		});
		const byName = (a: ListItem, b: ListItem) => a.name.localeCompare(b.name);
		return items.sort(
			this.sort === 'name' ? byName : (a, b) => b.claims - a.claims || byName(a, b)
		);
	});

	get unlocatedCount(): number {
		if (!this.filtering) return this.joined.unlocated.length;
		return this.joined.unlocated.filter((c) => this.isVisible(c)).length;
	}

	/** What the panel shows: a place's details, the unlocated claims, or nothing. */
	readonly panel:
		| { kind: 'location'; details: LocationDetails }
		| { kind: 'unlocated'; claims: JoinedClaim[] }
		| null = $derived.by(() => {
		// Only the claims that pass the filter; their responses stay beneath them, as sourcing.
		const visible = (items: JoinedClaim[]) =>
			this.filtering ? items.filter((c) => this.isVisible(c.claim)) : items;
		if (this.selected === UNLOCATED)
			return { kind: 'unlocated', claims: visible(describeUnlocated(this.joined)) };
		const index = this.selected === null ? undefined : this.#indexById.get(this.selected);
		if (index === undefined) return null;
		const details = describeLocation(this.joined, this.joined.locations[index]!);
		const claims = visible(details.claims);
		return { kind: 'location', details: { ...details, claims, summary: summarize(claims) } };
	});

	/** [west, south, east, north] of every location, for the first view; null if there are none. */
	get bounds(): [number, number, number, number] | null {
		if (this.features.features.length === 0) return null;
		return bbox(this.features) as [number, number, number, number];
	}

	indexOf(id: string): number | undefined {
		return this.#indexById.get(id);
	}

	idAt(index: number): string | undefined {
		return this.dataset.locations[index]?.id;
	}

	/**
	 * Selects a place (or the unlocated claims, or nothing). `history: 'push'` makes a Back step;
	 * `'none'` is for applying a URL that is already there. The map flies to the place when asked.
	 */
	select(
		id: string | null,
		options: { history?: 'push' | 'replace' | 'none'; fly?: boolean } = {}
	) {
		const { history = 'push', fly = false } = options;
		if (id !== null && id !== UNLOCATED && !this.#indexById.has(id)) {
			this.notice = `No place with the id “${id}” in this dataset.`;
			return;
		}
		if (id === this.selected) return;
		this.notice = null;
		this.selected = id;
		const index = id === null || id === UNLOCATED ? null : this.#indexById.get(id)!;
		this.#map?.setSelected(index);
		if (fly && index !== null) {
			const [lon, lat] = this.dataset.locations[index]!.geometry.coordinates;
			this.#map?.flyTo(lon, lat, Math.max(this.view?.zoom ?? 0, 6));
		}
		if (history !== 'none') {
			const url = selectionUrl(this.#history.current(), id, this.view);
			this.#history[history](url, { location: id, filter: this.filter });
		}
	}

	/** How much of the map's bottom the panel covers (a bottom sheet on a phone), in pixels. */
	setMapBottomInset(pixels: number) {
		if (pixels === this.#bottomInset) return;
		this.#bottomInset = pixels;
		this.#map?.setBottomInset(pixels);
	}
	#bottomInset = 0;

	hover(id: string | null) {
		this.hovered = id;
		this.#map?.setHovered(id === null ? null : (this.#indexById.get(id) ?? null));
	}

	/**
	 * Called by the map view once the map exists; it hands over the current selection. `madeFor`
	 * is the dataset the map was created for (its starting bounds); `viewGiven` when its view came
	 * from the URL, which is then kept.
	 */
	attachMap(map: MapController, { madeFor = this.dataset, viewGiven = false } = {}) {
		this.#map = map;
		map.setLocations(this.features);
		const index = this.selected === null ? undefined : this.#indexById.get(this.selected);
		// Another dataset was shown while the map was on its way: a `?dataset=` link would
		// otherwise open at the bounds of the one the map was made for.
		if (madeFor !== this.dataset && !viewGiven) {
			const bounds = this.bounds;
			if (index !== undefined) {
				const [lon, lat] = this.dataset.locations[index]!.geometry.coordinates;
				map.jumpTo({ zoom: 6, lat, lon });
			} else if (bounds) map.fitBounds(bounds);
		}
		map.setSelected(index ?? null);
		if (this.filtering) this.#pushFilterToMap();
		if (this.#bottomInset) map.setBottomInset(this.#bottomInset);
	}

	detachMap() {
		this.#map = null;
	}

	/** The map moved: the view goes into the URL's hash without a Back step. */
	setView(view: MapView) {
		this.view = view;
		this.#history.replace(selectionUrl(this.#history.current(), this.selected, view), {
			location: this.selected,
			filter: this.filter
		});
	}
}

const KEY = Symbol('explorer');

export function setExplorer(explorer: Explorer): Explorer {
	return setContext(KEY, explorer);
}

export function getExplorer(): Explorer {
	const explorer = getContext<Explorer | undefined>(KEY);
	if (!explorer) throw new Error('getExplorer() outside an explorer page');
	return explorer;
}
