/**
 * Reads a .zip the user imports, refusing what could exhaust the browser or mislead the import:
 * every limit is checked against the sizes the central directory declares, before a byte is
 * inflated, and inflation then stops the moment an entry outgrows its declared size, so an
 * archive that lies about its sizes cannot inflate past them either. CRC-32s are verified; unsafe
 * paths, encrypted entries, unknown compression methods and nested archives are refused by name.
 *
 * fflate's `unzipSync` is not used: it inflates everything it finds before anything can be checked,
 * and does not verify CRCs.
 */
import { Inflate, inflateSync } from 'fflate';
import type { DatasetIssue } from './issues.ts';

export interface ZipLimits {
	/** Entries in the archive, directories and skipped ones included. */
	entries: number;
	/** All files read, inflated. */
	totalBytes: number;
	/** One file, inflated. */
	entryBytes: number;
	/** Inflated size over compressed size, for one file... */
	ratio: number;
	/** ...once it inflates to more than this. */
	ratioMinBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/**
 * What an import may inflate. Why these figures:
 * - `entries`: a dataset folder holds one `sources/*.txt` per source, and the bench's M dataset
 *   alone has 10,000 sources (L has 100,000), so 10,000 would refuse datasets the app is built to
 *   hold; reading a central header costs microseconds, so 200,000 bounds the work, not the data.
 * - `totalBytes`: 1 GiB is about what a browser tab can inflate, then decode and parse, without
 *   being killed; the L bench dataset is about 0.5 GB of text.
 * - `entryBytes`: a file must become one JavaScript string, and V8 cannot make one longer than
 *   2^29 - 24 characters (just under 512 MiB); L's claims.json is about 310 MB.
 * - `ratio`: real dataset files deflate 7-15× (the bench's JSON at M: claims 7×, locations 10×,
 *   sources 15×); deflate itself cannot exceed about 1,032×, which is what bombs use. 100× leaves
 *   real files a wide margin and still refuses a 1 GiB file from less than 10 MiB.
 * - `ratioMinBytes`: under 1 MiB inflated, a high ratio harms nothing (a text of repeated lines
 *   may legitimately deflate 200×), so small files are exempt.
 */
export const ZIP_LIMITS: ZipLimits = {
	entries: 200_000,
	totalBytes: 1 * GiB,
	entryBytes: 500 * MiB,
	ratio: 100,
	ratioMinBytes: 1 * MiB
};

export interface ZipRead {
	/** `${zipName}/${pathInZip}`, the bytes inflated; empty when there are issues. */
	files: { name: string; content: Uint8Array }[];
	issues: DatasetIssue[];
}

interface Entry {
	name: string;
	flags: number;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATE = 8;
/** Bytes of compressed input per push: deflate's ~1,032× bound keeps each step's output near 16 MiB. */
const INFLATE_CHUNK = 16 * KiB;

const METHOD_NAMES: Record<number, string> = {
	1: 'Shrink',
	6: 'Implode',
	9: 'Deflate64',
	12: 'BZIP2',
	14: 'LZMA',
	93: 'Zstandard',
	95: 'XZ',
	96: 'JPEG',
	97: 'WavPack',
	98: 'PPMd',
	99: 'AES'
};

/** Reads `bytes`, a .zip named `name`; see ZIP_LIMITS for what is refused. */
export function readZip(name: string, bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipRead {
	const issues: DatasetIssue[] = [];
	const refuse = (message: string): ZipRead => ({ files: [], issues: [error(name, message)] });

	const directory = readDirectory(bytes);
	if (typeof directory === 'string') return refuse(`not a readable .zip archive: ${directory}`);
	if (directory.count > limits.entries) {
		return refuse(
			`the archive holds ${count(directory.count)} entries, more than the ${count(limits.entries)} allowed`
		);
	}
	const entries = readEntries(bytes, directory);
	if (typeof entries === 'string') return refuse(`not a readable .zip archive: ${entries}`);

	const wanted: Entry[] = [];
	const seen = new Set<string>();
	let total = 0;
	for (const entry of entries) {
		const unsafe = unsafePath(entry.name);
		if (unsafe) {
			issues.push(error(name, `entry ${JSON.stringify(entry.name)}: unsafe path (${unsafe})`));
			continue;
		}
		if (skipped(entry.name)) continue;
		const problem = entryProblem(entry, limits, seen);
		seen.add(entry.name);
		if (problem) {
			issues.push(error(name, `${entry.name}: ${problem}`));
			continue;
		}
		total += entry.size;
		wanted.push(entry);
	}
	if (total > limits.totalBytes) {
		issues.push(
			error(
				name,
				`its files would inflate to ${size(total)}, more than the ${size(limits.totalBytes)} allowed`
			)
		);
	}
	if (issues.length) return { files: [], issues };
	if (wanted.length === 0) return refuse('the archive holds no files');

	const overlap = overlapping(bytes, entries);
	if (overlap) return refuse(overlap);

	const files: ZipRead['files'] = [];
	for (const entry of wanted) {
		const content = readEntry(bytes, entry);
		if (typeof content === 'string') issues.push(error(name, `${entry.name}: damaged: ${content}`));
		else files.push({ name: `${name}/${entry.name}`, content });
	}
	return issues.length ? { files: [], issues } : { files, issues };
}

function error(file: string, message: string): DatasetIssue {
	return { severity: 'error', file, message };
}

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) =>
	(b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
/** Past 2^53 a size exceeds every limit anyway; Infinity says so without losing the comparison. */
const u64 = (b: Uint8Array, at: number) => {
	const high = u32(b, at + 4);
	return high >= 0x200000 ? Infinity : high * 0x1_0000_0000 + u32(b, at);
};

interface Directory {
	count: number;
	offset: number;
	size: number;
}

/** The end-of-central-directory record, read through ZIP64 where the plain one says to. */
function readDirectory(bytes: Uint8Array): Directory | string {
	// The record is 22 bytes and may be followed by a comment of up to 65,535.
	let at = -1;
	for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
		if (u32(bytes, i) === EOCD && i + 22 + u16(bytes, i + 20) <= bytes.length) {
			at = i;
			break;
		}
	}
	if (at < 0) return 'no end-of-central-directory record';
	let disk = u16(bytes, at + 4);
	let directoryDisk = u16(bytes, at + 6);
	let count = u16(bytes, at + 10);
	let diskCount = u16(bytes, at + 8);
	let size = u32(bytes, at + 12);
	let offset = u32(bytes, at + 16);
	if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
		const locator = at - 20;
		if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) {
			return 'its ZIP64 end-of-central-directory locator is missing';
		}
		const record = u64(bytes, locator + 8);
		if (record + 56 > locator || u32(bytes, record) !== ZIP64_EOCD) {
			return 'its ZIP64 end-of-central-directory record is missing or damaged';
		}
		disk = u32(bytes, record + 16);
		directoryDisk = u32(bytes, record + 20);
		diskCount = u64(bytes, record + 24);
		count = u64(bytes, record + 32);
		size = u64(bytes, record + 40);
		offset = u64(bytes, record + 48);
	}
	if (disk !== 0 || directoryDisk !== 0 || diskCount !== count) {
		return 'it is one part of a split archive (join the parts into one .zip first)';
	}
	if (offset + size > at) return 'its central directory lies outside the file (is it truncated?)';
	return { count, offset, size };
}

