/**
 * Facets and numeric fields a dataset defines for itself in `dataset.json` (a monitor's weapon
 * system, type of area, casualty figures), and the values its records carry under `tags` and
 * `numbers`. The filter index, the panel, the URL and the exports read them through here, with no
 * code per dataset.
 */
import { tagKey } from './claim-filter.ts';
import type {
	Claim,
	DatasetMeta,
	FacetDeclaration,
	LocationFeature,
	NumberDeclaration,
	Tags
} from './schema.ts';

export type AppliesTo = FacetDeclaration['applies_to'];

export function declaredFacets(meta: DatasetMeta): readonly FacetDeclaration[] {
	return meta.facets ?? [];
}

export function declaredNumbers(meta: DatasetMeta): readonly NumberDeclaration[] {
	return meta.numbers ?? [];
}

/** A record's values of one facet, as a list whatever the facet's arity. */
export function tagValues(tags: Tags | undefined, facet: string): readonly string[] {
	const value = tags?.[facet];
	if (value === undefined) return [];
	return typeof value === 'string' ? [value] : value;
}

/** The tags and numbers of a claim or a location, wherever the record keeps them. */
export function taggedOf(record: Claim | LocationFeature): Pick<Claim, 'tags' | 'numbers'> {
	return 'properties' in record ? record.properties : record;
}

export { tagKey };
/** `number.killed`: the export's column of a numeric field (as `tag.weapon` is a facet's). */
export const numberKey = (field: string): string => `number.${field}`;

/** How a number is written in the panel and the CSV: as recorded, or "unknown" for null. */
export const UNKNOWN_NUMBER = 'unknown';

export function formatNumber(value: number | null, unit?: string): string {
	if (value === null) return UNKNOWN_NUMBER;
	const text = value.toLocaleString('en-GB', { maximumFractionDigits: 6 });
	return unit ? `${text} ${unit}` : text;
}

/** Ids repeated among the declarations: the filter, the URL and the exports could not tell them apart. */
export function declarationProblems(meta: DatasetMeta): { field: string; message: string }[] {
	const problems: { field: string; message: string }[] = [];
	// Facets and numbers share the URL's and the exports' names: one id may mean one of them.
	const seen = new Map<string, string>();
	const claim = (id: string, field: string) => {
		const first = seen.get(id);
		if (first !== undefined)
			problems.push({
				field,
				message: `duplicate id ${JSON.stringify(id)}: already used by ${first}`
			});
		else seen.set(id, field);
	};
	declaredFacets(meta).forEach((facet, i) => {
		claim(facet.id, `facets[${i}].id`);
		const values = new Set<string>();
		facet.values.forEach((value, j) => {
			if (values.has(value.id))
				problems.push({
					field: `facets[${i}].values[${j}].id`,
					message: `duplicate value ${JSON.stringify(value.id)} in facet ${JSON.stringify(facet.id)}`
				});
			values.add(value.id);
		});
	});
	declaredNumbers(meta).forEach((field, i) => claim(field.id, `numbers[${i}].id`));
	return problems;
}

interface Declared {
	facets: Map<string, { applies_to: AppliesTo; multiple: boolean; values: Set<string> }>;
	numbers: Map<string, AppliesTo>;
}

export function declared(meta: DatasetMeta): Declared {
	return {
		facets: new Map(
			declaredFacets(meta).map((f) => [
				f.id,
				{
					applies_to: f.applies_to,
					multiple: f.multiple === true,
					values: new Set(f.values.map((v) => v.id))
				}
			])
		),
		numbers: new Map(declaredNumbers(meta).map((n) => [n.id, n.applies_to]))
	};
}

/**
 * What is wrong with one record's `tags` and `numbers` against the declarations: a facet or field
 * not declared, or declared for the other kind of record; one value for a facet that takes
 * several is fine as a list, several for a facet that takes one are not; a value not declared.
 * The shapes themselves are the schema's to report; `prefix` is where the record keeps them.
 */
export function taggedProblems(
	record: { tags?: unknown; numbers?: unknown },
	kind: AppliesTo,
	decl: Declared,
	prefix: string
): { field: string; message: string }[] {
	const problems: { field: string; message: string }[] = [];
	const other = kind === 'claims' ? 'locations' : 'claims';
	if (isObject(record.tags)) {
		for (const [id, value] of Object.entries(record.tags)) {
			const field = `${prefix}tags.${id}`;
			const facet = decl.facets.get(id);
			if (!facet) {
				problems.push({
					field,
					message: `no facet ${JSON.stringify(id)} is declared in dataset.json "facets"`
				});
				continue;
			}
			if (facet.applies_to !== kind) {
				problems.push({
					field,
					message: `facet ${JSON.stringify(id)} is declared for ${other}, not ${kind}`
				});
				continue;
			}
			if (Array.isArray(value) && !facet.multiple && value.length > 1)
				problems.push({
					field,
					message: `facet ${JSON.stringify(id)} takes one value (declare "multiple": true for several)`
				});
			const values = Array.isArray(value) ? value : [value];
			const once = new Set<unknown>();
			values.forEach((v, i) => {
				if (typeof v !== 'string') return;
				const at = Array.isArray(value) ? `${field}[${i}]` : field;
				if (once.has(v)) problems.push({ field: at, message: `${JSON.stringify(v)} is repeated` });
				once.add(v);
				if (!facet.values.has(v))
					problems.push({
						field: at,
						message: `${JSON.stringify(v)} is not a value of facet ${JSON.stringify(id)} in dataset.json`
					});
			});
		}
	}
	if (isObject(record.numbers)) {
		for (const id of Object.keys(record.numbers)) {
			const field = `${prefix}numbers.${id}`;
			const appliesTo = decl.numbers.get(id);
			if (appliesTo === undefined)
				problems.push({
					field,
					message: `no numeric field ${JSON.stringify(id)} is declared in dataset.json "numbers"`
				});
			else if (appliesTo !== kind)
				problems.push({
					field,
					message: `numeric field ${JSON.stringify(id)} is declared for ${other}, not ${kind}`
				});
		}
	}
	return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface TaggedLine {
	/** The facet's or field's label. */
	label: string;
	/** Its value labels, or the figure as written (`unknown` for null, with the unit). */
	value: string;
	/** A figure recorded as unknown: shown as such, never as zero. */
	unknown?: boolean;
}

/** A record's facet values and figures in the declared order, with their labels, for the panel. */
export function describeTagged(
	meta: DatasetMeta,
	record: Pick<Claim, 'tags' | 'numbers'>,
	kind: AppliesTo
): TaggedLine[] {
	const lines: TaggedLine[] = [];
	for (const facet of declaredFacets(meta)) {
		if (facet.applies_to !== kind) continue;
		const values = tagValues(record.tags, facet.id);
		if (!values.length) continue;
		const labels = new Map(facet.values.map((v) => [v.id, v.label]));
		lines.push({ label: facet.label, value: values.map((v) => labels.get(v) ?? v).join(', ') });
	}
	for (const field of declaredNumbers(meta)) {
		if (field.applies_to !== kind || !record.numbers || !(field.id in record.numbers)) continue;
		const value = record.numbers[field.id]!;
		lines.push({
			label: field.label,
			value: formatNumber(value, field.unit),
			...(value === null ? { unknown: true } : {})
		});
	}
	return lines;
}
