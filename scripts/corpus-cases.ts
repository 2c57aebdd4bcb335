/**
 * The cases of the bad-input corpus (see make-corpus.ts): one defect each, and the exact lines the
 * checker must print for it, written by hand.
 */
import {
	A,
	C,
	CONCERNED,
	GENERATORS,
	KREMLIN,
	L,
	NIS,
	NOT_VERIFIED,
	RUTTE,
	S,
	SHELLS,
	SPECIAL,
	UNABLE,
	VIDEO,
	ZEL,
	ZEL14,
	bytes,
	cell,
	concat,
	csvRows,
	csvText,
	editActor,
	editClaim,
	editLocation,
	find,
	editLocations,
	editRecords,
	editSource,
	fileOf,
	folder,
	generatedCases,
	geometry,
	imports,
	insertBytes,
	jsonOf,
	patchEntry,
	patchU16,
	props,
	replaceOnce,
	seedEntries,
	setJson,
	setSourceValue,
	setText,
	textOf,
	utf16,
	zip,
	type Context,
	type Json
} from './make-corpus.ts';

const ALL_CLAIMS = [
	NIS,
	SPECIAL,
	ZEL,
	ZEL14,
	VIDEO,
	NOT_VERIFIED,
	'savett-2024-10-19-unable-to-verify-claims',
	CONCERNED,
	UNABLE,
	'savett-2024-10-19-growing-desperation',
	'savett-2024-10-19-sign-of-desperation',
	'us-government-sources-casualties',
	'publisher-russian-losses',
	SHELLS,
	KREMLIN,
	'publisher-kremlin-no-comment',
	RUTTE
];

/** The seed's one source without its text: one error for it, naming the first claims that quote it. */
const NO_TEXT = `sources.json: source "article" field "id": no text file sources/article.txt, yet ${ALL_CLAIMS.length} claims quote it (${ALL_CLAIMS.slice(
	0,
	3
)
	.map((id) => `claim "${id}"`)
	.join(
		', '
	)} and ${ALL_CLAIMS.length - 3} more): a quote is checked against its source's text, so add the text, or state what the claims say as descriptions`;

const NIS_QUOTE =
	'The North Korean soldiers dispatched to Russia are currently stationed at Russian military bases in the Far East, including Vladivostok, Ussuriisk, Khabarovsk, and Blagoveshchensk, and are expected to be deployed to the front lines as soon as they complete their adaptation training';

