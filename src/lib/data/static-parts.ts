/**
 * The built-in dataset as static files: the build writes it in the parts the browser stores
 * imports in (records in chunks of CHUNK_SIZE, source texts apart), each part a JSON file of a
 * few MB at most, so that no single string nears V8's limit at a million claims and nothing of it
 * is inline in the HTML. The data worker fetches and parses them, off the main thread.
 */
import type { Dataset } from '../domain/schema.ts';
import { PLACES_FILE, type PlaceSummary } from './place-summary.ts';
import type { Counts } from './protocol.ts';

/** The parts of a dataset held as arrays of records; `meta` is one chunk of one record. */
export const PARTS = ['meta', 'locations', 'actors', 'sources', 'claims'] as const;
export type Part = (typeof PARTS)[number];

/**
 * Records per chunk. A claim or a place is well under 1 KB as a rule, so a chunk is a few MB at
 * most: far below any browser's limit on one value (Chromium's private windows allow about
 * 128 MB), while a dataset of a million claims still takes only 200 values per part.
 */
export const CHUNK_SIZE = 5000;

export const STATIC_INDEX = 'index.json';

/** How many records of each kind: what the menu, the page's header and the parts' index say. */
export function countsOf(
	dataset: Pick<Dataset, 'locations' | 'claims' | 'actors' | 'sources'>
): Counts {
	return {
		locations: dataset.locations.length,
		claims: dataset.claims.length,
		actors: dataset.actors.length,
		sources: dataset.sources.length
	};
}

export interface StaticIndex {
	counts: Counts;
	/** Per part, how many chunk files it has: `<part>-<n>.json`. */
	chunks: Record<Part, number>;
	/** How many files of source texts: `texts-<n>.json`, each an object of source id to text. */
	texts: number;
}

/** Source texts per file: a source's text is an article, a few KB as a rule. */
const TEXTS_PER_FILE = 1000;

/**
 * The files of a dataset's static parts, by name, each as JSON text, with the summary the map
 * and the list are drawn from first (`place-summary.ts`).
 */
export function toStaticParts(
	dataset: Dataset,
	summary: PlaceSummary,
	chunkSize = CHUNK_SIZE
): Map<string, string> {
	const files = new Map<string, string>([[PLACES_FILE, JSON.stringify(summary)]]);
	const chunks = {} as Record<Part, number>;
	for (const part of PARTS) {
		const records: readonly unknown[] = part === 'meta' ? [dataset.meta] : dataset[part];
		let n = 0;
		for (let start = 0; start < records.length; start += chunkSize, n++)
			files.set(`${part}-${n}.json`, JSON.stringify(records.slice(start, start + chunkSize)));
		chunks[part] = n;
	}
	const ids = Object.keys(dataset.texts);
	let texts = 0;
	for (let start = 0; start < ids.length; start += TEXTS_PER_FILE, texts++) {
		const slice = ids.slice(start, start + TEXTS_PER_FILE);
		files.set(
			`texts-${texts}.json`,
			JSON.stringify(Object.fromEntries(slice.map((id) => [id, dataset.texts[id]])))
		);
	}
	const index: StaticIndex = {
		counts: countsOf(dataset),
		chunks,
		texts
	};
	files.set(STATIC_INDEX, JSON.stringify(index));
	return files;
}

type Fetch = (url: string) => Promise<Response>;

async function getJSON<T>(base: string, name: string, fetchFile: Fetch): Promise<T> {
	const response = await fetchFile(`${base}/${name}`);
	if (!response.ok)
		throw new Error(`the built-in dataset's file ${name} could not be loaded (${response.status})`);
	return (await response.json()) as T;
}

/** The summary of the places under `base`: one file, fetched before the rest. */
export function fetchPlaceSummary(base: string, fetchFile: Fetch = fetch): Promise<PlaceSummary> {
	return getJSON<PlaceSummary>(base, PLACES_FILE, fetchFile);
}

/** The dataset again from the files under `base`, fetched in parallel; throws if one is missing. */
export async function fetchStaticParts(base: string, fetchFile: Fetch = fetch): Promise<Dataset> {
	const get = <T>(name: string) => getJSON<T>(base, name, fetchFile);
	const index = await get<StaticIndex>(STATIC_INDEX);
	const part = async (name: Part) => {
		const chunks = await Promise.all(
			Array.from({ length: index.chunks[name] }, (_, n) => get<unknown[]>(`${name}-${n}.json`))
		);
		return chunks.flat();
	};
	const [meta, locations, actors, sources, claims, texts] = await Promise.all([
		part('meta'),
		part('locations'),
		part('actors'),
		part('sources'),
		part('claims'),
		Promise.all(
			Array.from({ length: index.texts }, (_, n) => get<Record<string, string>>(`texts-${n}.json`))
		)
	]);
	const dataset = {
		meta: meta[0],
		locations,
		actors,
		sources,
		claims,
		texts: Object.assign({}, ...texts)
	} as Dataset;
	for (const name of ['locations', 'actors', 'sources', 'claims'] as const) {
		if (dataset[name].length !== index.counts[name])
			throw new Error(`the built-in dataset's ${name} are incomplete`);
	}
	return dataset;
}
