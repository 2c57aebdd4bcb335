/** A page that fails the test on any page error or console error. */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ problems: string[] }>({
	problems: async ({ page }, use) => {
		const problems: string[] = [];
		page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
		});
		await use(problems);
		expect(problems, 'page errors and console errors').toEqual([]);
	}
});

export { expect };