// ---------------------------------------------------------------- json-syntax
const deep = (n: number, closed: boolean) => '['.repeat(n) + (closed ? ']'.repeat(n) : '');
folder('json-syntax', [
	{
		name: 'trailing-comma-array',
		defect: 'claims.json: a comma after the last claim',
		edit: (f) =>
			replaceOnce(f, 'claims.json', 'from context."\n\t}\n]\n', 'from context."\n\t},\n]\n'),
		errors: ['claims.json: line 219 column 1: invalid JSON: expected a value']
	},
	{
		name: 'trailing-comma-object',
		defect: 'actors.json: a comma after the last field of the first actor',
		edit: (f) => replaceOnce(f, 'actors.json', `intelligence agency"\n`, `intelligence agency",\n`),
		errors: [
			'actors.json: line 8 column 2: invalid JSON: expected a property name in double quotes'
		]
	},
	{
		name: 'unclosed-array',
		defect: 'claims.json: the closing ] is missing',
		edit: (f) => replaceOnce(f, 'claims.json', 'from context."\n\t}\n]\n', 'from context."\n\t}\n'),
		errors: ["claims.json: line 219 column 1: invalid JSON: expected ']'"]
	},
	{
		name: 'line-comment',
		defect: 'actors.json: a // comment before the first actor',
		edit: (f) =>
			replaceOnce(
				f,
				'actors.json',
				'[\n\t{\n\t\t"id": "south-korea-nis"',
				'[\n\t// the claimants\n\t{\n\t\t"id": "south-korea-nis"'
			),
		errors: ['actors.json: line 2 column 2: invalid JSON: comments are not allowed in JSON']
	},
	{
		name: 'block-comment',
		defect: 'dataset.json: a /* */ comment after a field',
		edit: (f) => replaceOnce(f, 'dataset.json', '"license"', '/* terms */ "license"'),
		errors: ['dataset.json: line 7 column 2: invalid JSON: comments are not allowed in JSON']
	},
	{
		name: 'sources-json-broken',
		defect: 'sources.json: a /* */ comment after a field',
		edit: (f) =>
			replaceOnce(f, 'sources.json', '"language": "en",', '"language": "en", /* English */'),
		errors: ['sources.json: line 8 column 21: invalid JSON: comments are not allowed in JSON']
	},
	{
		name: 'empty-file',
		defect: 'claims.json is empty (0 bytes)',
		edit: (f) => setText(f, 'claims.json', ''),
		errors: ['claims.json: line 1 column 1: invalid JSON: the file is empty']
	},
	{
		name: 'whitespace-only',
		defect: 'claims.json holds only blank lines',
		edit: (f) => setText(f, 'claims.json', '\n\n  \n'),
		errors: ['claims.json: line 4 column 1: invalid JSON: the file is empty']
	},
	{
		name: 'unterminated-string',
		defect: 'dataset.json ends inside a string',
		edit: (f) => setText(f, 'dataset.json', '{\n\t"name": "North Korean soldiers'),
		errors: ['dataset.json: line 2 column 32: invalid JSON: unterminated string']
	},
	{
		name: 'control-char-in-string',
		defect: 'actors.json: a raw tab inside the first actor’s name',
		edit: (f) =>
			replaceOnce(
				f,
				'actors.json',
				'"National Intelligence Service"',
				'"National\tIntelligence Service"'
			),
		errors: [
			'actors.json: line 4 column 20: invalid JSON: invalid character in a string (control characters must be escaped)'
		]
	},
	{
		name: 'single-quotes',
		defect: 'dataset.json: a key in single quotes',
		edit: (f) => replaceOnce(f, 'dataset.json', '"license"', "'license'"),
		errors: [
			'dataset.json: line 7 column 2: invalid JSON: expected a property name in double quotes'
		]
	},
	{
		name: 'nan-literal',
		defect: 'locations.geojson: NaN as a longitude',
		edit: (f) => replaceOnce(f, 'locations.geojson', '[131.8735, 43.1056]', '[NaN, 43.1056]'),
		errors: ['locations.geojson: line 7 column 51: invalid JSON: unexpected character']
	},
	{
		name: 'text-after-value',
		defect: 'claims.json: a second value after the array',
		edit: (f) => setText(f, 'claims.json', textOf(f, 'claims.json') + '[]\n'),
		errors: [
			'claims.json: line 220 column 1: invalid JSON: unexpected content after the end of the JSON value (a file holds one value: is a comma or a bracket missing?)'
		]
	},
	{
		name: 'deep-nesting-10k-unclosed',
		defect: 'claims.json: 10,000 [ never closed',
		edit: (f) => setText(f, 'claims.json', deep(10_000, false)),
		errors: [
			'claims.json: line 1 column 513: invalid JSON: nesting deeper than 512 levels (the most a dataset file may have)'
		]
	},
	{
		name: 'deep-nesting-10k-closed',
		defect: 'claims.json: 10,000 nested arrays, closed',
		edit: (f) => setText(f, 'claims.json', deep(10_000, true)),
		errors: [
			'claims.json: line 1 column 513: invalid JSON: nesting deeper than 512 levels (the most a dataset file may have)'
		]
	},
	{
		name: 'deep-nesting-513',
		defect: 'claims.json: one level deeper than allowed, inside a claim’s note',
		edit: (f) => setText(f, 'claims.json', `[{"note": ${deep(511, true)}}]`),
		errors: [
			'claims.json: line 1 column 521: invalid JSON: nesting deeper than 512 levels (the most a dataset file may have)'
		]
	},
	{
		name: 'duplicate-key',
		defect: 'claims.json: "status" given twice in one claim',
		edit: (f) =>
			replaceOnce(
				f,
				'claims.json',
				'"status": "unverified",\n\t\t"note": "Names no place',
				'"status": "unverified",\n\t\t"status": "verified",\n\t\t"note": "Names no place'
			),
		errors: [
			`${C(SPECIAL)} field "status": the key "status" is given twice, at lines 22 and 23: only one value can be kept, so say which`
		]
	},
	{
		name: 'proto-key',
		defect: 'actors.json: a __proto__ key in an actor',
		edit: (f) =>
			replaceOnce(
				f,
				'actors.json',
				'"name": "South Korea",',
				'"name": "South Korea",\n\t\t"__proto__": { "kind": "agency" },'
			),
		errors: [
			`${A('south-korea')} field "__proto__": the key "__proto__" is not allowed: readers drop it without a word`
		]
	},
	{
		name: 'bom-is-fine',
		defect: 'control: claims.json starts with a UTF-8 byte-order mark, which is allowed',
		edit: (f) => f.set('claims.json', concat([0xef, 0xbb, 0xbf], fileOf(f, 'claims.json'))),
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- encoding
const WIN1252_LINE = [...'Caf\xe9 r\xe9sum\xe9, na\xefve \x93quotes\x94\n'].map((c) =>
	c.charCodeAt(0)
);
folder('encoding', [
	{
		name: 'invalid-utf8-claims',
		defect: 'claims.json: a byte 0xFF inside a note',
		edit: (f) => insertBytes(f, 'claims.json', 'Names no place', [0xff]),
		errors: [
			'claims.json: line 23: not UTF-8 text: invalid byte 0xFF at byte offset 1090; looks like Windows-1252 (save the file as UTF-8)'
		]
	},
	{
		name: 'invalid-utf8-source-text',
		defect: 'sources/article.txt: a byte 0xC3 not followed by a continuation byte',
		edit: (f) => insertBytes(f, 'sources/article.txt', 'The video could not', [0xc3, 0x28]),
		errors: [
			'sources/article.txt: line 10: not UTF-8 text: invalid byte 0xC3 at byte offset 2174; looks like Windows-1252 (save the file as UTF-8)'
		]
	},
	{
		name: 'utf16le-bom',
		defect: 'claims.json saved as UTF-16 LE with a byte-order mark',
		edit: (f) => f.set('claims.json', utf16(textOf(f, 'claims.json'), 'le', true)),
		errors: ['claims.json: not UTF-8 text: looks like UTF-16 LE']
	},
	{
		name: 'utf16be-bom',
		defect: 'claims.json saved as UTF-16 BE with a byte-order mark',
		edit: (f) => f.set('claims.json', utf16(textOf(f, 'claims.json'), 'be', true)),
		errors: ['claims.json: not UTF-8 text: looks like UTF-16 BE']
	},
	{
		name: 'utf16le-no-bom',
		defect: 'actors.json saved as UTF-16 LE without a byte-order mark',
		edit: (f) => f.set('actors.json', utf16(textOf(f, 'actors.json'), 'le', false)),
		errors: ['actors.json: not UTF-8 text: looks like UTF-16 LE']
	},
	{
		name: 'utf16be-no-bom',
		defect: 'sources/article.txt saved as UTF-16 BE without a byte-order mark',
		edit: (f) => f.set('sources/article.txt', utf16(textOf(f, 'sources/article.txt'), 'be', false)),
		errors: ['sources/article.txt: not UTF-8 text: looks like UTF-16 BE']
	},
	{
		name: 'windows-1252-source-text',
		defect: 'sources/article.txt: a last line in Windows-1252',
		edit: (f) =>
			f.set('sources/article.txt', concat(fileOf(f, 'sources/article.txt'), WIN1252_LINE)),
		errors: [
			'sources/article.txt: line 13: not UTF-8 text: invalid byte 0xE9 at byte offset 2821; looks like Windows-1252 (save the file as UTF-8)'
		]
	},
	{
		name: 'empty-source-text',
		defect: 'sources/article.txt is empty',
		edit: (f) => setText(f, 'sources/article.txt', ''),
		errors: ['sources/article.txt: the text is empty: a source needs its full text']
	},
	{
		name: 'blank-source-text',
		defect: 'sources/article.txt holds only line breaks',
		edit: (f) => setText(f, 'sources/article.txt', '\r\n\r\n'),
		errors: ['sources/article.txt: the text is empty: a source needs its full text']
	},
	{
		name: 'png-source-text',
		defect: 'sources/article.txt is a PNG image',
		edit: (f) =>
			f.set(
				'sources/article.txt',
				new Uint8Array([
					0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52
				])
			),
		errors: ['sources/article.txt: not text: binary data (a NUL byte at byte offset 8)']
	},
	{
		name: 'binary-source-text',
		defect: 'sources/article.txt is the start of an ELF executable',
		edit: (f) =>
			f.set(
				'sources/article.txt',
				new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0])
			),
		errors: ['sources/article.txt: not text: it holds a NUL character at offset 7 (binary data?)']
	},
	{
		name: 'nul-in-source-text',
		defect: 'sources/article.txt: a NUL character in the text',
		edit: (f) => insertBytes(f, 'sources/article.txt', 'The video could not', [0]),
		errors: [
			'sources/article.txt: not text: it holds a NUL character at offset 2172 (binary data?)'
		]
	},
	{
		name: 'overlong-utf8',
		defect: 'dataset.json: an overlong encoding of "/" (0xC0 0xAF)',
		edit: (f) => insertBytes(f, 'dataset.json', 'CC BY 4.0', [0xc0, 0xaf]),
		errors: ['dataset.json: line 7: not UTF-8 text: invalid byte 0xC0 at byte offset 394']
	},
	{
		name: 'encoded-surrogate',
		defect: 'actors.json: a UTF-16 surrogate encoded as UTF-8 (0xED 0xA0 0x80)',
		edit: (f) => insertBytes(f, 'actors.json', 'Unnamed in the article.', [0xed, 0xa0, 0x80]),
		errors: ['actors.json: line 54: not UTF-8 text: invalid byte 0xED at byte offset 1176']
	},
	{
		name: 'truncated-sequence-at-end',
		defect: 'sources.json ends in the first byte of a two-byte sequence',
		edit: (f) => f.set('sources.json', concat(fileOf(f, 'sources.json'), [0xc3])),
		errors: [
			'sources.json: line 18: not UTF-8 text: invalid byte 0xC3 at byte offset 663; looks like Windows-1252 (save the file as UTF-8)'
		]
	}
]);

// ---------------------------------------------------------------- types
folder('types', [
	{
		name: 'claims-not-an-array',
		defect: 'claims.json is an object, not an array',
		edit: (f) => setJson(f, 'claims.json', { claims: jsonOf(f, 'claims.json') }),
		errors: ['claims.json: expected an array of claim records, got an object']
	},
	{
		name: 'actors-null',
		defect: 'actors.json is null',
		edit: (f) => setText(f, 'actors.json', 'null\n'),
		errors: ['actors.json: expected an array of actor records, got null']
	},
	{
		name: 'claim-is-a-string',
		defect: 'claims.json: the second claim is a string',
		edit: (f) => editRecords(f, 'claims.json', (c) => (c[1] = SPECIAL as unknown as Json)),
		errors: [
			'claims.json: claim at index 1: expected an object, got "south-korea-2024-10-18-special-forces"'
		]
	},
	{
		name: 'said-on-number',
		defect: 'claims.json: said_on as a number',
		edit: (f) => editClaim(f, NIS, (c) => (c.said_on = 20241018)),
		errors: [`${C(NIS)} field "said_on": expected a string, got 20241018`]
	},
	{
		name: 'locations-string',
		defect: 'claims.json: locations as one string, not an array',
		edit: (f) => editClaim(f, VIDEO, (c) => (c.locations = 'sergiyevsky-training-ground')),
		errors: [`${C(VIDEO)} field "locations": expected an array, got "sergiyevsky-training-ground"`]
	},
	{
		name: 'quote-number',
		defect: 'claims.json: quote as a number',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.quote = 18)),
		errors: [`${C(SPECIAL)} field "quote": expected a string, got 18`]
	},
	{
		name: 'status-null',
		defect: 'claims.json: status null',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.status = null)),
		errors: [
			`${C(SPECIAL)} field "status": expected one of "verified", "corroborated", "unverified", "disputed", "false"; got null`
		]
	},
	{
		name: 'coordinates-strings',
		defect: 'locations.geojson: coordinates as strings',
		edit: (f) =>
			editLocation(f, 'khabarovsk', (l) => (geometry(l).coordinates = ['135.0721', '48.4827'])),
		errors: [
			`${L('khabarovsk')} field "geometry.coordinates[0]": expected a number, got "135.0721"`,
			`${L('khabarovsk')} field "geometry.coordinates[1]": expected a number, got "48.4827"`
		]
	},
	{
		name: 'alt-names-string',
		defect: 'locations.geojson: alt_names as one string',
		edit: (f) => editLocation(f, 'ussuriysk', (l) => (props(l).alt_names = 'Ussuriisk')),
		errors: [`${L('ussuriysk')} field "properties.alt_names": expected an array, got "Ussuriisk"`]
	},
	{
		name: 'language-number',
		defect: 'sources.json: language as a number',
		edit: (f) => editSource(f, (s) => (s.language = 5)),
		errors: [`${S} field "language": expected a string, got 5`]
	},
	{
		name: 'properties-null',
		defect: 'locations.geojson: a feature with properties null',
		edit: (f) => editLocation(f, 'blagoveshchensk', (l) => (l.properties = null)),
		errors: [`${L('blagoveshchensk')} field "properties": expected an object, got null`]
	},
	{
		name: 'actor-kind-unknown',
		defect: 'actors.json: kind "spy", not in the vocabulary',
		edit: (f) => editActor(f, 'kremlin', (a) => (a.kind = 'spy')),
		errors: [
			`${A('kremlin')} field "kind": expected one of "government", "agency", "official", "international_organization", "military", "media", "other"; got "spy"`
		]
	},
	{
		name: 'grading-credibility-string',
		defect: 'claims.json: grading.credibility "3" as a string',
		edit: (f) => editClaim(f, RUTTE, (c) => (c.grading = { reliability: 'B', credibility: '3' })),
		errors: [`${C(RUTTE)} field "grading.credibility": expected one of 1, 2, 3, 4, 5, 6; got "3"`]
	},
	{
		name: 'dataset-name-array',
		defect: 'dataset.json: name as an array',
		edit: (f) => editRecords(f, 'dataset.json', (m) => ((m as unknown as Json).name = ['a'])),
		errors: ['dataset.json: field "name": expected a string, got an array']
	}
]);

