/**
 * Reads a table and opens the mapping preview on the guessed mapping (`TableImport.svelte`). Its
 * own module, loaded when a table is chosen: most readers never import one.
 */
import type { Workspace } from './workspace.svelte.ts';

export async function openTable(workspace: Workspace, file: File) {
	workspace.report = null;
	try {
		const opened = await workspace.explorer.client.openTable(file);
		if (opened.mapping) workspace.table = opened;
		else
			workspace.report = { files: [file.name], errors: opened.errors, warnings: opened.warnings };
	} catch (error) {
		workspace.failed([file.name], error);
	}
}
