/** Colours the map and its legend share. Chosen to stay apart for common colour-vision deficiencies. */
import type { Status } from '../domain/vocabulary.ts';

export const STATUS_COLORS: Record<Status | 'none', string> = {
	verified: '#1b7837',
	corroborated: '#2166ac',
	unverified: '#e08214',
	disputed: '#762a83',
	false: '#b2182b',
	none: '#9ca3af'
};

export const BASEMAP_COLORS = {
	sea: '#dfe9f1',
	land: '#f7f5f0',
	coast: '#a7b8c8',
	border: '#c2b8ab',
	countryLabel: '#6b7280'
};

/** The font the page ships (@fontsource/noto-sans): labels need no glyph server. */
export const LABEL_FONT = 'Noto Sans';

/** A cluster's disc: a neutral slate, apart from every status colour, with white numbers on it. */
export const CLUSTER_COLOR = '#334155';
