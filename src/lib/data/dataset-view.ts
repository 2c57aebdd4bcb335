/**
 * One dataset as the data worker holds it: the records, their join, the filter index, the current
 * filter's result per claim and per place (typed arrays), the list's order and the clusters. It
 * answers the page's questions with what the page draws and nothing more. Pure TypeScript: the
 * unit tests drive it in Node, the worker (`data.worker.ts`) behind the protocol.
 */
import {
	applyFilter,
	buildFilterIndex,
	claimsPerDay,
	EMPTY_FILTER,
	FACETS,
	facetValuesToShow,
	isEmptyFilter,
	type ClaimFilter,
	type Facet,
	type FilterIndex,
	type FilterResult
} from '../domain/filter.ts';
import { declaredFacets, tagKey } from '../domain/facets.ts';
import { words } from '../domain/format.ts';
import {
	describeLocation,
	joinClaimsToLocations,
	orphanResponses,
	resolveClaim,
	sortNewestFirst,
	summarize,
	type JoinedClaim,
	type JoinResult
} from '../domain/join.ts';
import { respondsTo } from '../domain/responses.ts';
import type { Claim, Dataset } from '../domain/schema.ts';
import { UNLOCATED } from '../state/url.ts';
import type {
	Bounds,
	ClaimPage,
	ClaimPlace,
	SourceReading,
	FacetSearch,
	FacetsView,
	FacetView,
	FilterView,
	ListPage,
	MapFeature,
	Overview,
	PlaceDetails,
	SortKey
} from './protocol.ts';
import { PlaceLayer, type PlaceCounts, type PlaceRecords } from './place-layer.ts';
import { countsOf } from './static-parts.ts';

export class DatasetView {
	readonly dataset: Dataset;
	readonly joined: JoinResult;
	readonly index: FilterIndex;
	readonly overview: Overview;
	#filter: ClaimFilter = EMPTY_FILTER;
	#result: FilterResult;
	/** The places' points, clusters and list orders, shared with the summary shown before. */
	readonly layer: PlaceLayer;
	/** Per place: claims that pass, and their best status. */
	#counts: PlaceCounts;
	/** Per facet, each value's label: actors and sources by name, vocabulary words as words. */
	readonly #labels: Record<Facet, string[]>;
	/** The claims tied to no place, by claim index. */
	readonly #unlocated: Uint32Array;

