// The built-in dataset, validated at build time by scripts/dataset-plugin.ts.
declare module 'virtual:builtin-dataset' {
	const dataset: import('$lib/domain/schema').Dataset;
	export default dataset;
}
