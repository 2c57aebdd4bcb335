/**
 * JSON written in parts, each made as it is read: at a million claims an export is longer than
 * any one string V8 can make. `jsonParts` writes what `JSON.stringify(value, null, 1)` would,
 * the arrays marked as `Items` a batch at a time.
 */
/** The longest part exportParts yields, in UTF-16 code units. */
export const EXPORT_PART_CHARS = 1 << 20;
/** About what one stringify of a batch of items should write: half a part, passed on as it is. */
const BATCH_CHARS = EXPORT_PART_CHARS >> 1;

/**
 * Pieces of any length as parts of at most `max`: the short ones joined, a long one (a quarter of
 * `max` or more, as a batch of items is) passed on as it is, one longer than `max` cut.
 */
export function* bounded(pieces: Iterable<string>, max = EXPORT_PART_CHARS): Generator<string> {
	let pending: string[] = [];
	let size = 0;
	for (let piece of pieces) {
		if (size > 0 && (size + piece.length > max || piece.length >= max >> 2)) {
			yield pending.length === 1 ? pending[0]! : pending.join('');
			pending = [];
			size = 0;
		}
		while (piece.length > max) {
			// Not between the halves of a surrogate pair: each part is encoded (UTF-8) on its own.
			const code = piece.charCodeAt(max - 1);
			const end = code >= 0xd800 && code <= 0xdbff && max > 1 ? max - 1 : max;
			yield piece.slice(0, end);
			piece = piece.slice(end);
		}
		if (piece.length >= max >> 2) yield piece;
		else if (piece.length) {
			pending.push(piece);
			size += piece.length;
		}
	}
	if (size > 0) yield pending.length === 1 ? pending[0]! : pending.join('');
}

/** How many items the next batch takes, from the last one's length: about BATCH_CHARS. */
export function batchSize(items: number, chars: number): number {
	return Math.max(1, Math.min(4096, Math.round((BATCH_CHARS * items) / Math.max(chars, 1))));
}

/** An array that jsonParts writes an item at a time, the items made as they are reached. */
export class Items<T> {
	constructor(readonly each: () => Iterable<T>) {}
}

/** Whether jsonParts writes a value key by key: it holds Items, itself or in a member object. */
function streams(value: unknown): boolean {
	if (value instanceof Items) return true;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	return Object.values(value).some(streams);
}

/**
 * `value` as `JSON.stringify(value, null, 1)` writes it `depth` containers deep: wrapped in that
 * many arrays, stringified, and the wrapping cut off again, so that V8 writes the indentation.
 */
function stringifyAt(value: unknown, depth: number): string {
	let wrapped = value;
	for (let i = 0; i < depth; i++) wrapped = [wrapped];
	const text = JSON.stringify(wrapped, null, 1);
	// Each wrapping array opens with `[`, a line break and its indentation, and closes likewise.
	const head = 2 * depth + (depth * (depth + 1)) / 2;
	const tail = 2 * depth + (depth * (depth - 1)) / 2;
	return depth === 0 ? text : text.slice(head, text.length - tail);
}

/**
 * The text of `JSON.stringify(value, null, 1)` in pieces: objects that hold Items key by key,
 * Items a batch at a time (one stringify of several items, `depth + 1` deep, their separators
 * written by V8), every other value in one stringify. Objects here are plain records: a key whose
 * value JSON leaves out (undefined, a function) is left out too.
 */
export function* jsonParts(value: unknown, depth = 0): Generator<string> {
	const indent = '\n' + ' '.repeat(depth + 1);
	if (value instanceof Items) {
		let batch: unknown[] = [];
		let size = 1;
		let first = true;
		const write = function* () {
			const text = stringifyAt(batch, depth);
			// The batch is an array `depth` deep: its items, without `[`, `]` and their line breaks.
			// One piece with its separator, so that it is passed on as a part of its own (bounded).
			yield (first ? '[' : ',') + indent + text.slice(depth + 3, text.length - depth - 2);
			first = false;
			size = batchSize(batch.length, text.length);
			batch = [];
		};
		for (const item of (value as Items<unknown>).each()) {
			batch.push(item);
			if (batch.length >= size) yield* write();
		}
		if (batch.length) yield* write();
		yield first ? '[]' : indent.slice(0, -1) + ']';
		return;
	}
	if (!streams(value)) {
		yield stringifyAt(value, depth);
		return;
	}
	let first = true;
	yield '{';
	for (const [key, member] of Object.entries(value as object)) {
		if (member === undefined || typeof member === 'function' || typeof member === 'symbol')
			continue;
		yield (first ? '' : ',') + indent + JSON.stringify(key) + ': ';
		first = false;
		yield* jsonParts(member, depth + 1);
	}
	yield first ? '}' : indent.slice(0, -1) + '}';
}