// ---------------------------------------------------------------- missing-fields
const drop = (field: string) => (r: Json) => delete r[field];
folder('missing-fields', [
	{
		name: 'claim-quote',
		defect: 'claims.json: a claim without its quote',
		edit: (f) => editClaim(f, SPECIAL, drop('quote')),
		errors: [
			`${C(SPECIAL)} field "quote": missing: a claim states its content as a quote (verbatim from its source) or as a description (your own words on what the evidence shows)`
		]
	},
	{
		name: 'claim-claimant',
		defect: 'claims.json: a claim without its claimant',
		edit: (f) => editClaim(f, SPECIAL, drop('claimant')),
		errors: [`${C(SPECIAL)} field "claimant": missing: expected a string`]
	},
	{
		name: 'claim-status',
		defect: 'claims.json: a claim without its status',
		edit: (f) => editClaim(f, SPECIAL, drop('status')),
		errors: [
			`${C(SPECIAL)} field "status": missing: expected one of "verified", "corroborated", "unverified", "disputed", "false"`
		]
	},
	{
		name: 'claim-locations',
		defect: 'claims.json: a claim without locations (an empty list is how "no place" is said)',
		edit: (f) => editClaim(f, SPECIAL, drop('locations')),
		errors: [`${C(SPECIAL)} field "locations": missing: expected an array`]
	},
	{
		name: 'claim-id',
		defect: 'claims.json: a claim without an id',
		edit: (f) => editClaim(f, SPECIAL, drop('id')),
		errors: ['claims.json: claim at index 1 field "id": missing: expected a string']
	},
	{
		name: 'said-on-null-without-reason',
		defect: 'claims.json: said_on null with no reason in unknown',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = null)),
		errors: [
			`${C(SPECIAL)} field "unknown.said_on": missing: "said_on" is null, so say why it is not known`
		]
	},
	{
		name: 'source-title-null-without-reason',
		defect: 'sources.json: title null with its reason removed',
		edit: (f) => editSource(f, (s) => delete (s.unknown as Json).title),
		errors: [`${S} field "unknown.title": missing: "title" is null, so say why it is not known`]
	},
	{
		name: 'actor-name',
		defect: 'actors.json: an actor without a name',
		edit: (f) => editActor(f, 'kremlin', drop('name')),
		errors: [`${A('kremlin')} field "name": missing: expected a string`]
	},
	{
		name: 'source-language',
		defect: 'sources.json: the source without its language',
		edit: (f) => editSource(f, drop('language')),
		errors: [`${S} field "language": missing: expected a string`]
	},
	{
		name: 'location-geometry',
		defect: 'locations.geojson: a feature without geometry',
		edit: (f) => editLocation(f, 'khabarovsk', drop('geometry')),
		errors: [`${L('khabarovsk')} field "geometry": missing: expected an object`]
	},
	{
		name: 'location-precision',
		defect: 'locations.geojson: a place without its precision',
		edit: (f) => editLocation(f, 'khabarovsk', (l) => delete props(l).precision),
		errors: [
			`${L('khabarovsk')} field "properties.precision": missing: expected one of "site", "settlement", "region", "unstated"`
		]
	},
	{
		name: 'actors-file',
		defect: 'actors.json is not in the folder',
		edit: (f) => f.delete('actors.json'),
		errors: ['actors.json: the file is missing']
	},
	{
		name: 'claims-file',
		defect: 'claims.json is not in the folder',
		edit: (f) => f.delete('claims.json'),
		errors: ['claims.json: the file is missing']
	},
	{
		name: 'dataset-json-absent',
		defect: 'control: dataset.json is optional',
		edit: (f) => f.delete('dataset.json'),
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- extra-fields
folder('extra-fields', [
	{
		name: 'claim-field',
		defect: 'claims.json: a field the schema does not have (verified_by)',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.verified_by = 'nobody')),
		errors: [`${C(SPECIAL)} field "verified_by": unknown field: not in the schema`]
	},
	{
		name: 'claim-misspelt-field',
		defect: 'claims.json: "quote_type" for "quote_kind" (so quote_kind is missing too)',
		edit: (f) =>
			editClaim(f, SPECIAL, (c) => {
				c.quote_type = c.quote_kind;
				delete c.quote_kind;
			}),
		errors: [
			`${C(SPECIAL)} field "quote_type": unknown field: not in the schema`,
			`${C(SPECIAL)} field "quote_kind": missing: a quote needs its kind, direct or reported`
		]
	},
	{
		name: 'actor-field',
		defect: 'actors.json: an actor with "website"',
		edit: (f) => editActor(f, 'kremlin', (a) => (a.website = 'https://kremlin.ru')),
		errors: [`${A('kremlin')} field "website": unknown field: not in the schema`]
	},
	{
		name: 'source-field',
		defect: 'sources.json: the source with "author"',
		edit: (f) => editSource(f, (s) => (s.author = 'unknown')),
		errors: [`${S} field "author": unknown field: not in the schema`]
	},
	{
		name: 'location-property',
		defect: 'locations.geojson: a place with "population" in its properties',
		edit: (f) => editLocation(f, 'vladivostok', (l) => (props(l).population = 600000)),
		errors: [`${L('vladivostok')} field "properties.population": unknown field: not in the schema`]
	},
	{
		name: 'feature-member',
		defect: 'locations.geojson: a feature with a "title" member beside its properties',
		edit: (f) => editLocation(f, 'vladivostok', (l) => (l.title = 'Vladivostok')),
		errors: [`${L('vladivostok')} field "title": unknown field: not in the schema`]
	},
	{
		name: 'geometry-member',
		defect: 'locations.geojson: a geometry with "crs"',
		edit: (f) => editLocation(f, 'vladivostok', (l) => (geometry(l).crs = { type: 'name' })),
		errors: [`${L('vladivostok')} field "geometry.crs": unknown field: not in the schema`]
	},
	{
		name: 'unknown-reason-for-known-value',
		defect: 'claims.json: a reason in unknown.said_on for a date that is given',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.unknown = { said_on: 'Not said.' })),
		errors: [
			`${C(SPECIAL)} field "unknown.said_on": "said_on" has a value, so it is not unknown; remove this note`
		]
	},
	{
		name: 'unknown-reason-for-no-field',
		defect: 'sources.json: a reason in unknown for "author", which is not a field',
		edit: (f) => editSource(f, (s) => ((s.unknown as Json).author = 'Not given.')),
		errors: [`${S} field "unknown.author": unknown field: not in the schema`]
	},
	{
		name: 'dataset-json-field',
		defect: 'dataset.json: an "edition" field (the schema calls it "version")',
		edit: (f) => editRecords(f, 'dataset.json', (m) => ((m as unknown as Json).edition = '2')),
		errors: ['dataset.json: field "edition": unknown field: not in the schema']
	},
	{
		name: 'collection-crs',
		defect:
			'locations.geojson: the FeatureCollection with a "crs" (removed from GeoJSON by RFC 7946)',
		edit: (f) =>
			editLocations(f, (c) => (c.crs = { type: 'name', properties: { name: 'EPSG:4326' } })),
		errors: ['locations.geojson: field "crs": unknown field: not in the schema']
	}
]);

