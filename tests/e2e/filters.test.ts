import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.ts';
import { openMap, readSeed } from './helpers.ts';

const run = promisify(execFile);

test('a facet narrows the list and the panel; emptied places fade, counts follow', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page);
	await page.getByText('Filters', { exact: true }).click();
	await page.getByRole('checkbox', { name: /^National Intelligence Service/ }).check();
	await expect(page.getByText(`1 of ${seed.claims.length} claims, 4 of 5 places`)).toBeVisible();
	await expect(page).toHaveURL(/claimant=south-korea-nis/);
	await expect(
		page.getByRole('button', { name: /^Sergiyevsky training ground 0 claims/ })
	).toHaveClass(/faded/);
	await expect(page.getByRole('button', { name: /^Vladivostok 1 claim/ })).toBeVisible();
	// Zero-count values stay visible but cannot be chosen.
	await expect(page.getByRole('checkbox', { name: /^reported/ })).toBeDisabled();
	await page.getByRole('button', { name: /^Not tied to a place/ }).click();
	await expect(
		page.getByRole('complementary', { name: 'Claims' }).locator('article[data-claim-id]')
	).toHaveCount(0);
	await page.getByRole('button', { name: 'Clear filters' }).click();
	await expect(
		page.getByText(`${seed.claims.length} of ${seed.claims.length} claims, 5 of 5 places`)
	).toBeVisible();
	expect(problems).toEqual([]);
});

test('a URL with filters reproduces the view in a fresh page; Back undoes a facet', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page, '/?stance=cannot_confirm&from=2024-10-18&to=2024-10-18');
	// Claims that may date from 18 October and that a party could not confirm, or such answers:
	// South Korea's, Ukraine's video, Zelenskiy's (dated only to October), NATO's.
	await expect(page.locator('.filters .summary')).toContainText(
		`4 of ${seed.claims.length} claims, 5 of 5 places`
	);
	await page.getByText('Filters (on)', { exact: true }).click();
	await expect(page.getByRole('checkbox', { name: /^cannot confirm/ })).toBeChecked();
	await page.getByRole('checkbox', { name: /^direct/ }).check();
	await expect(page).toHaveURL(/quote_kind=direct/);
	await page.goBack();
	await expect(page).not.toHaveURL(/quote_kind=/);
	await expect(page.getByRole('checkbox', { name: /^direct/ })).not.toBeChecked();
	expect(problems).toEqual([]);
});

test('search finds alternate spellings, accent- and case-insensitively, and marks the match', async ({
	page,
	problems
}) => {
	await openMap(page);
	await page.getByRole('searchbox', { name: 'Search claims' }).fill('USSURIISK');
	await expect(page).toHaveURL(/q=USSURIISK/);
	await page.getByRole('button', { name: /^Ussuriysk 1 claim/ }).click();
	await expect(
		page.getByRole('complementary', { name: 'Claims' }).locator('mark').first()
	).toHaveText('Ussuriisk');
	expect(problems).toEqual([]);
});

test('the export of a filtered view holds only the filtered claims, and says so', async ({
	page,
	problems
}) => {
	const seed = await readSeed();
	await openMap(page, '/?claimant=south-korea-nis');
	await page.getByText('Export', { exact: true }).click();
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: /a feature per claim and place/ }).click();
	const download = await downloading;
	const path = join(
		await mkdtemp(join(tmpdir(), 'claims-filtered-')),
		download.suggestedFilename()
	);
	await download.saveAs(path);
	const nis = seed.claims.find((c) => c.id === 'nis-2024-10-18-stationed-far-east')!;
	const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', path]);
	expect(stdout).toContain(`Feature Count: ${nis.locations.length}`);
	const file = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8'));
	expect(file.claims_map.filter).toEqual({ claimant: 'south-korea-nis' });
	expect(problems).toEqual([]);
});

test('the timeline: its range is the date filter, with the keyboard; Play steps through the days', async ({
	page,
	problems
}) => {
	await openMap(page);
	const timeline = page.getByRole('region', { name: 'Timeline' });
	await expect(
		timeline.getByRole('img', { name: 'Claims per day, 14 October 2024 to 19 October 2024' })
	).toBeVisible();
	const to = timeline.getByRole('slider', { name: 'To' });
	await to.focus();
	await page.keyboard.press('ArrowLeft');
	await expect(page).toHaveURL(/to=2024-10-18/);
	await expect(to).toHaveAttribute('aria-valuetext', '18 October 2024');
	await expect(page.locator('.filters .summary')).not.toContainText('17 of 17 claims');

	await timeline.getByRole('slider', { name: 'From' }).focus();
	await page.keyboard.press('Home');
	await timeline.getByRole('button', { name: 'Play' }).click();
	// It starts at the first day and steps the end on, a day every 800 ms: on a loaded machine the
	// first step can pass between two looks, so any step of the run will do.
	await expect(page).toHaveURL(/from=2024-10-14&to=2024-10-1[4-8]/);
	await expect(timeline.getByRole('button', { name: 'Stop' })).toBeVisible();
	// At the last day the range is the whole span again: no date filter.
	await expect(timeline.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 15_000 });
	await expect(page).not.toHaveURL(/from=|to=/);
	expect(problems).toEqual([]);
});

