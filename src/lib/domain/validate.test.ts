import { describe, expect, it } from 'vitest';
import { validateFolder } from '../../../scripts/read-dataset.ts';
import {
	actor,
	claim,
	datasetParts,
	described,
	location,
	TEXT,
	source,
	type DatasetParts
} from '../test-data/factories.ts';
import { formatIssue } from './issues.ts';
import {
	datasetFiles,
	MAX_RESPONSE_DEPTH,
	validateDataset,
	type DatasetFiles
} from './validate.ts';

function errorsOf(files: DatasetFiles): string[] {
	return validateDataset(files).errors.map(formatIssue);
}
function errorsFor(over: Partial<DatasetParts>): string[] {
	return errorsOf(datasetFiles(datasetParts(over)));
}
function warningsFor(over: Partial<DatasetParts>): string[] {
	return validateDataset(datasetFiles(datasetParts(over))).warnings.map(formatIssue);
}

describe('the seed dataset', () => {
	it('is valid, with no warning', async () => {
		const result = await validateFolder('geodata');
		expect(result.errors.map(formatIssue)).toEqual([]);
		expect(result.warnings.map(formatIssue)).toEqual([]);
		expect(result.dataset?.locations.map((l) => l.id)).toHaveLength(5);
	});

	it('records the five places at the coordinates the issue gives', async () => {
		const { dataset } = await validateFolder('geodata');
		const at = Object.fromEntries(dataset!.locations.map((l) => [l.id, l.geometry.coordinates]));
		expect(at).toEqual({
			vladivostok: [131.8735, 43.1056],
			ussuriysk: [131.9458, 43.8029],
			khabarovsk: [135.0838, 48.4827],
			blagoveshchensk: [127.5405, 50.2796],
			'sergiyevsky-training-ground': [131.6686, 44.3269]
		});
	});
});

describe('a minimal dataset', () => {
	it('is valid and comes back unchanged', () => {
		const parts = datasetParts();
		const { dataset, errors } = validateDataset(datasetFiles(parts));
		expect(errors).toEqual([]);
		expect(dataset?.claims).toEqual(parts.claims);
		expect(dataset?.locations).toEqual(parts.locations);
		expect(dataset?.meta.name).toBe('Untitled dataset');
	});

	it('accepts a byte-order mark and CRLF line ends', () => {
		const files = datasetFiles(datasetParts());
		for (const name of Object.keys(files))
			files[name] = '\uFEFF' + files[name]!.replaceAll('\n', '\r\n');
		files['claims.json'] =
			'\uFEFF' + JSON.stringify([claim('c1')], null, 2).replaceAll('\n', '\r\n');
		expect(errorsOf(files)).toEqual([]);
	});

	it('keeps a claim that names no place', () => {
		const { dataset } = validateDataset(
			datasetFiles(datasetParts({ claims: [claim('c1', { locations: [] })] }))
		);
		expect(dataset?.claims).toHaveLength(1);
	});
});

describe('file-level errors', () => {
	it('gives line and column for a JSON syntax error', () => {
		const files = datasetFiles(datasetParts());
		files['actors.json'] = '[\n  {"id": "a1",\n  }\n]';
		expect(errorsOf(files)).toEqual([
			'actors.json: line 3 column 3: invalid JSON: expected a property name in double quotes'
		]);
	});

	it('says when a file is empty', () => {
		const files = datasetFiles(datasetParts());
		files['claims.json'] = '  \n';
		expect(errorsOf(files)).toEqual([
			'claims.json: line 2 column 1: invalid JSON: the file is empty'
		]);
	});

	it('says when a file is missing', () => {
		const files = datasetFiles(datasetParts());
		delete files['sources.json'];
		expect(errorsOf(files)).toContain('sources.json: the file is missing');
	});

	it('needs a FeatureCollection in locations.geojson and arrays elsewhere', () => {
		const files = datasetFiles(datasetParts());
		files['locations.geojson'] = JSON.stringify({ type: 'Feature', features: [] });
		files['actors.json'] = '{}';
		expect(errorsOf(files)).toEqual([
			'locations.geojson: field "type": expected one of "FeatureCollection"; got "Feature"',
			'actors.json: expected an array of actor records, got an object'
		]);
	});

	it('checks nothing against a file it could not read, so one mistake gives one error', () => {
		const files = datasetFiles(datasetParts());
		files['locations.geojson'] = 'not json';
		expect(errorsOf(files)).toEqual([
			'locations.geojson: line 1 column 1: invalid JSON: unexpected character'
		]);
	});
});

