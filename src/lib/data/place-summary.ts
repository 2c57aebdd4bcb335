/**
 * What the map and the list show of a dataset before any filter, in one small part: the places
 * (ids, names, points, precision), each place's claims and best status, and the unfiltered
 * filter view (counts, the facets' first values, the timeline). Written beside the dataset's
 * other parts, it lets the worker draw the map and the list from a file of ~60 bytes a place
 * while the claims (hundreds of MB at a million) are still being fetched and indexed.
 */
import type { DatasetView } from './dataset-view.ts';
import { PlaceLayer, type PlaceCounts, type PlaceRecords } from './place-layer.ts';
import type { Bounds, FilterView, ListPage, MapFeature, Overview, SortKey } from './protocol.ts';

export const PLACES_FILE = 'places.json';

export interface PlaceSummary {
	overview: Overview;
	places: PlaceRecords;
	/** Per place, all its claims, and their best status (an index into STATUSES, -1: none). */
	claims: number[];
	status: number[];
	/** What `setFilter` answers for no filter and no search within a facet. */
	unfiltered: FilterView;
}

/** The summary of a dataset, from its view with no filter set. */
export function summaryOf(view: DatasetView): PlaceSummary {
	if (view.filtering) throw new Error('a summary is of the unfiltered dataset');
	return {
		overview: view.overview,
		places: view.layer.places,
		claims: Array.from(view.counts.claimsAt),
		status: Array.from(view.counts.statusAt),
		unfiltered: view.setFilter(view.filter)
	};
}

/** The questions the summary answers, as the full view answers them with no filter set. */
export class SummaryView {
	readonly overview: Overview;
	readonly layer: PlaceLayer;
	readonly unfiltered: FilterView;
	readonly #counts: PlaceCounts;

	constructor(summary: PlaceSummary) {
		this.overview = summary.overview;
		this.layer = new PlaceLayer(summary.places);
		this.unfiltered = summary.unfiltered;
		this.#counts = {
			claimsAt: Uint32Array.from(summary.claims),
			statusAt: Int8Array.from(summary.status)
		};
		if (this.#counts.claimsAt.length !== this.layer.size)
			throw new Error('the summary of the places is incomplete');
	}

	list(sort: SortKey, offset: number, limit: number, find?: string): ListPage {
		return this.layer.list(this.#counts, sort, offset, limit, find);
	}

	view(bounds: Bounds, zoom: number): MapFeature[] {
		return this.layer.view(this.#counts, bounds, zoom);
	}
}
