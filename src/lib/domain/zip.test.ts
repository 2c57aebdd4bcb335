import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDatasetFolder } from '../../../scripts/read-dataset.ts';
import { importFiles } from './import.ts';
import { formatIssue } from './issues.ts';
import { crc32, readZip, ZIP_LIMITS } from './zip.ts';

const MiB = 1024 * 1024;
const messages = (bytes: Uint8Array, limits = ZIP_LIMITS) =>
	readZip('x.zip', bytes, limits).issues.map(formatIssue);

const getU32 = (b: Uint8Array, at: number) =>
	new DataView(b.buffer, b.byteOffset).getUint32(at, true);
const setU32 = (b: Uint8Array, at: number, v: number) =>
	new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);
const setU16 = (b: Uint8Array, at: number, v: number) =>
	new DataView(b.buffer, b.byteOffset).setUint16(at, v, true);

/** The offset of the central header of `name` in an archive fflate wrote. */
function central(zip: Uint8Array, name: string): number {
	const wanted = strToU8(name);
	for (let at = 0; at + 46 <= zip.length; at++) {
		if (getU32(zip, at) !== 0x02014b50) continue;
		const length = zip[at + 28]! | (zip[at + 29]! << 8);
		const found = zip.subarray(at + 46, at + 46 + length);
		if (length === wanted.length && found.every((b, i) => b === wanted[i])) return at;
	}
	throw new Error(`no central header for ${name}`);
}
const local = (zip: Uint8Array, name: string) => getU32(zip, central(zip, name) + 42);
const dataOf = (zip: Uint8Array, name: string) => {
	const at = local(zip, name);
	return at + 30 + (zip[at + 26]! | (zip[at + 27]! << 8)) + (zip[at + 28]! | (zip[at + 29]! << 8));
};

const claims = strToU8('{"claims": []}\n'.repeat(20));
const stored = (files: Record<string, Uint8Array>) =>
	zipSync(Object.fromEntries(Object.entries(files).map(([n, d]) => [n, [d, { level: 0 }]])));

/**
 * An archive written by hand, stored entries only: for what fflate will not write (ZIP64, two
 * entries sharing one name or one local header).
 */