// ---------------------------------------------------------------- geojson
folder('geojson', [
	{
		name: 'not-a-feature-collection',
		defect: 'locations.geojson is one Feature, not a FeatureCollection',
		edit: (f) =>
			setJson(f, 'locations.geojson', (jsonOf<Json>(f, 'locations.geojson').features as Json[])[0]),
		errors: [
			'locations.geojson: field "type": expected one of "FeatureCollection"; got "Feature"',
			'locations.geojson: field "features": missing: expected an array'
		]
	},
	{
		name: 'features-not-an-array',
		defect: 'locations.geojson: features as an object keyed by id',
		edit: (f) =>
			editLocations(
				f,
				(c, features) => (c.features = Object.fromEntries(features.map((l) => [l.id, l])))
			),
		errors: ['locations.geojson: field "features": expected an array, got an object']
	},
	{
		name: 'line-string',
		defect: 'locations.geojson: a LineString where a Point is expected',
		edit: (f) =>
			editLocation(
				f,
				'khabarovsk',
				(l) =>
					(l.geometry = {
						type: 'LineString',
						coordinates: [
							[135.0721, 48.4827],
							[135.1, 48.5]
						]
					})
			),
		errors: [
			`${L('khabarovsk')} field "geometry.type": expected one of "Point"; got "LineString"`,
			`${L('khabarovsk')} field "geometry.coordinates[0]": expected a number, got an array`,
			`${L('khabarovsk')} field "geometry.coordinates[1]": expected a number, got an array`
		]
	},
	{
		name: 'geometry-null',
		defect: 'locations.geojson: geometry null (a place must have a point)',
		edit: (f) => editLocation(f, 'khabarovsk', (l) => (l.geometry = null)),
		errors: [`${L('khabarovsk')} field "geometry": expected an object, got null`]
	},
	{
		name: 'longitude-out-of-range',
		defect: 'locations.geojson: longitude 231.87',
		edit: (f) =>
			editLocation(f, 'vladivostok', (l) => ((geometry(l).coordinates as number[])[0] = 231.8735)),
		errors: [
			`${L('vladivostok')} field "geometry.coordinates[0]": expected a longitude in [-180, 180], got 231.8735`
		]
	},
	{
		name: 'latitude-out-of-range',
		defect: 'locations.geojson: latitude -91',
		edit: (f) =>
			editLocation(f, 'vladivostok', (l) => ((geometry(l).coordinates as number[])[1] = -91)),
		errors: [
			`${L('vladivostok')} field "geometry.coordinates[1]": expected a latitude in [-90, 90], got -91`
		]
	},
	{
		name: 'swapped-coordinates',
		defect: 'locations.geojson: [lat, lon] for one place',
		edit: (f) =>
			editLocation(f, 'khabarovsk', (l) => (geometry(l).coordinates = [48.4827, 135.0721])),
		errors: [
			`${L('khabarovsk')} field "geometry.coordinates[1]": expected a latitude in [-90, 90], got 135.0721 (longitude and latitude look swapped: GeoJSON order is [longitude, latitude])`
		]
	},
	{
		name: 'one-coordinate',
		defect: 'locations.geojson: a position with only a longitude',
		edit: (f) => editLocation(f, 'khabarovsk', (l) => (geometry(l).coordinates = [135.0721])),
		errors: [`${L('khabarovsk')} field "geometry.coordinates[1]": missing: expected a number`]
	},
	{
		name: 'null-island',
		defect: 'locations.geojson: a place at [0, 0], a placeholder (a warning, not an error)',
		edit: (f) => editLocation(f, 'khabarovsk', (l) => (geometry(l).coordinates = [0, 0])),
		errors: [],
		warnings: [
			`warning: ${L('khabarovsk')} field "geometry.coordinates": [0, 0] is in the Gulf of Guinea: a missing coordinate written as zero?`
		]
	},
	{
		name: 'swapped-in-range-with-country',
		defect:
			'locations.geojson: [lat, lon] that is still in range, for a place whose country is given (a warning)',
		edit: (f) =>
			editLocation(f, 'khabarovsk', (l) => {
				props(l).country = 'UA';
				geometry(l).coordinates = [50.4501, 30.5234];
			}),
		errors: [],
		warnings: [
			`warning: ${L('khabarovsk')} field "geometry.coordinates": [50.4501, 30.5234] lies outside Ukraine (UA), and [30.5234, 50.4501] inside it: are longitude and latitude swapped?`
		]
	},
	{
		name: 'outside-its-country',
		defect: 'locations.geojson: a place in Russia said to be in Japan (a warning)',
		edit: (f) => editLocation(f, 'blagoveshchensk', (l) => (props(l).country = 'JP')),
		errors: [],
		warnings: [
			`warning: ${L('blagoveshchensk')} field "geometry.coordinates": [127.5405, 50.2796] lies outside Japan (JP), the country it gives: is a coordinate or the country wrong?`
		]
	},
	{
		name: 'bbox-three-numbers',
		defect: 'locations.geojson: a collection bbox of 3 numbers',
		edit: (f) => editLocations(f, (c) => (c.bbox = [127, 43, 136])),
		errors: [
			'locations.geojson: field "bbox": expected a bbox of 4 numbers (or 6, with altitudes), got an array'
		]
	},
	{
		name: 'feature-bbox-five-numbers',
		defect: 'locations.geojson: a feature bbox of 5 numbers',
		edit: (f) => editLocation(f, 'vladivostok', (l) => (l.bbox = [131, 43, 132, 44, 0])),
		errors: [
			`${L('vladivostok')} field "bbox": expected a bbox of 4 numbers (or 6, with altitudes), got an array`
		]
	},
	{
		name: 'feature-type-lowercase',
		defect: 'locations.geojson: "type": "feature"',
		edit: (f) => editLocation(f, 'vladivostok', (l) => (l.type = 'feature')),
		errors: [`${L('vladivostok')} field "type": expected one of "Feature"; got "feature"`]
	},
	{
		name: 'feature-is-null',
		defect: 'locations.geojson: null among the features',
		edit: (f) => editLocations(f, (_c, features) => features.push(null as unknown as Json)),
		errors: ['locations.geojson: location at index 5: expected an object, got null']
	},
	{
		name: 'valid-bbox',
		defect: 'control: a bbox on the collection, a feature and a geometry is allowed',
		edit: (f) =>
			editLocations(f, (c, features) => {
				c.bbox = [127.5, 43.1, 135.1, 50.3];
				features[0]!.bbox = [131.8735, 43.1056, 131.8735, 43.1056];
				geometry(features[0]!).bbox = [131.8735, 43.1056, 131.8735, 43.1056];
			}),
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- ids
folder('ids', [
	{
		name: 'uppercase',
		defect: 'actors.json: an id with capitals',
		edit: (f) => editActor(f, 'kremlin', (a) => (a.id = 'Kremlin')),
		errors: [
			`actors.json: actor "Kremlin" field "id": expected a slug: lowercase letters, digits and single hyphens, got "Kremlin"`,
			`${C(KREMLIN)} field "claimant": unknown actor "kremlin": not in actors.json`
		]
	},
	{
		name: 'underscore',
		defect: 'claims.json: an id with an underscore',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.id = 'south_korea_special_forces')),
		errors: [
			`claims.json: claim "south_korea_special_forces" field "id": expected a slug: lowercase letters, digits and single hyphens, got "south_korea_special_forces"`
		]
	},
	{
		name: 'double-hyphen',
		defect: 'locations.geojson: an id with two hyphens in a row',
		edit: (f) => editLocation(f, 'blagoveshchensk', (l) => (l.id = 'blago--veshchensk')),
		errors: [
			`locations.geojson: location "blago--veshchensk" field "id": expected a slug: lowercase letters, digits and single hyphens, got "blago--veshchensk"`,
			`${C(NIS)} field "locations[3]": unknown location "blagoveshchensk": not in locations.geojson`
		]
	},
	{
		name: 'trailing-hyphen',
		defect: 'sources.json: the source id ends in a hyphen',
		edit: (f) => editSource(f, (s) => (s.id = 'article-')),
		errors: [
			`sources.json: source "article-" field "id": expected a slug: lowercase letters, digits and single hyphens, got "article-"`,
			...ALL_CLAIMS.map(
				(id) => `${C(id)} field "source": unknown source "article": not in sources.json`
			)
		],
		warnings: ['warning: sources/article.txt: no source "article" in sources.json uses this text']
	},
	{
		name: 'empty',
		defect: 'claims.json: an empty id',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.id = '')),
		errors: [
			`claims.json: claim at index 1 field "id": expected a slug: lowercase letters, digits and single hyphens, got ""`
		]
	},
	{
		name: 'number',
		defect: 'actors.json: a numeric id',
		edit: (f) => editActor(f, 'kremlin', (a) => (a.id = 7)),
		errors: [
			'actors.json: actor at index 6 field "id": expected a string, got 7',
			`${C(KREMLIN)} field "claimant": unknown actor "kremlin": not in actors.json`
		]
	},
	{
		name: 'duplicate-claim',
		defect: 'claims.json: two claims with one id',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.id = NIS)),
		errors: [
			`claims.json: claim "${NIS}" (at index 1) field "id": duplicate id: already used by the claim at index 0`
		]
	},
	{
		name: 'duplicate-actor',
		defect: 'actors.json: two actors with one id',
		edit: (f) => editActor(f, 'mark-rutte', (a) => (a.id = 'sean-savett')),
		errors: [
			'actors.json: actor "sean-savett" (at index 5) field "id": duplicate id: already used by the actor at index 4',
			`${C(RUTTE)} field "claimant": unknown actor "mark-rutte": not in actors.json`
		]
	},
	{
		name: 'duplicate-location',
		defect: 'locations.geojson: two places with one id',
		edit: (f) => editLocation(f, 'ussuriysk', (l) => (l.id = 'vladivostok')),
		errors: [
			'locations.geojson: location "vladivostok" (at index 1) field "id": duplicate id: already used by the location at index 0',
			`${C(NIS)} field "locations[1]": unknown location "ussuriysk": not in locations.geojson`
		]
	},
	{
		name: 'newline',
		defect: 'claims.json: an id with a line break, which would forge a line of output',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.id = 'x\nclaims.json: all good')),
		errors: [
			`claims.json: claim "x\\nclaims.json: all good" field "id": expected a slug: lowercase letters, digits and single hyphens, got "x\\nclaims.json: all good"`
		]
	},
	{
		name: 'ansi-escape',
		defect: 'actors.json: an id with an ANSI escape that would clear the terminal',
		edit: (f) => editActor(f, 'kremlin', (a) => (a.id = 'kremlin\u001b[2J')),
		errors: [
			`actors.json: actor "kremlin\\u001b[2J" field "id": expected a slug: lowercase letters, digits and single hyphens, got "kremlin\\u001b[2J"`,
			`${C(KREMLIN)} field "claimant": unknown actor "kremlin": not in actors.json`
		]
	},
	{
		name: 'bidi-override',
		defect: 'claims.json: a reference with U+202E, which reverses the text after it',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.claimant = 'south-\u202eaerok')),
		errors: [
			`${C(SPECIAL)} field "claimant": expected a slug: lowercase letters, digits and single hyphens, got "south-\\u202eaerok"`,
			`${C(SPECIAL)} field "claimant": unknown actor "south-\\u202eaerok": not in actors.json`
		]
	}
]);

// ---------------------------------------------------------------- references
folder('references', [
	{
		name: 'unknown-actor',
		defect: 'claims.json: a claimant not in actors.json',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.claimant = 'north-korea')),
		errors: [`${C(SPECIAL)} field "claimant": unknown actor "north-korea": not in actors.json`]
	},
	{
		name: 'unknown-source',
		defect: 'claims.json: a source not in sources.json',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.source = 'rferl-article')),
		errors: [`${C(SPECIAL)} field "source": unknown source "rferl-article": not in sources.json`]
	},
	{
		name: 'unknown-location',
		defect: 'claims.json: a location id misspelt',
		edit: (f) => editClaim(f, NIS, (c) => ((c.locations as string[])[1] = 'ussurijsk')),
		errors: [
			`${C(NIS)} field "locations[1]": unknown location "ussurijsk": not in locations.geojson`
		]
	},
	{
		name: 'location-by-name',
		defect: 'claims.json: a location given by its name, not its id',
		edit: (f) => editClaim(f, VIDEO, (c) => (c.locations = ['Sergiyevsky training ground'])),
		errors: [
			`${C(VIDEO)} field "locations[0]": expected a slug: lowercase letters, digits and single hyphens, got "Sergiyevsky training ground"`,
			`${C(VIDEO)} field "locations[0]": unknown location "Sergiyevsky training ground": not in locations.geojson`
		]
	},
	{
		name: 'claimant-is-a-location',
		defect: 'claims.json: a claimant that is the id of a place',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.claimant = 'vladivostok')),
		errors: [`${C(SPECIAL)} field "claimant": unknown actor "vladivostok": not in actors.json`]
	},
	{
		name: 'source-is-an-actor',
		defect: 'claims.json: a source that is the id of an actor',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.source = 'kremlin')),
		errors: [`${C(SPECIAL)} field "source": unknown source "kremlin": not in sources.json`]
	},
	{
		name: 'location-twice',
		defect: 'claims.json: one place listed twice in a claim',
		edit: (f) =>
			editClaim(
				f,
				VIDEO,
				(c) => (c.locations = ['sergiyevsky-training-ground', 'sergiyevsky-training-ground'])
			),
		errors: [],
		warnings: [
			`warning: ${C(VIDEO)} field "locations[1]": location "sergiyevsky-training-ground" is listed twice`
		]
	},
	{
		name: 'removed-actor',
		defect: 'actors.json: an actor removed that a claim cites',
		edit: (f) =>
			editRecords(f, 'actors.json', (a) =>
				a.splice(
					a.findIndex((x) => x.id === 'kremlin'),
					1
				)
			),
		errors: [`${C(KREMLIN)} field "claimant": unknown actor "kremlin": not in actors.json`]
	},
	{
		name: 'removed-location',
		defect: 'locations.geojson: a place removed that a claim cites',
		edit: (f) =>
			editLocations(
				f,
				(c, features) => (c.features = features.filter((l) => l.id !== 'khabarovsk'))
			),
		errors: [
			`${C(NIS)} field "locations[2]": unknown location "khabarovsk": not in locations.geojson`
		]
	}
]);