function readEntries(bytes: Uint8Array, directory: Directory): Entry[] | string {
	const entries: Entry[] = [];
	let at = directory.offset;
	const end = directory.offset + directory.size;
	for (let index = 0; index < directory.count; index++) {
		if (at + 46 > end || u32(bytes, at) !== CENTRAL) {
			return `its central directory is damaged at entry ${index + 1} of ${count(directory.count)}`;
		}
		const nameLength = u16(bytes, at + 28);
		const extraLength = u16(bytes, at + 30);
		const next = at + 46 + nameLength + extraLength + u16(bytes, at + 32);
		if (next > end) {
			return `its central directory is damaged at entry ${index + 1} of ${count(directory.count)}`;
		}
		const flags = u16(bytes, at + 8);
		const entry: Entry = {
			name: decodeName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
			flags,
			method: u16(bytes, at + 10),
			crc: u32(bytes, at + 16),
			compressedSize: u32(bytes, at + 20),
			size: u32(bytes, at + 24),
			localOffset: u32(bytes, at + 42)
		};
		const zip64 = readZip64Extra(bytes, at + 46 + nameLength, extraLength, entry);
		// Not path-checked yet, so quoted.
		if (zip64) return `entry ${JSON.stringify(entry.name)}: ${zip64}`;
		entries.push(entry);
		at = next;
	}
	return entries;
}

