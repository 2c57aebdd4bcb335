/**
 * Filters, search and the date range over the claims, on indexes built once per dataset: each
 * facet's value per claim as a small integer code, the date range as day numbers, the searchable
 * text normalised. `applyFilter` makes one pass over the claims and returns which pass, with the
 * counts each facet would show for the current selection of the others (faceted search).
 */
import { parseOccurred } from './edtf.ts';
import { declaredFacets, tagValues } from './facets.ts';
import { claimContent } from './format.ts';
import type { Dataset } from './schema.ts';
import { STANCES, STATUSES } from './vocabulary.ts';
import { respondsTo } from './responses.ts';

export {
	EMPTY_FILTER,
	FACET_SHOWN,
	FACETS,
	isEmptyFilter,
	normalizeSearch,
	type ClaimFilter,
	type Facet
} from './claim-filter.ts';
export { highlight } from './highlight.ts';
import {
	FACET_SHOWN,
	FACETS,
	normalizeSearch,
	type ClaimFilter,
	type Facet,
	type TimeAxis
} from './claim-filter.ts';

export interface FilterIndex {
	size: number;
	/** Each facet's values, in display order; a claim's code indexes into them. */
	values: Record<Facet, string[]>;
	/** Per claim, its value's code; for `stance`, a bit per stance. */
	codes: Record<Facet, Uint32Array>;
	/** Per time axis, the claims' days (the date said, the date it happened). */
	axes: Record<TimeAxis, TimeIndex>;
	/** Per claim, what search looks in, normalised: built on the first search, not before. */
	text: () => string[];
	/** Normalises up to `count` more claims' search text; true once all are. */
	prepareText: (count: number) => boolean;
	/** Per location (dataset order), the indexes of the claims citing it. */
	locationClaims: Uint32Array[];
	/** Claim id to its index. */
	claimIndex: Map<string, number>;
	/** Per facet the dataset declares, in its order, each claim's values. */
	tags: TagIndex[];
}

/**
 * One declared facet's values per claim, as codes into `values`: claim i's are
 * `codes[offsets[i]] … codes[offsets[i + 1] - 1]`. A facet of places gives each claim the values of
 * the places it cites, so that a claim passes where one of its places does.
 */
export interface TagIndex {
	id: string;
	/** Value ids, in the declared order. */
	values: string[];
	offsets: Uint32Array;
	codes: Uint32Array;
}

export interface TimeIndex {
	/** Per claim, the first and last day its date may mean (yyyymmdd), or -1 when it has none.
	 * An interval's open or unknown end reaches as far as the range can (0, 99991231). */
	start: Int32Array;
	end: Int32Array;
	/** Every day the timeline shows (ISO): from the first known day to the last. */
	days: string[];
	/** Per claim, the first and the last index in `days` it is counted on, or -1: a day-dated
	 * claim on its day; (when it happened) an interval on each day it spans, or on its one known
	 * end. A claim said in a month only is not counted (it has no day). */
	dayFirst: Int32Array;
	dayLast: Int32Array;
}

/** An end of the range no date is before or after. */
const EARLIEST = 0;
const LATEST = 99991231;
/** An interval longer than this is not spread over the timeline's days (it would flatten it). */
const LONGEST_SPAN_DAYS = 400;

function dayNumber(date: string, end: boolean): number {
	const [y, m, d] = date.split('-');
	return Number(y) * 10000 + Number(m) * 100 + (d === undefined ? (end ? 31 : 1) : Number(d));
}