function handZip(
	entries: {
		name: string;
		/** As written: deflated where `method` is 8. */
		data: Uint8Array;
		method?: number;
		size?: number;
		crc?: number;
		zip64?: boolean;
		sameLocalAs?: number;
	}[],
	{ zip64Directory = false } = {}
): Uint8Array {
	const parts: Uint8Array[] = [];
	let offset = 0;
	const add = (b: Uint8Array) => (parts.push(b), (offset += b.length));
	const offsets: number[] = [];
	for (const e of entries) {
		if (e.sameLocalAs !== undefined) {
			offsets.push(offsets[e.sameLocalAs]!);
			continue;
		}
		offsets.push(offset);
		const name = strToU8(e.name);
		const h = new Uint8Array(30 + name.length);
		setU32(h, 0, 0x04034b50);
		setU16(h, 4, 20);
		setU16(h, 8, e.method ?? 0);
		setU32(h, 14, e.crc ?? crc32(e.data));
		setU32(h, 18, e.data.length);
		setU32(h, 22, e.size ?? e.data.length);
		setU16(h, 26, name.length);
		h.set(name, 30);
		add(h);
		add(e.data);
	}
	const directoryStart = offset;
	entries.forEach((e, i) => {
		const name = strToU8(e.name);
		const extra = e.zip64 ? 28 : 0;
		const h = new Uint8Array(46 + name.length + extra);
		setU32(h, 0, 0x02014b50);
		setU16(h, 4, 20);
		setU16(h, 6, 20);
		setU16(h, 10, e.method ?? 0);
		setU32(h, 16, e.crc ?? crc32(e.data));
		setU32(h, 20, e.zip64 ? 0xffffffff : e.data.length);
		setU32(h, 24, e.zip64 ? 0xffffffff : (e.size ?? e.data.length));
		setU16(h, 28, name.length);
		setU16(h, 30, extra);
		setU32(h, 42, e.zip64 ? 0xffffffff : offsets[i]!);
		h.set(name, 46);
		if (e.zip64) {
			const x = 46 + name.length;
			setU16(h, x, 1);
			setU16(h, x + 2, 24);
			setU32(h, x + 4, e.size ?? e.data.length); // uncompressed, then compressed, then offset
			setU32(h, x + 12, e.data.length);
			setU32(h, x + 20, offsets[i]!);
		}
		add(h);
	});
	const directorySize = offset - directoryStart;
	if (zip64Directory) {
		const record = new Uint8Array(56);
		const recordAt = offset;
		setU32(record, 0, 0x06064b50);
		setU32(record, 4, 44);
		setU32(record, 24, entries.length);
		setU32(record, 32, entries.length);
		setU32(record, 40, directorySize);
		setU32(record, 48, directoryStart);
		add(record);
		const locator = new Uint8Array(20);
		setU32(locator, 0, 0x07064b50);
		setU32(locator, 8, recordAt);
		setU32(locator, 16, 1);
		add(locator);
	}
	const end = new Uint8Array(22);
	setU32(end, 0, 0x06054b50);
	setU16(end, 8, zip64Directory ? 0xffff : entries.length);
	setU16(end, 10, zip64Directory ? 0xffff : entries.length);
	setU32(end, 12, zip64Directory ? 0xffffffff : directorySize);
	setU32(end, 16, zip64Directory ? 0xffffffff : directoryStart);
	add(end);
	const out = new Uint8Array(offset);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/**
 * A deflate stream of `matches` × 258 zero bytes, written directly (one fixed-Huffman block: a
 * literal 0, then "length 258, distance 1" over and over, 13 bits each): a bomb of any size
 * without deflating one.
 */
function zeroBomb(matches: number): { data: Uint8Array; size: number } {
	const data = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1);
	let bit = 0;
	const put = (value: number, bits: number) => {
		for (let i = 0; i < bits; i++, bit++) if ((value >> i) & 1) data[bit >> 3]! |= 1 << (bit & 7);
	};
	// Huffman codes go most significant bit first, so they are written reversed.
	const code = (value: number, bits: number) => {
		let reversed = 0;
		for (let i = 0; i < bits; i++) reversed |= ((value >> i) & 1) << (bits - 1 - i);
		put(reversed, bits);
	};
	put(1, 1); // final block
	put(1, 2); // fixed Huffman
	code(0x30, 8); // literal 0
	for (let i = 0; i < matches; i++) {
		code(0xc5, 8); // length 258
		code(0, 5); // distance 1
	}
	code(0, 7); // end of block
	return { data, size: 1 + matches * 258 };
}

describe('reading a .zip', () => {
	it('reads a dataset folder’s .zip through importFiles, skipping directories and macOS files', async () => {
		const folder = (await readDatasetFolder('geodata')).files;
		const entries: Zippable = { 'geodata/': {}, '__MACOSX/geodata/._claims.json': strToU8('x') };
		for (const [n, c] of Object.entries(folder)) entries[`geodata/${n}`] = c as Uint8Array;
		entries['geodata/.DS_Store'] = new Uint8Array([0, 0, 0, 1]);
		const bytes = zipSync(entries);
		const read = readZip('geodata.zip', bytes);
		expect(read.issues).toEqual([]);
		expect(read.files.map((f) => f.name)).toContain('geodata.zip/geodata/claims.json');
		expect(read.files.some((f) => /__MACOSX|\.DS_Store|\/$/.test(f.name))).toBe(false);
		const result = importFiles([{ name: 'geodata.zip', content: bytes }]);
		expect(result.errors).toEqual([]);
		expect(result.dataset?.locations).toHaveLength(5);
	});

	it('gives back the exact bytes of stored and deflated entries', () => {
		const text = strToU8('Zürich “quoted”\n'.repeat(100));
		const read = readZip('x.zip', zipSync({ 'a.txt': [text, { level: 0 }], 'b.txt': text }));
		expect(read.issues).toEqual([]);
		expect(read.files.map((f) => [f.name, f.content])).toEqual([
			['x.zip/a.txt', text],
			['x.zip/b.txt', text]
		]);
	});

	it('reads ZIP64 headers and a ZIP64 end of central directory', () => {
		const zip = handZip([{ name: 'claims.json', data: claims, zip64: true }], {
			zip64Directory: true
		});
		const read = readZip('x.zip', zip);
		expect(read.issues).toEqual([]);
		expect(read.files).toEqual([{ name: 'x.zip/claims.json', content: claims }]);
	});
});

