'use strict';
// Puppeteer helpers for n8n's editor (2.x): headless Debian chromium, selectors by data-test-id.
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// No network beyond 127.0.0.1 is needed or wanted: no updates, sync, QUIC or first-run pages.
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const tid = (id) => `[data-test-id="${id}"]`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function launch() {
	const puppeteer = require('puppeteer-core');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-editor-chromium-'));
	const browser = await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [...FLAGS, `--user-data-dir=${profile}`, '--window-size=1440,900'],
		defaultViewport: { width: 1440, height: 900 },
	});
	const close = async () => {
		await browser.close().catch(() => {});
		fs.rmSync(profile, { recursive: true, force: true });
	};
	return { browser, close };
}

/** Owner account through the REST API; returns the auth cookie for the browser. */
async function setupOwner(n8nUrl, owner) {
	const res = await fetch(`${n8nUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	const cookie = (res.headers.get('set-cookie') || '').match(/n8n-auth=([^;]+)/);
	if (!res.ok || !cookie) throw new Error(`owner setup answered ${res.status}`);
	return cookie[1];
}

/** Waits until fn (run in the page) returns something truthy; returns it or throws `what`. */
async function until(page, what, fn, arg, ms = 15000) {
	const end = Date.now() + ms;
	for (;;) {
		const value = await page.evaluate(fn, arg).catch(() => undefined);
		if (value) return value;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(150);
	}
}

async function click(page, selector, ms = 15000) {
	const el = await page.waitForSelector(selector, { visible: true, timeout: ms });
	await el.click();
	return el;
}

/** Clicks the first visible element matching selector whose text contains `text`. */
async function clickText(page, selector, text, ms = 15000) {
	await until(
		page,
		`"${text}" in ${selector}`,
		([sel, t]) => {
			const hits = [...document.querySelectorAll(sel)].filter(
				(e) => e.offsetParent !== null && e.textContent.includes(t),
			);
			// The innermost match: an ancestor that merely contains the text is not the control.
			const el = hits.find((e) => !hits.some((other) => other !== e && e.contains(other)));
			if (!el) return false;
			el.scrollIntoView({ block: 'center' });
			el.click();
			return true;
		},
		[selector, text],
		ms,
	);
}

/** Types into the node creator's search and returns the visible item names once the list settles. */
async function searchNodes(page, term) {
	const input = await page.waitForSelector(`${tid('node-creator-search-bar')}`, { visible: true });
	// Focus, not click: the panel may still be sliding in, and a click on a moving element fails
	// ("not clickable") on a loaded machine.
	await input.focus();
	await page.keyboard.down('Control');
	await page.keyboard.press('KeyA');
	await page.keyboard.up('Control');
	await page.keyboard.press('Backspace');
	await input.type(term, { delay: 10 });
	let last = '';
	let stable = 0;
	for (let i = 0; i < 40 && stable < 3; i++) {
		await sleep(150);
		const names = await page.evaluate(() =>
			[
				...document.querySelectorAll(
					'[data-test-id="node-creator"] [data-test-id="node-creator-item-name"]',
				),
			].map((e) => e.textContent.trim()),
		);
		const key = JSON.stringify(names);
		stable = key === last ? stable + 1 : 0;
		last = key;
	}
	return JSON.parse(last || '[]');
}

/** Labels of the NDV's visible top-level fields (not the credential, not fields inside a collection). */
async function topLevelFields(page) {
	return await page.evaluate(() => {
		const root = document.querySelector('[data-test-id="node-parameters"]');
		if (!root) return [];
		return [...root.querySelectorAll('[data-test-id="input-label"]')]
			.filter((label) => {
				const item = label.closest('[data-test-id="parameter-item"]');
				return (
					label.offsetParent !== null &&
					item &&
					!item.parentElement.closest('[data-test-id="parameter-item"]')
				);
			})
			.map((label) => (label.querySelector('[class*="_title_"]') || label).textContent.trim());
	});
}

/** Double-clicks a canvas node (a real mouse double click, as n8n's canvas listens for it) and waits for its panel. */
async function openNode(page, name) {
	const node = await page.waitForSelector(
		`[data-test-id="canvas-node"][data-node-name="${name}"]`,
		{ visible: true, timeout: 15000 },
	);
	const box = await node.boundingBox();
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { clickCount: 2 });
	await page.waitForSelector('[data-test-id="node-parameters"]', { visible: true, timeout: 15000 });
	await sleep(500);
}

/** The whole page as <name>.png; with `selector`, also that element alone as <name>.crop.png (small, for docs/). */
async function screenshot(page, dir, name, selector) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.png`);
	await page.screenshot({ path: file });
	const el = selector && (await page.$(selector));
	if (el) await el.screenshot({ path: path.join(dir, `${name}.crop.png`) }).catch(() => {});
	return file;
}

module.exports = {
	launch,
	setupOwner,
	until,
	click,
	clickText,
	searchNodes,
	topLevelFields,
	openNode,
	screenshot,
	tid,
	sleep,
	CHROMIUM,
	FLAGS,
};
