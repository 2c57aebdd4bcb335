/**
 * The explorer's state on the page: what the data worker last answered (the overview, the
 * filter's counts, a page of the list, the selected place's claims, the clusters in view), which
 * place is selected or hovered, and the map's view. Components read it and call its methods; it
 * alone asks the worker, tells the map controller and writes the URL. Held in Svelte context.
 *
 * Every answer is asked for with a ticket: an answer that a later question has overtaken (a
 * second click, the next keystroke) is dropped, so that what is shown is always the latest.
 */
import { getContext, setContext } from 'svelte';
import {
	EMPTY_FILTER,
	isEmptyFilter,
	type ClaimFilter,
	type Facet
} from '../domain/claim-filter.ts';
import type { MapController, MapView } from '../map/controller.ts';
import type {
	ClaimPage,
	DataClient,
	FacetSearch,
	FilterView,
	ListItem,
	Overview,
	PlaceDetails,
	SortKey
} from '../data/protocol.ts';
import { parseMapHash, selectionUrl, UNLOCATED, writeFilter } from './url.ts';

export type { ListItem, SortKey };

/** How the explorer changes the URL; SvelteKit's shallow routing in the app, a record in tests. */
export interface HistoryState {
	location: string | null;
	/** Always written: Back to an entry restores its filter, whoever wrote the entry. */
	filter: ClaimFilter;
	/** The claim a link pointed at (`?claim=`), shown in its place's panel. */
	claim?: string | null;
}

export interface History {
	push(url: string, state: HistoryState): void;
	replace(url: string, state: HistoryState): void;
	current(): URL;
}

export type MapStatus = 'loading' | 'ready' | 'idle' | 'error';
export type DataStatus = 'loading' | 'ready' | 'error';

export type Panel =
	{ kind: 'location'; details: PlaceDetails } | { kind: 'unlocated'; page: ClaimPage } | null;

/** Places in the list, and claims in the panel, rendered a page at a time. */
export const PAGE = 200;
/** The map's view goes into the URL this long after the map stops moving. */
export const VIEW_URL_DELAY_MS = 300;
/** How long a place's claims may take before the panel says they are loading. */
export const PANEL_WAIT_MS = 200;

export class Explorer {
	readonly #client: DataClient;
	readonly #history: History;
	overview = $state.raw() as Overview;
	/** Whether the worker has the dataset the overview describes. */
	dataStatus = $state<DataStatus>('loading');
	dataError = $state<string | null>(null);

