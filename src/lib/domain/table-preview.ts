/**
 * What the mapping preview shows: the first rows of a table as a mapping would import them, each
 * row as the claim, place and values it becomes, with the problems those rows have. The same
 * `tableToDataset` as the import, on a slice of the rows: what the preview shows is what comes in.
 */
import { describeTagged, type TaggedLine } from './facets.ts';
import type { DatasetIssue } from './issues.ts';
import type { Table } from './table.ts';
import type { TableMapping } from './table-mapping.ts';
import { tableToDataset, type TableImportOptions } from './table-import.ts';

export interface PreviewRow {
	/** `row 5`, `data[3]`. */
	label: string;
	/** The place's name and point (`48.5000, 35.1000`), or null for a claim tied to no place. */
	place: { name: string; at: string } | null;
	occurred: string | null;
	said_on: string | null;
	/** The claim's text, and whether it is a verbatim quote or the table author's description. */
	text: string;
	textKind: 'quote' | 'description';
	claimant: string;
	/** How many evidence items, and how many of them are links. */
	evidence: number;
	/** The row's facet values and figures, by label. */
	values: TaggedLine[];
}

export interface TablePreview {
	rows: PreviewRow[];
	/** Of the previewed rows only: the whole table is checked when it is imported. */
	errors: DatasetIssue[];
	warnings: DatasetIssue[];
}

export function previewTable(
	table: Table,
	mapping: TableMapping,
	options: TableImportOptions,
	count: number
): TablePreview {
	const slice = { ...table, rows: table.rows.slice(0, count) };
	const result = tableToDataset(slice, mapping, options);
	const dataset = result.dataset;
	if (!dataset) return { rows: [], errors: result.errors, warnings: result.warnings };
	const places = new Map(dataset.locations.map((l) => [l.id, l]));
	const actors = new Map(dataset.actors.map((a) => [a.id, a.name]));
	const rows = dataset.claims.map((claim, i): PreviewRow => {
		const place = claim.locations.length ? places.get(claim.locations[0]!) : undefined;
		const [lon, lat] = place?.geometry.coordinates ?? [];
		return {
			label: slice.rows[i]!.label,
			place: place
				? { name: place.properties.name, at: `${lat!.toFixed(4)}, ${lon!.toFixed(4)}` }
				: null,
			occurred: claim.occurred ?? null,
			said_on: claim.said_on,
			text: claim.quote ?? claim.description ?? '',
			textKind: claim.quote !== undefined ? 'quote' : 'description',
			claimant: actors.get(claim.claimant) ?? claim.claimant,
			evidence: claim.evidence?.length ?? 0,
			values: describeTagged(dataset.meta, claim, 'claims')
		};
	});
	return { rows, errors: result.errors, warnings: result.warnings };
}