describe('zip bombs', () => {
	it('refuses a genuinely high-ratio entry under the default limits, before inflating it', () => {
		const zip = zipSync({ 'claims.json': new Uint8Array(2 * MiB) });
		expect(messages(zip)).toEqual([
			expect.stringMatching(
				/^x\.zip: claims\.json: would inflate [\d,]+× \(from [\d.]+ KiB to 2 MiB\), more than the 100× allowed for a file over 1 MiB: refused as a likely zip bomb$/
			)
		]);
	});

	it('refuses a header declaring 4 GiB from the declared size alone: its data is never read', () => {
		const zip = zipSync({ 'claims.json': claims });
		setU32(zip, central(zip, 'claims.json') + 24, 0xfffffffe);
		// Garbage where the deflate stream was: inflating it would say "damaged" instead.
		zip.fill(0xff, dataOf(zip, 'claims.json'), dataOf(zip, 'claims.json') + 8);
		const started = performance.now();
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: would inflate to 4 GiB, more than the 500 MiB allowed for one file'
		]);
		expect(performance.now() - started).toBeLessThan(500);
	});

	it('refuses files declaring more than 1 GiB in all, though each is allowed', () => {
		const zip = stored({ 'a.txt': claims, 'b.txt': claims, 'c.txt': claims });
		for (const name of ['a.txt', 'b.txt', 'c.txt']) {
			setU32(zip, central(zip, name) + 20, 400 * MiB);
			setU32(zip, central(zip, name) + 24, 400 * MiB);
		}
		expect(messages(zip)).toEqual([
			'x.zip: its files would inflate to 1.2 GiB, more than the 1 GiB allowed'
		]);
	});

	it('stops inflating an entry that outgrows the size its header declares', () => {
		const bomb = zeroBomb(10_000); // one step: under 16 KiB of deflate, 2.5 MiB inflated
		expect(bomb.data.length).toBeLessThan(16 * 1024);
		const zip = handZip([{ name: 'claims.json', data: bomb.data, method: 8, size: 1000 }]);
		const started = performance.now();
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: damaged: it inflates to more than the 1,000 bytes its header declares (the archive is corrupt)'
		]);
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('inflates a stream longer than one step, and stops one that lies at its first step', () => {
		const bomb = zeroBomb(12_000); // 19 KiB of deflate, 3 MiB inflated
		expect(bomb.data.length).toBeGreaterThan(16 * 1024);
		const zeros = new Uint8Array(bomb.size);
		const honest = handZip([
			{ name: 'claims.json', data: bomb.data, method: 8, size: bomb.size, crc: crc32(zeros) }
		]);
		// 160×: past the default ratio, which is not what this test is about.
		const read = readZip('x.zip', honest, { ...ZIP_LIMITS, ratio: 1000 });
		// No issue: its CRC-32, that of the zeros, was checked.
		expect(read.issues).toEqual([]);
		expect(read.files[0]?.content.length).toBe(bomb.size);
		const lying = handZip([{ name: 'claims.json', data: bomb.data, method: 8, size: 1000 }]);
		expect(messages(lying)).toEqual([
			'x.zip: claims.json: damaged: it inflates to more than the 1,000 bytes its header declares (the archive is corrupt)'
		]);
	});

	it('says when an entry inflates to less than declared', () => {
		const zip = zipSync({ 'claims.json': claims });
		setU32(zip, central(zip, 'claims.json') + 24, claims.length + 10);
		expect(messages(zip)).toEqual([
			`x.zip: claims.json: damaged: it inflates to ${claims.length} bytes, not the ${claims.length + 10} its header declares (the archive is corrupt)`
		]);
	});

	it('applies smaller limits given: entries, total, one file, ratio', () => {
		const four = stored({
			'a.txt': claims,
			'b.txt': claims,
			'c/': new Uint8Array(),
			'd.txt': claims
		});
		expect(messages(four, { ...ZIP_LIMITS, entries: 3 })).toEqual([
			'x.zip: the archive holds 4 entries, more than the 3 allowed'
		]);
		expect(messages(four, { ...ZIP_LIMITS, totalBytes: 2 * claims.length })).toEqual([
			'x.zip: its files would inflate to 900 bytes, more than the 600 bytes allowed'
		]);
		expect(messages(four, { ...ZIP_LIMITS, entryBytes: 100 })).toEqual([
			'x.zip: a.txt: would inflate to 300 bytes, more than the 100 bytes allowed for one file',
			'x.zip: b.txt: would inflate to 300 bytes, more than the 100 bytes allowed for one file',
			'x.zip: d.txt: would inflate to 300 bytes, more than the 100 bytes allowed for one file'
		]);
		const bomb = zipSync({ 'claims.json': new Uint8Array(64 * 1024) });
		expect(messages(bomb, { ...ZIP_LIMITS, ratio: 10, ratioMinBytes: 1024 })).toEqual([
			expect.stringMatching(
				/more than the 10× allowed for a file over 1 KiB: refused as a likely zip bomb$/
			)
		]);
		// Under ratioMinBytes the same ratio is fine.
		expect(messages(bomb, { ...ZIP_LIMITS, ratio: 10 })).toEqual([]);
	});

	it('refuses entries sharing their data (how overlapping bombs multiply one kernel)', () => {
		const zip = handZip([
			{ name: 'a.txt', data: claims },
			{ name: 'b.txt', data: claims, sameLocalAs: 0 }
		]);
		expect(messages(zip)).toEqual([
			'x.zip: b.txt: damaged: its data overlaps that of a.txt (the archive is malformed)'
		]);
	});
});

