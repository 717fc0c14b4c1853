'use strict';
// Browser test: real n8n 2.41 with the packed package, driven in headless Debian chromium the way
// a user works: node search, the Video → Create panel, the credential dialog, the trigger's URL,
// and one workflow executed from the editor with its video in the Binary view. Screenshots go to
// out/browser/. Ends with "N passed, N failed". `--old-codex` packs the codex files of before
// issue 15 instead (the search must then fail).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createSimulator } = require('../simulator');
const { Checks } = require('./lib/checks');
const { hostSpec, N8nInstance } = require('./lib/n8n');
const { pack, install, REPO } = require('./lib/pkg');
const { killAllSync } = require('./lib/procs');
const { importAll } = require('./lib/host-run');
const wf = require('./lib/workflows');
const ui = require('./lib/editor-ui');

const ROOT = process.env.N8N_E2E_ROOT || path.join(os.homedir(), '.cache', 'n8n-e2e');
const OUT = path.join(REPO, 'out', 'browser');
const OWNER = { email: 'editor-test@example.com', firstName: 'Editor', lastName: 'Test', password: 'Editor-test-password-1' };
const OURS = /\(useapi\.net\)/;
// Search terms of issue 15, and which of our entries each panel must list.
const TERMS = ['MiniMax', 'useapi', 'Hailuo', 'Veo', 'Sora', 'Seedance', 'video', 'image'];
const ACTION_ENTRIES = ['MiniMax Generate (useapi.net)', 'MiniMax (useapi.net)'];
const TRIGGER_ENTRIES = ['MiniMax (useapi.net)'];
// The codex files as they were before issue 15: category AI with subcategories n8n's search skips.
const OLD_CODEX = {
	Minimax: { categories: ['AI', 'Marketing'], subcategories: { AI: ['Miscellaneous'] } },
	MinimaxGenerate: { categories: ['AI', 'Marketing'], subcategories: { AI: ['Agents', 'Miscellaneous'] }, alias: ['MiniMax', 'Hailuo', 'Veo', 'Sora', 'Seedance', 'video', 'image', 'useapi'] },
	MinimaxTrigger: { categories: ['AI', 'Marketing'], subcategories: { AI: ['Miscellaneous'] }, alias: ['MiniMax', 'Hailuo', 'useapi', 'replyUrl', 'callback', 'webhook'] },
};

function useOldCodex(packageDir) {
	for (const [dir, codex] of Object.entries(OLD_CODEX)) {
		const file = path.join(packageDir, 'dist', 'nodes', dir, `${dir}.node.json`);
		const current = JSON.parse(fs.readFileSync(file, 'utf8'));
		const old = { node: current.node, nodeVersion: '1.0', codexVersion: '1.0', ...codex, resources: current.resources };
		fs.writeFileSync(file, JSON.stringify(old, null, 2));
	}
}

async function openWorkflow(page, n8nUrl, id) {
	await page.goto(`${n8nUrl}/workflow/${id}`, { waitUntil: 'networkidle2' });
	await page.waitForSelector(ui.tid('canvas-node'), { visible: true, timeout: 30000 });
	await ui.sleep(500);
}

async function openNode(page, name) {
	await ui.until(page, `canvas node "${name}"`, (n) => {
		const node = document.querySelector(`[data-test-id="canvas-node"][data-node-name="${n}"]`);
		if (!node) return false;
		node.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
		return true;
	}, name);
	await page.waitForSelector(ui.tid('node-parameters'), { visible: true, timeout: 15000 });
	await ui.sleep(400);
}

async function closeNdv(page) {
	await page.keyboard.press('Escape');
	await ui.sleep(400);
}

