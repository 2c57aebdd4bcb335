/**
 * `npm start`: builds the site if anything it is built from is newer than the build, then serves
 * `build/` on 127.0.0.1 (port 4173, or PORT).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

const BUILD_STAMP = 'build/index.html';
const INPUTS = [
	'src',
	'static',
	'geodata',
	'scripts',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

function newestMtime(path: string): number {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
	return newest;
}

const builtAt = existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : 0;
if (Math.max(...INPUTS.map(newestMtime)) > builtAt) {
	console.log('start: building the site (npm run build)…');
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = Number(process.env.PORT ?? 4173);
const host = '127.0.0.1';
const serve = sirv('build', { extensions: ['html'], etag: true, gzip: true, brotli: true });
createServer((req, res) =>
	serve(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Not found');
	})
)
	.on('error', (error: NodeJS.ErrnoException) => {
		console.error(`start: cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
		process.exit(1);
	})
	.listen(port, host, () => console.log(`start: serving build/ at http://${host}:${port}/`));
