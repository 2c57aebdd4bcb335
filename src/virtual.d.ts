// The built-in dataset's summary, validated at build time by scripts/dataset-plugin.ts; its
// records are static files that the data worker fetches.
declare module 'virtual:builtin-dataset' {
	const summary: import('$lib/data/protocol').BuiltinSummary;
	export default summary;
}