test('each facet narrows the list as the seed says it should', async ({ page, problems }) => {
	// Six pages opened one after another: more than one test's usual time on a busy machine.
	test.setTimeout(120_000);
	const seed = await readSeed();
	const actors = Object.fromEntries(
		(seed.actors as { id: string; kind?: string }[]).map((a) => [a.id, a])
	);
	const claims = seed.claims as ((typeof seed.claims)[number] & {
		quote_kind: string;
		stance?: string;
	})[];
	const cases: [string, (c: (typeof claims)[number]) => boolean][] = [
		['status=disputed', (c) => c.status === 'disputed'],
		['claimant_kind=official', (c) => actors[c.claimant]!.kind === 'official'],
		['quote_kind=reported', (c) => c.quote_kind === 'reported'],
		[
			'stance=denies',
			(c) =>
				c.stance === 'denies' || claims.some((r) => r.responds_to === c.id && r.stance === 'denies')
		],
		['source=article', () => true]
	];
	for (const [query, keep] of cases) {
		await openMap(page, `/?${query}`);
		const kept = claims.filter(keep);
		const places = seed.locations.filter((l) =>
			kept.some((c) => c.locations.includes(l.id))
		).length;
		await expect(page.locator('.filters .summary'), query).toContainText(
			`${kept.length} of ${claims.length} claims, ${places} of ${seed.locations.length} places`
		);
	}
	expect(problems).toEqual([]);
});

test('a facet with many values shows the commonest and finds any other by name', async ({
	page,
	problems
}) => {
	// A monitor's table: forty claimants, claimant n with n + 1 claims.
	const dir = await mkdtemp(join(tmpdir(), 'claims-many-'));
	const text = 'Troops were seen near the river crossing at dawn on Monday.';
	const actors = Array.from({ length: 40 }, (_, n) => ({
		id: `monitor-${n}`,
		name: `Monitor ${n}`,
		kind: 'other'
	}));
	const claims = actors.flatMap((a, n) =>
		Array.from({ length: n + 1 }, (_, k) => ({
			id: `c-${n}-${k}`,
			claimant: a.id,
			said_on: '2024-10-18',
			quote: text,
			quote_kind: 'direct',
			source: 'report',
			locations: ['river'],
			status: 'unverified'
		}))
	);
	const files = {
		'locations.geojson': {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					id: 'river',
					geometry: { type: 'Point', coordinates: [30.5, 50.4] },
					properties: {
						name: 'River crossing',
						alt_names: [],
						kind: 'crossing',
						admin1: null,
						country: 'UA',
						precision: 'site',
						coord_source: 'test'
					}
				}
			]
		},
		'actors.json': actors,
		'sources.json': [
			{
				id: 'report',
				title: 'A report',
				publisher: 'A monitor',
				url: null,
				published: '2024-10-19',
				language: 'en',
				unknown: { url: 'Not online.' }
			}
		],
		'claims.json': claims,
		'dataset.json': { name: 'Forty monitors' }
	};
	await mkdir(join(dir, 'sources'));
	await writeFile(join(dir, 'sources/report.txt'), text);
	for (const [name, value] of Object.entries(files))
		await writeFile(join(dir, name), JSON.stringify(value));
	await openMap(page);
	await page
		.getByLabel('Dataset files to import')
		.setInputFiles([
			...Object.keys(files).map((n) => join(dir, n)),
			join(dir, 'sources/report.txt')
		]);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forty monitors');

	await page.getByText('Filters', { exact: true }).click();
	const claimants = page.getByRole('group', { name: 'Claimant', exact: true });
	await expect(claimants.getByRole('checkbox')).toHaveCount(12);
	// The commonest first: Monitor 39 (40 claims) … Monitor 28 (29 claims).
	await expect(claimants.getByRole('checkbox').first()).toHaveAccessibleName(/^Monitor 39 40$/);
	await expect(claimants.getByText('and 28 more: type to find them')).toBeVisible();
	await claimants.getByRole('searchbox', { name: 'Find a claimant' }).fill('monitor 3');
	await claimants.getByRole('checkbox', { name: /^Monitor 3 4$/ }).check();
	await expect(page.locator('.filters .summary')).toContainText('4 of 820 claims');
	// A checked value stays in view whatever the search.
	await claimants.getByRole('searchbox', { name: 'Find a claimant' }).fill('');
	await expect(claimants.getByRole('checkbox', { name: /^Monitor 3 4$/ })).toBeChecked();
	expect(problems).toEqual([]);
});