describe('damaged archives', () => {
	it('refuses a stored entry whose bytes no longer match its CRC-32', () => {
		const zip = stored({ 'claims.json': claims });
		const at = dataOf(zip, 'claims.json') + 3;
		zip[at] = zip[at]! ^ 0x01;
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: damaged: its CRC-32 does not match (the archive is corrupt)'
		]);
	});

	it('refuses a deflated entry whose CRC-32 field was changed', () => {
		const zip = zipSync({ 'claims.json': claims });
		const at = central(zip, 'claims.json') + 16;
		setU32(zip, at, getU32(zip, at) ^ 1);
		setU32(zip, local(zip, 'claims.json') + 14, getU32(zip, at));
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: damaged: its CRC-32 does not match (the archive is corrupt)'
		]);
	});

	it('refuses deflate data that cannot be inflated', () => {
		const zip = zipSync({ 'claims.json': claims });
		zip[dataOf(zip, 'claims.json')] = 0xff; // block type 3 does not exist
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: damaged: its compressed data cannot be inflated (invalid block type)'
		]);
	});

	it('refuses what is not a zip at all, and a zip cut short', () => {
		expect(messages(strToU8('{"claims": []}'))).toEqual([
			'x.zip: not a readable .zip archive: no end-of-central-directory record'
		]);
		const zip = zipSync({ 'claims.json': claims });
		expect(messages(zip.subarray(0, zip.length - 30))).toEqual([
			'x.zip: not a readable .zip archive: no end-of-central-directory record'
		]);
		// The end kept, the start lost: the directory points past where it now lies.
		const tail = zip.subarray(zip.length - 22);
		const cut = new Uint8Array([...zip.subarray(0, 40), ...tail]);
		expect(messages(cut)).toEqual([
			'x.zip: not a readable .zip archive: its central directory lies outside the file (is it truncated?)'
		]);
	});

	it('refuses an entry whose data runs past the end', () => {
		const zip = stored({ 'claims.json': claims });
		setU32(zip, central(zip, 'claims.json') + 20, 100_000);
		setU32(zip, central(zip, 'claims.json') + 24, 100_000);
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: damaged: its data runs past the end of the archive (is it truncated?)'
		]);
	});
});

