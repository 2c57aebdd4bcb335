/**
 * A table file of any kind the import reads, by its name: CSV and TSV, a JSON array of objects,
 * GeoJSON and KML (`table-geo.ts`), Excel `.xlsx` (`table-xlsx.ts`). Bytes in, decoded strictly
 * (a file that is not UTF-8 is refused with where, never read with replacement characters).
 */
import { decodeUtf8 } from './text.ts';
import { readTable, type TableRead } from './table.ts';

export const TABLE_EXTENSIONS = ['.csv', '.tsv', '.tab', '.json', '.geojson', '.kml', '.xlsx'];

export async function readTableFile(fileName: string, bytes: Uint8Array): Promise<TableRead> {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.xlsx')) {
		const { readXlsxTable } = await import('./table-xlsx.ts');
		return readXlsxTable(fileName, bytes);
	}
	const decoded = decodeUtf8(bytes);
	if (!decoded.ok)
		return {
			table: null,
			errors: [{ severity: 'error', file: fileName, line: decoded.line, message: decoded.message }],
			warnings: []
		};
	const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
	const geo =
		lower.endsWith('.kml') ||
		lower.endsWith('.geojson') ||
		(lower.endsWith('.json') &&
			/^\s*\{[^]*"type"\s*:\s*"FeatureCollection"/.test(text.slice(0, 4096)));
	if (geo) {
		const { readGeoJsonTable, readKmlTable } = await import('./table-geo.ts');
		return lower.endsWith('.kml') ? readKmlTable(fileName, text) : readGeoJsonTable(fileName, text);
	}
	return readTable(fileName, text);
}
