/**
 * Seeded synthetic datasets for the benchmarks: valid by construction (every reference resolves,
 * every quote is in its source text), shaped like real reporting: about ten claims a source, one
 * to three places a claim, one claim in ten a response.
 */
import type { Actor, Claim, LocationFeature, Source } from '../../src/lib/domain/schema.ts';
import { STATUSES, STANCES, ACTOR_KINDS } from '../../src/lib/domain/vocabulary.ts';

export const SIZES = {
	S: { locations: 1_000, claims: 10_000 },
	M: { locations: 10_000, claims: 100_000 },
	L: { locations: 100_000, claims: 1_000_000 }
} as const;
export type SizeName = keyof typeof SIZES;

/** mulberry32: small, fast and good enough to make the same dataset on every run. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS =
	'troops soldiers convoy base seen reported moving near training ground video officials said according units arrived equipment artillery'.split(
		' '
	);
const FILLER =
	'The report could not be independently verified. Officials declined to comment on the matter. ';

export interface SyntheticDataset {
	locations: LocationFeature[];
	actors: Actor[];
	sources: Source[];
	claims: Claim[];
	texts: Record<string, string>;
}

export function generateDataset(size: SizeName, seed = 1): SyntheticDataset {
	const { locations: nLoc, claims: nClaims } = SIZES[size];
	const rnd = random(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	const int = (n: number) => Math.floor(rnd() * n);

	const locations: LocationFeature[] = [];
	for (let i = 0; i < nLoc; i++) {
		locations.push({
			type: 'Feature',
			id: `loc-${i}`,
			geometry: { type: 'Point', coordinates: [round(rnd() * 360 - 180), round(rnd() * 170 - 85)] },
			properties: {
				name: `Place ${i}`,
				alt_names: i % 5 === 0 ? [`Plac ${i}`] : [],
				kind: pick(['city', 'military base', 'training ground', 'region']),
				admin1: i % 3 === 0 ? null : `Province ${i % 97}`,
				country: pick(['RU', 'UA', 'KR', 'KP', 'US', 'DE', 'PL']),
				precision: pick(['site', 'settlement', 'region'] as const),
				coord_source: `GeoNames ${1_000_000 + i}`
			}
		});
	}
	const actors: Actor[] = [];
	const nActors = Math.max(50, Math.floor(nClaims / 200));
	for (let i = 0; i < nActors; i++) {
		actors.push({
			id: `actor-${i}`,
			name: `Actor ${i}`,
			kind: pick(ACTOR_KINDS),
			country: pick(['RU', 'UA', 'US'])
		});
	}
	const nSources = Math.max(1, Math.floor(nClaims / 10));
	const sources: Source[] = [];
	const sentences: string[][] = [];
	for (let i = 0; i < nSources; i++) {
		sources.push({
			id: `source-${i}`,
			title: `Report ${i}`,
			publisher: `Publisher ${i % 40}`,
			url: `https://news.example.org/${i}`,
			published: `2024-${pad(1 + (i % 12))}-28`,
			language: 'en'
		});
		sentences.push([]);
	}
	const claims: Claim[] = [];
	for (let i = 0; i < nClaims; i++) {
		const s = i % nSources;
		const month = 1 + (s % 12);
		const words = Array.from({ length: 8 + int(8) }, () => pick(WORDS)).join(' ');
		const quote = `Claim ${i}: ${words} at place ${int(nLoc)}, they said.`;
		sentences[s]!.push(quote);
		const nPlaces = int(10) === 0 ? 0 : 1 + int(3);
		const isResponse = i % 10 === 9;
		claims.push({
			id: `claim-${i}`,
			claimant: `actor-${int(nActors)}`,
			said_on: `2024-${pad(month)}-${pad(1 + int(27))}`,
			quote,
			quote_kind: rnd() < 0.5 ? 'direct' : 'reported',
			source: `source-${s}`,
			locations: Array.from({ length: nPlaces }, () => `loc-${int(nLoc)}`).filter(
				(v, j, a) => a.indexOf(v) === j
			),
			status: pick(STATUSES),
			...(isResponse
				? { responds_to: `claim-${i - 1 - int(Math.min(i, 8))}`, stance: pick(STANCES) }
				: {})
		});
	}
	const texts: Record<string, string> = {};
	for (let i = 0; i < nSources; i++)
		texts[`source-${i}`] = FILLER + sentences[i]!.join(' ') + ' ' + FILLER;
	return { locations, actors, sources, claims, texts };
}

function round(x: number) {
	return Math.round(x * 1e4) / 1e4;
}
function pad(n: number) {
	return String(n).padStart(2, '0');
}
