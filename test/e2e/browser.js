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
// Screenshots of 2.41 in out/browser/ (the README's come from there), of 1.123 in out/browser/n8n1/.
let OUT = path.join(REPO, 'out', 'browser');
const OWNER = {
	email: 'editor-test@example.com',
	firstName: 'Editor',
	lastName: 'Test',
	password: 'Editor-test-password-1',
};
const OURS = /\(useapi\.net\)/;
// The NDV's middle pane (parameters), for the docs crops.
const PARAMS_PANE = '[data-test-id="ndv"] [data-test-id="node-parameters"]';
// Search terms of issue 15, and which of our entries each panel must list.
const TERMS = ['MiniMax', 'useapi', 'Hailuo', 'Veo', 'Sora', 'Seedance', 'video', 'image'];
const ACTION_ENTRIES = ['MiniMax Generate (useapi.net)', 'MiniMax (useapi.net)'];
const TRIGGER_ENTRIES = ['MiniMax (useapi.net)'];
// The codex files as they were before issue 15: category AI with subcategories n8n's search skips.
const OLD_CODEX = {
	Minimax: { categories: ['AI', 'Marketing'], subcategories: { AI: ['Miscellaneous'] } },
	MinimaxGenerate: {
		categories: ['AI', 'Marketing'],
		subcategories: { AI: ['Agents', 'Miscellaneous'] },
		alias: ['MiniMax', 'Hailuo', 'Veo', 'Sora', 'Seedance', 'video', 'image', 'useapi'],
	},
	MinimaxTrigger: {
		categories: ['AI', 'Marketing'],
		subcategories: { AI: ['Miscellaneous'] },
		alias: ['MiniMax', 'Hailuo', 'useapi', 'replyUrl', 'callback', 'webhook'],
	},
};

function useOldCodex(packageDir) {
	for (const [dir, codex] of Object.entries(OLD_CODEX)) {
		const file = path.join(packageDir, 'dist', 'nodes', dir, `${dir}.node.json`);
		const current = JSON.parse(fs.readFileSync(file, 'utf8'));
		const old = {
			node: current.node,
			nodeVersion: '1.0',
			codexVersion: '1.0',
			...codex,
			resources: current.resources,
		};
		fs.writeFileSync(file, JSON.stringify(old, null, 2));
	}
}

