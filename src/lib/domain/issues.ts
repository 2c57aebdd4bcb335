/** A problem found in a dataset, located by file, record and field. */
export interface DatasetIssue {
	severity: 'error' | 'warning';
	/** Path inside the dataset folder, e.g. `claims.json` or `sources/article.txt`. */
	file: string;
	/** The record: `claim "nis-2024-10-18"`, or `claim at index 3` when it has no usable id. */
	record?: string;
	/** The field inside the record, e.g. `locations[2]` or `geometry.coordinates[1]`. */
	field?: string;
	/** For JSON syntax errors. */
	line?: number;
	column?: number;
	/** What is wrong, and what was expected. */
	message: string;
}

/** One line per issue, e.g. `claims.json: claim "x" field "locations[2]": unknown location "y"`. */
export function formatIssue(issue: DatasetIssue): string {
	const where = [issue.file];
	if (issue.line !== undefined) where.push(`line ${issue.line} column ${issue.column ?? 1}`);
	let head = where.join(': ');
	if (issue.record) head += `: ${issue.record}`;
	if (issue.field) head += issue.record ? ` field "${issue.field}"` : `: field "${issue.field}"`;
	const prefix = issue.severity === 'warning' ? 'warning: ' : '';
	return `${prefix}${head}: ${issue.message}`;
}

/** `locations[2]`, `geometry.coordinates[1]`: how a path inside a record is written. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		if (typeof key === 'number') out += `[${key}]`;
		else out += out === '' ? String(key) : `.${String(key)}`;
	}
	return out;
}

/** A short, safe rendering of a value for a message: strings quoted and cut, others by type. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const cut = value.length > 60 ? `${value.slice(0, 57)}…` : value;
		return JSON.stringify(cut);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return 'an array';
	return 'an object';
}
