/**
 * What the page and the data worker say to each other: the one typed protocol over which the
 * page reads the dataset. The worker owns the dataset, its join and its indexes; the page gets
 * only what it draws (an overview, one filter's counts, one page of the list, one place's claims,
 * the clusters and points in view), never the whole record graph.
 */
import type { Feature, Point } from 'geojson';
import type { ExportContext, ExportFormat } from '../domain/export.ts';
import type { ClaimFilter, DayBin, Facet } from '../domain/filter.ts';
import type { ImportKind } from '../domain/import.ts';
import type { TablePreview } from '../domain/table-preview.ts';
import type { MappingNote, TableMapping } from '../domain/table-mapping.ts';
import type { DatasetIssue } from '../domain/issues.ts';
import type { JoinedClaim, LocationSummary } from '../domain/join.ts';
import type { DatasetMeta, LocationFeature, Source } from '../domain/schema.ts';
import type { Status } from '../domain/vocabulary.ts';
import type { StorageProblem } from '../state/storage-problems.ts';
import type { TilesInfo } from '../tiles/client.ts';

export type Bounds = [west: number, south: number, east: number, north: number];

export interface Counts {
	locations: number;
	claims: number;
	actors: number;
	sources: number;
}

/** What the page knows of the dataset shown, without its records. */
export interface Overview {
	meta: DatasetMeta;
	counts: Counts;
	/** Of every place; null when there is none. */
	bounds: Bounds | null;
	/** Set when the dataset is read from static tiles (`?tiles=`): the map draws its archive. */
	tiles?: TilesInfo;
}

/** What the page knows of the built-in dataset before the worker has it (`virtual:builtin-dataset`). */
export interface BuiltinSummary extends Overview {
	/** The URL path of its static parts, named by a hash of their content: caches never go stale. */
	base: string;
}

/** A place as the list shows it. */
export interface ListItem {
	/** The place's index in the dataset (the map's feature id). */
	index: number;
	id: string;
	name: string;
	/** Claims here that pass the filter. */
	claims: number;
	status: Status | 'none';
	/** No claim here passes the filter: shown faded, not hidden. */
	faded: boolean;
}

export type SortKey = 'claims' | 'name';

export interface ListPage {
	/** Every place (that `find` finds), faded or not. */
	total: number;
	offset: number;
	items: ListItem[];
}

export interface FacetValue {
	value: string;
	label: string;
	/** Claims that would pass with this value, the facet's own selection aside. */
	count: number;
}

export interface FacetView {
	/** How many values the facet has in all. */
	size: number;
	/** The values to show: all of a short facet; the checked and the commonest of a long one. */
	shown: FacetValue[];
	/** Values that match the search within the facet but are not shown. */
	hidden: number;
}

/** A facet the dataset declares, as the panel shows it. */
export interface TagFacetView extends FacetView {
	id: string;
	label: string;
	applies_to: 'claims' | 'locations';
}

/**
 * The search within each long facet, by facet name, or by `tag.<id>` for a declared facet.
 */
export type FacetSearch = Partial<Record<string, string>>;

/** What the facets show: the built-in ones, and those the dataset declares, in its order. */
export interface FacetsView {
	facets: Record<Facet, FacetView>;
	tags: TagFacetView[];
}

/** What one filter leaves, for the summary line, the facets and the timeline. */
export interface FilterView extends FacetsView {
	passed: number;
	placesInView: number;
	/** Claims tied to no place that pass. */
	unlocated: number;
	/** Claims per day (on the filter's time axis) under every filter but the date range. */
	days: DayBin[];
	/** How many claims of the dataset say when what they claim happened: the timeline offers to
	 * read by that date only if some do. */
	occurredDated: number;
}

/** Up to a page of claims, and how many there are. */
export interface ClaimPage {
	total: number;
	claims: JoinedClaim[];
}

export interface PlaceDetails extends ClaimPage {
	index: number;
	location: LocationFeature;
	/** Of the claims that pass the filter, all of them, not only the page. */
	summary: LocationSummary;
	/** The names of the actors the place credits (who geolocated or corrected its point), by id;
	 * an id not here is shown as it is. */
	credited?: Record<string, string>;
}

/** Where a claim is shown: what a link to it (`?claim=`) opens. */
export interface ClaimPlace {
	/** The id of the place whose panel lists it, or `_unlocated`. */
	place: string;
	/** Its position in that panel's list (newest first, filtered): the panel shows that many. */
	rank: number;
	/** The filter in force leaves it out: the panel is opened, and the page says why it is not
	 * there. */
	hidden: boolean;
}

/** A source as its reader shows it: the stored text with the quotes that cite it placed. */
export interface SourceReading {
	source: Source;
	/** The stored full text; null for a source without one (a video, a post that is gone). */
	text: string | null;
	/** The SHA-256 of the text's UTF-8 bytes, in hex, as the nested export carries it. */
	sha256: string | null;
	/** Each quote of a claim on this source, where it is in the text, in the text's order. */
	quotes: {
		claim: string;
		claimant: string;
		status: Status;
		start: number;
		end: number;
	}[];
	/** Claims on this source whose quote could not be placed in the text as stored. */
	unplaced: string[];
	/** Claims on this source stated as descriptions (the dataset authors' words): none is in it. */
	descriptions: number;
}

