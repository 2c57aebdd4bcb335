import { describe, expect, it } from 'vitest';
import { citation, claimReview, type CitedClaim } from './cite.ts';
import type { Actor, Claim, DatasetMeta, Source } from './schema.ts';

const meta: DatasetMeta = {
	name: 'Troops in the east',
	version: '1.2',
	creator: 'The Desk',
	license: 'CC BY 4.0'
};
const ministry: Actor = { id: 'mod', name: 'Ministry of Defence', kind: 'government' };
const spokesman: Actor = {
	id: 'spox',
	name: 'Ann Lee',
	kind: 'official',
	affiliation: 'State Department'
};
const article: Source = {
	id: 'article',
	title: 'Troops seen at base',
	publisher: 'The Paper',
	url: 'https://example.org/a',
	published: '2024-10-21',
	retrieved_on: '2024-10-22',
	language: 'en'
};
const undated: Source = {
	id: 'post',
	title: null,
	publisher: 'A channel',
	url: null,
	published: null,
	language: 'en',
	unknown: { published: 'the post is gone', title: 'a post has none' }
};

const claim = (over: Partial<Claim>): Claim => ({
	id: 'c1',
	claimant: 'mod',
	said_on: '2024-10-18',
	quote: 'The *troops* are [at] the base',
	quote_kind: 'direct',
	source: 'article',
	locations: ['base'],
	status: 'corroborated',
	...over
});
const context = { meta, permalink: 'https://maps.example/?claim=c1' };

describe('citation', () => {
	it('names who, when, the words, the status, the source, the dataset and the link', () => {
		const { text } = citation({ claim: claim({}), claimant: ministry, source: article }, context);
		expect(text).toBe(
			[
				'Ministry of Defence (government), said 18 October 2024:',
				'“The *troops* are [at] the base” (quote)',
				"Status: corroborated (Supported by an independent party, but not verified with evidence), in the dataset authors' judgement.",
				'Source: “Troops seen at base”, The Paper, published 21 October 2024, retrieved 22 October 2024, https://example.org/a.',
				'Dataset: Troops in the east, version 1.2, by The Desk, CC BY 4.0; claim c1.',
				'Link: https://maps.example/?claim=c1'
			].join('\n')
		);
	});

	it('escapes Markdown in the words, links the source, and keeps the quote a blockquote', () => {
		const { markdown } = citation(
			{ claim: claim({}), claimant: ministry, source: article },
			context
		);
		expect(markdown).toContain('> “The \\*troops\\* are \\[at\\] the base”');
		expect(markdown).toContain(
			'- Source: [Troops seen at base](<https://example.org/a>), The Paper'
		);
		expect(markdown).toContain('- Link: <https://maps.example/?claim=c1>');
	});

	it('a description is never in quotation marks, and says whose words it is', () => {
		const item: CitedClaim = {
			claim: claim({
				quote: undefined,
				quote_kind: undefined,
				description: 'The video shows a fire.'
			}),
			claimant: ministry,
			source: article
		};
		const { text, markdown } = citation(item, context);
		expect(text).toContain(
			'[described by the dataset’s authors, not a quote] The video shows a fire.'
		);
		expect(text).not.toContain('“The video');
		expect(markdown).not.toMatch(/^>/m);
	});

	it('an unknown date and unknown source fields read unknown, with the dataset’s reason', () => {
		const item: CitedClaim = {
			claim: claim({
				said_on: null,
				unknown: { said_on: 'the article gives no date' },
				source: 'post'
			}),
			claimant: spokesman,
			source: undated
		};
		const { text } = citation(item, { meta: { name: 'D' }, permalink: null });
		expect(text).toContain(
			'Ann Lee (official, State Department), date said unknown (the article gives no date):'
		);
		expect(text).toContain(
			'Source: “untitled (a post has none)”, A channel, date published unknown (the post is gone).'
		);
		expect(text).toContain('Dataset: D; claim c1.');
		expect(text).not.toContain('Link:');
	});

	it('a response says what it answers and its stance, apart from its status', () => {
		const item: CitedClaim = {
			claim: claim({
				id: 'r',
				responds_to: ['c1', 'c2'],
				stance: 'cannot_confirm',
				status: 'unverified'
			}),
			claimant: spokesman,
			source: article
		};
		const { text } = citation(item, context);
		expect(text).toContain('In response to c1, c2: cannot confirm');
		expect(text).toContain('Status: unverified');
	});
});

describe('claimReview', () => {
	it('rates a claim on the vocabulary’s scale, its claimant the Claim’s author', () => {
		const review = claimReview(
			{ claim: claim({ claimant: 'spox', status: 'false' }), claimant: spokesman, source: article },
			context
		);
		expect(review).toEqual({
			'@context': 'https://schema.org',
			'@type': 'ClaimReview',
			claimReviewed: 'The *troops* are [at] the base',
			itemReviewed: {
				'@type': 'Claim',
				author: {
					'@type': 'Person',
					name: 'Ann Lee',
					affiliation: { '@type': 'Organization', name: 'State Department' }
				},
				datePublished: '2024-10-18',
				appearance: {
					'@type': 'CreativeWork',
					headline: 'Troops seen at base',
					url: 'https://example.org/a',
					publisher: { '@type': 'Organization', name: 'The Paper' },
					datePublished: '2024-10-21',
					inLanguage: 'en'
				}
			},
			reviewRating: {
				'@type': 'Rating',
				ratingValue: 1,
				bestRating: 5,
				worstRating: 1,
				alternateName: 'False'
			},
			author: { '@type': 'Organization', name: 'The Desk' },
			isPartOf: { '@type': 'Dataset', name: 'Troops in the east', version: '1.2' },
			url: 'https://maps.example/?claim=c1'
		});
	});

	it('an unverified claim has no review: nobody has rated it', () => {
		const item = { claim: claim({ status: 'unverified' }), claimant: ministry, source: article };
		expect(claimReview(item, context)).toBeNull();
	});

	it('an unknown date is left out, never guessed', () => {
		const item = { claim: claim({ said_on: null }), claimant: ministry, source: undated };
		const review = claimReview(item, { meta: { name: 'D' }, permalink: null })!;
		expect(review.itemReviewed).toEqual({
			'@type': 'Claim',
			author: { '@type': 'Organization', name: 'Ministry of Defence' },
			appearance: {
				'@type': 'CreativeWork',
				publisher: { '@type': 'Organization', name: 'A channel' },
				inLanguage: 'en'
			}
		});
		expect(review).not.toHaveProperty('url');
		expect(review.author).toEqual({ '@type': 'Organization', name: 'D' });
	});
});