/** Both panels: "What triggers this workflow?" on an empty canvas, "What happens next?" after a trigger. */
async function checkSearch(c, page, n8nUrl, triggerWorkflowId) {
	await page.goto(`${n8nUrl}/workflow/new`, { waitUntil: 'networkidle2' });
	await ui.click(page, ui.tid('canvas-add-button'), 30000);
	await page.waitForSelector(ui.tid('node-creator'), { visible: true });
	const found = { trigger: {}, action: {} };
	for (const term of TERMS) {
		const names = await ui.searchNodes(page, term);
		found.trigger[term] = names.filter((n) => OURS.test(n));
		c.ok(`trigger panel: "${term}" finds ${TRIGGER_ENTRIES.join(', ')}`, TRIGGER_ENTRIES.every((e) => names.includes(e)), `ours: ${JSON.stringify(found.trigger[term])}; ${names.length} results`);
		if (term === 'MiniMax') await ui.screenshot(page, OUT, 'search-trigger-minimax');
	}
	await page.keyboard.press('Escape');
	// A workflow with a trigger: the + button opens "What happens next?".
	await openWorkflow(page, n8nUrl, triggerWorkflowId);
	await ui.click(page, ui.tid('node-creator-plus-button'));
	await page.waitForSelector(ui.tid('node-creator'), { visible: true });
	for (const term of TERMS) {
		const names = await ui.searchNodes(page, term);
		found.action[term] = names.filter((n) => OURS.test(n));
		c.ok(`action panel: "${term}" finds ${ACTION_ENTRIES.join(', ')}`, ACTION_ENTRIES.every((e) => names.includes(e)), `ours: ${JSON.stringify(found.action[term])}; ${names.length} results`);
		if (term === 'MiniMax') await ui.screenshot(page, OUT, 'search-action-minimax');
	}
	// The declarative node's merged entry shows the trigger's description: it must read right for both.
	const description = await page.evaluate(() => {
		const item = [...document.querySelectorAll('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]')].find((e) => e.textContent.includes('MiniMax (useapi.net)') && !e.textContent.includes('Generate'));
		const text = item && item.querySelector('[data-test-id="node-creator-item-description"]');
		return text ? text.textContent.trim() : '';
	});
	c.ok('the merged "MiniMax (useapi.net)" entry describes operations and the trigger', /manage accounts/i.test(description) && /start a workflow/i.test(description), description);
	await page.keyboard.press('Escape');
	return found;
}

/** Video → Create as a user sees it: count the top-level fields for T2V-2.3 and I2V-2.3. */
async function checkPanel(c, page, n8nUrl, workflowId) {
	await openWorkflow(page, n8nUrl, workflowId);
	await openNode(page, 'Create Video');
	const t2v = await ui.topLevelFields(page);
	c.ok(`Video → Create, T2V-2.3: at most 8 top-level fields (${t2v.length})`, t2v.length <= 8 && t2v.includes('Model') && t2v.includes('Options'), t2v.join(' | '));
	await ui.screenshot(page, OUT, 'panel-t2v-2.3');
	await ui.click(page, ui.tid('parameter-input-videoModel'));
	await ui.clickText(page, '.el-select-dropdown__item, [role="option"]', 'Hailuo 2.3 Image to Video (I2V-2.3)');
	await ui.sleep(600);
	const i2v = await ui.topLevelFields(page);
	c.ok(`Video → Create, I2V-2.3: the image fields appear (${i2v.length} top-level fields)`, i2v.includes('Image') && i2v.includes('Image Input Binary Field') && i2v.length <= 10, i2v.join(' | '));
	await ui.screenshot(page, OUT, 'panel-i2v-2.3');
	// Options: Wait Mode "Until Callback" hides Poll Interval.
	await ui.click(page, ui.tid('collection-parameter-add-dropdown'));
	const optionNames = await ui.until(page, 'the Options list', () => {
		const items = [...document.querySelectorAll('.el-select-dropdown__item, [role="option"]')].filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim());
		return items.length ? items : false;
	});
	c.ok('Options lists Account, Max Jobs, Wait Mode, Poll Interval, Reply URL', ['Account', 'Max Jobs', 'Wait Mode', 'Poll Interval (Seconds)', 'Reply URL'].every((n) => optionNames.includes(n)), optionNames.join(', '));
	await page.keyboard.press('Escape');
	await closeNdv(page);
	return { t2v, i2v };
}

