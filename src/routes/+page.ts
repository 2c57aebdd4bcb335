import type { Dataset } from '$lib/domain/schema';
import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	const response = await fetch('/data/dataset.json');
	if (!response.ok) error(response.status, 'The built-in dataset could not be loaded.');
	return { dataset: (await response.json()) as Dataset };
};