describe('record-level schema errors name the record and the field', () => {
	it('a missing field, a wrong type, a bad word, an unknown field', () => {
		const bad = { ...claim('c1'), status: 'likely', confidence: true } as Record<string, unknown>;
		delete bad.claimant;
		expect(errorsFor({ claims: [bad] })).toEqual([
			'claims.json: claim "c1" field "claimant": missing: expected a string',
			'claims.json: claim "c1" field "status": expected one of "verified", "corroborated", "unverified", "disputed", "false"; got "likely"',
			'claims.json: claim "c1" field "confidence": unknown field: not in the schema'
		]);
	});

	it('a record without an id is named by its index', () => {
		const { id: _id, ...noId } = actor('a2');
		expect(errorsFor({ actors: [actor('a1'), noId] })).toEqual([
			'actors.json: actor at index 1 field "id": missing: expected a string'
		]);
	});

	it('ids are URL-safe slugs', () => {
		expect(errorsFor({ actors: [actor('a1'), actor('Bad Id')] })).toEqual([
			'actors.json: actor "Bad Id" field "id": expected a slug: lowercase letters, digits and single hyphens, got "Bad Id"'
		]);
	});

	it('codes CLDR knows but ISO 3166-1 does not, and unknown languages, are refused', () => {
		expect(
			errorsFor({
				actors: [actor('a1', { country: 'EU' }), actor('a2', { country: 'XK' })],
				sources: [source('s1', { language: 'xx' })]
			})
		).toEqual([
			'actors.json: actor "a1" field "country": expected a known ISO 3166-1 alpha-2 code, got "EU"',
			'actors.json: actor "a2" field "country": expected a known ISO 3166-1 alpha-2 code, got "XK"',
			'sources.json: source "s1" field "language": expected a BCP 47 language tag such as "en", got "xx"'
		]);
	});

	it('country codes are known ISO 3166-1 alpha-2 codes; languages are BCP 47', () => {
		expect(
			errorsFor({
				actors: [actor('a1', { country: 'XX' })],
				sources: [source('s1', { language: 'english!' })]
			})
		).toEqual([
			'actors.json: actor "a1" field "country": expected a known ISO 3166-1 alpha-2 code, got "XX"',
			'sources.json: source "s1" field "language": expected a BCP 47 language tag such as "en", got "english!"'
		]);
	});
});

describe('unique ids in each file', () => {
	it.each([
		['locations.geojson', 'location', { locations: [location('l1'), location('l1')] }],
		['actors.json', 'actor', { actors: [actor('a1'), actor('a1')] }],
		['sources.json', 'source', { sources: [source('s1'), source('s1')] }],
		['claims.json', 'claim', { claims: [claim('c1'), claim('c1')] }]
	] as const)('%s', (file, kind, over) => {
		const id = kind[0] + '1';
		expect(errorsFor(over)).toEqual([
			`${file}: ${kind} "${id}" (at index 1) field "id": duplicate id: already used by the ${kind} at index 0`
		]);
	});
});

describe('references resolve', () => {
	it('claimant, source, each location and responds_to', () => {
		const claims = [
			claim('c1', { claimant: 'nobody', source: 'nothing', locations: ['l1', 'vladivostock'] }),
			claim('c2', { responds_to: 'c9', stance: 'disputes' })
		];
		expect(errorsFor({ claims })).toEqual([
			'claims.json: claim "c1" field "claimant": unknown actor "nobody": not in actors.json',
			'claims.json: claim "c1" field "source": unknown source "nothing": not in sources.json',
			'claims.json: claim "c1" field "locations[1]": unknown location "vladivostock": not in locations.geojson',
			'claims.json: claim "c2" field "responds_to": unknown claim "c9"'
		]);
	});

	it('are checked on records the schema rejected too', () => {
		const claims = [claim('c1', { status: 'maybe' as 'false', locations: ['gone'] })];
		const errors = errorsFor({ claims });
		expect(errors).toHaveLength(2);
		expect(errors[1]).toBe(
			'claims.json: claim "c1" field "locations[0]": unknown location "gone": not in locations.geojson'
		);
	});

	it('warns when a claim lists the same place twice', () => {
		expect(warningsFor({ claims: [claim('c1', { locations: ['l1', 'l1'] })] })).toEqual([
			'warning: claims.json: claim "c1" field "locations[1]": location "l1" is listed twice'
		]);
	});
});