	sort = $state<SortKey>('claims');
	/** A location id, `UNLOCATED` for the claims tied to no place, or null. */
	selected = $state<string | null>(null);
	/** The claim shown in the selection's panel, scrolled to and marked (`?claim=`), or null. */
	claim = $state<string | null>(null);
	/** The hovered place's index (the map's feature id), or null. */
	hovered = $state<number | null>(null);
	/** A message that does not block the page, e.g. a link to a place that is not in the dataset. */
	notice = $state<string | null>(null);
	mapStatus = $state<MapStatus>('loading');
	mapError = $state<string | null>(null);
	view = $state<MapView | null>(null);
	#map = $state.raw<MapController | null>(null);
	/** What the reader has narrowed the claims to; see `domain/filter.ts` and the README. */
	filter = $state.raw<ClaimFilter>(EMPTY_FILTER);
	filterView = $state.raw<FilterView | null>(null);
	/** The search within each long facet. */
	within = $state.raw<FacetSearch>({});
	listItems = $state.raw<ListItem[]>([]);
	listTotal = $state(0);
	listLimit = $state(PAGE);
	/** Text a place's name must hold to be listed: how a reader reaches any of 100,000. */
	listFind = $state('');
	panel = $state.raw<Panel>(null);
	panelLimit = $state(PAGE);
	/**
	 * A selection whose claims have been asked for and not come for a while: at a million claims
	 * the first click can come before the worker has read them, and the panel says it is loading.
	 */
	panelWaiting = $state(false);
	#selectedIndex: number | null = null;
	/** The URL gave the map's view (`#map=`): the first dataset does not move it. Read in the
	 * browser only: there is no URL while the page is prerendered. */
	#urlViewRead: boolean | null = null;
	get #urlView(): boolean {
		return (this.#urlViewRead ??= parseMapHash(this.#history.current().hash) !== null);
	}
	/**
	 * Where the map is to go once it is there and the data is in: a new dataset's bounds, or a
	 * permalink's place. The map and the worker each take their own time; this waits for both.
	 */
	#wantedView:
		| { bounds: [number, number, number, number] }
		| { lon: number; lat: number; zoom: number }
		| null = null;
	#shownBefore = false;
	/** Moved on by each question of a kind; an answer to an older one is dropped. */
	readonly #tickets = { filter: 0, list: 0, panel: 0, map: 0, select: 0, facets: 0 };
	#viewTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(overview: Overview, client: DataClient, history: History) {
		this.overview = overview;
		this.#client = client;
		this.#history = history;
	}

	get client(): DataClient {
		return this.#client;
	}

	get filtering(): boolean {
		return !isEmptyFilter(this.filter);
	}

	/** [west, south, east, north] of every location, for the first view; null if there are none. */
	get bounds() {
		return this.overview.bounds;
	}

	get placesInView(): number {
		return this.filterView?.placesInView ?? this.overview.counts.locations;
	}

	get unlocatedCount(): number {
		return this.filterView?.unlocated ?? 0;
	}

	/**
	 * The worker has opened a dataset: show it. The selection is cleared, since its ids belong to
	 * the dataset that was shown, and the filter with it unless `keepFilter` (the first dataset
	 * of a page, whose URL gave the filter).
	 */
	async showDataset(overview: Overview, { keepFilter = false } = {}) {
		const changed = overview !== this.overview;
		const first = !this.#shownBefore;
		this.#shownBefore = true;
		this.overview = overview;
		this.dataStatus = 'ready';
		this.selected = null;
		this.claim = null;
		this.#selectedIndex = null;
		this.panel = null;
		this.hovered = null;
		if (changed) this.notice = null;
		if (!keepFilter) this.filter = EMPTY_FILTER;
		this.within = {};
		this.listLimit = PAGE;
		this.listFind = '';
		this.#map?.setLocations();
		this.#drawn = false;
		this.#drawTiles();
		// Fitted now that the data is in, even when the map was made for these bounds: the page
		// around the map (the timeline) has its final size only now.
		if (overview.bounds && !(first && this.#urlView))
			this.#wantedView = { bounds: overview.bounds };
		this.#moveMap();
		await this.#refresh();
		// Another dataset on a map already shown: its claims load now (the first, at `mapIdle`).
		if (this.mapStatus === 'idle') this.#client.loadRecords().catch(() => {});
	}

	dataFailed(message: string) {
		this.dataStatus = 'error';
		this.dataError = message;
	}

	/** After the filter or the dataset changed: the counts, the list, the panel and the map. */
	async #refresh() {
		if (this.dataStatus !== 'ready') return;
		const ticket = ++this.#tickets.filter;
		// The worker answers in the order asked: the list, panel and map see this filter.
		const counted = this.#client.setFilter(this.filter, this.within);
		const rest = Promise.all([this.#loadList(), this.#loadPanel(), this.#loadMap()]);
		const view = await this.#answer(counted);
		if (view && ticket === this.#tickets.filter) this.filterView = view;
		await rest;
	}

	/**
	 * The worker's answer, or undefined when it failed: a dataset whose records could not be read
	 * after its places were shown (a part gone from the server or from storage) says so, once.
	 */
	async #answer<T>(question: Promise<T>): Promise<T | undefined> {
		try {
			return await question;
		} catch (error) {
			if (this.dataStatus === 'ready') this.dataFailed((error as Error).message);
			return undefined;
		}
	}

	/**
	 * Narrows what is shown. Facet and date changes make a Back step; typing in the search box
	 * replaces the entry, so that Back does not replay every keystroke.
	 */
	async setFilter(
		filter: ClaimFilter,
		{ history = 'push' }: { history?: 'push' | 'replace' | 'none' } = {}
	) {
		this.filter = filter;
		if (history !== 'none') {
			const url = new URL(this.#history.current());
			writeFilter(url, filter);
			this.#history[history](`${url.pathname}${url.search}${url.hash}`, {
				location: this.selected,
				filter
			});
		}
		await this.#refresh();
	}

	/** The search within one facet's values. */
	async searchFacet(facet: Facet | `tag.${string}`, query: string) {
		this.within = { ...this.within, [facet]: query };
		if (this.dataStatus !== 'ready') return;
		const ticket = ++this.#tickets.facets;
		const facets = await this.#answer(this.#client.facets(this.within));
		if (!facets || ticket !== this.#tickets.facets || !this.filterView) return;
		this.filterView = { ...this.filterView, ...facets };
	}

	async setSort(sort: SortKey) {
		this.sort = sort;
		await this.#loadList();
	}

	/** Narrows the list to the places whose names hold this (any place, however long the list). */
	async findPlace(text: string) {
		this.listFind = text;
		this.listLimit = PAGE;
		await this.#loadList();
	}

	async showMorePlaces() {
		this.listLimit += PAGE;
		await this.#loadList();
	}

	async #loadList() {
		if (this.dataStatus !== 'ready') return;
		const ticket = ++this.#tickets.list;
		const page = await this.#answer(this.#client.list(this.sort, 0, this.listLimit, this.listFind));
		if (!page || ticket !== this.#tickets.list) return;
		this.listItems = page.items;
		this.listTotal = page.total;
	}

	async showMoreClaims() {
		this.panelLimit += PAGE;
		await this.#loadPanel();
	}

	async #loadPanel() {
		const ticket = ++this.#tickets.panel;
		const selected = this.selected;
		const index = this.#selectedIndex;
		if (this.dataStatus !== 'ready' || selected === null) {
			this.panel = null;
			this.panelWaiting = false;
			return;
		}
		let panel: Panel = null;
		// Said only when the wait is long enough to notice, so a quick answer does not flicker.
		const waiting = setTimeout(() => {
			if (ticket === this.#tickets.panel) this.panelWaiting = true;
		}, PANEL_WAIT_MS);
		if (selected === UNLOCATED) {
			const page = await this.#answer(this.#client.unlocated(this.panelLimit));
			panel = page ? { kind: 'unlocated', page } : null;
		} else if (index !== null) {
			const details = await this.#answer(this.#client.place(index, this.panelLimit));
			panel = details ? { kind: 'location', details } : null;
		}
		clearTimeout(waiting);
		if (ticket === this.#tickets.panel) {
			this.panel = panel;
			this.panelWaiting = false;
		}
	}

	/**
	 * The map went idle: once its basemap is in (`ready`) and it has drawn the places the worker
	 * sent, the map is shown whole (`idle`), which is what a reader waits for.
	 */
	mapIdle() {
		if (this.mapStatus !== 'ready' || !this.#drawn) return;
		this.mapStatus = 'idle';
		// The map is shown: now the claims, for the first click or filter.
		this.#client.loadRecords().catch(() => {});
	}
	/** Whether the map has been given the places in view of the dataset shown. */
	#drawn = false;

	/** The clusters and points in view, asked for whenever the view or the filter changes. */
	async #loadMap() {
		const map = this.#map;
		// A tiled dataset's map reads its places from the archive (#drawTiles).
		if (!map || this.dataStatus !== 'ready' || this.overview.tiles) return;
		const ticket = ++this.#tickets.map;
		const { bounds, zoom } = map.viewBounds();
		const features = await this.#answer(this.#client.view(bounds, zoom));
		if (features && ticket === this.#tickets.map && map === this.#map) {
			map.setFeatures(features);
			this.#drawn = true;
		}
	}

	/** A tiled dataset (`?tiles=`): the map draws the places from its archive. */
	#drawTiles() {
		const map = this.#map;
		const tiles = this.overview.tiles;
		if (!map || !tiles || this.dataStatus !== 'ready') return;
		map.showTiles(tiles.archive, tiles.layer).then(
			() => {
				if (map === this.#map) this.#drawn = true;
			},
			(error: Error) => {
				this.mapStatus = 'error';
				this.mapError = error.message;
			}
		);
	}

	#moveMap() {
		const map = this.#map;
		const wanted = this.#wantedView;
		if (!map || !wanted) return;
		this.#wantedView = null;
		if ('bounds' in wanted) map.fitBounds(wanted.bounds);
		else map.jumpTo(wanted);
	}

	/**
	 * Selects a place (or the unlocated claims, or nothing). `history: 'push'` makes a Back step;
	 * `'none'` is for applying a URL that is already there. The map flies to the place when asked,
	 * or jumps there (`fly: 'jump'`: a permalink opening, unless the URL gave the view).
	 */
	async select(
		id: string | null,
		options: {
			history?: 'push' | 'replace' | 'none';
			fly?: boolean | 'jump';
			/** A claim of the place to show, and how many of its claims the panel must list for it. */
			claim?: { id: string; rank: number } | null;
		} = {}
	) {
		const { history = 'push', fly = false } = options;
		const claim = id === null ? null : (options.claim ?? null);
		const ticket = ++this.#tickets.select;
		let found: Awaited<ReturnType<DataClient['locate']>> = null;
		if (id !== null && id !== UNLOCATED) {
			if (this.dataStatus !== 'ready') return;
			try {
				found = await this.#client.locate(id);
			} catch (error) {
				// A tiled dataset's shard can fail to arrive: say so, and keep what is shown.
				if (ticket === this.#tickets.select)
					this.notice = `The place “${id}” could not be read: ${(error as Error).message}`;
				return;
			}
			if (ticket !== this.#tickets.select) return;
			if (!found) {
				this.notice = `No place with the id “${id}” in this dataset.`;
				return;
			}
		}
		if (id === this.selected && (claim?.id ?? null) === this.claim) return;
		this.notice = null;
		const samePlace = id === this.selected;
		this.selected = id;
		this.claim = claim?.id ?? null;
		this.#selectedIndex = found?.index ?? null;
		this.panelLimit = Math.max(samePlace ? this.panelLimit : PAGE, claim ? claim.rank + 1 : 0);
		this.#map?.setSelected(this.#selectedIndex, found ? id : null);
		if (fly && found) {
			const [lon, lat] = found.coordinates;
			const zoom = Math.max(this.view?.zoom ?? 0, 6);
			if (fly === true) this.#map?.flyTo(lon, lat, zoom);
			else if (!this.#urlView) {
				this.#wantedView = { lon, lat, zoom };
				this.#moveMap();
			}
		}
		if (history !== 'none') {
			const url = selectionUrl(this.#history.current(), id, this.view, this.claim);
			this.#history[history](url, { location: id, filter: this.filter, claim: this.claim });
		}
		await this.#loadPanel();
	}

	/** A cluster was clicked: zoom in until it breaks apart (a tile's cluster says where). */
	async openCluster(clusterId: number, lon: number, lat: number, expansionZoom?: number) {
		const zoom = expansionZoom ?? (await this.#client.clusterZoom(clusterId));
		this.#map?.flyTo(lon, lat, zoom);
	}

	/** How much of the map's bottom the panel covers (a bottom sheet on a phone), in pixels. */
	setMapBottomInset(pixels: number) {
		if (pixels === this.#bottomInset) return;
		this.#bottomInset = pixels;
		this.#map?.setBottomInset(pixels);
	}
	#bottomInset = 0;

	hover(index: number | null) {
		this.hovered = index;
		this.#map?.setHovered(index);
	}

	/**
	 * Called by the map view once the map exists; it hands over the current selection, and goes
	 * where the data asked while the map was on its way (a `?dataset=` link's bounds, a place).
	 */
	attachMap(map: MapController) {
		this.#map = map;
		map.setLocations();
		this.#drawn = false;
		this.#drawTiles();
		this.#moveMap();
		map.setSelected(this.#selectedIndex, this.#selectedIndex === null ? null : this.selected);
		if (this.#bottomInset) map.setBottomInset(this.#bottomInset);
		void this.#loadMap();
	}

	detachMap() {
		this.#map = null;
	}

	/**
	 * The map moved: it gets what is in view, and the view goes into the URL's hash without a Back
	 * step, once the map has stopped (a fling ends in several moves).
	 */
	setView(view: MapView) {
		this.view = view;
		void this.#loadMap();
		clearTimeout(this.#viewTimer);
		this.#viewTimer = setTimeout(() => {
			const url = selectionUrl(this.#history.current(), this.selected, this.view, this.claim);
			this.#history.replace(url, {
				location: this.selected,
				filter: this.filter,
				claim: this.claim
			});
		}, VIEW_URL_DELAY_MS);
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
