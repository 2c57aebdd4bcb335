import { describe, expect, it } from 'vitest';
import { actor, claim, location, source } from '../test-data/factories.ts';
import type { Dataset } from '../domain/schema.ts';
import { DatasetView } from '../data/dataset-view.ts';
import { summaryOf } from '../data/place-summary.ts';
import {
	classifyStorageError,
	describeStorageProblem,
	DamagedDatasetError,
	fromParts,
	PLACES_PART,
	StorageUnavailableError,
	toParts,
	type StoredDataset
} from './library.ts';

function record(claims = 12): StoredDataset {
	const dataset: Dataset = {
		meta: { name: 'Parts', description: 'a test' },
		locations: [location('p1', { name: 'One' }, [1, 2]), location('p2', { name: 'Two' }, [3, 4])],
		actors: [actor('a1')],
		sources: [source('s1'), source('s2')],
		claims: Array.from({ length: claims }, (_, i) => claim(`c${i}`, { locations: ['p1'] })),
		texts: { s1: 'the first text', s2: 'the second text' }
	};
	return {
		id: 'parts-1',
		name: 'Parts',
		importedAt: '2026-01-01T00:00:00.000Z',
		kind: 'folder',
		from: ['a.json'],
		dataset
	};
}

describe('toParts and fromParts', () => {
	it('splits the records into chunks of the given size and the texts apart', () => {
		const { info, chunks, texts } = toParts(record(12), 5);
		expect(info).toEqual({
			id: 'parts-1',
			name: 'Parts',
			importedAt: '2026-01-01T00:00:00.000Z',
			kind: 'folder',
			from: ['a.json'],
			counts: { locations: 2, claims: 12, actors: 1, sources: 2 },
			texts: 2
		});
		const claimChunks = chunks.filter((c) => c.part === 'claims');
		expect(claimChunks.map((c) => [c.index, c.records.length])).toEqual([
			[0, 5],
			[1, 5],
			[2, 2]
		]);
		expect(chunks.filter((c) => c.part === 'meta')).toHaveLength(1);
		expect(chunks.every((c) => c.datasetId === 'parts-1')).toBe(true);
		expect(texts).toEqual([
			{ datasetId: 'parts-1', sourceId: 's1', text: 'the first text' },
			{ datasetId: 'parts-1', sourceId: 's2', text: 'the second text' }
		]);
	});

	it('reassembles the same dataset, whatever order the chunks come in', () => {
		const original = record(23);
		const { info, chunks, texts } = toParts(original, 4);
		expect(fromParts(info, [...chunks].reverse(), texts)).toEqual(original);
	});

	it('keeps the summary of the places as a chunk of its own, out of what the menu lists', () => {
		const original = record(3);
		const withPlaces = { ...original, places: summaryOf(new DatasetView(original.dataset)) };
		const { info, chunks, texts } = toParts(withPlaces, 4);
		expect(info).toEqual(toParts(original, 4).info);
		expect(chunks.filter((c) => c.part === PLACES_PART)).toEqual([
			{ datasetId: 'parts-1', part: PLACES_PART, index: 0, records: [withPlaces.places] }
		]);
		expect(fromParts(info, chunks, texts)).toEqual(withPlaces);
	});

	it('writes no chunk for an empty part, and reads it back empty', () => {
		const original = record(0);
		const { info, chunks, texts } = toParts(original, 4);
		expect(chunks.some((c) => c.part === 'claims')).toBe(false);
		expect(fromParts(info, chunks, texts).dataset.claims).toEqual([]);
	});

	it('tells a source stored without a text (format 2) from a text lost from storage', () => {
		const original = record(3);
		delete original.dataset.texts.s2;
		const { info, chunks, texts } = toParts(original, 4);
		expect(info.texts).toBe(1);
		expect(fromParts(info, chunks, texts)).toEqual(original);
		expect(() => fromParts(info, chunks, [])).toThrow(DamagedDatasetError);
		// Stored before the count was kept: every source had its text then.
		const { texts: _, ...older } = info;
		expect(() => fromParts(older, chunks, texts)).toThrow(DamagedDatasetError);
	});

	it('refuses a dataset with a chunk missing rather than show part of it', () => {
		const { info, chunks, texts } = toParts(record(12), 5);
		expect(() =>
			fromParts(
				info,
				chunks.filter((c) => !(c.part === 'claims' && c.index === 1)),
				texts
			)
		).toThrow(/incomplete/);
		expect(() =>
			fromParts(
				info,
				chunks.filter((c) => c.part !== 'meta'),
				texts
			)
		).toThrow(DamagedDatasetError);
		// A source whose text was lost: the dataset would show quotes it cannot check.
		expect(() => fromParts(info, chunks, [])).toThrow(DamagedDatasetError);
	});
});

describe('classifyStorageError', () => {
	it('reads a full quota, a value too large, storage that cannot be used and anything else', () => {
		expect(classifyStorageError(new DOMException('full', 'QuotaExceededError'))).toEqual({
			kind: 'quota',
			name: 'QuotaExceededError',
			message: 'full'
		});
		const tooLarge = new DOMException(
			'The serialized keys and/or value are too large (size=140000000 bytes, max=133169152 bytes).',
			'DataError'
		);
		expect(classifyStorageError(tooLarge).kind).toBe('too-large');
		expect(classifyStorageError(new DOMException('no', 'InvalidStateError')).kind).toBe(
			'unavailable'
		);
		const unavailable = classifyStorageError(new StorageUnavailableError(new TypeError('boom')));
		expect(unavailable).toEqual({ kind: 'unavailable', name: 'TypeError', message: 'boom' });
		expect(classifyStorageError(new DOMException('aborted', 'AbortError')).kind).toBe('other');
		expect(classifyStorageError('odd')).toEqual({ kind: 'other', name: 'Error', message: 'odd' });
	});

	it('says what to do: always export; free space for a full quota; a normal window otherwise', () => {
		const say = (kind: 'quota' | 'too-large' | 'unavailable' | 'other') =>
			describeStorageProblem({ kind, name: 'X', message: 'y' });
		for (const kind of ['quota', 'too-large', 'unavailable', 'other'] as const) {
			expect(say(kind).advice).toContain('export it from the Export menu');
		}
		expect(say('quota').reason).toContain('quota exceeded');
		expect(say('quota').advice).toContain('free space');
		expect(say('too-large').reason).toContain('value too large');
		expect(say('unavailable').advice).toContain('normal window');
	});
});
