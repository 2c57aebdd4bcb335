/**
 * A Vite plugin that validates the built-in dataset when the build starts, failing it with every
 * error (file, record, field), and serves the validated dataset as `virtual:builtin-dataset`.
 * The folder is `geodata/` unless GEODATA_DIR names another (the tests build broken copies).
 */
import { resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { formatIssue } from '../src/lib/domain/issues.ts';
import type { Dataset } from '../src/lib/domain/schema.ts';
import { validateFolder } from './read-dataset.ts';

const VIRTUAL_ID = 'virtual:builtin-dataset';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

export function builtinDataset(folder = process.env.GEODATA_DIR ?? 'geodata'): Plugin {
	const root = resolve(folder);
	let dataset: Dataset | null = null;
	let building = false;

	async function load(): Promise<Dataset> {
		const result = await validateFolder(root);
		for (const warning of result.warnings) console.warn(`${folder}/${formatIssue(warning)}`);
		if (!result.dataset) {
			const lines = result.errors.map((e) => `  ${folder}/${formatIssue(e)}`);
			throw new Error(
				`The dataset in ${folder}/ is invalid (${result.errors.length} error(s)):\n${lines.join('\n')}`
			);
		}
		return result.dataset;
	}

	return {
		name: 'claims-map:builtin-dataset',
		configResolved(config) {
			building = config.command === 'build';
		},
		async buildStart() {
			// Fail `vite build` first thing; the dev server and vitest check when the module is loaded.
			if (building) dataset = await load();
		},
		resolveId(id) {
			return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return undefined;
			dataset ??= await load();
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(dataset))});`;
		},
		configureServer(server) {
			// In `vite dev`, an edit under geodata/ re-validates and reloads the page.
			server.watcher.add(root);
			server.watcher.on('all', (_event, path) => {
				if (path !== root && !path.startsWith(root + sep)) return;
				dataset = null;
				const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			});
		}
	};
}
