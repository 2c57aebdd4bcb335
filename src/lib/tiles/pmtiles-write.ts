/**
 * Writes the parts of a PMTiles v3 archive that come before the tile data: the 127-byte header, the
 * root directory, the JSON metadata and the leaf directories, as the specification lays them out
 * (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md).
 *
 * The `pmtiles` package reads archives, and exports what both sides share: the tile id
 * (`zxyToTileId`, a position on the Hilbert curves of every zoom), the `Header` and `Entry` types
 * and the compression and tile type enums. It has no writer; no maintained npm package we found
 * writes PMTiles (the others read them), and GDAL writes them only from 3.8 (Debian 12 has 3.6).
 * So this file is the writer's half of what `bytesToHeader` and the reader's directory parser
 * undo, and nothing else: the tiles themselves are encoded by vt-pbf and compressed by the caller.
 */
import { Compression, TileType, type Entry, type Header } from 'pmtiles';

export { Compression, TileType, zxyToTileId, tileIdToZxy, type Entry } from 'pmtiles';

export const HEADER_BYTES = 127;
/** Header and root directory must fit in the first 16 KiB, which a reader fetches in one go. */
export const ROOT_LIMIT = 16_384 - HEADER_BYTES;

export type Compress = (bytes: Uint8Array) => Uint8Array;

/** Unsigned LEB128, for integers up to 2^53 (JavaScript bit operators stop at 32 bits). */
class ByteWriter {
	private bytes = new Uint8Array(1024);
	length = 0;
	varint(value: number) {
		if (!Number.isSafeInteger(value) || value < 0)
			throw new RangeError(`not an unsigned safe integer: ${value}`);
		this.reserve(10);
		while (value >= 0x80) {
			this.bytes[this.length++] = (value % 0x80) | 0x80;
			value = Math.floor(value / 0x80);
		}
		this.bytes[this.length++] = value;
	}
	private reserve(n: number) {
		if (this.length + n <= this.bytes.length) return;
		const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
		grown.set(this.bytes.subarray(0, this.length));
		this.bytes = grown;
	}
	finish(): Uint8Array {
		return this.bytes.slice(0, this.length);
	}
}

/**
 * One directory, uncompressed: the number of entries, then each column in turn (tile id deltas,
 * run lengths, lengths, offsets), where an offset that follows on from the previous entry is 0 and
 * any other is written plus one.
 */
export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
	if (entries.length === 0) throw new RangeError('a PMTiles directory cannot be empty');
	const out = new ByteWriter();
	out.varint(entries.length);
	let lastId = 0;
	for (const e of entries) {
		if (e.tileId < lastId) throw new RangeError('directory entries must be sorted by tile id');
		out.varint(e.tileId - lastId);
		lastId = e.tileId;
	}
	for (const e of entries) out.varint(e.runLength);
	for (const e of entries) {
		if (e.length <= 0) throw new RangeError(`entry ${e.tileId}: a length must be > 0`);
		out.varint(e.length);
	}
	for (let i = 0; i < entries.length; i++) {
		const e = entries[i]!;
		const prev = entries[i - 1];
		out.varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
	}
	return out.finish();
}

export interface Directories {
	/** Compressed; fits in ROOT_LIMIT. */
	root: Uint8Array;
	/** The compressed leaf directories, one after another (empty when the root holds every entry). */
	leaves: Uint8Array;
}

/**
 * The root directory alone when it fits, else leaves of `leafSize` entries with the root pointing
 * at them (run length 0), the leaves growing by a fifth until the root fits: what go-pmtiles does.
 * One level of leaves is enough: 16 KiB of root addresses some thousands of leaves of thousands.
 */