describe('responses', () => {
	it('stance is present exactly when responds_to is', () => {
		const claims = [
			claim('c1'),
			claim('c2', { responds_to: 'c1' }),
			claim('c3', { stance: 'denies' })
		];
		expect(errorsFor({ claims })).toEqual([
			'claims.json: claim "c2" field "stance": missing: a response (responds_to) needs a stance',
			'claims.json: claim "c3" field "stance": a stance is given but responds_to is not: say which claim it answers'
		]);
	});

	it('a claim cannot answer itself, nor can responses form a ring', () => {
		const claims = [
			claim('c1', { responds_to: 'c1', stance: 'supports' }),
			claim('c2', { responds_to: 'c3', stance: 'supports' }),
			claim('c3', { responds_to: 'c2', stance: 'denies' })
		];
		expect(errorsFor({ claims })).toEqual([
			'claims.json: claim "c1" field "responds_to": a claim cannot respond to itself',
			'claims.json: claim "c2" field "responds_to": responses form a cycle: c2 → c3 → c2'
		]);
	});

	it('a response to a response is fine', () => {
		const claims = [
			claim('c1'),
			claim('c2', { responds_to: 'c1', stance: 'denies' }),
			claim('c3', { responds_to: 'c2', stance: 'cannot_confirm' })
		];
		expect(errorsFor({ claims })).toEqual([]);
	});
});

describe('coordinates', () => {
	it('longitude in [-180, 180], latitude in [-90, 90]', () => {
		const locations = [location('l1', {}, [181, 10]), location('l2', {}, [10, 95])];
		expect(errorsFor({ locations, claims: [] })).toEqual([
			'locations.geojson: location "l1" field "geometry.coordinates[0]": expected a longitude in [-180, 180], got 181',
			'locations.geojson: location "l2" field "geometry.coordinates[1]": expected a latitude in [-90, 90], got 95 (longitude and latitude look swapped: GeoJSON order is [longitude, latitude])'
		]);
	});

	it('coordinates as strings, a LineString, a feature with no geometry', () => {
		const strings = location('l1');
		(strings.geometry as { coordinates: unknown }).coordinates = ['10', '50'];
		const line = {
			...location('l2'),
			geometry: {
				type: 'LineString',
				coordinates: [
					[0, 0],
					[1, 1]
				]
			}
		};
		const { geometry: _g, ...none } = location('l3');
		expect(errorsFor({ locations: [strings, line, none], claims: [] })).toEqual([
			'locations.geojson: location "l1" field "geometry.coordinates[0]": expected a number, got "10"',
			'locations.geojson: location "l1" field "geometry.coordinates[1]": expected a number, got "50"',
			'locations.geojson: location "l2" field "geometry.type": expected one of "Point"; got "LineString"',
			'locations.geojson: location "l2" field "geometry.coordinates[0]": expected a number, got an array',
			'locations.geojson: location "l2" field "geometry.coordinates[1]": expected a number, got an array',
			'locations.geojson: location "l3" field "geometry": missing: expected an object'
		]);
	});

	it('warns about a point that looks swapped against the rest of the dataset', () => {
		// No country given: the dataset's own cluster is what the point is compared with.
		const at = (id: string, xy: [number, number]) => location(id, { country: null }, xy);
		const europe = [at('l1', [10, 50]), at('l2', [11, 51]), at('l3', [9, 49])];
		expect(warningsFor({ locations: [...europe, at('l4', [50.5, 10.2])], claims: [] })).toEqual([
			'warning: locations.geojson: location "l4" field "geometry.coordinates": [50.5, 10.2] is far from the other locations, and [10.2, 50.5] is near them: are longitude and latitude swapped?'
		]);
		// Far away but not a swap (New York beside Europe): no warning.
		expect(warningsFor({ locations: [...europe, at('l5', [-74, 40.7])], claims: [] })).toEqual([]);
	});

	it('warns about a point outside the country it gives, swapped or not, even alone', () => {
		const kyivSwapped = location('kyiv', { country: 'UA' }, [50.45, 30.52]);
		const newYorkInGermany = location('ny', { country: 'DE' }, [-74, 40.7]);
		expect(warningsFor({ locations: [kyivSwapped, newYorkInGermany], claims: [] })).toEqual([
			'warning: locations.geojson: location "kyiv" field "geometry.coordinates": [50.45, 30.52] lies outside Ukraine (UA), and [30.52, 50.45] inside it: are longitude and latitude swapped?',
			'warning: locations.geojson: location "ny" field "geometry.coordinates": [-74, 40.7] lies outside Germany (DE), the country it gives: is a coordinate or the country wrong?'
		]);
		const right = [
			location('kyiv', { country: 'UA' }, [30.52, 50.45]),
			location('ny', { country: 'US' }, [-74, 40.7]),
			location('anchorage', { country: 'US' }, [-149.9, 61.2])
		];
		expect(warningsFor({ locations: right, claims: [] })).toEqual([]);
	});
});

