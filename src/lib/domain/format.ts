/** Wording shared by the UI and the exports: dates, sources and unknown values. */
import type { Claim } from './schema.ts';

/** The month names the app writes dates with, January first. */
export const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** `2024-10-18` → `18 October 2024`; `2024-10` → `October 2024`. */
export function formatPartialDate(date: string): string {
	const [y, m, d] = date.split('-');
	const month = MONTHS[Number(m) - 1] ?? m;
	return d === undefined ? `${month} ${y}` : `${Number(d)} ${month} ${y}`;
}

export interface KnownOrNot {
	/** The value, or null when the dataset records it as unknown. */
	value: string | null;
	/** Why it is unknown, when the dataset says. */
	reason?: string;
}

export function saidOn(claim: Claim): KnownOrNot {
	return claim.said_on === null
		? { value: null, reason: claim.unknown?.said_on }
		: { value: formatPartialDate(claim.said_on) };
}

/** What a claim says, in the words it is stated in: its quote, or (format 2) the dataset
 * author's description, which is never to be shown as a quote. */
export function claimContent(claim: Pick<Claim, 'quote' | 'description'>): string {
	return claim.quote ?? claim.description ?? '';
}

/** The URL if it is http(s), else null: the only links the app renders. */
export function httpUrl(url: string | null | undefined): string | null {
	if (!url) return null;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
	} catch {
		return null;
	}
}

/** `international_organization` → `international organization`. */
export function words(token: string): string {
	return token.replaceAll('_', ' ');
}

/** `Café “Nord”, 2024` → `cafe-nord-2024`: for ids and file names made from a name. */
export function slugify(text: string, maxLength = 60): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, maxLength)
		.replace(/-$/, '');
}