export function buildDirectories(entries: readonly Entry[], compress: Compress): Directories {
	// A directory of 16k entries or more compresses to more than 16 KiB: skip the attempt.
	if (entries.length < 16_384) {
		const root = compress(serializeDirectory(entries));
		if (root.length <= ROOT_LIMIT) return { root, leaves: new Uint8Array(0) };
	}
	for (let leafSize = 4096; ; leafSize = Math.ceil(leafSize * 1.2)) {
		const rootEntries: Entry[] = [];
		const leaves: Uint8Array[] = [];
		let offset = 0;
		for (let i = 0; i < entries.length; i += leafSize) {
			const leaf = compress(serializeDirectory(entries.slice(i, i + leafSize)));
			rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
			leaves.push(leaf);
			offset += leaf.length;
		}
		const root = compress(serializeDirectory(rootEntries));
		if (root.length <= ROOT_LIMIT) return { root, leaves: concat(leaves, offset) };
	}
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
	const out = new Uint8Array(length);
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** What the header says about the tiles; the offsets and counts are computed. */
export interface ArchiveDescription {
	tileType: TileType;
	tileCompression: Compression;
	minZoom: number;
	maxZoom: number;
	/** [west, south, east, north] in degrees. */
	bounds: readonly [number, number, number, number];
	center: readonly [number, number];
	centerZoom: number;
}

/** The 127 bytes of a v3 header, little-endian, in the specification's order. */
export function headerBytes(h: Omit<Header, 'etag'>): Uint8Array {
	const bytes = new Uint8Array(HEADER_BYTES);
	const view = new DataView(bytes.buffer);
	bytes.set(new TextEncoder().encode('PMTiles'), 0);
	view.setUint8(7, 3);
	const u64 = (at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
	u64(8, h.rootDirectoryOffset);
	u64(16, h.rootDirectoryLength);
	u64(24, h.jsonMetadataOffset);
	u64(32, h.jsonMetadataLength);
	u64(40, h.leafDirectoryOffset);
	u64(48, h.leafDirectoryLength ?? 0);
	u64(56, h.tileDataOffset);
	u64(64, h.tileDataLength ?? 0);
	u64(72, h.numAddressedTiles);
	u64(80, h.numTileEntries);
	u64(88, h.numTileContents);
	view.setUint8(96, h.clustered ? 1 : 0);
	view.setUint8(97, h.internalCompression);
	view.setUint8(98, h.tileCompression);
	view.setUint8(99, h.tileType);
	view.setUint8(100, h.minZoom);
	view.setUint8(101, h.maxZoom);
	const e7 = (at: number, degrees: number) => view.setInt32(at, Math.round(degrees * 1e7), true);
	e7(102, h.minLon);
	e7(106, h.minLat);
	e7(110, h.maxLon);
	e7(114, h.maxLat);
	view.setUint8(118, h.centerZoom);
	e7(119, h.centerLon);
	e7(123, h.centerLat);
	return bytes;
}

/**
 * Everything before the tile data, in the recommended order (header, root directory, metadata,
 * leaf directories): the caller writes these bytes, then the tile data whose entries (sorted by
 * tile id, offsets from the start of the tile data) are given. Metadata and directories are
 * compressed with `compress`, which must be gzip: the header says so.
 */
export function archiveHead(
	entries: readonly Entry[],
	tileDataLength: number,
	metadata: unknown,
	description: ArchiveDescription,
	compress: Compress
): Uint8Array {
	const { root, leaves } = buildDirectories(entries, compress);
	const json = compress(new TextEncoder().encode(JSON.stringify(metadata)));
	let clustered = true;
	const offsets = new Set<number>();
	let addressed = 0;
	for (let i = 0; i < entries.length; i++) {
		const e = entries[i]!;
		const prev = entries[i - 1];
		// Clustered: the data is in tile id order, each blob new or a repeat of an earlier one.
		if (prev && e.offset !== prev.offset + prev.length && e.offset >= prev.offset)
			clustered = false;
		offsets.add(e.offset);
		addressed += e.runLength;
	}
	const rootOffset = HEADER_BYTES;
	const metadataOffset = rootOffset + root.length;
	const leavesOffset = metadataOffset + json.length;
	const dataOffset = leavesOffset + leaves.length;
	const [minLon, minLat, maxLon, maxLat] = description.bounds;
	const header = headerBytes({
		specVersion: 3,
		rootDirectoryOffset: rootOffset,
		rootDirectoryLength: root.length,
		jsonMetadataOffset: metadataOffset,
		jsonMetadataLength: json.length,
		leafDirectoryOffset: leavesOffset,
		leafDirectoryLength: leaves.length,
		tileDataOffset: dataOffset,
		tileDataLength,
		numAddressedTiles: addressed,
		numTileEntries: entries.length,
		numTileContents: offsets.size,
		clustered,
		internalCompression: Compression.Gzip,
		tileCompression: description.tileCompression,
		tileType: description.tileType,
		minZoom: description.minZoom,
		maxZoom: description.maxZoom,
		minLon,
		minLat,
		maxLon,
		maxLat,
		centerZoom: description.centerZoom,
		centerLon: description.center[0],
		centerLat: description.center[1]
	});
	return concat([header, root, json, leaves], dataOffset);
}
