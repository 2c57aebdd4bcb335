/**
 * A Vite plugin that validates the built-in dataset when the build starts, failing it with every
 * error (file, record, field), and writes it into the site as static parts (`static-parts.ts`):
 * `/data/<hash>/…`, fetched by the data worker, never inline in the HTML. `virtual:builtin-dataset`
 * exports only what the first page shows before the data is in: the name, the counts, the bounds
 * and where the parts are. The folder is `geodata/` unless GEODATA_DIR names another.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Plugin } from 'vite';
import { formatIssue } from '../src/lib/domain/issues.ts';
import type { Dataset } from '../src/lib/domain/schema.ts';
import { DatasetView } from '../src/lib/data/dataset-view.ts';
import { summaryOf } from '../src/lib/data/place-summary.ts';
import type { BuiltinSummary } from '../src/lib/data/protocol.ts';
import { toStaticParts } from '../src/lib/data/static-parts.ts';
import { validateFolder } from './read-dataset.ts';

const gzip = promisify(gzipCallback);
const validated = new Map<string, Promise<Built>>();
const VIRTUAL_ID = 'virtual:builtin-dataset';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

interface Built {
	summary: BuiltinSummary;
	files: Map<string, string>;
}

export function builtinDataset(
	folder = process.env.GEODATA_DIR ?? 'geodata',
	out = 'build'
): Plugin {
	const root = resolve(folder);
	let built: Promise<Built> | null = null;
	let building = false;
	let ssrBuild = false;
	let failed = false;

	async function load(): Promise<Built> {
		const result = await validateFolder(root);
		for (const warning of result.warnings) console.warn(`${folder}/${formatIssue(warning)}`);
		if (!result.dataset) {
			const lines = result.errors.map((e) => `  ${folder}/${formatIssue(e)}`);
			throw new Error(
				`The dataset in ${folder}/ is invalid (${result.errors.length} error(s)):\n${lines.join('\n')}`
			);
		}
		return partsOf(result.dataset);
	}
	// SvelteKit's browser build loads the config again, and this plugin with it: the dataset is
	// validated once per process (per folder), not once per build.
	const get = () => (built ??= validated.get(root) ?? validated.set(root, load()).get(root)!);

	return {
		name: 'claims-map:builtin-dataset',
		async buildStart() {
			// Fail `vite build` first thing; the dev server and vitest check when the module is loaded.
			if (building) await get();
		},
		resolveId(id) {
			return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return undefined;
			return `export default ${JSON.stringify((await get()).summary)};`;
		},
		configResolved(config) {
			building = config.command === 'build';
			ssrBuild = Boolean(config.build.ssr);
		},
		buildEnd(error) {
			if (error) failed = true;
		},
		// Written into the site once the adapter has written it (it empties the folder first), and
		// gzipped beside, not through the adapter: its brotli at top quality takes minutes a
		// hundred MB, where gzip takes seconds and the static host serves either.
		closeBundle: {
			order: 'post',
			sequential: true,
			async handler() {
				if (!ssrBuild || failed) return;
				const { summary, files } = await get();
				const dir = join(out, summary.base);
				await mkdir(dir, { recursive: true });
				let bytes = 0;
				for (const [name, text] of files) {
					bytes += text.length;
					await writeFile(join(dir, name), text);
					await writeFile(join(dir, `${name}.gz`), await gzip(text));
				}
				console.log(
					`  Wrote the built-in dataset as ${files.size} parts (${bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`}) in ${out}${summary.base}/.`
				);
			}
		},
		configureServer(server) {
			// `vite dev` serves the parts from memory; an edit under geodata/ re-validates and reloads.
			server.middlewares.use(async (req, res, next) => {
				const { summary, files } = await get().catch(() => ({ summary: null, files: null }));
				const path = req.url?.split('?')[0] ?? '';
				if (!summary || !path.startsWith(`${summary.base}/`)) return next();
				const file = files!.get(path.slice(summary.base.length + 1));
				if (file === undefined) return next();
				res.setHeader('content-type', 'application/json');
				res.end(file);
			});
			server.watcher.add(root);
			server.watcher.on('all', (_event, path) => {
				if (path !== root && !path.startsWith(root + sep)) return;
				built = null;
				validated.delete(root);
				const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			});
		}
	};
}

function partsOf(dataset: Dataset): Built {
	const places = summaryOf(new DatasetView(dataset));
	const files = toStaticParts(dataset, places);
	const hash = createHash('sha256');
	for (const [name, text] of files) hash.update(name).update('\0').update(text).update('\0');
	return {
		summary: { ...places.overview, base: `/data/${hash.digest('hex').slice(0, 16)}` },
		files
	};
}
