/** The JSON Schema files published with the project, generated from the zod schema. */
import { z } from 'zod';
import { Actor, Claim, DatasetMeta, LocationFeature, Source } from './schema.ts';

/** File name → JSON Schema (draft 2020-12), one per dataset file. */
export function jsonSchemas(): Record<string, object> {
	const file = (name: string, title: string, schema: z.ZodType) => ({
		...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }),
		// Relative: it resolves against wherever the file is served from (the site serves /schema/).
		$id: name,
		title
	});
	return {
		'locations.schema.json': file(
			'locations.schema.json',
			'locations.geojson: an RFC 7946 FeatureCollection of Point features',
			z.object({
				type: z.literal('FeatureCollection'),
				features: z.array(LocationFeature),
				bbox: z.array(z.number()).optional()
			})
		),
		'actors.schema.json': file('actors.schema.json', 'actors.json: the claimants', z.array(Actor)),
		'sources.schema.json': file(
			'sources.schema.json',
			'sources.json: the documents claims are reported in (full text in sources/<id>.txt)',
			z.array(Source)
		),
		'claims.schema.json': file('claims.schema.json', 'claims.json: the claims', z.array(Claim)),
		'dataset.schema.json': file('dataset.schema.json', 'dataset.json (optional)', DatasetMeta)
	};
}
