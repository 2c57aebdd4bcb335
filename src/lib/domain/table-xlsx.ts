/**
 * Excel workbooks (`.xlsx`) as tables, read by `read-excel-file` (its universal build: no DOM, no
 * Node, so the same code runs in the import worker and in `npm run import-table`). The first sheet
 * is the table, its first non-empty row the header; other sheets are named in a warning, not read.
 * Cells become text as a CSV would hold them: dates as ISO (`2022-02-24`, with the time when it
 * has one), numbers as JavaScript writes them, true/false as words.
 */
import readXlsxFile from 'read-excel-file/universal';
import type { DatasetIssue } from './issues.ts';
import type { TableRead, TableRow } from './table.ts';
import { columnLetter } from './table.ts';

export async function readXlsxTable(fileName: string, bytes: Uint8Array): Promise<TableRead> {
	let sheets: { sheet: string; data: unknown[][] }[];
	try {
		const copy = bytes.slice().buffer;
		sheets = (await readXlsxFile(copy)) as unknown as { sheet: string; data: unknown[][] }[];
	} catch (error) {
		return {
			table: null,
			errors: [
				{
					severity: 'error',
					file: fileName,
					message: `not readable as an Excel workbook (.xlsx): ${(error as Error).message}`
				}
			],
			warnings: []
		};
	}
	const warnings: DatasetIssue[] = [];
	const [first, ...others] = sheets;
	if (others.length)
		warnings.push({
			severity: 'warning',
			file: fileName,
			message: `the table is the first sheet, ${JSON.stringify(first!.sheet)}; the other sheets (${others.map((s) => JSON.stringify(s.sheet)).join(', ')}) are not read`
		});
	const records = (first?.data ?? []).map((row) => row.map(cellText));
	const headerAt = records.findIndex((r) => r.some((c) => c.trim() !== ''));
	if (headerAt < 0)
		return {
			table: null,
			errors: [{ severity: 'error', file: fileName, message: 'the first sheet is empty' }],
			warnings
		};
	const header = records[headerAt]!.map((name, i) => {
		const named = name.trim() === '' ? `(column ${columnLetter(i)})` : name;
		return records[headerAt]!.indexOf(name) === i ? named : `${named} (${i + 1})`;
	});
	const rows: TableRow[] = [];
	for (let i = headerAt + 1; i < records.length; i++) {
		const cells = records[i]!.slice(0, header.length);
		if (cells.every((c) => c.trim() === '')) continue;
		while (cells.length < header.length) cells.push('');
		// The sheet's own row number, as Excel shows it (the library keeps empty rows in place).
		rows.push({ label: `row ${i + 1}`, cells });
	}
	return { table: { fileName, kind: 'xlsx', header, rows }, errors: [], warnings };
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const iso = value.toISOString();
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
	}
	return String(value);
}
