/**
 * One claim as a reader cites it: a citation in plain text and in Markdown, and a schema.org
 * ClaimReview. Each says who said it, when, in which words (or, for a description, that the words
 * are the dataset authors'), how well it is established, where it was said and in which dataset,
 * and never more: an unrated claim gets no ClaimReview, an unknown field reads "unknown" with the
 * dataset's reason.
 *
 * The ClaimReview's type is schema.org's own (`schema-dts`, Google's typings generated from the
 * schema.org vocabulary), so that a property schema.org does not define fails the type check.
 */
import type { ClaimReview, CreativeWork, Organization, Person, WithContext } from 'schema-dts';
import { claimContent, formatPartialDate, words } from './format.ts';
import { respondsTo } from './responses.ts';
import type { Actor, Claim, DatasetMeta, Source } from './schema.ts';
import { STANCE_LABELS, STATUS_TERMS } from './terms.ts';

/** A claim with the records it cites, as the panel holds it. */
export interface CitedClaim {
	claim: Claim;
	claimant: Actor | null;
	source: Source | null;
}

export interface CiteContext {
	meta: DatasetMeta;
	/** The claim's link in the app (`…?claim=<id>`); null when there is none to give. */
	permalink: string | null;
}

export interface Citation {
	text: string;
	markdown: string;
}

/** The claim's link in the app: the dataset's `link` with `claim=<id>`, or null without one. */
export function claimLink(link: string | undefined, id: string): string | null {
	if (!link) return null;
	const url = new URL(link);
	url.searchParams.set('claim', id);
	return url.href;
}

/** A reason as a parenthesis: " (the article gives no date)", without its full stop. */
const because = (reason: string | undefined): string =>
	reason ? ` (${reason.trim().replace(/\.$/, '')})` : '';

const said = (claim: Claim): string =>
	claim.said_on !== null
		? `said ${formatPartialDate(claim.said_on)}`
		: `date said unknown${because(claim.unknown?.said_on)}`;

const claimantName = ({ claim, claimant }: CitedClaim): string =>
	claimant
		? `${claimant.name} (${words(claimant.kind)}${claimant.affiliation ? `, ${claimant.affiliation}` : ''})`
		: claim.claimant;

/** The source's fields, each known or said unknown; its URL apart, for a link. */
function sourceParts(source: Source | null): { title: string; rest: string[]; url: string | null } {
	if (!source) return { title: 'source missing from the dataset', rest: [], url: null };
	const why = (field: string) => because(source.unknown?.[field as keyof typeof source.unknown]);
	const rest = [
		source.publisher ?? `publisher unknown${why('publisher')}`,
		source.published
			? `published ${formatPartialDate(source.published)}`
			: `date published unknown${why('published')}`
	];
	if (source.retrieved_on) rest.push(`retrieved ${formatPartialDate(source.retrieved_on)}`);
	return {
		title: source.title ?? `untitled${why('title')}`,
		rest,
		url: source.url
	};
}

const datasetLine = (meta: DatasetMeta): string =>
	[
		meta.name,
		meta.version ? `version ${meta.version}` : null,
		meta.creator ? `by ${meta.creator}` : null,
		meta.license ?? null
	]
		.filter(Boolean)
		.join(', ');

const statusLine = (claim: Claim): string =>
	`${claim.status} (${STATUS_TERMS[claim.status].definition.replace(/\.$/, '')}), in the dataset authors' judgement`;

/** What the claim says, introduced as what it is: a quote of a kind, or a description. */
function content(claim: Claim): { intro: string; words: string } {
	if (claim.quote !== undefined) {
		return {
			intro: claim.quote_kind === 'reported' ? 'reported quote (the source’s words)' : 'quote',
			words: claim.quote
		};
	}
	return { intro: 'described by the dataset’s authors, not a quote', words: claimContent(claim) };
}

const response = (claim: Claim): string | null =>
	claim.stance
		? `In response to ${respondsTo(claim).join(', ')}: ${STANCE_LABELS[claim.stance].toLowerCase()}`
		: null;