/** Fills in the sizes and offset that the central header marks as kept in its ZIP64 extra field. */
function readZip64Extra(
	bytes: Uint8Array,
	start: number,
	length: number,
	entry: Entry
): string | null {
	const fields = (['size', 'compressedSize', 'localOffset'] as const).filter(
		(key) => entry[key] === 0xffffffff
	);
	if (fields.length === 0) return null;
	for (let at = start; at + 4 <= start + length;) {
		const id = u16(bytes, at);
		const dataLength = u16(bytes, at + 2);
		if (id === 0x0001) {
			if (dataLength < fields.length * 8) break;
			fields.forEach((key, i) => (entry[key] = u64(bytes, at + 4 + i * 8)));
			return null;
		}
		at += 4 + dataLength;
	}
	return 'its ZIP64 sizes are missing from its central header';
}

/** UTF-8 where the entry says so or where the bytes are valid UTF-8 (most tools write it unflagged). */
function decodeName(raw: Uint8Array, flaggedUtf8: boolean): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(raw);
	} catch {
		// Neither: an old tool's code page. Latin-1 keeps each byte visible; the name is only a label.
		if (flaggedUtf8) return new TextDecoder('utf-8').decode(raw);
		return String.fromCharCode(...raw);
	}
}

/** Why a path could write outside the folder it is unpacked into, or mislead; null when safe. */
function unsafePath(path: string): string | null {
	if (path === '') return 'the name is empty';
	// C0 and C1 controls, NUL included: they hide or rewrite what a name shows.
	if (hasControl(path)) return 'control characters are not allowed';
	if (/^[\\/]/.test(path) || /^[A-Za-z]:/.test(path)) return 'absolute paths are not allowed';
	if (path.split(/[\\/]/).includes('..')) return '.. segments are not allowed';
	if (path.includes('\\')) return 'backslashes are not allowed: zip paths use /';
	return null;
}

function hasControl(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
	}
	return false;
}

/** Directories, and what macOS adds to an archive beside the files. */
function skipped(path: string): boolean {
	const parts = path.split('/');
	return path.endsWith('/') || parts[0] === '__MACOSX' || parts.at(-1) === '.DS_Store';
}

/** What keeps an entry from being read, judged from its central header alone. */
function entryProblem(entry: Entry, limits: ZipLimits, seen: Set<string>): string | null {
	if (seen.has(entry.name)) return 'appears twice in the archive, so which one is meant is unclear';
	// Bit 0: traditional or AES encryption; bit 6: PKWARE strong encryption.
	if (entry.flags & 0x41)
		return 'encrypted entries cannot be read (zip it again without a password)';
	if (entry.method !== STORED && entry.method !== DEFLATE) {
		const known = METHOD_NAMES[entry.method];
		return `compression method ${entry.method}${known ? ` (${known})` : ''} cannot be read: only stored and deflate entries can (zip it again with deflate)`;
	}
	if (entry.name.toLowerCase().endsWith('.zip')) {
		return 'a .zip inside a .zip is not read: unzip it and import its contents';
	}
	if (entry.size > limits.entryBytes) {
		return `would inflate to ${size(entry.size)}, more than the ${size(limits.entryBytes)} allowed for one file`;
	}
	if (entry.size > limits.ratioMinBytes && entry.size > entry.compressedSize * limits.ratio) {
		const ratio =
			entry.compressedSize === 0 ? '' : ` ${count(Math.round(entry.size / entry.compressedSize))}×`;
		return `would inflate${ratio} (from ${size(entry.compressedSize)} to ${size(entry.size)}), more than the ${limits.ratio}× allowed for a file over ${size(limits.ratioMinBytes)}: refused as a likely zip bomb`;
	}
	return null;
}

/** Where each entry's data starts, or why it cannot be found. */
function dataStart(bytes: Uint8Array, entry: Entry): number | string {
	const at = entry.localOffset;
	if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) {
		return 'no local header where the central directory points (the archive is corrupt)';
	}
	const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
	if (start + entry.compressedSize > bytes.length) {
		return 'its data runs past the end of the archive (is it truncated?)';
	}
	return start;
}

/**
 * Entries whose data overlap: no tool writes them, and overlapping is how a bomb makes many
 * entries out of one compressed kernel.
 */
