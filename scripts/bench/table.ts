/**
 * The table import's figure for `npm run bench`: a seeded CSV of `rows` rows, as a newsroom keeps
 * one (coordinates, a place, a US date, a description, a links column, a weapon and a tags list read
 * as facets, a casualty figure that is sometimes "Unknown"),
 * read, guessed, mapped and validated by the same core as `npm run import-table`
 * (`readTable` → `guessMapping` on every row → `tableToDataset`), against papaparse's own parse of the same text.
 */
import Papa from 'papaparse';
import { readTable } from '../../src/lib/domain/table.ts';
import { guessMapping } from '../../src/lib/domain/table-mapping.ts';
import { tableToDataset } from '../../src/lib/domain/table-import.ts';
import { random } from './generate.ts';

/** A CSV of `rows` rows over `rows / 20` places, the same for the same seed. */
export function syntheticTable(rows: number, seed = 1): string {
	const rnd = random(seed);
	const places = Math.max(1, Math.floor(rows / 20));
	const lines = [
		'Latitude,Longitude,Place,Date of incident,Description,Links,Weapon,Tags,Civilians killed'
	];
	const TAGS = ['school', 'hospital', 'market', 'residential', 'infrastructure', 'night'];
	for (let i = 0; i < rows; i++) {
		const p = Math.floor(rnd() * places);
		const lat = (40 + (p % 100) / 10).toFixed(4);
		const lon = (30 + Math.floor(p / 100) / 10).toFixed(4);
		const date = `${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}/${String(13 + Math.floor(rnd() * 15))}/20${20 + Math.floor(rnd() * 5)}`;
		const links = Array.from(
			{ length: 1 + Math.floor(rnd() * 3) },
			(_, k) => `https://example.org/${i}/${k}`
		).join('|');
		lines.push(
			`${lat},${lon},Place ${p},${date},"Strike reported near place ${p}, row ${i}",${links},${rnd() < 0.5 ? 'drone' : ''},"${TAGS[Math.floor(rnd() * 6)]}; ${TAGS[Math.floor(rnd() * 6)]}",${rnd() < 0.2 ? 'Unknown' : Math.floor(rnd() * 5)}`
		);
	}
	return lines.join('\n') + '\n';
}

/** The import's core on the text, once, throwing unless it gives a valid dataset. */
export function importTableCore(text: string, fileName = 'bench.csv') {
	const read = readTable(fileName, text);
	if (!read.table) throw new Error(`bench table unreadable: ${read.errors[0]?.message}`);
	const { mapping } = guessMapping(
		read.table.header,
		read.table.rows.map((r) => r.cells)
	);
	const result = tableToDataset(read.table, mapping, { fileName, importedOn: '2025-01-01' });
	if (!result.dataset) throw new Error(`bench table invalid: ${result.errors[0]?.message}`);
	return result.dataset;
}

/** The floor: papaparse's parse of the same text, nothing else. */
export function papaparseFloor(text: string) {
	return Papa.parse<string[]>(text, { skipEmptyLines: false }).data.length;
}