describe('dates', () => {
	it('day or month precision, real calendar dates', () => {
		const claims = [
			claim('c1', { said_on: '2024-10' }),
			claim('c2', { said_on: '2024-02-30' }),
			claim('c3', { said_on: '18 October 2024' }),
			claim('c4', { said_on: '2024-02-29' })
		];
		expect(errorsFor({ claims })).toEqual([
			'claims.json: claim "c2" field "said_on": expected a date that exists in the calendar, got "2024-02-30"',
			'claims.json: claim "c3" field "said_on": expected an ISO date, YYYY-MM-DD or YYYY-MM, got "18 October 2024"'
		]);
	});

	it('a claim is not said after its source was published; the same day is fine', () => {
		const sources = [source('s1', { published: '2024-10-18' })];
		const claims = [
			claim('c1', { said_on: '2024-10-18' }),
			claim('c2', { said_on: '2024-10-19' }),
			claim('c3', { said_on: '2024-10' }), // could be before the 18th
			claim('c4', { said_on: '2024-11' })
		];
		expect(errorsFor({ sources, claims })).toEqual([
			'claims.json: claim "c2" field "said_on": 2024-10-19 is after its source was published (2024-10-18)',
			'claims.json: claim "c4" field "said_on": 2024-11 is after its source was published (2024-10-18)'
		]);
	});

	it('a null date says why it is unknown', () => {
		const claims = [
			claim('c1', { said_on: null, unknown: { said_on: 'The article does not say.' } }),
			claim('c2', { said_on: null }),
			claim('c3', { unknown: { said_on: 'stray' } })
		];
		expect(errorsFor({ claims })).toEqual([
			'claims.json: claim "c2" field "unknown.said_on": missing: "said_on" is null, so say why it is not known',
			'claims.json: claim "c3" field "unknown.said_on": "said_on" has a value, so it is not unknown; remove this note'
		]);
	});
});

describe('sources', () => {
	it('URLs are http(s) only', () => {
		const sources = [
			source('s1', { url: 'javascript:alert(1)' }),
			source('s2', { url: 'ftp://example.org/x' })
		];
		expect(errorsFor({ sources, texts: { s1: 'x', s2: 'x' }, claims: [] })).toEqual([
			'sources.json: source "s1" field "url": expected an http(s) URL, got "javascript:alert(1)"',
			'sources.json: source "s2" field "url": expected an http(s) URL, got "ftp://example.org/x"'
		]);
	});

	it('fields the document does not give are null with a reason', () => {
		const sources = [
			source('s1', { title: null, unknown: { title: 'No headline.' } }),
			source('s2', { publisher: null })
		];
		expect(errorsFor({ sources, texts: { s1: 'x', s2: 'x' }, claims: [] })).toEqual([
			'sources.json: source "s2" field "unknown.publisher": missing: "publisher" is null, so say why it is not known'
		]);
	});

	it('a source may have no text, but then nothing quotes it; a stray text file is a warning', () => {
		const over = { texts: { other: 'x' } };
		expect(errorsFor(over)).toEqual([
			'sources.json: source "s1" field "id": no text file sources/s1.txt, yet a claim quotes it (claim "c1"): a quote is checked against its source\'s text, so add the text, or state what the claims say as descriptions'
		]);
		expect(errorsFor({ ...over, claims: [described('c1')] })).toEqual([]);
		expect(warningsFor(over)).toEqual([
			'warning: sources/other.txt: no source "other" in sources.json uses this text'
		]);
	});
});

