/**
 * The built-in dataset, validated when the build started (scripts/dataset-plugin.ts) and written
 * out as one static JSON file at build time.
 */
import { json } from '@sveltejs/kit';
import dataset from 'virtual:builtin-dataset';

export const prerender = true;

export function GET() {
	return json(dataset);
}