function overlapping(bytes: Uint8Array, entries: Entry[]): string | null {
	const spans: { entry: Entry; start: number; end: number }[] = [];
	for (const entry of entries) {
		const start = dataStart(bytes, entry);
		if (typeof start === 'string') continue; // said when the entry is read, if it is
		spans.push({ entry, start: entry.localOffset, end: start + entry.compressedSize });
	}
	spans.sort((a, b) => a.start - b.start);
	for (let i = 1; i < spans.length; i++) {
		const [a, b] = [spans[i - 1]!, spans[i]!];
		if (b.start < a.end) {
			return `${display(b.entry.name)}: damaged: its data overlaps that of ${display(a.entry.name)} (the archive is malformed)`;
		}
	}
	return null;
}

/** Names of entries that were not path-checked (skipped ones) may be anything: quote them then. */
function display(path: string): string {
	return unsafePath(path) === null ? path : JSON.stringify(path);
}

/** The entry's bytes, or why they cannot be trusted. */
function readEntry(bytes: Uint8Array, entry: Entry): Uint8Array | string {
	const start = dataStart(bytes, entry);
	if (typeof start === 'string') return start;
	const data = bytes.subarray(start, start + entry.compressedSize);
	let content: Uint8Array;
	if (entry.method === STORED) {
		if (entry.compressedSize !== entry.size) {
			return `stored uncompressed, yet its header declares ${count(entry.compressedSize)} bytes stored and ${count(entry.size)} inflated (the archive is corrupt)`;
		}
		content = data.slice();
	} else {
		const inflated = inflateBounded(data, entry.size);
		if (typeof inflated === 'string') return inflated;
		content = inflated;
	}
	if (crc32(content) !== entry.crc) return 'its CRC-32 does not match (the archive is corrupt)';
	return content;
}

/**
 * Inflates at most the declared size, and says so when the data holds more. fflate's `inflateSync`
 * given an `out` buffer never writes past it, but drops the excess silently and keeps inflating to
 * the end of the input: a lying header would cost the whole bomb's CPU time. So it is used only on
 * inputs of one step (at most ~1,032× of INFLATE_CHUNK: a few milliseconds), with one byte of room
 * to see an overrun; larger inputs are inflated in steps that stop at the first one past the size.
 */
function inflateBounded(data: Uint8Array, declared: number): Uint8Array | string {
	const longer = `it inflates to more than the ${count(declared)} bytes its header declares (the archive is corrupt)`;
	let out: Uint8Array;
	let written = 0;
	try {
		if (data.length === 0) {
			// No stream at all (fflate would hand back `out` untouched, as if it were full).
			out = new Uint8Array(0);
		} else if (data.length <= INFLATE_CHUNK) {
			// Thousands of small sources/*.txt: one call each, not a stream with its 32 KiB window.
			out = inflateSync(data, { out: new Uint8Array(declared + 1) });
			written = out.length;
			if (written > declared) return longer;
		} else {
			out = new Uint8Array(declared);
			let over = false;
			const inflater = new Inflate((chunk) => {
				if (over || written + chunk.length > declared) {
					over = true;
					return;
				}
				out.set(chunk, written);
				written += chunk.length;
			});
			for (let at = 0; at < data.length && !over; at += INFLATE_CHUNK) {
				const end = Math.min(at + INFLATE_CHUNK, data.length);
				inflater.push(data.subarray(at, end), end === data.length);
			}
			if (over) return longer;
		}
	} catch (cause) {
		// A stored block copied past the end of `out` (fflate's own errors are plain Errors).
		if (cause instanceof RangeError) return longer;
		return `its compressed data cannot be inflated (${(cause as Error).message})`;
	}
	if (written !== declared) {
		return `it inflates to ${count(written)} bytes, not the ${count(declared)} its header declares (the archive is corrupt)`;
	}
	return out.length === declared ? out : out.subarray(0, declared);
}

const CRC_TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

/** CRC-32 (IEEE 802.3, as zip uses); fflate keeps its own private. */
export function crc32(bytes: Uint8Array): number {
	let c = -1;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
	return (c ^ -1) >>> 0;
}

function count(n: number): string {
	return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 GiB`, `4 GiB`, `1.5 MiB`, `900 bytes`. */
function size(bytes: number): string {
	if (!Number.isFinite(bytes)) return 'more than 8 PiB';
	if (bytes < KiB) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
	const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
	let value = bytes / KiB;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${Number(value.toFixed(1))} ${units[unit]}`;
}