describe('verbatim quotes', () => {
	const quoted = (quote: string, text = 'He said: “We’re here — now.”  Then  left.') =>
		errorsFor({ claims: [claim('c1', { quote })], texts: { s1: text } });

	it('folds typographic quotes, apostrophes, dashes and whitespace, nothing else', () => {
		expect(quoted("We're here - now.")).toEqual([]);
		expect(quoted('"We’re here — now."  Then left.')).toEqual([]);
		expect(quoted('now.”\nThen left.')).toEqual([]);
	});

	it('a quote that differs by one character is rejected, with where it departs', () => {
		expect(quoted("We're hare - now.")).toEqual([
			'claims.json: claim "c1" field "quote": not found verbatim in sources/s1.txt: the first 7 characters match, then the quote has "a" where the text has "e"'
		]);
	});

	it('case must match', () => {
		expect(quoted("we're here - now.")).toHaveLength(1);
	});

	it('Unicode: NFC, emoji and right-to-left text', () => {
		const text = 'Caf\u0065\u0301 talk 🛰️ and «نحن هنا» today.';
		expect(quoted('Caf\u00e9 talk 🛰️', text)).toEqual([]);
		expect(quoted('"نحن هنا"', text)).toEqual([]);
		expect(quoted('نحن هناك', text)).toHaveLength(1);
	});
});

describe('all errors in one run', () => {
	it('reports every broken record and file together', () => {
		const files = datasetFiles(
			datasetParts({
				locations: [location('l1', {}, [10, 95])],
				actors: [actor('a1', { kind: 'alien' as 'other' })],
				claims: [claim('c1', { quote: 'Not in the text.' }), claim('c2', { source: 'nope' })]
			})
		);
		expect(errorsOf(files).map((e) => e.split(' field ')[0])).toEqual([
			'locations.geojson: location "l1"',
			'actors.json: actor "a1"',
			'claims.json: claim "c1"',
			'claims.json: claim "c2"'
		]);
	});

	it('formats an error as file: record field "…": message', () => {
		const [issue] = validateDataset(
			datasetFiles(
				datasetParts({
					claims: [claim('nis-2024-10-18', { locations: ['l1', 'l1', 'vladivostock'] })]
				})
			)
		).errors;
		expect(formatIssue(issue!)).toBe(
			'claims.json: claim "nis-2024-10-18" field "locations[2]": unknown location "vladivostock": not in locations.geojson'
		);
	});
});