/** New credential from the node: the dialog's fields, then the test with a wrong token explains the 401. */
async function checkCredential(c, page, sim) {
	await page.goto(page.url().replace(/\/workflow\/.*/, '/home/credentials/create'), { waitUntil: 'networkidle2' }).catch(() => {});
	await ui.until(page, 'the credential type picker', () => document.querySelector('[data-test-id="new-credential-type-select"], [data-test-id="credential-select"]') !== null, undefined, 20000);
	const picker = await page.waitForSelector('[data-test-id="new-credential-type-select"] input, [data-test-id="credential-select"] input', { visible: true });
	await picker.type('useapi', { delay: 10 });
	await ui.clickText(page, '[data-test-id="new-credential-type-select-option"], .el-select-dropdown__item, [role="option"]', 'useapi.net MiniMax API');
	await ui.click(page, '[data-test-id="new-credential-type-button"]');
	await page.waitForSelector(ui.tid('credential-connection-parameter'), { visible: true, timeout: 15000 });
	const labels = await page.evaluate(() => [...document.querySelectorAll('[data-test-id="credential-connection-parameter"]')].map((e) => e.textContent.trim()));
	c.ok('credential dialog: API Token and Base URL', labels.some((l) => l.startsWith('API Token')) && labels.some((l) => l.startsWith('Base URL')), labels.map((l) => l.slice(0, 30)).join(' | '));
	const inputs = await page.$$(`${ui.tid('credential-connection-parameter')} input`);
	await inputs[0].type(`${sim.token}-wrong`);
	await inputs[1].click({ clickCount: 3 });
	await inputs[1].type(sim.url);
	await ui.click(page, ui.tid('credential-save-button'));
	const banner = await ui.until(page, 'the credential test result', () => {
		const el = document.querySelector('[data-test-id="credentials-config-container-test-success"], [data-test-id="credential-test-error"], .n8n-callout, [role="alert"]');
		return el && el.textContent.trim().length > 10 ? el.textContent.trim() : false;
	}, undefined, 30000);
	c.ok('a wrong token is explained in the runtime error\'s words', /token was rejected \(401 Unauthorized\)/.test(banner) && /"user:" prefix/.test(banner), banner.slice(0, 200));
	await ui.screenshot(page, OUT, 'credential-401');
}