export function buildFilterIndex(
	dataset: Pick<Dataset, 'locations' | 'actors' | 'sources' | 'claims'> & {
		meta?: Dataset['meta'];
	}
): FilterIndex {
	const { claims } = dataset;
	const n = claims.length;
	const actors = new Map(dataset.actors.map((a) => [a.id, a]));
	const values: Record<Facet, string[]> = {
		status: [...STATUSES],
		claimant: dataset.actors.map((a) => a.id),
		claimant_kind: [...new Set(dataset.actors.map((a) => a.kind))].sort(),
		source: dataset.sources.map((s) => s.id),
		// A claim stated as a description (format 2) has no quote kind: it is a value of its own.
		quote_kind: ['direct', 'reported', 'description'],
		stance: [...STANCES]
	};
	const lookup = Object.fromEntries(
		FACETS.map((f) => [f, new Map(values[f].map((v, i) => [v, i]))])
	) as Record<Facet, Map<string, number>>;
	const codes = Object.fromEntries(FACETS.map((f) => [f, new Uint32Array(n)])) as Record<
		Facet,
		Uint32Array
	>;
	const start = new Int32Array(n);
	const end = new Int32Array(n);
	const occurredStart = new Int32Array(n).fill(-1);
	const occurredEnd = new Int32Array(n).fill(-1);
	const claimIndex = new Map(claims.map((c, i) => [c.id, i]));
	const locationIndex = new Map(dataset.locations.map((l, i) => [l.id, i]));
	const perLocation: number[][] = dataset.locations.map(() => []);
	const facets = dataset.meta ? declaredFacets(dataset.meta) : [];
	const labels = facets.map((f) => new Map(f.values.map((v) => [v.id, v.label])));
	// A place's searchable text: its names, and the labels of its values of the places' facets.
	const placeNames = dataset.locations.map((l) => {
		const words = [l.properties.name, ...l.properties.alt_names];
		facets.forEach((f, k) => {
			if (f.applies_to !== 'locations') return;
			for (const v of tagValues(l.properties.tags, f.id)) words.push(labels[k]!.get(v) ?? v);
		});
		return words.join(' ');
	});
	const claimTagText = (claim: Dataset['claims'][number]) => {
		let out = '';
		facets.forEach((f, k) => {
			if (f.applies_to !== 'claims') return;
			for (const v of tagValues(claim.tags, f.id)) out += ` ${labels[k]!.get(v) ?? v}`;
		});
		return out;
	};

	for (let i = 0; i < n; i++) {
		const claim = claims[i]!;
		const actor = actors.get(claim.claimant);
		codes.status[i] = lookup.status.get(claim.status) ?? 0;
		codes.claimant[i] = lookup.claimant.get(claim.claimant) ?? 0;
		codes.claimant_kind[i] = actor ? (lookup.claimant_kind.get(actor.kind) ?? 0) : 0;
		codes.source[i] = lookup.source.get(claim.source) ?? 0;
		codes.quote_kind[i] =
			claim.quote_kind === 'direct' ? 0 : claim.quote_kind === 'reported' ? 1 : 2;
		start[i] = claim.said_on ? dayNumber(claim.said_on, false) : -1;
		end[i] = claim.said_on ? dayNumber(claim.said_on, true) : -1;
		if (claim.occurred !== undefined) {
			const o = parseOccurred(claim.occurred);
			if (!('error' in o)) {
				occurredStart[i] = o.start === null ? EARLIEST : yyyymmdd(o.start);
				occurredEnd[i] = o.end === null ? LATEST : yyyymmdd(o.end);
			}
		}
		for (const id of claim.locations) {
			const at = locationIndex.get(id);
			if (at === undefined || perLocation[at]!.at(-1) === i) continue;
			perLocation[at]!.push(i);
		}
	}
	// Normalising every quote is most of the index's cost: it waits for the first search, or for
	// `prepareText` to do it a slice at a time while nothing else is asked.
	const text: string[] = [];
	const prepareText = (count: number) => {
		for (let i = text.length, end = Math.min(n, i + count); i < end; i++) {
			const claim = claims[i]!;
			const places = [...new Set(claim.locations)].map((id) => {
				const at = locationIndex.get(id);
				return at === undefined ? '' : placeNames[at]!;
			});
			text.push(
				normalizeSearch(
					`${claimContent(claim)} ${actors.get(claim.claimant)?.name ?? ''} ${places.join(' ')}${facets.length ? claimTagText(claim) : ''}`
				)
			);
		}
		return text.length === n;
	};
	const searchText = () => (prepareText(n), text);
	// A response marks its own stance and each claim it answers.
	for (let i = 0; i < n; i++) {
		const claim = claims[i]!;
		if (claim.stance === undefined) continue;
		const bit = 1 << lookup.stance.get(claim.stance)!;
		codes.stance[i]! |= bit;
		for (const id of respondsTo(claim)) {
			const parent = claimIndex.get(id);
			if (parent !== undefined) codes.stance[parent]! |= bit;
		}
	}
	return {
		size: n,
		values,
		codes,
		text: searchText,
		prepareText,
		locationClaims: perLocation.map((l) => Uint32Array.from(l)),
		claimIndex,
		tags: facets.map((facet) =>
			tagIndexOf(facet, dataset.claims, dataset.locations, locationIndex)
		),
		axes: {
			said: { start, end, ...dayIndexOf(start, end) },
			occurred: { start: occurredStart, end: occurredEnd, ...spansOf(occurredStart, occurredEnd) }
		}
	};
}