describe('hardening: what the validator no longer lets through', () => {
	const TODAY = '2026-12-01';
	const warningsOn = (over: Partial<DatasetParts>) =>
		validateDataset(datasetFiles(datasetParts(over)), { today: TODAY }).warnings.map(formatIssue);

	it('reports a repeated key on its record, with both lines', () => {
		const files = datasetFiles(datasetParts());
		files['claims.json'] = JSON.stringify([claim('c1')], null, 1).replace(
			'"quote_kind"',
			'"quote": "We saw troops near the river.",\n "quote_kind"'
		);
		expect(errorsOf(files)).toEqual([
			'claims.json: claim "c1" field "quote": the key "quote" is given twice, at lines 6 and 7: only one value can be kept, so say which'
		]);
	});

	it('reports a __proto__ key inside unknown instead of losing it', () => {
		const files = datasetFiles(datasetParts({ sources: [source('s1', { url: null })] }));
		files['sources.json'] = files['sources.json']!.replace(
			'"url":null',
			'"url":null,"unknown":{"url":"not given","__proto__":"x"}'
		);
		expect(errorsOf(files)).toContain(
			'sources.json: source "s1" field "unknown.__proto__": the key "__proto__" is not allowed: readers drop it without a word'
		);
	});

	it('names a location by its feature for a repeated key in locations.geojson', () => {
		const files = datasetFiles(datasetParts());
		files['locations.geojson'] = files['locations.geojson']!.replace(
			'"kind":"city"',
			'"kind":"city","kind":"town"'
		);
		expect(errorsOf(files)).toEqual([
			'locations.geojson: location "l1" field "properties.kind": the key "kind" is given twice, at lines 1 and 1: only one value can be kept, so say which'
		]);
	});

	it('refuses a file or a source text that is not UTF-8, once, not per quote', () => {
		const files: DatasetFiles = datasetFiles(
			datasetParts({ claims: [claim('c1'), claim('c2'), claim('c3')] })
		);
		files['sources/s1.txt'] = new Uint8Array([
			0x57, 0x65, 0x20, 0x73, 0x61, 0x77, 0x20, 0x93, 0x61, 0x94
		]);
		files['actors.json'] = new Uint8Array(
			[...JSON.stringify([actor('a1')])].flatMap((c) => [c.charCodeAt(0), 0])
		);
		expect(errorsOf(files)).toEqual([
			'actors.json: not UTF-8 text: looks like UTF-16 LE',
			'sources/s1.txt: line 1: not UTF-8 text: invalid byte 0x93 at byte offset 7; looks like Windows-1252 (save the file as UTF-8)'
		]);
	});

	it('refuses an empty source text with one message', () => {
		expect(errorsFor({ texts: { s1: ' \n' }, claims: [claim('c1'), claim('c2')] })).toEqual([
			'sources/s1.txt: the text is empty: a source needs its full text'
		]);
	});

	it.each([
		['https://user:secret@example.org/a', 'a URL without a user name or password in it'],
		[' https://example.org/a', 'a URL with no spaces (before, after or inside it)'],
		['https://example.org/a ', 'a URL with no spaces (before, after or inside it)'],
		['https://exa mple.org/', 'a URL with no spaces (before, after or inside it)'],
		['javascript:alert(1)', 'an http(s) URL']
	])('refuses the URL %j as it is, never trimmed', (url, expected) => {
		expect(errorsFor({ sources: [source('s1', { url })] })).toEqual([
			`sources.json: source "s1" field "url": expected ${expected}, got ${JSON.stringify(url)}`
		]);
	});

	it('accepts bbox on a Feature and on its geometry (RFC 7946)', () => {
		const l1 = { ...location('l1'), bbox: [9, 49, 11, 51] };
		(l1.geometry as { bbox?: number[] }).bbox = [10, 50, 10, 50];
		const { dataset, errors } = validateDataset(datasetFiles(datasetParts({ locations: [l1] })));
		expect(errors).toEqual([]);
		expect(dataset?.locations[0]).toEqual(l1);
	});

	it('refuses responses nested deeper than the limit, on the first claim past it', () => {
		const chain = [claim('c0')];
		for (let i = 1; i <= MAX_RESPONSE_DEPTH + 5; i++)
			chain.push(claim(`c${i}`, { responds_to: `c${i - 1}`, stance: 'disputes' }));
		expect(errorsFor({ claims: chain })).toEqual([
			`claims.json: claim "c${MAX_RESPONSE_DEPTH + 1}" field "responds_to": responses nest deeper than ${MAX_RESPONSE_DEPTH} levels (a response to a response to …): answer an earlier claim of the chain instead`
		]);
		expect(errorsFor({ claims: chain.slice(0, MAX_RESPONSE_DEPTH + 1) })).toEqual([]);
	});

	it('warns of a point at [0, 0], a date in the future or in the year 0000, and a two-word quote', () => {
		expect(
			warningsOn({
				locations: [location('l1', {}, [0, 0])],
				sources: [source('s1', { published: '0000-01-01' })],
				claims: [
					claim('c1', { said_on: '2027-01', quote: 'the river.' }),
					claim('c2', { said_on: null, unknown: { said_on: 'not given' } })
				]
			})
		).toEqual([
			'warning: locations.geojson: location "l1" field "geometry.coordinates": [0, 0] is in the Gulf of Guinea: a missing coordinate written as zero?',
			'warning: sources.json: source "s1" field "published": 0000-01-01 is in the year 0000: a placeholder for an unknown date? Use null with a reason',
			'warning: claims.json: claim "c1" field "said_on": 2027-01 is in the future (today is 2026-12-01)',
			'warning: claims.json: claim "c1" field "quote": "the river." is too short to stand as a verbatim quote without its context: quote the sentence'
		]);
	});

	it('escapes control characters in every message, so an id cannot forge a line', () => {
		const files = datasetFiles(datasetParts());
		files['claims.json'] = JSON.stringify([claim('x\nclaims.json: all good\u001b[2J')]);
		const lines = errorsOf(files);
		expect(lines).toEqual([
			'claims.json: claim "x\\nclaims.json: all good\\u001b[2J" field "id": expected a slug: lowercase letters, digits and single hyphens, got "x\\nclaims.json: all good\\u001b[2J"'
		]);
		expect(lines.join('').includes('\n') || lines.join('').includes('\u001b')).toBe(false);
	});
});

