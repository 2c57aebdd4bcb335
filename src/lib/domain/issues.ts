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

/**
 * One line per issue, e.g. `claims.json: claim "x" field "locations[2]": unknown location "y"`.
 * Control characters (and the invisible ones that reorder text) are escaped as JSON writes them,
 * so that an id cannot start a line of its own ("all good"), clear a terminal or hide a word.
 */
export function formatIssue(issue: DatasetIssue): string {
	return escapeControl(formatRaw(issue));
}

// These are exactly what must not reach a screen raw.
const UNSAFE =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `a\nb` → `a\\nb`, ESC → `\\u001b`: text that can be printed on one line as it is. */
export function escapeControl(text: string): string {
	return text.replace(
		UNSAFE,
		(c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
}

function formatRaw(issue: DatasetIssue): string {
	const where = [issue.file];
	if (issue.line !== undefined)
		where.push(
			issue.column === undefined
				? `line ${issue.line}`
				: `line ${issue.line} column ${issue.column}`
		);
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