describe('entries refused by name', () => {
	const named = (name: string) => messages(stored({ [name]: claims, 'claims.json': claims }));

	it('refuses .. segments, absolute paths, backslashes and control characters', () => {
		expect(named('../../etc/passwd')).toEqual([
			'x.zip: entry "../../etc/passwd": unsafe path (.. segments are not allowed)'
		]);
		expect(named('data/../../x.json')).toEqual([
			'x.zip: entry "data/../../x.json": unsafe path (.. segments are not allowed)'
		]);
		expect(named('/etc/passwd')).toEqual([
			'x.zip: entry "/etc/passwd": unsafe path (absolute paths are not allowed)'
		]);
		expect(named('C:\\Windows\\x.json')).toEqual([
			'x.zip: entry "C:\\\\Windows\\\\x.json": unsafe path (absolute paths are not allowed)'
		]);
		expect(named('\\\\server\\share\\x.json')).toEqual([
			'x.zip: entry "\\\\\\\\server\\\\share\\\\x.json": unsafe path (absolute paths are not allowed)'
		]);
		expect(named('data\\claims.json')).toEqual([
			'x.zip: entry "data\\\\claims.json": unsafe path (backslashes are not allowed: zip paths use /)'
		]);
		expect(named('claims.json\u0000.txt')).toEqual([
			'x.zip: entry "claims.json\\u0000.txt": unsafe path (control characters are not allowed)'
		]);
		expect(named('a\nb.txt')).toEqual([
			'x.zip: entry "a\\nb.txt": unsafe path (control characters are not allowed)'
		]);
	});

	it('says an empty archive holds no files, also when it holds only directories', () => {
		expect(messages(zipSync({}))).toEqual(['x.zip: the archive holds no files']);
		expect(messages(zipSync({ 'data/': {}, '__MACOSX/._x': strToU8('x') }))).toEqual([
			'x.zip: the archive holds no files'
		]);
		expect(importFiles([{ name: 'x.zip', content: zipSync({}) }]).errors.map(formatIssue)).toEqual([
			'x.zip: the archive holds no files'
		]);
	});

	it('refuses a zip inside a zip', () => {
		const inner = zipSync({ 'claims.json': claims });
		expect(messages(zipSync({ 'inner.zip': inner }))).toEqual([
			'x.zip: inner.zip: a .zip inside a .zip is not read: unzip it and import its contents'
		]);
	});

	it('refuses encrypted entries and compression methods it cannot read', () => {
		const zip = zipSync({ 'claims.json': claims, 'a.txt': claims, 'b.txt': claims });
		setU16(zip, central(zip, 'claims.json') + 8, 0x0001);
		setU16(zip, central(zip, 'a.txt') + 10, 14);
		setU16(zip, central(zip, 'b.txt') + 10, 77);
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: encrypted entries cannot be read (zip it again without a password)',
			'x.zip: a.txt: compression method 14 (LZMA) cannot be read: only stored and deflate entries can (zip it again with deflate)',
			'x.zip: b.txt: compression method 77 cannot be read: only stored and deflate entries can (zip it again with deflate)'
		]);
	});

	it('refuses two entries of one name', () => {
		const zip = handZip([
			{ name: 'claims.json', data: claims },
			{ name: 'claims.json', data: strToU8('{}') }
		]);
		expect(messages(zip)).toEqual([
			'x.zip: claims.json: appears twice in the archive, so which one is meant is unclear'
		]);
	});
});