function tagIndexOf(
	facet: ReturnType<typeof declaredFacets>[number],
	claims: Dataset['claims'],
	locations: Dataset['locations'],
	locationIndex: Map<string, number>
): TagIndex {
	const values = facet.values.map((v) => v.id);
	const code = new Map(values.map((v, i) => [v, i]));
	const codesOf = (tags: Dataset['claims'][number]['tags']) =>
		tagValues(tags, facet.id).flatMap((v) => (code.has(v) ? [code.get(v)!] : []));
	const placeCodes =
		facet.applies_to === 'locations' ? locations.map((l) => codesOf(l.properties.tags)) : [];
	const offsets = new Uint32Array(claims.length + 1);
	const out: number[] = [];
	for (let i = 0; i < claims.length; i++) {
		const claim = claims[i]!;
		if (facet.applies_to === 'claims') out.push(...codesOf(claim.tags));
		else {
			const first = out.length;
			for (const id of claim.locations) {
				const at = locationIndex.get(id);
				if (at === undefined) continue;
				// Two places with the same value count the claim once for it.
				for (const c of placeCodes[at]!) if (out.lastIndexOf(c) < first) out.push(c);
			}
		}
		offsets[i + 1] = out.length;
	}
	return { id: facet.id, values, offsets, codes: Uint32Array.from(out) };
}