// ---------------------------------------------------------------- responses
/** `n` responses, each answering the one before, under the NIS claim. */
function chain(n: number) {
	return (f: import('./make-corpus.ts').Folder) =>
		editRecords(f, 'claims.json', (claims) => {
			for (let i = 1; i <= n; i++)
				claims.push({
					id: `chain-${i}`,
					claimant: 'sean-savett',
					said_on: '2024-10-19',
					quote: 'We are unable to confirm whether these reports are accurate',
					quote_kind: 'direct',
					source: 'article',
					locations: [],
					status: 'unverified',
					responds_to: i === 1 ? NIS : `chain-${i - 1}`,
					stance: 'cannot_confirm'
				});
		});
}
folder('responses', [
	{
		name: 'self',
		defect: 'claims.json: a response to itself',
		edit: (f) => editClaim(f, UNABLE, (c) => (c.responds_to = UNABLE)),
		errors: [`${C(UNABLE)} field "responds_to": a claim cannot respond to itself`]
	},
	{
		name: 'unknown-claim',
		defect: 'claims.json: a response to a claim not in the file',
		edit: (f) => editClaim(f, UNABLE, (c) => (c.responds_to = 'nis-2024-10-18-stationed')),
		errors: [`${C(UNABLE)} field "responds_to": unknown claim "nis-2024-10-18-stationed"`]
	},
	{
		name: 'cycle-of-two',
		defect: 'claims.json: two claims answering each other',
		edit: (f) =>
			editClaim(f, VIDEO, (c) => ((c.responds_to = NOT_VERIFIED), (c.stance = 'disputes'))),
		errors: [
			`${C(VIDEO)} field "responds_to": responses form a cycle: ${VIDEO} → ${NOT_VERIFIED} → ${VIDEO}`
		]
	},
	{
		name: 'cycle-of-three',
		defect: 'claims.json: three claims in a ring of responses',
		edit: (f) =>
			editRecords(f, 'claims.json', (claims) => {
				Object.assign(find(claims, SHELLS), { responds_to: KREMLIN, stance: 'disputes' });
				Object.assign(find(claims, KREMLIN), { responds_to: 'publisher-kremlin-no-comment' });
				Object.assign(find(claims, 'publisher-kremlin-no-comment'), {
					responds_to: SHELLS,
					stance: 'supports'
				});
			}),
		errors: [
			`${C(SHELLS)} field "responds_to": responses form a cycle: ${SHELLS} → ${KREMLIN} → publisher-kremlin-no-comment → ${SHELLS}`
		]
	},
	{
		name: 'stance-without-responds-to',
		defect: 'claims.json: a stance on a claim that answers none',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.stance = 'supports')),
		errors: [
			`${C(SPECIAL)} field "stance": a stance is given but responds_to is not: say which claim it answers`
		]
	},
	{
		name: 'responds-to-without-stance',
		defect: 'claims.json: a response with no stance',
		edit: (f) => editClaim(f, UNABLE, (c) => delete c.stance),
		errors: [`${C(UNABLE)} field "stance": missing: a response (responds_to) needs a stance`]
	},
	{
		name: 'stance-unknown',
		defect: 'claims.json: a stance not in the vocabulary',
		edit: (f) => editClaim(f, UNABLE, (c) => (c.stance = 'refutes')),
		errors: [
			`${C(UNABLE)} field "stance": expected one of "supports", "disputes", "cannot_confirm", "denies"; got "refutes"`
		]
	},
	{
		name: 'responds-to-null',
		defect: 'claims.json: responds_to null with a stance',
		edit: (f) => editClaim(f, UNABLE, (c) => (c.responds_to = null)),
		errors: [
			`${C(UNABLE)} field "responds_to": expected a claim id or a non-empty list of claim ids, got null`
		]
	},
	{
		name: 'depth-101',
		defect: 'claims.json: a chain of 101 responses, one past the limit',
		edit: chain(101),
		errors: [
			'claims.json: claim "chain-101" field "responds_to": responses nest deeper than 100 levels (a response to a response to …): answer an earlier claim of the chain instead'
		]
	},
	{
		name: 'depth-100',
		defect: 'control: a chain of 100 responses, the most allowed',
		edit: chain(100),
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- dates
folder('dates', [
	{
		name: 'february-30',
		defect: 'claims.json: 2024-02-30, a day that does not exist',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '2024-02-30')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected a date that exists in the calendar, got "2024-02-30"`
		]
	},
	{
		name: 'month-13',
		defect: 'claims.json: month 13',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '2024-13-01')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected an ISO date, YYYY-MM-DD or YYYY-MM, got "2024-13-01"`
		]
	},
	{
		name: 'day-00',
		defect: 'claims.json: day 00',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '2024-10-00')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected an ISO date, YYYY-MM-DD or YYYY-MM, got "2024-10-00"`
		]
	},
	{
		name: 'february-29-not-leap',
		defect: 'claims.json: 2023-02-29 (2023 is not a leap year)',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '2023-02-29')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected a date that exists in the calendar, got "2023-02-29"`
		]
	},
	{
		name: 'slashes',
		defect: 'claims.json: 18/10/2024',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '18/10/2024')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected an ISO date, YYYY-MM-DD or YYYY-MM, got "18/10/2024"`
		]
	},
	{
		name: 'year-only',
		defect: 'claims.json: a year alone',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '2024')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected an ISO date, YYYY-MM-DD or YYYY-MM, got "2024"`
		]
	},
	{
		name: 'with-time',
		defect: 'claims.json: a date with a time',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '2024-10-18T09:00:00Z')),
		errors: [
			`${C(SPECIAL)} field "said_on": expected an ISO date, YYYY-MM-DD or YYYY-MM, got "2024-10-18T09:00:00Z"`
		]
	},
	{
		name: 'said-after-published',
		defect: 'claims.json: a claim said the day after its source was published',
		edit: (f) => {
			setSourceValue(f, 'published', '2024-10-19');
			editClaim(f, RUTTE, (c) => (c.said_on = '2024-10-20'));
		},
		errors: [
			`${C(RUTTE)} field "said_on": 2024-10-20 is after its source was published (2024-10-19)`
		]
	},
	{
		name: 'month-after-published-day',
		defect: 'claims.json: said in 2024-11 of a source published 2024-10-19',
		edit: (f) => {
			setSourceValue(f, 'published', '2024-10-19');
			editClaim(f, ZEL, (c) => (c.said_on = '2024-11'));
		},
		errors: [`${C(ZEL)} field "said_on": 2024-11 is after its source was published (2024-10-19)`]
	},
	{
		name: 'future',
		defect: 'sources.json: published in the year 2999 (a warning)',
		edit: (f) => setSourceValue(f, 'published', '2999-01-01'),
		errors: [],
		warnings: [
			'warning: sources.json: source "article" field "published": 2999-01-01 is in the future (today is {today})'
		]
	},
	{
		name: 'year-0000',
		defect: 'claims.json: said in the year 0000, a placeholder (a warning)',
		edit: (f) => editClaim(f, SPECIAL, (c) => (c.said_on = '0000-01-01')),
		errors: [],
		warnings: [
			`warning: ${C(SPECIAL)} field "said_on": 0000-01-01 is in the year 0000: a placeholder for an unknown date? Use null with a reason`
		]
	}
]);