/** The trigger's Production URL is the complete Reply URL (the secret is in it). */
async function checkTriggerUrl(c, page, n8nUrl, workflowId, secret) {
	await openWorkflow(page, n8nUrl, workflowId);
	await openNode(page, 'MiniMax Trigger');
	await ui.clickText(page, `${ui.tid('webhook-url-preview')}, .webhook-wrapper, [class*="webhook"]`, 'Webhook URL').catch(() => {});
	await ui.clickText(page, 'label, span, div', 'Production URL').catch(() => {});
	await ui.sleep(500);
	const url = await ui.until(page, 'the webhook URL', () => {
		const el = document.querySelector('[data-test-id="webhook-url-item"], [data-test-id="webhook-url-preview"]');
		const text = el ? el.textContent : document.body.innerText;
		const m = /https?:\/\/127\.0\.0\.1:\d+\/webhook\/\S+/.exec(text);
		return m ? m[0] : false;
	});
	c.ok('trigger: the Production URL n8n shows carries the secret (paste it as Reply URL as is)', url.includes(secret) && /\/webhook\//.test(url), url.replace(secret, '<secret>'));
	await ui.screenshot(page, OUT, 'trigger-url');
	await closeNdv(page);
	return url;
}

/** Example 01 executed from the editor; the video is shown in the output's Binary view. */
async function checkExecution(c, page, n8nUrl, workflowId) {
	await openWorkflow(page, n8nUrl, workflowId);
	await ui.click(page, ui.tid('execute-workflow-button'));
	await ui.until(page, 'the execution to finish', () => {
		const done = document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length;
		return done >= 3 || document.querySelector('[data-test-id="canvas-node-status-error"]') ? true : false;
	}, undefined, 120000);
	const failed = await page.$(ui.tid('canvas-node-status-error'));
	c.ok('example 01 executed from the editor: every node succeeded', !failed);
	await openNode(page, 'Create Video');
	await page.waitForSelector(ui.tid('output-panel'), { visible: true });
	await ui.clickText(page, `${ui.tid('output-panel')} [role="radio"], ${ui.tid('output-panel')} label, ${ui.tid('output-panel')} button`, 'Binary');
	const binary = await ui.until(page, 'the binary view', () => {
		const panel = document.querySelector('[data-test-id="output-panel"]');
		const text = panel ? panel.innerText : '';
		return /video\/mp4/.test(text) ? text : false;
	}, undefined, 20000);
	c.ok('Binary view lists the video (video/mp4)', /video\/mp4/.test(binary), binary.replace(/\s+/g, ' ').slice(0, 160));
	await ui.clickText(page, `${ui.tid('output-panel')} button, ${ui.tid('output-panel')} a`, 'View').catch(() => {});
	const video = await ui.until(page, 'the video player', () => {
		const el = document.querySelector('video');
		return el ? { src: el.currentSrc || el.src || (el.querySelector('source') || {}).src || '' } : false;
	}, undefined, 15000).catch(() => undefined);
	c.ok('the video plays in the editor (a <video> element)', video && video.src, video ? video.src.slice(0, 80) : 'no <video>');
	await ui.sleep(800);
	await ui.screenshot(page, OUT, 'binary-video');
}

async function main() {
	const oldCodex = process.argv.includes('--old-codex');
	const c = new Checks();
	const host = hostSpec('2', ROOT);
	if (!c.ok('host n8n 2.x installed', host.installed, host.dir)) return { c };
	c.ok(`chromium at ${ui.CHROMIUM}`, fs.existsSync(ui.CHROMIUM));
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-browser-'));
	const sim = await createSimulator({ port: 0, jobMs: 3000, mediaBytes: 150000 });
	const n8n = await N8nInstance.create(host, path.join(workDir, 'user'));
	let browser;
	try {
		const unpacked = await install(await pack(workDir), n8n.userFolder);
		if (oldCodex) useOldCodex(unpacked.dir);
		const values = wf.runValues(sim.url, n8n.url, sim.cdnUrl);
		const examples = wf.loadExamples().map((e) => ({ ...e, prepared: wf.prepare(e, values) }));
		await importAll(n8n, c, sim, examples);
		const byKey = Object.fromEntries(examples.map((e) => [e.key, e]));
		await n8n.start();
		const cookie = await ui.setupOwner(n8n.url, OWNER);
		browser = await ui.launch();
		const page = await browser.browser.newPage();
		await page.setCookie({ name: 'n8n-auth', value: cookie, url: n8n.url });
		const step = (name, fn) => c.step(name, fn);
		const found = await step('node search', () => checkSearch(c, page, n8n.url, byKey['01-prompt-to-video'].id));
		if (oldCodex) return { c, found };
		const panel = await step('Video → Create panel', () => checkPanel(c, page, n8n.url, byKey['01-prompt-to-video'].id));
		await step('credential dialog', () => checkCredential(c, page, sim));
		await step('trigger URL', () => checkTriggerUrl(c, page, n8n.url, byKey['04b-trigger-receives-result'].id, values.secret));
		await step('execute from the editor', () => checkExecution(c, page, n8n.url, byKey['01-prompt-to-video'].id));
		fs.mkdirSync(OUT, { recursive: true });
		fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ found, panel }, null, 2));
	} catch (error) {
		c.ok('browser run', false, error.stack || error.message);
	} finally {
		if (browser) await browser.close();
		await n8n.stop();
		await sim.close();
		killAllSync();
		if (!process.env.E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
	}
	return { c };
}

process.on('exit', killAllSync);
main().then(({ c, found }) => {
	if (found) console.log(`search found (ours): ${JSON.stringify(found)}`);
	console.log(`browser: ${c.summary()}`);
	process.exitCode = c.failed ? 1 : 0;
});
