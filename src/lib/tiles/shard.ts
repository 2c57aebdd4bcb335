/**
 * Which shard holds a place's claims: derived from the place's id alone, so that a reader that
 * has the id (a clicked feature's `lid`, a `?location=` link) and the manifest's shard count
 * fetches one file and no index.
 */
const encoder = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes of `id`. Ids are ASCII slugs, so the fast path is the rule. */
export function fnv1a32(id: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) {
		const code = id.charCodeAt(i);
		if (code >= 0x80) return fnv1a32Bytes(encoder.encode(id));
		hash = Math.imul(hash ^ code, 0x01000193);
	}
	return hash >>> 0;
}

function fnv1a32Bytes(bytes: Uint8Array): number {
	let hash = 0x811c9dc5;
	for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
	return hash >>> 0;
}

export function shardOf(id: string, count: number): number {
	return fnv1a32(id) % count;
}

/**
 * The fewest shards (from total / limit up) for which no shard's estimated size passes `limit`,
 * given an estimate of each place's bytes. A place larger than the limit on its own is never
 * split: it is left out of the check, and its shard holds it and up to `limit` of others.
 */
export function chooseShardCount(
	ids: readonly string[],
	bytes: ArrayLike<number>,
	limit: number
): number {
	let total = 0;
	for (let i = 0; i < ids.length; i++) total += bytes[i]!;
	const hashes = Uint32Array.from(ids, fnv1a32);
	for (let count = Math.max(1, Math.ceil(total / limit)); ; count = Math.ceil(count * 1.1)) {
		if (count >= ids.length) return Math.max(1, ids.length);
		const sums = new Float64Array(count);
		let fits = true;
		for (let i = 0; i < ids.length && fits; i++) {
			if (bytes[i]! > limit) continue;
			const s = hashes[i]! % count;
			sums[s]! += bytes[i]!;
			fits = sums[s]! <= limit;
		}
		if (fits) return count;
	}
}
