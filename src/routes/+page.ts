import builtin from 'virtual:builtin-dataset';
import type { PageLoad } from './$types';

// Only the summary is in the page: the records come from static files, in the data worker.
export const load: PageLoad = () => ({ builtin });
