import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { builtinDataset } from './scripts/dataset-plugin.ts';

export default defineConfig({
	plugins: [builtinDataset(), sveltekit()],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 4173), strictPort: true },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000
	}
});