/** Days since 1970-01-01 as yyyymmdd. */
function yyyymmdd(epochDay: number): number {
	const d = new Date(epochDay * 86_400_000);
	return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function daysFrom(first: number, last: number): { days: string[]; byDay: Map<number, number> } {
	const days: string[] = [];
	const byDay = new Map<number, number>();
	if (!Number.isFinite(first)) return { days, byDay };
	const date = new Date(`${isoDay(first)}T00:00:00Z`);
	for (;;) {
		const day = date.toISOString().slice(0, 10);
		byDay.set(Number(day.replaceAll('-', '')), days.length);
		days.push(day);
		if (Number(day.replaceAll('-', '')) >= last) break;
		date.setUTCDate(date.getUTCDate() + 1);
	}
	return { days, byDay };
}

/**
 * When things happened: each claim over the days its interval spans (a month, 1–18 October), or
 * on its one known end when the other is open or unknown, or when it spans more than a year.
 */
function spansOf(start: Int32Array, end: Int32Array) {
	const n = start.length;
	const dayFirst = new Int32Array(n).fill(-1);
	const dayLast = new Int32Array(n).fill(-1);
	const known = (d: number) => d !== EARLIEST && d !== LATEST && d >= 0;
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (let i = 0; i < n; i++) {
		for (const d of [start[i]!, end[i]!]) {
			if (!known(d)) continue;
			if (d < first) first = d;
			if (d > last) last = d;
		}
	}
	const { days, byDay } = daysFrom(first, last);
	for (let i = 0; i < n; i++) {
		const s = start[i]!;
		const e = end[i]!;
		if (known(s) && known(e) && byDay.get(e)! - byDay.get(s)! <= LONGEST_SPAN_DAYS) {
			dayFirst[i] = byDay.get(s)!;
			dayLast[i] = byDay.get(e)!;
		} else if (known(s) !== known(e) || known(s)) {
			// One known end (or a span too long to spread): counted there, on its start if known.
			const at = byDay.get(known(s) ? s : e)!;
			dayFirst[i] = at;
			dayLast[i] = at;
		}
	}
	return { days, dayFirst, dayLast };
}

/** Days from the first day-dated claim to the last, and each claim's place among them. */
function dayIndexOf(start: Int32Array, end: Int32Array) {
	const dayFirst = new Int32Array(start.length).fill(-1);
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (let i = 0; i < start.length; i++) {
		if (start[i]! < 0 || start[i] !== end[i]) continue;
		if (start[i]! < first) first = start[i]!;
		if (start[i]! > last) last = start[i]!;
	}
	const { days, byDay } = daysFrom(first, last);
	for (let i = 0; i < start.length; i++) {
		if (start[i]! >= 0 && start[i] === end[i]) dayFirst[i] = byDay.get(start[i]!)!;
	}
	return { days, dayFirst, dayLast: dayFirst };
}

export interface FilterResult {
	/** 1 for each claim that passes. */
	pass: Uint8Array;
	passed: number;
	/** Per facet and value, the claims that would pass with that facet's own selection ignored. */
	counts: Record<Facet, Uint32Array>;
	/** Per day of the axis's `days`, the claims on that day that pass every filter but the dates. */
	perDay: Uint32Array;
	/** The axis the range and `perDay` read. */
	time: TimeAxis;
	/** Per declared facet (the index's `tags` order) and value, as `counts` for the others. */
	tagCounts: Uint32Array[];
}

const DATE_BIT = 1 << FACETS.length;
const SEARCH_BIT = DATE_BIT << 1;

export function applyFilter(index: FilterIndex, filter: ClaimFilter): FilterResult {
	const n = index.size;
	const pass = new Uint8Array(n);
	const counts = Object.fromEntries(
		FACETS.map((f) => [f, new Uint32Array(index.values[f].length)])
	) as Record<Facet, Uint32Array>;
	// Per facet, a table of allowed codes (or a bit mask for stance), or null for "all".
	const allowed = FACETS.map((f) => {
		if (filter[f].length === 0) return null;
		const table = new Uint8Array(index.values[f].length);
		for (const value of filter[f]) {
			const at = index.values[f].indexOf(value);
			if (at >= 0) table[at] = 1;
		}
		return table;
	});
	let stanceMask = 0;
	if (filter.stance.length)
		for (const s of filter.stance) stanceMask |= 1 << index.values.stance.indexOf(s);
	const from = filter.from ? dayNumber(filter.from, false) : null;
	const to = filter.to ? dayNumber(filter.to, true) : null;
	const terms = normalizeSearch(filter.q).split(' ').filter(Boolean);
	const texts = terms.length ? index.text() : [];
	const { status, claimant, claimant_kind, source, quote_kind, stance } = index.codes;
	const [aStatus, aClaimant, aKind, aSource, aQuote] = allowed;
	const cStatus = counts.status;
	const cClaimant = counts.claimant;
	const cKind = counts.claimant_kind;
	const cSource = counts.source;
	const cQuote = counts.quote_kind;
	const cStance = counts.stance;
	const time = filter.time ?? 'said';
	const axis = index.axes[time];
	const perDay = new Uint32Array(axis.days.length);
	const { dayFirst, dayLast } = axis;
	const tags = index.tags;
	const tagCounts = tags.map((t) => new Uint32Array(t.values.length));
	// Per declared facet with a selection, a table of allowed codes; null keeps all.
	const tagAllowed = tags.map((t) => {
		const selected = filter.tags?.[t.id];
		if (!selected?.length) return null;
		const table = new Uint8Array(t.values.length);
		for (const value of selected) {
			const at = t.values.indexOf(value);
			if (at >= 0) table[at] = 1;
		}
		return table;
	});
	const nt = tags.length;
	let passed = 0;

	for (let i = 0; i < n; i++) {
		let fails = 0;
		if (aStatus && !aStatus[status[i]!]) fails |= 1;
		if (aClaimant && !aClaimant[claimant[i]!]) fails |= 2;
		if (aKind && !aKind[claimant_kind[i]!]) fails |= 4;
		if (aSource && !aSource[source[i]!]) fails |= 8;
		if (aQuote && !aQuote[quote_kind[i]!]) fails |= 16;
		if (stanceMask && !(stance[i]! & stanceMask)) fails |= 32;
		if (from !== null || to !== null) {
			const s = axis.start[i]!;
			if (s < 0 || (from !== null && axis.end[i]! < from) || (to !== null && s > to))
				fails |= DATE_BIT;
		}
		if (terms.length) {
			const t = texts[i]!;
			for (const term of terms) {
				if (!t.includes(term)) {
					fails |= SEARCH_BIT;
					break;
				}
			}
		}
		// The declared facets, any number of them: how many fail, and which one if only one does.
		let tagFails = 0;
		let tagFailed = -1;
		for (let k = 0; k < nt; k++) {
			const table = tagAllowed[k];
			if (!table) continue;
			const { offsets, codes } = tags[k]!;
			let hit = false;
			for (let j = offsets[i]!, e = offsets[i + 1]!; j < e; j++)
				if (table[codes[j]!]) {
					hit = true;
					break;
				}
			if (!hit) {
				tagFails++;
				tagFailed = k;
			}
		}
		if (fails === 0 && tagFails === 0) {
			pass[i] = 1;
			passed++;
		}
		if (nt && fails === 0 && tagFails <= 1) {
			for (let k = 0; k < nt; k++) {
				if (tagFails === 1 && tagFailed !== k) continue;
				const { offsets, codes } = tags[k]!;
				const count = tagCounts[k]!;
				for (let j = offsets[i]!, e = offsets[i + 1]!; j < e; j++) count[codes[j]!]!++;
			}
		}
		if (tagFails) continue;
		// A facet's counts ignore its own selection: the claim counts if nothing else fails.
		if ((fails & ~1) === 0) cStatus[status[i]!]!++;
		if ((fails & ~2) === 0) cClaimant[claimant[i]!]!++;
		if ((fails & ~4) === 0) cKind[claimant_kind[i]!]!++;
		if ((fails & ~8) === 0) cSource[source[i]!]!++;
		if ((fails & ~16) === 0) cQuote[quote_kind[i]!]!++;
		if ((fails & ~32) === 0 && stance[i]) {
			for (let b = 0; b < cStance.length; b++) if (stance[i]! & (1 << b)) cStance[b]!++;
		}
		if ((fails & ~DATE_BIT) === 0 && dayFirst[i]! >= 0)
			for (let d = dayFirst[i]!, e = dayLast[i]!; d <= e; d++) perDay[d]!++;
	}
	return { pass, passed, counts, perDay, time, tagCounts };
}

/** Per location, how many of its claims pass and the best-supported status among them. */
export function locationCounts(
	index: FilterIndex,
	result: FilterResult
): { claims: number; status: number }[] {
	const status = index.codes.status;
	return index.locationClaims.map((claims) => {
		let count = 0;
		let best = Number.POSITIVE_INFINITY;
		for (const i of claims) {
			if (!result.pass[i]) continue;
			count++;
			// STATUSES is in order of support, best first, so the lowest code is the best.
			if (status[i]! < best) best = status[i]!;
		}
		return { claims: count, status: count ? best : -1 };
	});
}

export interface DayBin {
	/** ISO day. */
	day: string;
	/** Claims said that day that pass every filter but the date range. */
	claims: number;
}

function isoDay(n: number): string {
	const y = Math.floor(n / 10000);
	const m = Math.floor(n / 100) % 100;
	const d = n % 100;
	return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Claims per day, from the first dated claim to the last, for the timeline: every filter but the
 * date range applies. Claims dated only to a month have no day and are not counted.
 */
export function claimsPerDay(index: FilterIndex, result: FilterResult): DayBin[] {
	return index.axes[result.time].days.map((day, k) => ({ day, claims: result.perDay[k]! }));
}

export interface ShownValues {
	/** Indexes into the facet's values, in the order to show them. */
	shown: number[];
	/** How many values match (the search within the facet) but are not shown. */
	hidden: number;
}

/**
 * Which values of a facet to show: all of a short facet, in its own order; for a long one (a
 * claimant per row in a monitor's table), the checked values, then those that match `query` with
 * the most claims under the other facets, up to FACET_SHOWN: never thousands of checkboxes.
 */
export function facetValuesToShow(
	labels: readonly string[],
	counts: ArrayLike<number>,
	checked: ReadonlySet<number>,
	query = ''
): ShownValues {
	const q = normalizeSearch(query).trim();
	if (labels.length <= FACET_SHOWN && q === '')
		return { shown: labels.map((_, i) => i), hidden: 0 };
	const matching: number[] = [];
	for (let i = 0; i < labels.length; i++) {
		if (!checked.has(i) && (q === '' || normalizeSearch(labels[i]!).includes(q))) matching.push(i);
	}
	matching.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a - b);
	const room = Math.max(0, FACET_SHOWN - checked.size);
	return {
		shown: [...[...checked].sort((a, b) => a - b), ...matching.slice(0, room)],
		hidden: Math.max(0, matching.length - room)
	};
}
