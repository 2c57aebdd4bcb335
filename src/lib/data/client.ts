/**
 * The page's end of the data worker: one worker per page, its methods called as promises. In the
 * unit tests `inProcess` gives the same client over a `WorkerApi` in the test's own thread.
 */
import { proxy, wrap } from 'comlink';
import type { DataApi, DataClient, ProgressReport } from './protocol.ts';

/** The worker starts on the first call: never while the page is prerendered. */
export function startDataWorker(): DataClient {
	let remote: DataClient | null = null;
	const start = () => {
		const worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' });
		return wrap<DataApi>(worker) as unknown as DataClient;
	};
	return new Proxy({} as DataClient, {
		get:
			(_, key: keyof DataApi) =>
			(...args: unknown[]) => {
				remote ??= start();
				// A callback crosses to the worker as a proxy, not a copy.
				if (key === 'importFiles') {
					const [files, names, name, onProgress] = args as Parameters<DataApi['importFiles']>;
					return remote.importFiles(
						files,
						names,
						name,
						proxy(onProgress) as (p: ProgressReport) => void
					);
				}
				return (remote[key] as (...a: unknown[]) => unknown)(...args);
			}
	});
}

/**
 * A client that comes later (its code loaded on demand): each call waits for it. It comes inside
 * an object: a client is a proxy that answers every key, `then` included, so a promise cannot
 * resolve to one without taking it for a promise.
 */
export function deferredClient(holder: Promise<{ client: DataClient }>): DataClient {
	return new Proxy({} as DataClient, {
		get:
			(_, key: keyof DataClient) =>
			async (...args: unknown[]) =>
				((await holder).client[key] as (...a: unknown[]) => unknown)(...args)
	});
}

/** The client over an API in this thread: what the tests use. */
export function inProcess(api: DataApi): DataClient {
	return new Proxy({} as DataClient, {
		get:
			(_, key) =>
			(...args: unknown[]) =>
				Promise.resolve().then(() =>
					(api[key as keyof DataApi] as (...a: unknown[]) => unknown).apply(api, args)
				)
	});
}
