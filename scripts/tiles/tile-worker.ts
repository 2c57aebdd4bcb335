/** A worker thread of `encodePlaceTiles`: encodes its share of the tiles, a block a message. */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeShare, type PlaceTilesInput } from './place-tiles.ts';

const { input, worker, workers } = workerData as {
	input: PlaceTilesInput;
	worker: number;
	workers: number;
};
for (const block of encodeShare(input, worker, workers))
	parentPort!.postMessage(block, [block.tileIds.buffer, block.lengths.buffer, block.data.buffer]);