/** A point or a cluster in view, as the map's GeoJSON source holds it. */
export type MapFeature = Feature<Point, PlaceProperties | ClusterProperties>;

export interface PlaceProperties {
	cluster?: undefined;
	/** The place's index, also the feature id. */
	i: number;
	id: string;
	name: string;
	claims: number;
	status: Status | 'none';
	precision: string;
	faded: boolean;
}

export interface ClusterProperties {
	cluster: true;
	cluster_id: number;
	/** Places in the cluster. */
	places: number;
	/** Claims at them that pass the filter. */
	claims: number;
	faded: boolean;
}

export interface ImportOutcome {
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
	kind?: ImportKind;
	/** Set when the import is valid: the worker holds the dataset until `keepImport`. */
	overview?: Overview;
}

/** A table read for the mapping preview: its columns, a few rows, and the guessed mapping. */
export interface TableOpened {
	/** Set when the file cannot be read as a table; nothing else is then. */
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
	fileName: string;
	header: string[];
	/** How many rows the table has (blank rows aside). */
	rows: number;
	/** Per column, up to a few of its non-empty values: what the mapping's choices show. */
	samples: string[][];
	mapping: TableMapping | null;
	notes: MappingNote[];
}

export interface KeepRequest {
	id: string;
	name: string;
	importedAt: string;
	from: string[];
	/** False when the page already knows this browser will not store it. */
	store: boolean;
}

export type OpenResult =
	| { overview: Overview }
	/** Not in this browser. */
	| { missing: true }
	/** Stored, but parts of it are gone. */
	| { damaged: true }
	| { storageFailed: StorageProblem };

export type ProgressReport =
	{ phase: 'reading'; done: number; total: number } | { phase: 'validating' };

/**
 * The data worker's methods, as the page calls them (each answer comes as a promise). Every
 * question about the dataset shown is async in the worker too: the built-in dataset answers the
 * first ones from the summary of its places while its claims load (`place-summary.ts`).
 */
export interface DataApi {
	/** Opens the built-in dataset from its static parts under `base`. */
	openBuiltin(base: string): Promise<Overview>;
	/** Opens an import kept for this visit, or one stored in this browser. */
	open(id: string): Promise<OpenResult>;
	/** Reads and validates files; a valid dataset is held until `keepImport` names it. */
	importFiles(
		files: File[],
		names: string[],
		defaultName: string,
		onProgress: (progress: ProgressReport) => void
	): Promise<ImportOutcome>;
	/**
	 * Reads a table (CSV, TSV, JSON) and guesses which column is what; the worker holds the table
	 * for `previewTable` and `importTable`.
	 */
	openTable(file: File): Promise<TableOpened>;
	/** The first `rows` rows of the table held, as `mapping` would import them. */
	previewTable(mapping: TableMapping, rows: number): Promise<TablePreview>;
	/** Imports the table held with `mapping`: a valid dataset is held until `keepImport`. */
	importTable(mapping: TableMapping): Promise<ImportOutcome>;
	/** Stores the import just made (or holds it for the visit) and opens it. */
	keepImport(request: KeepRequest): Promise<{ notKept?: StorageProblem }>;
	/** Forgets an import held for the visit. */
	forget(id: string): void;

	setFilter(filter: ClaimFilter, within: FacetSearch): Promise<FilterView>;
	/** The facets again, for a new search within one. */
	facets(within: FacetSearch): Promise<FacetsView>;
	/** A page of the places in the list's order; with `find`, only those whose names hold it. */
	list(sort: SortKey, offset: number, limit: number, find?: string): Promise<ListPage>;
	/** A place by id: its index and point, or null. */
	locate(id: string): Promise<{ index: number; coordinates: [number, number] } | null>;
	place(index: number, limit: number): Promise<PlaceDetails | null>;
	/** Where the claim `id` is shown, or null when the dataset has no such claim. */
	findClaim(id: string): Promise<ClaimPlace | null>;
	/** The source `id` with its text and the quotes placed in it; null for an unknown id. */
	readSource(id: string): Promise<SourceReading | null>;
	unlocated(limit: number): Promise<ClaimPage>;
	/** The clusters and points within `bounds` at `zoom`, with the filter's counts. */
	view(bounds: Bounds, zoom: number): Promise<MapFeature[]>;
	/** The zoom at which a cluster breaks apart. */
	clusterZoom(clusterId: number): Promise<number>;
	/**
	 * Reads the records of the dataset shown when only its summary is in. The page asks once its
	 * map is shown, so that the load does not compete with the first draw; any question the
	 * summary cannot answer starts it too.
	 */
	loadRecords(): Promise<void>;
	/** The claims that pass the filter, in a format; made in the worker, handed over as a Blob. */
	exportFile(format: ExportFormat, context: ExportContext): Promise<{ name: string; blob: Blob }>;
}

/** The same methods, each answering with a promise: what the page holds. */
export type DataClient = {
	[K in keyof DataApi]: (
		...args: Parameters<DataApi[K]>
	) => Promise<Awaited<ReturnType<DataApi[K]>>>;
};
