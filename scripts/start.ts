/**
 * `npm start`: builds the site if anything it is built from is newer than the build, then serves
 * `build/` on 127.0.0.1 (port 4173, or PORT) until Ctrl-C, with the headers `build/_headers` lists
 * (the Content-Security-Policy with frame-ancestors, nosniff, no-referrer) on every response.
 * `npm run preview` (`--no-build`) serves the build as it is; `BUILD_DIR=dir` serves another.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import sirv from 'sirv';
import { HEADERS_FILE, headersFor, parseHeadersFile } from './security-headers.ts';

/** BUILD_DIR serves another build (the browser tests' build over a generated dataset). */
const DIR = process.env.BUILD_DIR ?? 'build';
const BUILD_STAMP = `${DIR}/index.html`;
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

/**
 * Runs `npm run build`, passing its output through but for SvelteKit's closing advice to run
 * `npm run preview`, which would be wrong here: this process serves the build next.
 */
async function build(): Promise<number> {
	const child = spawn('npm', ['run', 'build'], {
		stdio: ['inherit', 'pipe', 'inherit'],
		env: process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env
	});
	// The advice's words stay together even when a terminal gets it coloured.
	const advice = /to preview your production build/;
	createInterface({ input: child.stdout }).on('line', (line) => {
		if (!advice.test(line)) console.log(line);
	});
	return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

const builtAt = existsSync(BUILD_STAMP) ? statSync(BUILD_STAMP).mtimeMs : 0;
if (!process.argv.includes('--no-build') && Math.max(...INPUTS.map(newestMtime)) > builtAt) {
	console.log('start: building the site (npm run build)…');
	const status = await build();
	if (status !== 0) process.exit(status);
}
if (!existsSync(join(DIR, HEADERS_FILE))) {
	console.error(`start: ${DIR}/${HEADERS_FILE} is missing: run npm run build`);
	process.exit(1);
}
const rules = parseHeadersFile(readFileSync(join(DIR, HEADERS_FILE), 'utf8'));

const port = Number(process.env.PORT ?? 4173);
const host = '127.0.0.1';
const serve = sirv(DIR, { extensions: ['html'], etag: true, gzip: true, brotli: true });
createServer((req, res) => {
	// Before sirv answers, so that every response has them, the 404 included.
	// Not `new URL`: a request target such as `//[::` would make it throw and end the server.
	const path = (req.url ?? '/').split(/[?#]/)[0]!;
	const pathname = path.startsWith('/') ? path : '/';
	for (const [name, value] of headersFor(rules, pathname)) res.setHeader(name, value);
	serve(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Not found');
	});
})
	.on('error', (error: NodeJS.ErrnoException) => {
		console.error(`start: cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
		process.exit(1);
	})
	.listen(port, host, () =>
		console.log(`start: serving ${DIR}/ at http://${host}:${port}/ (Ctrl-C stops it)`)
	);