export function citation(item: CitedClaim, context: CiteContext): Citation {
	const { claim } = item;
	const what = content(claim);
	const source = sourceParts(item.source);
	const answer = response(claim);

	const text = [
		`${claimantName(item)}, ${said(claim)}:`,
		claim.quote !== undefined ? `“${what.words}” (${what.intro})` : `[${what.intro}] ${what.words}`,
		...(answer ? [answer] : []),
		`Status: ${statusLine(claim)}.`,
		`Source: ${[`“${source.title}”`, ...source.rest, ...(source.url ? [source.url] : [])].join(', ')}.`,
		`Dataset: ${datasetLine(context.meta)}; claim ${claim.id}.`,
		...(context.permalink ? [`Link: ${context.permalink}`] : [])
	].join('\n');

	const title = source.url ? `[${md(source.title)}](<${source.url}>)` : md(`“${source.title}”`);
	const markdown = [
		`**${md(claimantName(item))}**, ${md(said(claim))}:`,
		'',
		claim.quote !== undefined ? `> “${md(what.words)}”` : `*${md(what.intro)}:* ${md(what.words)}`,
		'',
		...(claim.quote !== undefined ? [`(${md(what.intro)})`, ''] : []),
		...(answer ? [`- ${md(answer)}`] : []),
		`- Status: ${md(statusLine(claim))}`,
		`- Source: ${[title, ...source.rest.map(md)].join(', ')}`,
		`- Dataset: ${md(datasetLine(context.meta))}; claim \`${claim.id}\``,
		...(context.permalink ? [`- Link: <${context.permalink}>`] : [])
	].join('\n');
	return { text, markdown };
}

/** Markdown's own characters, escaped so that a quote reads as written. */
function md(text: string): string {
	return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

const PEOPLE = new Set(['official']);

function actor(item: CitedClaim): Person | Organization {
	const name = item.claimant?.name ?? item.claim.claimant;
	if (item.claimant && PEOPLE.has(item.claimant.kind)) {
		return {
			'@type': 'Person',
			name,
			...(item.claimant.affiliation
				? { affiliation: { '@type': 'Organization', name: item.claimant.affiliation } }
				: {})
		};
	}
	return { '@type': 'Organization', name };
}

function appearance(source: Source | null): CreativeWork | null {
	if (!source) return null;
	const work: CreativeWork = { '@type': 'CreativeWork' };
	if (source.title) work.headline = source.title;
	if (source.url) work.url = source.url;
	if (source.publisher) work.publisher = { '@type': 'Organization', name: source.publisher };
	if (source.published) work.datePublished = source.published;
	if (source.language) work.inLanguage = source.language;
	return work;
}

/**
 * The claim as schema.org ClaimReview, rated on the 1–5 scale of `docs/vocabulary.md`; null for
 * a claim whose status has no rating (an unverified claim has been reviewed by nobody).
 */
export function claimReview(
	item: CitedClaim,
	context: CiteContext
): WithContext<ClaimReview> | null {
	const { claim } = item;
	const rating = STATUS_TERMS[claim.status].claimReview;
	if (!rating) return null;
	const seen = appearance(item.source);
	const review: WithContext<ClaimReview> = {
		'@context': 'https://schema.org',
		'@type': 'ClaimReview',
		claimReviewed: claimContent(claim),
		itemReviewed: {
			'@type': 'Claim',
			author: actor(item),
			...(claim.said_on ? { datePublished: claim.said_on } : {}),
			...(seen ? { appearance: seen } : {})
		},
		reviewRating: {
			'@type': 'Rating',
			ratingValue: rating.ratingValue,
			bestRating: 5,
			worstRating: 1,
			alternateName: rating.alternateName
		},
		author: { '@type': 'Organization', name: context.meta.creator ?? context.meta.name },
		isPartOf: {
			'@type': 'Dataset',
			name: context.meta.name,
			// Not its licence: schema.org's `license` is a URL or a work, and ours is prose.
			...(context.meta.version ? { version: context.meta.version } : {})
		},
		...(context.permalink ? { url: context.permalink } : {})
	};
	return review;
}