	/** `layer`: the one the page's summary was drawn from, of the same places. */
	constructor(dataset: Dataset, layer?: PlaceLayer) {
		this.dataset = dataset;
		this.layer = layer ?? new PlaceLayer(placeRecords(dataset));
		this.joined = joinClaimsToLocations(dataset);
		this.index = buildFilterIndex(dataset);
		this.overview = { meta: dataset.meta, counts: countsOf(dataset), bounds: this.layer.bounds() };
		const { actors, sources } = this.joined;
		this.#labels = Object.fromEntries(
			FACETS.map((facet) => [
				facet,
				this.index.values[facet].map((value) => {
					if (facet === 'claimant') return actors.get(value)?.name ?? value;
					if (facet === 'source') {
						const source = sources.get(value);
						return source?.title ?? source?.publisher ?? value;
					}
					return words(value);
				})
			])
		) as Record<Facet, string[]>;
		this.#unlocated = Uint32Array.from(this.joined.unlocated, (claim) =>
			this.index.claimIndex.get(claim.id)!
		);
		this.#result = applyFilter(this.index, EMPTY_FILTER);
		this.#counts = this.#placeCounts();
	}

	/** Per place, the claims that pass and their best status: what the summary stores. */
	get counts(): PlaceCounts {
		return this.#counts;
	}

	get filter(): ClaimFilter {
		return this.#filter;
	}

	get filtering(): boolean {
		return !isEmptyFilter(this.#filter);
	}

	setFilter(filter: ClaimFilter, within: FacetSearch = {}): FilterView {
		this.#filter = filter;
		this.#result = applyFilter(this.index, filter);
		this.#counts = this.#placeCounts();
		let placesInView = 0;
		const { claimsAt } = this.#counts;
		for (let i = 0; i < claimsAt.length; i++) if (claimsAt[i]! > 0) placesInView++;
		let unlocated = 0;
		for (const i of this.#unlocated) unlocated += this.#result.pass[i]!;
		return {
			passed: this.#result.passed,
			placesInView,
			unlocated,
			...this.facets(within),
			days: claimsPerDay(this.index, this.#result),
			occurredDated: this.#occurredDated()
		};
	}

	#occurredDated(): number {
		if (this.#occurredCount === null) {
			let n = 0;
			for (const s of this.index.axes.occurred.start) if (s >= 0) n++;
			this.#occurredCount = n;
		}
		return this.#occurredCount;
	}
	#occurredCount: number | null = null;

	/** Per place, the claims that pass and the best-supported status among them. */
	#placeCounts(): PlaceCounts {
		const n = this.joined.locations.length;
		const claims = new Uint32Array(n);
		const status = new Int8Array(n).fill(-1);
		const { pass } = this.#result;
		const codes = this.index.codes.status;
		this.index.locationClaims.forEach((indexes, at) => {
			let count = 0;
			let best = 127;
			for (const i of indexes) {
				if (!pass[i]) continue;
				count++;
				// STATUSES is in order of support, best first: the lowest code is the best.
				if (codes[i]! < best) best = codes[i]!;
			}
			claims[at] = count;
			if (count) status[at] = best;
		});
		return { claimsAt: claims, statusAt: status };
	}

	facets(within: FacetSearch = {}): FacetsView {
		const { counts, tagCounts } = this.#result;
		const tags = declaredFacets(this.dataset.meta).map((facet, k) => {
			const labels = facet.values.map((v) => v.label);
			const values = this.index.tags[k]!.values;
			const selected = this.#filter.tags?.[facet.id] ?? [];
			const checked = new Set(selected.map((v) => values.indexOf(v)).filter((i) => i >= 0));
			const count = tagCounts[k]!;
			const { shown, hidden } = facetValuesToShow(labels, count, checked, within[tagKey(facet.id)]);
			return {
				id: facet.id,
				label: facet.label,
				applies_to: facet.applies_to,
				size: values.length,
				shown: shown.map((i) => ({ value: values[i]!, label: labels[i]!, count: count[i]! })),
				hidden
			};
		});
		const fixed = Object.fromEntries(
			FACETS.map((facet) => {
				const values = this.index.values[facet];
				const labels = this.#labels[facet];
				const checked = new Set(
					this.#filter[facet].map((v) => values.indexOf(v)).filter((i) => i >= 0)
				);
				const { shown, hidden } = facetValuesToShow(labels, counts[facet], checked, within[facet]);
				const view: FacetView = {
					size: values.length,
					shown: shown.map((i) => ({
						value: values[i]!,
						label: labels[i]!,
						count: counts[facet][i]!
					})),
					hidden
				};
				return [facet, view];
			})
		) as Record<Facet, FacetView>;
		return { facets: fixed, tags };
	}

	isVisible(claimIndex: number): boolean {
		return this.#result.pass[claimIndex] === 1;
	}

	#visible = (item: JoinedClaim) =>
		!this.filtering || this.#result.pass[this.index.claimIndex.get(item.claim.id)!] === 1;

	/** The claims that pass, in dataset order: what an export writes. */
	get visibleClaims(): readonly Claim[] {
		if (!this.filtering) return this.dataset.claims;
		const pass = this.#result.pass;
		return this.dataset.claims.filter((_, i) => pass[i]);
	}

	list(sort: SortKey, offset: number, limit: number, find = ''): ListPage {
		return this.layer.list(this.#counts, sort, offset, limit, find);
	}

	locate(id: string): { index: number; coordinates: [number, number] } | null {
		return this.layer.locate(id);
	}

	/** One place's claims that pass, newest first, up to `limit`, with the summary of them all. */
	place(index: number, limit: number): PlaceDetails | null {
		const entry = this.joined.locations[index];
		if (!entry) return null;
		const details = describeLocation(this.joined, entry);
		const claims = details.claims.filter(this.#visible);
		const { geolocated_by, corrections } = entry.location.properties;
		const ids = [...(geolocated_by ?? []), ...(corrections ?? []).flatMap((c) => c.by ?? [])];
		const credited: Record<string, string> = {};
		for (const id of ids) {
			const actor = this.joined.actors.get(id);
			if (actor) credited[id] = actor.name;
		}
		return {
			index,
			location: entry.location,
			summary: summarize(claims),
			total: claims.length,
			claims: claims.slice(0, limit),
			...(ids.length ? { credited } : {})
		};
	}

	/**
	 * Where a claim is shown (`?claim=`): the place whose panel lists it, or UNLOCATED, and where
	 * in that list, which is newest first and filtered. A response that cites no place is shown
	 * under the claim it answers, so it is found where that claim is. Null for an unknown id.
	 */
	findClaim(id: string): ClaimPlace | null {
		const { claimIndex } = this.index;
		const at = claimIndex.get(id);
		if (at === undefined) return null;
		const claims = this.dataset.claims;
		const { byLocation } = this.joined;
		const placed = (c: Claim) => c.locations.some((l) => byLocation.has(l));
		let top = claims[at]!;
		const seen = new Set([top.id]);
		while (!placed(top) && top.responds_to !== undefined) {
			const parent = respondsTo(top)
				.map((p) => claims[claimIndex.get(p) ?? -1])
				.find((c) => c !== undefined && !seen.has(c.id));
			if (!parent) break;
			seen.add(parent.id);
			top = parent;
		}
		const place = top.locations.find((l) => byLocation.has(l)) ?? UNLOCATED;
		const list =
			place === UNLOCATED
				? this.#sortedUnlocated()
				: sortNewestFirst(byLocation.get(place)!.claims);
		const shown = this.filtering ? list.filter((c) => this.isVisible(claimIndex.get(c.id)!)) : list;
		const rank = shown.indexOf(top);
		return { place, rank: Math.max(rank, 0), hidden: rank < 0 || !this.isVisible(at) };
	}

	/** A source with its stored text, its fingerprint and its claims' quotes placed in it. */
	async readSource(id: string): Promise<SourceReading | null> {
		const source = this.joined.sources.get(id);
		if (!source) return null;
		const text = this.dataset.texts[id] ?? null;
		const quoted: { claim: string; quote: string }[] = [];
		const about = new Map<string, Claim>();
		let descriptions = 0;
		for (const claim of this.dataset.claims) {
			if (claim.source !== id) continue;
			if (claim.quote === undefined) descriptions++;
			else {
				quoted.push({ claim: claim.id, quote: claim.quote });
				about.set(claim.id, claim);
			}
		}
		// The reader's code: loaded with the first source read, not with the worker.
		const { quoteSpans, textSha256 } = await import('../domain/source-text.ts');
		const { spans, unplaced } =
			text === null
				? { spans: [], unplaced: quoted.map((q) => q.claim) }
				: quoteSpans(text, quoted);
		return {
			source,
			text,
			sha256: text === null ? null : textSha256(text),
			quotes: spans.map((span) => {
				const claim = about.get(span.claim)!;
				const claimant = this.joined.actors.get(claim.claimant)?.name ?? claim.claimant;
				return { ...span, claimant, status: claim.status };
			}),
			unplaced,
			descriptions
		};
	}

	#sortedUnlocated(): Claim[] {
		return (this.#unlocatedSorted ??= sortNewestFirst([
			...this.joined.unlocated,
			...orphanResponses(this.joined)
		]));
	}

	/** The claims tied to no place that pass, newest first: only the page is resolved. */
	unlocated(limit: number): ClaimPage {
		const sorted = this.#sortedUnlocated();
		const claims = this.filtering
			? sorted.filter((c) => this.#result.pass[this.index.claimIndex.get(c.id)!] === 1)
			: sorted;
		return {
			total: claims.length,
			claims: claims.slice(0, limit).map((claim) => resolveClaim(this.joined, claim))
		};
	}
	#unlocatedSorted: Claim[] | null = null;

	view(bounds: Bounds, zoom: number): MapFeature[] {
		return this.layer.view(this.#counts, bounds, zoom);
	}

	clusterZoom(clusterId: number): number {
		return this.layer.clusterZoom(clusterId);
	}
}

/** The places of a dataset as the layer holds them. */
export function placeRecords(dataset: Pick<Dataset, 'locations'>): PlaceRecords {
	const { locations } = dataset;
	const points = new Array<number>(2 * locations.length);
	locations.forEach((l, at) => {
		points[2 * at] = l.geometry.coordinates[0];
		points[2 * at + 1] = l.geometry.coordinates[1];
	});
	return {
		ids: locations.map((l) => l.id),
		names: locations.map((l) => l.properties.name),
		altNames: locations.map((l) => l.properties.alt_names),
		precision: locations.map((l) => l.properties.precision),
		points
	};
}
