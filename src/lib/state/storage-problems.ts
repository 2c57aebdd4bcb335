/**
 * What can go wrong with the browser's storage, in the terms a reader can act on: apart from
 * `library.ts`, so that the page and the worker can say it without loading the storage code (idb).
 */

/** Why the browser would not keep a dataset, in the terms a reader can act on. */
export interface StorageProblem {
	kind: 'quota' | 'too-large' | 'unavailable' | 'other';
	/** The browser's own error name and message. */
	name: string;
	message: string;
}

/**
 * One stored dataset has lost parts (cleared by the browser, or by hand): that dataset cannot be
 * shown, but storage itself works, and the others are fine.
 */
export class DamagedDatasetError extends Error {
	constructor(readonly datasetId: string) {
		super(`the stored dataset “${datasetId}” is incomplete`);
		this.name = 'DamagedDatasetError';
	}
}

/** IndexedDB is missing, or opening it failed: nothing can be kept in this browser. */
export class StorageUnavailableError extends Error {
	constructor(readonly reason: unknown) {
		super('IndexedDB is not available');
		this.name = 'StorageUnavailableError';
	}
}

const UNAVAILABLE_NAMES = new Set([
	'InvalidStateError',
	'SecurityError',
	'NotAllowedError',
	'NotSupportedError'
]);

export function classifyStorageError(error: unknown): StorageProblem {
	const unavailable = error instanceof StorageUnavailableError;
	const cause = unavailable ? error.reason : error;
	const { name = 'Error', message = String(cause) } =
		typeof cause === 'object' && cause !== null
			? (cause as { name?: string; message?: string })
			: {};
	let kind: StorageProblem['kind'] = 'other';
	if (unavailable || UNAVAILABLE_NAMES.has(name)) kind = 'unavailable';
	else if (name === 'QuotaExceededError' || /quota/i.test(message)) kind = 'quota';
	else if (/too large/i.test(message)) kind = 'too-large';
	return { kind, name, message };
}

/** The browser's own words: its error's name, and its message when it gave one. */
export function browserSaid(problem: StorageProblem): string {
	return problem.message ? `${problem.name}: ${problem.message}` : problem.name;
}

/** Why a valid dataset was not kept, and what the reader can do, in plain sentences. */
export function describeStorageProblem(problem: StorageProblem): {
	reason: string;
	advice: string;
} {
	const exportIt =
		'To keep it, export it from the Export menu (GeoJSON, a feature per place) and import that file again later.';
	switch (problem.kind) {
		case 'quota':
			return {
				reason: 'The storage this browser allows for the site is full (quota exceeded).',
				advice: `${exportIt} Or free space: remove imported datasets you no longer need, or clear this site's data, and import it again.`
			};
		case 'too-large':
			return {
				reason:
					'It is larger than this browser will store (value too large). Private windows store much less.',
				advice: `${exportIt} Or import it again in a normal window.`
			};
		case 'unavailable':
			return {
				reason:
					'This browser is not keeping imported datasets (storage unavailable, as in some private windows or when site data is blocked).',
				advice: `${exportIt} Or import it again in a normal window.`
			};
		default:
			return {
				reason: "The browser's storage failed.",
				advice: `${exportIt} Or import it again in a normal window, after freeing space.`
			};
	}
}