// ---------------------------------------------------------------- urls
const url = (name: string, defect: string, value: string, errors: string[]) => ({
	name,
	defect: `sources.json: url ${defect}`,
	edit: (f: import('./make-corpus.ts').Folder) => setSourceValue(f, 'url', value),
	errors
});
folder('urls', [
	url(
		'credentials',
		'with a user name and password',
		'https://editor:hunter2@www.rferl.org/a/1.html',
		[
			`${S} field "url": expected a URL without a user name or password in it, got "https://editor:hunter2@www.rferl.org/a/1.html"`
		]
	),
	url('user-only', 'with a user name', 'https://editor@www.rferl.org/a/1.html', [
		`${S} field "url": expected a URL without a user name or password in it, got "https://editor@www.rferl.org/a/1.html"`
	]),
	url('leading-space', 'with a space before it', ' https://www.rferl.org/a/1.html', [
		`${S} field "url": expected a URL with no spaces (before, after or inside it), got " https://www.rferl.org/a/1.html"`
	]),
	url('trailing-space', 'with a space after it', 'https://www.rferl.org/a/1.html ', [
		`${S} field "url": expected a URL with no spaces (before, after or inside it), got "https://www.rferl.org/a/1.html "`
	]),
	url('inner-space', 'with a space inside', 'https://www.rferl.org/a/north korea.html', [
		`${S} field "url": expected a URL with no spaces (before, after or inside it), got "https://www.rferl.org/a/north korea.html"`
	]),
	url('javascript', 'javascript:', 'javascript:alert(1)', [
		`${S} field "url": expected an http(s) URL, got "javascript:alert(1)"`
	]),
	url('ftp', 'ftp:', 'ftp://ftp.rferl.org/a/1.html', [
		`${S} field "url": expected an http(s) URL, got "ftp://ftp.rferl.org/a/1.html"`
	]),
	url('no-scheme', 'without a scheme', 'www.rferl.org/a/1.html', [
		`${S} field "url": expected an http(s) URL, got "www.rferl.org/a/1.html"`
	]),
	url('no-host', 'with no host', 'https://', [
		`${S} field "url": expected an http(s) URL that can be parsed, got "https://"`
	]),
	url('data', 'data:', 'data:text/html,<script>alert(1)</script>', [
		`${S} field "url": expected an http(s) URL, got "data:text/html,<script>alert(1)</script>"`
	]),
	{
		...url('uppercase-scheme', 'HTTPS:, which is allowed', 'HTTPS://www.rferl.org/a/1.html', []),
		control: true as const,
		defect: 'control: sources.json: url with the scheme in capitals'
	}
]);

