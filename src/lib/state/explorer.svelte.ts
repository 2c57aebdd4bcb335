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
	type JoinedClaim,
	type JoinResult,
	type LocationDetails
} from '../domain/join.ts';
import { locationFeatures, summaryStatus } from '../domain/map-features.ts';
import type { Dataset } from '../domain/schema.ts';
import type { MapController, MapView } from '../map/controller.ts';
import { selectionUrl, UNLOCATED } from './url.ts';

export type SortKey = 'claims' | 'name';

export interface ListItem {
	id: string;
	name: string;
	claims: number;
	status: ReturnType<typeof summaryStatus>;
	index: number;
}

/** How the explorer changes the URL; SvelteKit's shallow routing in the app, a record in tests. */
export interface History {
	push(url: string, state: { location: string | null }): void;
	replace(url: string, state: { location: string | null }): void;
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

	constructor(dataset: Dataset, history: History) {
		this.#history = history;
		this.#load(dataset);
	}

	#load(dataset: Dataset) {
		this.dataset = dataset;
		this.joined = joinClaimsToLocations(dataset);
		this.features = locationFeatures(this.joined);
		this.#indexById = new Map(dataset.locations.map((location, i) => [location.id, i]));
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
		this.#map?.setLocations(this.features);
		const bounds = this.bounds;
		if (bounds) this.#map?.fitBounds(bounds);
	}

	/** Every location with its count and summary, in the chosen order. */
	readonly items: ListItem[] = $derived.by(() => {
		const items = this.joined.locations.map((entry, index) => ({
			id: entry.location.id,
			name: entry.location.properties.name,
			claims: entry.claims.length,
			status: summaryStatus(entry.byStatus),
			index
		}));
		const byName = (a: ListItem, b: ListItem) => a.name.localeCompare(b.name);
		return items.sort(
			this.sort === 'name' ? byName : (a, b) => b.claims - a.claims || byName(a, b)
		);
	});

	get unlocatedCount(): number {
		return this.joined.unlocated.length;
	}

	/** What the panel shows: a place's details, the unlocated claims, or nothing. */
	readonly panel:
		| { kind: 'location'; details: LocationDetails }
		| { kind: 'unlocated'; claims: JoinedClaim[] }
		| null = $derived.by(() => {
		if (this.selected === UNLOCATED)
			return { kind: 'unlocated', claims: describeUnlocated(this.joined) };
		const index = this.selected === null ? undefined : this.#indexById.get(this.selected);
		if (index === undefined) return null;
		return {
			kind: 'location',
			details: describeLocation(this.joined, this.joined.locations[index]!)
		};
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
			this.#history[history](url, { location: id });
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

	/** Called by the map view once the map exists; it hands over the current selection. */
	attachMap(map: MapController) {
		this.#map = map;
		map.setLocations(this.features);
		const index = this.selected === null ? undefined : this.#indexById.get(this.selected);
		map.setSelected(index ?? null);
		if (this.#bottomInset) map.setBottomInset(this.#bottomInset);
	}

	detachMap() {
		this.#map = null;
	}

	/** The map moved: the view goes into the URL's hash without a Back step. */
	setView(view: MapView) {
		this.view = view;
		this.#history.replace(selectionUrl(this.#history.current(), this.selected, view), {
			location: this.selected
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
