import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schema.ts';
import { PRECISION_TERMS, STATUS_TERMS } from './terms.ts';
import { ACTOR_KINDS, EVIDENCE_KINDS, QUOTE_KINDS, STANCES } from './vocabulary.ts';

describe('the published JSON Schema', () => {
	it.each(Object.keys(jsonSchemas()))(
		'static/schema/%s is what the zod schema generates (run `npm run schema`)',
		async (name) => {
			const published = JSON.parse(await readFile(`static/schema/${name}`, 'utf8'));
			expect(published).toEqual(JSON.parse(JSON.stringify(jsonSchemas()[name])));
		}
	);

	it('carries the status vocabulary', () => {
		const claims = jsonSchemas()['claims.schema.json'] as {
			items: { properties: { status: { enum: string[] } } };
		};
		expect(claims.items.properties.status.enum).toEqual(Object.keys(STATUS_TERMS));
	});
});

describe('docs/vocabulary.md', () => {
	it('defines every term with the words the code uses', async () => {
		const doc = (await readFile('docs/vocabulary.md', 'utf8')).replace(/\s+/g, ' ');
		for (const [status, term] of Object.entries(STATUS_TERMS)) {
			expect(doc).toContain(`\`${status}\``);
			expect(doc).toContain(term.definition);
			if (term.claimReview)
				expect(doc).toContain(
					`${term.claimReview.ratingValue}, "${term.claimReview.alternateName}"`
				);
		}
		for (const [precision, term] of Object.entries(PRECISION_TERMS)) {
			expect(doc).toContain(`| \`${precision}\``);
			expect(doc).toContain(term.definition);
		}
		for (const word of [...STANCES, ...QUOTE_KINDS, ...ACTOR_KINDS, ...EVIDENCE_KINDS])
			expect(doc).toContain(`\`${word}\``);
	});
});