// ---------------------------------------------------------------- quotes
folder('quotes', [
	{
		name: 'not-verbatim',
		defect: 'claims.json: one word of a quote changed',
		edit: (f) => editClaim(f, NIS, (c) => (c.quote = NIS_QUOTE.replace('dispatched', 'sent'))),
		errors: [
			`${C(NIS)} field "quote": not found verbatim in sources/article.txt: the first 26 characters match, then the quote has "s" where the text has "d"`
		]
	},
	{
		name: 'inside-words',
		defect: 'claims.json: a quote that starts and ends inside words',
		edit: (f) => editClaim(f, NIS, (c) => (c.quote = NIS_QUOTE.slice(5, -3))),
		errors: [
			`${C(NIS)} field "quote": found in sources/article.txt only inside longer words: a quote must start and end at word edges`
		]
	},
	{
		name: 'two-words',
		defect: 'claims.json: a two-word quote (a warning)',
		edit: (f) => editClaim(f, CONCERNED, (c) => (c.quote = 'highly concerned')),
		errors: [],
		warnings: [
			`warning: ${C(CONCERNED)} field "quote": "highly concerned" is too short to stand as a verbatim quote without its context: quote the sentence`
		]
	},
	{
		name: 'empty',
		defect: 'claims.json: an empty quote',
		edit: (f) => editClaim(f, NIS, (c) => (c.quote = '')),
		errors: [`${C(NIS)} field "quote": expected a non-empty string, got ""`]
	},
	{
		name: 'ellipsis',
		defect: 'claims.json: a quote shortened with …',
		edit: (f) =>
			editClaim(
				f,
				NIS,
				(c) =>
					(c.quote =
						'The North Korean soldiers dispatched to Russia are currently stationed at … Blagoveshchensk')
			),
		errors: [
			`${C(NIS)} field "quote": not found verbatim in sources/article.txt: the first 74 characters match, then the quote has "…" where the text has "R"`
		]
	},
	{
		name: 'other-text',
		defect: 'claims.json: a quote that is not in the article at all',
		edit: (f) =>
			editClaim(f, NIS, (c) => (c.quote = 'North Korea denies sending any troops to Russia')),
		errors: [
			`${C(NIS)} field "quote": not found verbatim in sources/article.txt: the first 12 characters match, then the quote has "d" where the text has "h"`
		]
	},
	{
		name: 'cut-at-end',
		defect: 'claims.json: a quote that runs past the end of the text',
		edit: (f, ctx) => {
			const text = new TextDecoder().decode(ctx.article).trimEnd();
			const last = text.slice(text.lastIndexOf('\n') + 1);
			editClaim(f, NIS, (c) => (c.quote = `${last} And more.`));
		},
		errors: [
			`${C(NIS)} field "quote": not found verbatim in sources/article.txt: the first 192 characters match, then the quote has " " where the text ends`
		]
	},
	{
		name: 'typographic-quotes',
		defect:
			'control: straight quotes and apostrophes in the text matched by curly ones in the quote',
		edit: (f) =>
			editClaim(
				f,
				CONCERNED,
				(c) => (c.quote = String(c.quote).replace(/'/g, '\u2019').replace(/"/g, '\u201d'))
			),
		errors: [],
		control: true
	},
	{
		name: 'extra-whitespace',
		defect: 'control: runs of spaces and a line break inside a quote',
		edit: (f) =>
			editClaim(f, NIS, (c) => (c.quote = NIS_QUOTE.replace(' dispatched ', '  \n dispatched   '))),
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- source-texts
folder('source-texts', [
	{
		name: 'missing-text',
		defect: 'sources/article.txt is not in the folder',
		edit: (f) => f.delete('sources/article.txt'),
		errors: [NO_TEXT]
	},
	{
		name: 'text-without-source',
		defect: 'sources/other.txt, a text no source uses (a warning)',
		edit: (f) => setText(f, 'sources/other.txt', 'Another article.\n'),
		errors: [],
		warnings: ['warning: sources/other.txt: no source "other" in sources.json uses this text']
	},
	{
		name: 'folder-for-text',
		defect: 'sources/article.txt is a folder',
		edit: (f) => {
			f.delete('sources/article.txt');
			setText(f, 'sources/article.txt/README', 'A folder where the text should be.\n');
		},
		errors: ['sources/article.txt: a folder, where a file was expected', NO_TEXT]
	},
	{
		name: 'broken-link-claims',
		defect: 'claims.json is a symbolic link to a file that does not exist',
		edit: (f) => f.set('claims.json', { link: 'claims-2024.json' }),
		errors: ['claims.json: a symbolic link to "claims-2024.json", which does not exist']
	},
	{
		name: 'link-to-folder',
		defect: 'actors.json is a symbolic link to a folder',
		edit: (f) => f.set('actors.json', { link: 'sources' }),
		errors: [
			'actors.json: a folder, where a file was expected (through a symbolic link to "sources")'
		]
	},
	{
		name: 'sources-is-a-file',
		defect: 'sources is a file, not the folder of texts',
		edit: (f) => {
			f.delete('sources/article.txt');
			f.set('sources', fileOf(f, 'dataset.json'));
		},
		errors: ['sources: a file, where the folder of source texts was expected', NO_TEXT]
	},
	{
		name: 'text-wrong-case',
		defect: 'sources/Article.txt: the text under another case of its name',
		edit: (f) => {
			f.set('sources/Article.txt', fileOf(f, 'sources/article.txt'));
			f.delete('sources/article.txt');
		},
		errors: [NO_TEXT],
		warnings: ['warning: sources/Article.txt: no source "Article" in sources.json uses this text']
	},
	{
		name: 'text-as-md',
		defect: 'sources/article.md: the text saved with another extension',
		edit: (f) => {
			f.set('sources/article.md', fileOf(f, 'sources/article.txt'));
			f.delete('sources/article.txt');
		},
		errors: [NO_TEXT]
	},
	{
		name: 'valid-link',
		defect: 'control: claims.json is a symbolic link to a file in the folder',
		edit: (f) => {
			f.set('claims-2024.json', fileOf(f, 'claims.json'));
			f.set('claims.json', { link: 'claims-2024.json' });
		},
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- zips
const CLAIMS_IN_ZIP = 'dataset/claims.json';
/** The seed zipped, changed by `patch` (the bytes, and the zip's own name in messages). */
const zipped =
	(patch: (z: Uint8Array) => void = () => {}) =>
	(ctx: Context): [string, Uint8Array][] => {
		const z = zip(seedEntries(ctx.seed));
		patch(z);
		return [['dataset.zip', z]];
	};
imports('zips', [
	{
		name: 'size-lie',
		defect: 'dataset.zip: claims.json declares 100 bytes and inflates to more (a bomb that lies)',
		inputs: zipped((z) => patchEntry(z, CLAIMS_IN_ZIP, 24, 22, 100)),
		errors: [
			'dataset.zip: dataset/claims.json: damaged: it inflates to more than the 100 bytes its header declares (the archive is corrupt)'
		]
	},
	{
		name: 'bad-crc',
		defect: 'dataset.zip: the CRC-32 of claims.json is wrong',
		inputs: zipped((z) => patchEntry(z, CLAIMS_IN_ZIP, 16, 14, 0x12345678)),
		errors: [
			'dataset.zip: dataset/claims.json: damaged: its CRC-32 does not match (the archive is corrupt)'
		]
	},
	{
		name: 'dot-dot-path',
		defect: 'dataset.zip: an entry ../claims.json',
		inputs: (ctx) => [
			[
				'dataset.zip',
				zip({ ...seedEntries(ctx.seed), '../claims.json': fileOf(ctx.seed, 'claims.json') })
			]
		],
		errors: ['dataset.zip: entry "../claims.json": unsafe path (.. segments are not allowed)']
	},
	{
		name: 'absolute-path',
		defect: 'dataset.zip: an entry /etc/claims.json',
		inputs: (ctx) => [
			[
				'dataset.zip',
				zip({ ...seedEntries(ctx.seed), '/etc/claims.json': fileOf(ctx.seed, 'claims.json') })
			]
		],
		errors: ['dataset.zip: entry "/etc/claims.json": unsafe path (absolute paths are not allowed)']
	},
	{
		name: 'backslash-path',
		defect: 'dataset.zip: an entry written with backslashes',
		inputs: (ctx) => [
			['dataset.zip', zip({ ...seedEntries(ctx.seed), 'dataset\\notes.txt': bytes('x') })]
		],
		errors: [
			'dataset.zip: entry "dataset\\\\notes.txt": unsafe path (backslashes are not allowed: zip paths use /)'
		]
	},
	{
		name: 'empty-zip',
		defect: 'dataset.zip holds nothing',
		inputs: () => [['dataset.zip', zip({})]],
		errors: ['dataset.zip: the archive holds no files']
	},
	{
		name: 'zip-in-zip',
		defect: 'dataset.zip holds another zip',
		inputs: (ctx) => [['dataset.zip', zip({ 'inner.zip': zip(seedEntries(ctx.seed)) })]],
		errors: [
			'dataset.zip: inner.zip: a .zip inside a .zip is not read: unzip it and import its contents'
		]
	},
	{
		name: 'two-claims',
		defect: 'dataset.zip: two claims.json in two folders',
		inputs: (ctx) => [
			[
				'dataset.zip',
				zip({ ...seedEntries(ctx.seed), 'old/claims.json': fileOf(ctx.seed, 'claims.json') })
			]
		],
		errors: [
			'dataset.zip/old/claims.json: a second claims.json, besides dataset.zip/dataset/claims.json: a dataset has one, and files are not merged (import one folder at a time)'
		]
	},
	{
		name: 'not-a-zip',
		defect: 'dataset.zip is a text file',
		inputs: (ctx) => [['dataset.zip', ctx.article]],
		errors: ['dataset.zip: not a readable .zip archive: no end-of-central-directory record']
	},
	{
		name: 'truncated',
		defect: 'dataset.zip cut in half',
		inputs: (ctx) => [['dataset.zip', zip(seedEntries(ctx.seed)).slice(0, 3000)]],
		errors: ['dataset.zip: not a readable .zip archive: no end-of-central-directory record']
	},
	{
		name: 'encrypted',
		defect: 'dataset.zip: claims.json flagged as encrypted',
		inputs: zipped((z) => patchU16(z, CLAIMS_IN_ZIP, 8, 6, 1)),
		errors: [
			'dataset.zip: dataset/claims.json: encrypted entries cannot be read (zip it again without a password)'
		]
	},
	{
		name: 'lzma',
		defect: 'dataset.zip: claims.json said to be LZMA-compressed',
		inputs: zipped((z) => patchU16(z, CLAIMS_IN_ZIP, 10, 8, 14)),
		errors: [
			'dataset.zip: dataset/claims.json: compression method 14 (LZMA) cannot be read: only stored and deflate entries can (zip it again with deflate)'
		]
	},
	{
		name: 'bad-claims-inside',
		defect: 'dataset.zip: a claim inside it cites an unknown place',
		inputs: (ctx) => {
			const claims = JSON.parse(
				new TextDecoder().decode(fileOf(ctx.seed, 'claims.json'))
			) as Json[];
			(claims[0]!.locations as string[])[1] = 'ussurijsk';
			return [
				[
					'dataset.zip',
					zip({ ...seedEntries(ctx.seed), [CLAIMS_IN_ZIP]: bytes(JSON.stringify(claims)) })
				]
			];
		},
		errors: [
			`dataset.zip/dataset/claims.json: claim "${NIS}" field "locations[1]": unknown location "ussurijsk": not in locations.geojson`
		]
	},
	{
		name: 'valid-zip',
		defect: 'control: the seed zipped, with a __MACOSX folder beside it',
		inputs: (ctx) => [
			[
				'dataset.zip',
				zip({ ...seedEntries(ctx.seed), '__MACOSX/dataset/._claims.json': bytes('x') })
			]
		],
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- csv
/** The seed's CSV export changed by `edit` on its rows (row 1 is the header), with the text beside it. */
const csv =
	(edit: (rows: string[][]) => void, newline = '\r\n') =>
	(ctx: Context): [string, Uint8Array][] => {
		const rows = csvRows(ctx.csv);
		edit(rows);
		return [
			['claims.csv', bytes(csvText(rows, newline))],
			['article.txt', ctx.article]
		];
	};
imports('csv', [
	{
		name: 'hex-coordinate',
		defect: 'claims.csv: a longitude in hex',
		inputs: csv((rows) => cell(rows, 'longitude', 2).set('0x83')),
		errors: ['claims.csv: row 2 field "longitude": expected a decimal number, got "0x83"']
	},
	{
		name: 'infinity',
		defect: 'claims.csv: a latitude Infinity',
		inputs: csv((rows) => cell(rows, 'latitude', 2).set('Infinity')),
		errors: ['claims.csv: row 2 field "latitude": expected a decimal number, got "Infinity"']
	},
	{
		name: 'plus-sign',
		defect: 'claims.csv: a longitude written +131.8735',
		inputs: csv((rows) => {
			for (let r = 2; r <= rows.length; r++)
				if (cell(rows, 'location_id', r).get === 'vladivostok')
					cell(rows, 'longitude', r).set('+131.8735');
		}),
		errors: ['claims.csv: row 2 field "longitude": expected a decimal number, got "+131.8735"']
	},
	{
		name: 'header-only',
		defect: 'claims.csv: the header and no rows',
		inputs: csv((rows) => rows.splice(1)),
		errors: ['claims.csv: the CSV has a header but no rows']
	},
	{
		name: 'duplicate-column',
		defect: 'claims.csv: the status column twice',
		inputs: csv((rows) => rows.forEach((r, i) => r.push(i === 0 ? 'status' : 'verified'))),
		errors: ['claims.csv: row 1: duplicate column "status" (columns 18 and 31)']
	},
	{
		name: 'unknown-column',
		defect: 'claims.csv: a column "confidence" the export does not have',
		inputs: csv((rows) => rows.forEach((r, i) => r.push(i === 0 ? 'confidence' : 'high'))),
		errors: [
			'claims.csv: unknown columns: "confidence": not columns of the CSV export (nor the tag.<id> and number.<id> columns of declared facets and figures), and their values would be lost'
		]
	},
	{
		name: 'missing-column',
		defect: 'claims.csv: the status column removed',
		inputs: csv((rows) => {
			const c = rows[0]!.indexOf('status');
			rows.forEach((r) => r.splice(c, 1));
		}),
		errors: ['claims.csv: missing columns: status']
	},
	{
		name: 'conflicting-claim-rows',
		defect: 'claims.csv: two rows of one claim with different statuses',
		inputs: csv((rows) => cell(rows, 'status', 3).set('verified')),
		errors: [
			`claims.csv: row 3 field "status": claim "${NIS}" differs from row 2 ("verified" here, "unverified" there)`
		]
	},
	{
		name: 'conflicting-location-rows',
		defect: 'claims.csv: two rows of one place with different names',
		inputs: csv((rows) => {
			// Another claim (a copy of the first) at the first row's place, under another name.
			rows.push(rows[1]!.map((c, k) => (k === 0 ? 'nis-copy' : c)));
			cell(rows, 'location_name', rows.length).set('Wladiwostok');
		}),
		errors: [
			'claims.csv: row 22 field "location_name": location "vladivostok" differs from row 2 ("Wladiwostok" here, "Vladivostok" there)'
		]
	},
	{
		name: 'conflicting-actor-rows',
		defect: 'claims.csv: two rows of one claimant with different kinds',
		inputs: csv((rows) => {
			const last = rows
				.map((_, i) => i + 1)
				.filter((r) => r > 1 && cell(rows, 'claimant_id', r).get === 'sean-savett')
				.at(-1)!;
			cell(rows, 'claimant_kind', last).set('agency');
		}),
		errors: [
			'claims.csv: row 15 field "claimant_kind": actor "sean-savett" differs from row 11 ("agency" here, "official" there)'
		]
	},
	{
		name: 'short-row',
		defect: 'claims.csv: a row with one field missing',
		inputs: csv((rows) => rows[4]!.pop()),
		errors: ['claims.csv: row 5: has 29 fields, the header has 30']
	},
	{
		name: 'empty-claim-id',
		defect: 'claims.csv: a row with no claim_id',
		inputs: csv((rows) => cell(rows, 'claim_id', 5).set('')),
		errors: ['claims.csv: row 5 field "claim_id": empty: every row needs this id']
	},
	{
		name: 'with-claims-json',
		defect: 'claims.csv given together with claims.json',
		inputs: (ctx) => [
			['claims.csv', bytes(ctx.csv)],
			['claims.json', fileOf(ctx.seed, 'claims.json')]
		],
		errors: [
			'claims.csv: a CSV export cannot be combined with a dataset folder’s files (claims.json): import the CSV with its sources’ .txt files, or the folder, not both'
		]
	},
	{
		name: 'without-text',
		defect: 'claims.csv given without article.txt',
		inputs: (ctx) => [['claims.csv', bytes(ctx.csv)]],
		errors: [`claims.csv (sources)${NO_TEXT.slice('sources.json'.length)}`]
	},
	{
		name: 'empty',
		defect: 'claims.csv is empty',
		inputs: (ctx) => [
			['claims.csv', new Uint8Array()],
			['article.txt', ctx.article]
		],
		errors: ['claims.csv: the file is empty']
	},
	{
		name: 'mixed-line-endings',
		defect: 'control: claims.csv with CRLF, LF and CR line endings mixed',
		inputs: (ctx) => {
			const lines = ctx.csv.split('\r\n');
			const text = lines
				.map((l, i) => l + (i === lines.length - 1 ? '' : ['\r\n', '\n', '\r'][i % 3]))
				.join('');
			return [
				['claims.csv', bytes(text)],
				['article.txt', ctx.article]
			];
		},
		errors: [],
		control: true
	}
]);

// ---------------------------------------------------------------- nested
const nested =
	(edit: (doc: Json) => void) =>
	(ctx: Context): [string, Uint8Array][] => {
		const doc = JSON.parse(ctx.nested) as Json;
		edit(doc);
		return [['claims.geojson', bytes(JSON.stringify(doc, null, 1) + '\n')]];
	};
const meta = (doc: Json) => doc.claims_map as Json;
const featureClaims = (doc: Json, i: number) =>
	((doc.features as Json[])[i]!.properties as Json).claims as Json[];
imports('nested', [
	{
		name: 'features-null',
		defect: 'claims.geojson: features [null]',
		inputs: nested((doc) => (doc.features = [null])),
		errors: ['claims.geojson: features[0]: expected a Feature object, got null']
	},
	{
		name: 'sources-object',
		defect: 'claims.geojson: claims_map.sources as an object',
		inputs: nested((doc) => (meta(doc).sources = { article: (meta(doc).sources as Json[])[0] })),
		errors: ['claims.geojson: claims_map.sources: expected an array of sources, got an object']
	},
	{
		name: 'source-null',
		defect: 'claims.geojson: a null among claims_map.sources',
		inputs: nested((doc) => (meta(doc).sources as unknown[]).push(null)),
		errors: ['claims.geojson: claims_map.sources[1]: expected a source object, got null']
	},
	{
		name: 'two-versions-of-a-claim',
		defect: 'claims.geojson: one claim with another status under its second place',
		inputs: nested((doc) => (featureClaims(doc, 1).find((c) => c.id === NIS)!.status = 'verified')),
		errors: [
			`claims.geojson: features[1].properties.claims[0] field "status": claim "${NIS}" differs from features[0].properties.claims[0]`
		]
	},
	{
		name: 'flat-export',
		defect: 'the flat export given where the nested one is read',
		inputs: (ctx) => [['claims.geojson', bytes(ctx.flat)]],
		errors: [
			'claims.geojson: claims_map field "format": a flat export cannot be imported (it holds no actors, sources or texts): import the nested GeoJSON export, or the CSV export with its sources’ .txt files'
		]
	},
	{
		name: 'format-missing',
		defect: 'claims.geojson: claims_map without its format',
		inputs: nested((doc) => delete meta(doc).format),
		errors: [
			'claims.geojson: claims_map field "format": expected the nested export’s claims_map (format "nested"), got nothing'
		]
	},
	{
		name: 'text-missing',
		defect: 'claims.geojson: a source without its text',
		inputs: nested((doc) => delete (meta(doc).sources as Json[])[0]!.text),
		errors: [
			'claims.geojson: claims_map.sources[0] field "text": expected the source’s full text as a string, got nothing'
		]
	},
	{
		name: 'text-changed-after-export',
		defect:
			'claims.geojson: a source’s text edited after export (one word), its SHA-256 as exported',
		inputs: nested((doc) => {
			const source = (meta(doc).sources as Json[])[0]!;
			source.text = (source.text as string).replace('highly concerned', 'very concerned');
		}),
		errors: [
			'claims.geojson: claims_map.sources[0] field "text_sha256": the text’s SHA-256 is 476f7f81ea752de622c3a6190638b4ffcd3a0ca0d64b87553149f8d69279afb0, not the 9b2cf025a42774214e1478d47e03340293704aa7f65a57b6568bc06bebf71536 the export recorded: the text was changed after it was exported'
		]
	},
	{
		name: 'response-misplaced',
		defect: 'claims.geojson: a response placed under a claim it does not answer',
		inputs: nested((doc) => {
			const list = featureClaims(doc, 0);
			const nis = list.find((c) => c.id === NIS)!;
			(nis.responses as Json[])[0]!.responds_to = ZEL;
		}),
		errors: [
			`claims.geojson: features[0].properties.claims[0].responses[0] field "responds_to": placed among the responses to claim "${NIS}", but responds to "${ZEL}"`,
			// It answers the video too: its copy under that claim (at features[4]) differs as well.
			...[1, 2, 3, 4].map(
				(i) =>
					`claims.geojson: features[${i}].properties.claims[0].responses[0] field "responds_to": claim "${UNABLE}" differs from features[0].properties.claims[0].responses[0]`
			)
		]
	},
	{
		name: 'claim-at-wrong-place',
		defect: 'claims.geojson: a claim listed at a place it does not cite',
		inputs: nested((doc) => featureClaims(doc, 4).push(featureClaims(doc, 0)[0]!)),
		errors: [
			'claims.geojson: features[4].properties.claims[1] field "locations": listed at location "sergiyevsky-training-ground", which it does not cite'
		]
	},
	{
		name: 'with-another-file',
		defect: 'claims.geojson given together with notes.txt',
		inputs: (ctx) => [
			['claims.geojson', bytes(ctx.nested)],
			['notes.txt', bytes('notes\n')]
		],
		errors: [
			'notes.txt: cannot be combined with the GeoJSON file claims.geojson: a GeoJSON import is that one file (a nested export carries its sources’ texts)'
		]
	},
	{
		name: 'actor-differs',
		defect: 'claims.geojson: a claimant inlined with another name than in claims_map.actors',
		inputs: nested((doc) => ((featureClaims(doc, 0)[0]!.claimant as Json).name = 'NIS')),
		errors: [
			'claims.geojson: features[0].properties.claims[0] field "claimant": actor "south-korea-nis" differs from claims_map.actors[0] (in "name")'
		]
	}
]);

// ---------------------------------------------------------------- huge (built at test time)
generatedCases.push(
	{
		category: 'huge',
		name: 'deep-unclosed-100k',
		defect: 'claims.json: 100,000 [ never closed',
		generate: 'deep-unclosed-100k',
		via: 'validator',
		errors: [
			'claims.json: line 1 column 513: invalid JSON: nesting deeper than 512 levels (the most a dataset file may have)'
		]
	},
	{
		category: 'huge',
		name: 'deep-closed-100k',
		defect: 'claims.json: 100,000 nested arrays, closed',
		generate: 'deep-closed-100k',
		via: 'validator',
		errors: [
			'claims.json: line 1 column 513: invalid JSON: nesting deeper than 512 levels (the most a dataset file may have)'
		]
	},
	{
		category: 'huge',
		name: 'claims-50k-one-bad',
		defect: 'claims.json: 50,000 claims, the last with an unknown status',
		generate: 'claims-50k-one-bad',
		via: 'validator',
		errors: [
			'claims.json: claim "copy-50000" field "status": expected one of "verified", "corroborated", "unverified", "disputed", "false"; got "probable"'
		]
	},
	{
		category: 'huge',
		name: 'zip-bomb-4gib',
		defect: 'claims.zip: claims.json declares 4 GiB inflated',
		generate: 'zip-bomb-4gib',
		via: 'import',
		errors: [
			'claims.zip: claims.json: would inflate to 4 GiB, more than the 500 MiB allowed for one file'
		]
	},
	{
		category: 'huge',
		name: 'id-1mb',
		defect: 'claims.json: a claim id of 1,000,000 characters',
		generate: 'id-1mb',
		via: 'validator',
		errors: [
			`claims.json: claim "${'a'.repeat(97)}…" at index 1 field "id": expected a slug: lowercase letters, digits and single hyphens, got "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"`
		]
	},
	{
		category: 'huge',
		name: 'csv-20k-rows-one-bad',
		defect: 'claims.csv: 20,000 rows, the last with a hex longitude',
		generate: 'csv-20k-rows-one-bad',
		via: 'import',
		errors: [
			'claims.csv: row 20021 field "longitude": expected a decimal number, got "0x83"',
			'claims.csv: row 20021 field "longitude": location "vladivostok" differs from row 2 ("0x83" here, "131.8735" there)'
		]
	}
);
GENERATORS['deep-unclosed-100k'] = () => ({
	edit: (f) => setText(f, 'claims.json', '['.repeat(100_000))
});
GENERATORS['deep-closed-100k'] = () => ({
	edit: (f) => setText(f, 'claims.json', deep(100_000, true))
});
GENERATORS['claims-50k-one-bad'] = () => ({
	edit: (f) =>
		editRecords(f, 'claims.json', (claims) => {
			const base = find(claims, SPECIAL);
			for (let i = 1; i <= 50_000; i++)
				claims.push({ ...base, id: `copy-${i}`, status: i === 50_000 ? 'probable' : base.status });
		})
});
GENERATORS['id-1mb'] = () => ({
	edit: (f) => editClaim(f, SPECIAL, (c) => (c.id = 'a'.repeat(1_000_000) + '_'))
});
GENERATORS['zip-bomb-4gib'] = (ctx) => {
	const z = zip({ 'claims.json': fileOf(ctx.seed, 'claims.json') });
	patchEntry(z, 'claims.json', 24, 22, 0xfffffffe);
	return { inputs: [{ name: 'claims.zip', content: z }] };
};
GENERATORS['csv-20k-rows-one-bad'] = (ctx) => {
	const rows = csvRows(ctx.csv);
	const row = rows[1]!;
	for (let i = 1; i <= 20_000; i++) rows.push(row.map((c, k) => (k === 0 ? `copy-${i}` : c)));
	cell(rows, 'longitude', rows.length).set('0x83');
	return {
		inputs: [
			{ name: 'claims.csv', content: bytes(csvText(rows)) },
			{ name: 'article.txt', content: ctx.article }
		]
	};
};