async function openWorkflow(page, n8nUrl, id) {
	await page.goto(`${n8nUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector(ui.tid('canvas-node'), { visible: true, timeout: 30000 });
	await ui.sleep(500);
}

const openNode = ui.openNode;

async function closeNdv(page) {
	await page.keyboard.press('Escape');
	await ui.sleep(400);
}

/**
 * Opens the node panel. A click right after the page loads can land before the editor listens
 * (seen on n8n 1.123 on a loaded machine): click again, up to three times.
 */
async function openCreator(page, button, ms = 15000) {
	for (let attempt = 1; ; attempt++) {
		await ui.click(page, button, ms);
		const open = await page
			.waitForSelector(ui.tid('node-creator'), { visible: true, timeout: 5000 })
			.then(() => true)
			.catch(() => false);
		if (open || attempt === 3) break;
	}
	await page.waitForSelector(ui.tid('node-creator'), { visible: true });
}

/** Both panels: "What triggers this workflow?" on an empty canvas, "What happens next?" after a trigger. */
async function checkSearch(c, page, n8nUrl, triggerWorkflowId, withDescriptions) {
	await page.goto(`${n8nUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await openCreator(page, ui.tid('canvas-add-button'), 30000);
	const found = { trigger: {}, action: {} };
	for (const term of TERMS) {
		const names = await ui.searchNodes(page, term);
		found.trigger[term] = names.filter((n) => OURS.test(n));
		c.ok(
			`trigger panel: "${term}" finds ${TRIGGER_ENTRIES.join(', ')}`,
			TRIGGER_ENTRIES.every((e) => names.includes(e)),
			`ours: ${JSON.stringify(found.trigger[term])}; ${names.length} results`,
		);
		if (term === 'MiniMax')
			await ui.screenshot(page, OUT, 'search-trigger-minimax', ui.tid('node-creator'));
	}
	await page.keyboard.press('Escape');
	// A workflow with a trigger: the + button opens "What happens next?".
	await openWorkflow(page, n8nUrl, triggerWorkflowId);
	await openCreator(page, ui.tid('node-creator-plus-button'));
	for (const term of TERMS) {
		const names = await ui.searchNodes(page, term);
		found.action[term] = names.filter((n) => OURS.test(n));
		c.ok(
			`action panel: "${term}" finds ${ACTION_ENTRIES.join(', ')}`,
			ACTION_ENTRIES.every((e) => names.includes(e)),
			`ours: ${JSON.stringify(found.action[term])}; ${names.length} results`,
		);
		if (term === 'MiniMax')
			await ui.screenshot(page, OUT, 'search-action-minimax', ui.tid('node-creator'));
	}
	// The declarative node's merged entry shows the trigger's description: it must read right for both.
	const description = await page.evaluate(() => {
		const item = [
			...document.querySelectorAll(
				'[data-test-id="node-creator"] [data-test-id="item-iterator-item"]',
			),
		].find(
			(e) => e.textContent.includes('MiniMax (useapi.net)') && !e.textContent.includes('Generate'),
		);
		// 1.x has no test id on the description: the item's text holds it after the name.
		const text =
			item && (item.querySelector('[data-test-id="node-creator-item-description"]') || item);
		return text ? text.textContent.trim() : '';
	});
	// n8n 1.x lists search results without their descriptions.
	if (withDescriptions)
		c.ok(
			'the merged "MiniMax (useapi.net)" entry describes operations and the trigger',
			/manage accounts/i.test(description) && /start a workflow/i.test(description),
			description,
		);
	await page.keyboard.press('Escape');
	return found;
}

/** Video → Create as a user sees it: count the top-level fields for T2V-2.3 and I2V-2.3, then the wait-mode hiding in Options. */
async function checkPanel(c, page, n8nUrl, workflowId) {
	await openWorkflow(page, n8nUrl, workflowId);
	await openNode(page, 'Create Videos');
	const t2v = await ui.topLevelFields(page);
	c.ok(
		`Video → Create, T2V-2.3: at most 8 top-level fields (${t2v.length}, the credential not counted)`,
		t2v.length <= 8 && t2v[0] === 'Resource' && t2v.includes('Options'),
		t2v.join(' | '),
	);
	await ui.screenshot(page, OUT, 'panel-t2v-2.3', PARAMS_PANE);
	await ui.click(page, ui.tid('parameter-input-videoModel'));
	await ui.clickText(page, '.el-select-dropdown__item', 'Hailuo 2.3 Image to Video (I2V-2.3)');
	await ui.sleep(600);
	const i2v = await ui.topLevelFields(page);
	c.ok(
		`Video → Create, I2V-2.3: the image and its input field appear (${i2v.length} top-level fields)`,
		i2v.includes('Image') &&
			i2v.includes('Image Input Binary Field') &&
			i2v.length === t2v.length + 2,
		i2v.join(' | '),
	);
	await ui.screenshot(page, OUT, 'panel-i2v-2.3', PARAMS_PANE);
	const optionList = async () => {
		// 2.x: a test id on the "Add option" select; 1.x: only its placeholder.
		await ui.click(
			page,
			`${ui.tid('collection-parameter-add')} input, .collection-parameter input[placeholder="Add option"]`,
		);
		const names = await ui.until(page, 'the Options list', () => {
			const items = [...document.querySelectorAll('.el-select-dropdown__item')]
				.filter((e) => e.offsetParent !== null)
				.map((e) => e.textContent.trim());
			return items.length ? items : false;
		});
		return names;
	};
	// The e2e copy of the example already sets Poll Interval (1 s), so it shows as a field, not in the list.
	const pollShown = async () =>
		await page.evaluate(() => {
			const el = document.querySelector('[data-test-id="parameter-input-pollInterval"]');
			return !!el && el.offsetParent !== null;
		});
	const before = await optionList();
	const pollBefore = await pollShown();
	c.ok(
		'Options holds Account, Max Jobs, Wait Mode, Reply URL; Poll Interval is set there',
		['Account', 'Max Jobs', 'Wait Mode', 'Reply URL'].every((n) => before.includes(n)) &&
			pollBefore,
		`${before.join(', ')}; Poll Interval shown: ${pollBefore}`,
	);
	// Wait Mode "Until Callback": Poll Interval and Reply URL do not apply and leave the list.
	await ui.clickText(page, '.el-select-dropdown__item', 'Wait Mode');
	await ui.click(page, ui.tid('parameter-input-waitMode'));
	await ui.clickText(page, '.el-select-dropdown__item', 'Until Callback');
	await ui.sleep(500);
	const pollAfter = await pollShown();
	const after = await optionList();
	c.ok(
		'Until Callback hides Poll Interval and Reply URL',
		!pollAfter &&
			!after.includes('Poll Interval (Seconds)') &&
			!after.includes('Reply URL') &&
			after.includes('Timeout (Minutes)'),
		`${after.join(', ')}; Poll Interval shown: ${pollAfter}`,
	);
	await page.keyboard.press('Escape');
	await ui.screenshot(page, OUT, 'panel-until-callback');
	// Back to what the workflow had, so later checks see the saved example.
	await closeNdv(page);
	return { t2v, i2v, options: before, untilCallback: after };
}

/** A new credential from the node: its fields, and a wrong token explained in the runtime error's words. */
async function checkCredential(c, page, n8nUrl, workflowId, sim, hostId) {
	await openWorkflow(page, n8nUrl, workflowId);
	await openNode(page, 'Create Videos');
	await ui.click(page, ui.tid('node-credentials-select'));
	await ui.click(page, ui.tid('node-credentials-select-item-new'));
	await page.waitForSelector(ui.tid('credential-connection-parameter'), {
		visible: true,
		timeout: 15000,
	});
	const labels = await page.evaluate(() =>
		[...document.querySelectorAll('[data-test-id="credential-connection-parameter"]')].map((e) =>
			e.textContent.trim().replace(/\s*Fixed\s*Expression.*$/s, ''),
		),
	);
	c.ok(
		'credential dialog: API Token (required) and Base URL',
		labels[0] === 'API Token *' && labels.includes('Base URL'),
		labels.join(' | '),
	);
	const fill = async (name, value) => {
		const input = await page.waitForSelector(`[data-test-id="parameter-input-${name}"] input`, {
			visible: true,
		});
		await input.click();
		await page.keyboard.down('Control');
		await page.keyboard.press('KeyA');
		await page.keyboard.up('Control');
		await page.keyboard.press('Backspace');
		await input.type(value);
	};
	await fill('baseUrl', sim.url);
	await fill('apiToken', `${sim.token}-wrong`);
	await ui.click(page, ui.tid('credential-save-button'));
	await ui.clickText(page, 'a, span, button', 'More details', 30000);
	// n8n 1.123 answers with its own generic 401 text: its credential tester applies the
	// responseCode rules only when the error has `cause.response`, and n8n-workflow 1.x's
	// ExecutionBaseError drops an Error cause (test/e2e/README.md). 2.41 shows the rule's message.
	const text = await ui.until(
		page,
		'the credential test message',
		() => {
			const dialog =
				document.querySelector('[data-test-id="credential-edit-dialog"]') || document.body;
			const m = /The useapi\.net API token[^\n]*|Authorization failed[^\n]*/.exec(dialog.innerText);
			return m ? m[0] : false;
		},
		undefined,
		20000,
	);
	if (hostId === '1')
		c.ok(
			'a wrong token is refused by the credential test (n8n 1.123: its own generic 401 text)',
			/^Authorization failed - please check your credentials/.test(text),
			text,
		);
	else
		c.ok(
			'a wrong token gets the runtime error\'s words (401, the "user:" prefix)',
			/was rejected \(401 Unauthorized\)/.test(text) && /"user:" prefix/.test(text),
			text,
		);
	await ui.screenshot(page, OUT, 'credential-401', ui.tid('credential-edit-dialog'));
	await page.keyboard.press('Escape');
	await closeNdv(page);
}

/** The trigger's Production URL is the complete Reply URL (the secret is in it). */
async function checkTriggerUrl(c, page, n8nUrl, workflowId, secret) {
	await openWorkflow(page, n8nUrl, workflowId);
	await openNode(page, 'MiniMax Trigger');
	await ui.clickText(page, 'div, span, button', 'Webhook URLs');
	await ui.clickText(page, 'div, span, button, label', 'Production URL');
	const url = await ui.until(page, 'the Production URL', () => {
		const m = /https?:\/\/127\.0\.0\.1:\d+\/webhook\/\S+/.exec(
			document.querySelector('[data-test-id="node-parameters"]').closest('[data-test-id="ndv"]')
				?.innerText || document.body.innerText,
		);
		return m ? m[0] : false;
	});
	c.ok(
		'trigger: the Production URL n8n shows is the complete Reply URL, secret included',
		url.endsWith(`/minimax/${secret}`),
		url.replace(secret, '<secret>'),
	);
	await ui.screenshot(page, OUT, 'trigger-url', PARAMS_PANE);
	await closeNdv(page);
	return url.replace(secret, '<secret>');
}

/** Example 01 executed from the editor; the video is shown (and decodes) in the output's Binary view. */
async function checkExecution(c, page, n8nUrl, workflowId) {
	await openWorkflow(page, n8nUrl, workflowId);
	const started = Date.now();
	await ui.click(page, ui.tid('execute-workflow-button'));
	await ui.until(
		page,
		'the execution to finish',
		() =>
			document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= 3 ||
			!!document.querySelector('[data-test-id="canvas-node-status-error"]'),
		undefined,
		120000,
	);
	const failed = await page.$(ui.tid('canvas-node-status-error'));
	c.ok(
		'example 01 executed from the editor: every node succeeded',
		!failed,
		`${((Date.now() - started) / 1000).toFixed(1)} s`,
	);
	await ui.screenshot(page, OUT, 'canvas-executed');
	await openNode(page, 'Create Video');
	await ui.click(page, `${ui.tid('output-panel')} ${ui.tid('radio-button-binary')}`);
	const card = await ui.until(page, 'the binary view', () => {
		const el = document.querySelector('[data-test-id="ndv-binary-data_0"]');
		return el ? el.innerText.replace(/\s+/g, ' ') : false;
	});
	c.ok(
		'Binary view: the video file (video/mp4)',
		/video\/mp4/.test(card) && /\.mp4/.test(card),
		card.slice(0, 160),
	);
	await ui.click(page, ui.tid('ndv-view-binary-data'));
	const video = await ui.until(
		page,
		'the video to load',
		() => {
			const v = document.querySelector('video');
			return v && v.readyState >= 2 && v.videoWidth > 0
				? { width: v.videoWidth, height: v.videoHeight, duration: v.duration }
				: false;
		},
		undefined,
		20000,
	);
	c.ok('the video plays in the editor (decoded frames)', video.width > 0, JSON.stringify(video));
	await ui.sleep(500);
	await ui.screenshot(page, OUT, 'binary-video', ui.tid('ndv'));
	return video;
}

async function main() {
	const oldCodex = process.argv.includes('--old-codex');
	// `--host 1`: n8n 1.123 (Node 20), `--host 2` (default): n8n 2.41 (Node 24).
	const hostId = process.argv.includes('--host')
		? process.argv[process.argv.indexOf('--host') + 1]
		: '2';
	if (hostId !== '2') OUT = path.join(OUT, `n8n${hostId}`);
	const searchOnly = oldCodex;
	const c = new Checks();
	const spec = hostSpec(hostId, ROOT);
	// No "what's new" dialog or banners over the editor.
	const host = {
		...spec,
		env: {
			...spec.env,
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		},
	};
	if (!c.ok(`host ${host.label} installed`, host.installed, host.dir)) return { c };
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
		// "Leave the page?" prompts for unsaved edits: the checks never save what they change.
		page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
		await page.setCookie({ name: 'n8n-auth', value: cookie, url: n8n.url });
		// A failed step leaves its page behind (screenshot and DOM) for the next selector fix.
		const step = (name, fn) =>
			c.step(name, async () => {
				try {
					return await fn();
				} catch (error) {
					const file = `failed-${name.replace(/\W+/g, '-')}`;
					await ui.screenshot(page, OUT, file).catch(() => {});
					fs.writeFileSync(path.join(OUT, `${file}.html`), await page.content().catch(() => ''));
					throw error;
				}
			});
		const found = await step('node search', () =>
			checkSearch(c, page, n8n.url, byKey['01-prompt-to-video'].id, hostId === '2'),
		);
		if (searchOnly) return { c, found };
		const panel = await step('Video → Create panel', () =>
			checkPanel(c, page, n8n.url, byKey['03-batch-of-prompts'].id),
		);
		await step('credential dialog', () =>
			checkCredential(c, page, n8n.url, byKey['03-batch-of-prompts'].id, sim, hostId),
		);
		const triggerUrl = await step('trigger URL', () =>
			checkTriggerUrl(c, page, n8n.url, byKey['04b-trigger-receives-result'].id, values.secret),
		);
		const video = await step('execute from the editor', () =>
			checkExecution(c, page, n8n.url, byKey['01-prompt-to-video'].id),
		);
		fs.mkdirSync(OUT, { recursive: true });
		fs.writeFileSync(
			path.join(OUT, 'results.json'),
			JSON.stringify({ found, panel, triggerUrl, video }, null, 2),
		);
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
	if (found) fs.mkdirSync(OUT, { recursive: true });
	if (found)
		fs.writeFileSync(
			path.join(
				OUT,
				process.argv.includes('--old-codex') ? 'search-old-codex.json' : 'search.json',
			),
			JSON.stringify(found, null, 2),
		);
	console.log(`browser: ${c.summary()}`);
	process.exitCode = c.failed ? 1 : 0;
});