describe('format 2: content, evidence, dates, credits', () => {
	it('a claim has a quote with its kind, or a description, never both nor neither', () => {
		const both = claim('c1', { description: 'A convoy.' });
		const neither = described('c2');
		delete (neither as Partial<typeof neither>).description;
		const kindless = claim('c3');
		delete (kindless as Partial<typeof kindless>).quote_kind;
		const kinded = { ...described('c4'), quote_kind: 'direct' as const };
		expect(errorsFor({ claims: [both, neither, kindless, kinded] })).toEqual([
			'claims.json: claim "c1" field "description": a claim has a quote or a description, not both: keep the quote, and put your own words in note',
			'claims.json: claim "c2" field "quote": missing: a claim states its content as a quote (verbatim from its source) or as a description (your own words on what the evidence shows)',
			'claims.json: claim "c3" field "quote_kind": missing: a quote needs its kind, direct or reported',
			'claims.json: claim "c4" field "quote_kind": a quote kind is given, but the claim has no quote'
		]);
	});

	it('evidence is linked unless withheld, with a well-formed time and fingerprint', () => {
		const evidence = [
			{ kind: 'video', url: 'https://example.org/v', at: '0:12–0:31', caption: 'The convoy' },
			{ kind: 'photo', withheld: 'graphic: shows the dead' },
			{ kind: 'post' },
			{ kind: 'video', url: 'https://example.org/w', at: '12s', sha256: 'ABC' },
			{ kind: 'tweet', archive_url: 'https://web.archive.org/x' }
		];
		expect(errorsFor({ claims: [claim('c1', { evidence } as never)] })).toEqual([
			'claims.json: claim "c1" field "evidence[2].url": expected a url or an archive_url (or, for an item not to be linked, withheld with the reason), got nothing',
			'claims.json: claim "c1" field "evidence[3].at": expected a time in the recording, 0:12, or a stretch, 0:12–0:31, got "12s"',
			'claims.json: claim "c1" field "evidence[3].sha256": expected a SHA-256 of the file: 64 lowercase hexadecimal digits, got "ABC"',
			'claims.json: claim "c1" field "evidence[4].kind": expected one of "video", "photo", "post", "document", "satellite_image", "other"; got "tweet"'
		]);
		const valid = validateDataset(
			datasetFiles(
				datasetParts({ sources: [source('s1', { evidence: evidence.slice(0, 2) } as never)] })
			)
		);
		expect(valid.errors).toEqual([]);
		expect(valid.dataset?.sources[0]?.evidence).toEqual(evidence.slice(0, 2));
	});

	it('a source is not retrieved before it was published, nor in the future', () => {
		const sources = [
			source('s1', { published: '2024-10-20', retrieved_on: '2024-10-19' }),
			source('s2', { published: '2024-10', retrieved_on: '2024-10-02' }),
			source('s3', { retrieved_on: '2999-01-01' })
		];
		const over = { sources, texts: { s1: TEXT, s2: TEXT, s3: TEXT } };
		expect(errorsFor(over)).toEqual([
			'sources.json: source "s1" field "retrieved_on": 2024-10-19 is before the source was published (2024-10-20)'
		]);
		expect(warningsFor(over)).toEqual([
			'warning: sources.json: source "s3" field "retrieved_on": 2999-01-01 is in the future (today is ' +
				new Date().toISOString().slice(0, 10) +
				')'
		]);
	});

	it('who geolocated or corrected a point are actors; precision may be unstated', () => {
		const locations = [
			location('l1', {
				precision: 'unstated',
				uncertainty_m: 250,
				geolocated_by: ['a1', 'ghost'],
				corrections: [
					{ previous: [10.1, 50.1], on: null, reason: 'Moved to the gate.', by: ['nobody'] }
				]
			}),
			location('l2', { uncertainty_m: -5 })
		];
		expect(errorsFor({ locations })).toEqual([
			'locations.geojson: location "l2" field "properties.uncertainty_m": expected a radius in metres, above 0, got -5',
			'locations.geojson: location "l1" field "properties.geolocated_by[1]": unknown actor "ghost": not in actors.json',
			'locations.geojson: location "l1" field "properties.corrections[0].by[0]": unknown actor "nobody": not in actors.json'
		]);
	});

	it('when it happened is EDTF: a range ends after it starts; after publication is a warning', () => {
		const claims = [
			claim('c1', { occurred: '2024-10-01/2024-10-18' }),
			claim('c2', { occurred: '2024-10-18/2024-10-01' }),
			claim('c3', { occurred: 'early October' }),
			claim('c4', { occurred: '2024-11~' }),
			claim('c5', { occurred: '2024-10-01/..' }),
			claim('c6', { occurred: '2024-10-20?' })
		];
		expect(errorsFor({ claims })).toEqual([
			expect.stringMatching(
				/^claims\.json: claim "c2" field "occurred": .*ends .*before it starts/
			),
			'claims.json: claim "c3" field "occurred": not an EDTF date: write it like 2024-10-03, 2024-10 or 2024-10-01/2024-10-18'
		]);
		// The source was published on 2024-10-20: an event on that day is not after it.
		expect(warningsFor({ claims })).toEqual([
			'warning: claims.json: claim "c4" field "occurred": 2024-11~ begins after its source was published (2024-10-20): a prediction, or a date to check?'
		]);
	});

	it('dataset.json names format 1 or 2, or nothing', () => {
		const files = datasetFiles(datasetParts());
		files['dataset.json'] = JSON.stringify({ name: 'x', format: 3 });
		expect(errorsOf(files)).toEqual(['dataset.json: field "format": expected one of 1, 2; got 3']);
		files['dataset.json'] = JSON.stringify({ name: 'x', format: 2 });
		expect(errorsOf(files)).toEqual([]);
	});
});

