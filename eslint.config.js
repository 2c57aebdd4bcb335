import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' }
		}
	},
	{
		rules: {
			// It flags every temporary Map, URL or Date as if it were state; state here is always
			// declared with $state, so the rule only adds noise.
			'svelte/prefer-svelte-reactivity': 'off',
			// Shallow routing here only changes the query and hash of the page already shown.
			'svelte/no-navigation-without-resolve': [
				'error',
				{ ignorePushState: true, ignoreReplaceState: true }
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// The domain is pure TypeScript: no DOM framework, no map library, no Node built-ins. So
		// are the tiles' format and readers, which the CLI and the browser share.
		files: ['src/lib/domain/**/*.ts', 'src/lib/tiles/**/*.ts'],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', 'maplibre-gl', 'node:*'],
							message: 'src/lib/domain and src/lib/tiles stay pure TypeScript.'
						},
						{
							group: ['**/state/**', '**/map/**', '**/components/**'],
							message: 'The domain never imports from state, map or components.'
						}
					]
				}
			]
		}
	}
);