describe('facets and numeric fields the dataset declares', () => {
	const meta = {
		name: 'monitor',
		format: 2,
		facets: [
			{
				id: 'weapon',
				label: 'Weapon system',
				applies_to: 'claims',
				multiple: true,
				values: [
					{ id: 'artillery', label: 'Artillery' },
					{ id: 'drone', label: 'Drone' }
				]
			},
			{
				id: 'area',
				label: 'Type of area',
				applies_to: 'locations',
				values: [{ id: 'residential', label: 'Residential' }]
			}
		],
		numbers: [{ id: 'killed', label: 'Civilians reported killed', applies_to: 'claims' }]
	};

	it('records carrying declared values and figures (unknown as null) are valid, unchanged', () => {
		const parts = datasetParts({
			meta,
			locations: [location('l1', { tags: { area: 'residential' } })],
			claims: [claim('c1', { tags: { weapon: ['drone', 'artillery'] }, numbers: { killed: null } })]
		});
		const { dataset, errors } = validateDataset(datasetFiles(parts));
		expect(errors.map(formatIssue)).toEqual([]);
		expect(dataset?.claims[0]).toEqual(parts.claims[0]);
		expect(dataset?.locations[0]!.properties.tags).toEqual({ area: 'residential' });
		expect(dataset?.meta.facets?.map((f) => f.id)).toEqual(['weapon', 'area']);
	});

	it('every misuse, each named by file, record and field, in one run', () => {
		expect(
			errorsFor({
				meta,
				locations: [
					location('l1', {
						tags: { area: ['residential', 'residential'], weapon: 'drone' },
						numbers: { killed: 3 }
					})
				],
				claims: [
					claim('c1', {
						tags: { weapon: ['tank'], colour: 'red' },
						numbers: { killed: '3' as unknown as number, wounded: 1 }
					})
				]
			})
		).toEqual([
			'claims.json: claim "c1" field "numbers.killed": expected a number, got "3"',
			'locations.geojson: location "l1" field "properties.tags.area": facet "area" takes one value (declare "multiple": true for several)',
			'locations.geojson: location "l1" field "properties.tags.area[1]": "residential" is repeated',
			'locations.geojson: location "l1" field "properties.tags.weapon": facet "weapon" is declared for claims, not locations',
			'locations.geojson: location "l1" field "properties.numbers.killed": numeric field "killed" is declared for claims, not locations',
			'claims.json: claim "c1" field "tags.weapon[0]": "tank" is not a value of facet "weapon" in dataset.json',
			'claims.json: claim "c1" field "tags.colour": no facet "colour" is declared in dataset.json "facets"',
			'claims.json: claim "c1" field "numbers.wounded": no numeric field "wounded" is declared in dataset.json "numbers"'
		]);
	});

	it('ids shared by two declarations, or a value declared twice, are errors on dataset.json', () => {
		expect(
			errorsFor({
				meta: {
					...meta,
					facets: [
						...meta.facets,
						{
							id: 'killed',
							label: 'x',
							applies_to: 'claims',
							values: [
								{ id: 'a', label: 'A' },
								{ id: 'a', label: 'A again' }
							]
						}
					]
				}
			})
		).toEqual([
			'dataset.json: field "facets[2].values[1].id": duplicate value "a" in facet "killed"',
			'dataset.json: field "numbers[0].id": duplicate id "killed": already used by facets[2].id'
		]);
	});
});
