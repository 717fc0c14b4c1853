'use strict';
// Section 2: the bad-input table. Every case names the error text it expects; validation cases also
// assert that no HTTP request reached the simulator.
const { createSimulator } = require('../simulator');
const { TOKEN, TYPES, check, run, hasNode, errorText, keep, nodes } = require('./lib');
// The trigger's own test helper: webhook() inside n8n-core's real WebhookContext.
const { callWebhook } = require('../trigger/webhook-context');
const cases = require('./cases');

const ACCOUNT = '300000001';

function short(text, n = 110) {
	const t = String(text).replace(/\s+/g, ' ').trim();
	return t.length > n ? `${t.slice(0, n)}…` : t;
}

async function runExecuteCase(sim, c) {
	const before = sim.log.length;
	const result = await run(sim, {
		kind: c.node,
		parameters: c.parameters,
		items: c.items,
		token: c.token ?? TOKEN,
		continueOnFail: c.continueOnFail,
	});
	return {
		text: errorText(result),
		calls: sim.log.length - before,
		ok: !result.error && !result.items.some((i) => i.json && i.json.error),
	};
}

/** The trigger as n8n stores it: every parameter present, defaults filled in. */
function triggerParameters(nodeType, parameters) {
	const out = {};
	for (const p of nodeType.description.properties) if (p.type !== 'notice') out[p.name] = p.default;
	return { ...out, ...parameters };
}

/** The trigger with the simulator credential, so any API read it makes is counted like the others'. */
async function runTriggerCase(sim, c) {
	const { nodeTypes, credentialTypes } = nodes();
	const nodeType = nodeTypes[TYPES.trigger];
	const rawBody = c.raw !== undefined ? Buffer.from(c.raw) : undefined;
	// n8n's JSON body parser leaves the body empty when the text does not parse.
	const body = c.raw !== undefined ? {} : c.body;
	const before = sim.log.length;
	const r = await callWebhook({
		nodeType,
		parameters: triggerParameters(nodeType, c.parameters),
		body,
		rawBody,
		query: c.query,
		credentialType: credentialTypes.useApiMinimaxApi,
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: sim.url } },
	});
	const statusCode = r.res.statusCode ?? 200;
	const text = r.res.body ?? JSON.stringify(r.result.webhookResponse ?? {});
	keep('trigger response', { statusCode, text, items: r.items });
	return {
		text: `${statusCode} ${text}`,
		calls: sim.log.length - before,
		ok: statusCode >= 200 && statusCode < 300 && r.items.length > 0,
	};
}

async function badInput(figures) {
	const section = 'bad input';
	const sim = await createSimulator({
		port: 0,
		token: TOKEN,
		jobMs: 300,
		accounts: [{ account: ACCOUNT, maxJobs: 3 }],
	});
	const rows = [];
	try {
		for (const c of cases.all({ account: ACCOUNT })) {
			const label = `[${c.node}] ${c.name}`;
			if (!hasNode(c.node)) {
				check(section, label, false, `${c.node} node is not built`);
				rows.push([c.node, c.name, 'not built', '']);
				continue;
			}
			let r;
			try {
				r = c.node === 'trigger' ? await runTriggerCase(sim, c) : await runExecuteCase(sim, c);
			} catch (error) {
				r = { text: `threw: ${error && error.message}`, calls: -1, ok: false };
			}
			keep('case error text', r.text);
			const matches = c.expect.test(r.text);
			const httpOk = c.http === 'any' || (c.http === 0 ? r.calls === 0 : r.calls > 0);
			const ok = matches && httpOk && !r.ok;
			check(
				section,
				label,
				ok,
				ok
					? ''
					: `expected ${c.expect} with ${c.http === 0 ? 'no' : 'an'} HTTP call; got ${r.calls} calls: "${short(r.text, 220)}"`,
			);
			rows.push([c.node, c.name, c.http === 0 ? `${r.calls}` : `${r.calls} (API)`, short(r.text)]);
		}
		// A real finished video for the trigger control, so its record read (when a callback has only ids) succeeds.
		const created = await run(sim, {
			kind: 'generate',
			parameters: cases.video({ prompt: 'control video' }),
			items: [{ json: {} }],
		});
		const controlVideo = created.items[0] && created.items[0].json.videoId;
		if (controlVideo) sim.completeJob(controlVideo);
		for (const c of cases.controls(ACCOUNT, controlVideo)) {
			if (!hasNode(c.node)) continue;
			const r = c.node === 'trigger' ? await runTriggerCase(sim, c) : await runExecuteCase(sim, c);
			const ok = r.ok && r.calls >= c.minCalls;
			check(
				section,
				`[${c.node}] ${c.name} passes`,
				ok,
				ok ? '' : `${r.calls} calls (at least ${c.minCalls}): ${short(r.text, 200)}`,
			);
		}
	} finally {
		await sim.close();
	}
	figures.push([
		'bad-input cases',
		`${rows.length} (${rows.filter((r) => r[2] === '0').length} asserted with no HTTP call)`,
	]);
	// The table itself, for the README: case, HTTP calls, error text seen.
	process.stdout.write(
		`\n${rows.map((r) => `  ${r[0].padEnd(11)} ${r[1].padEnd(46)} http ${String(r[2]).padEnd(8)} ${r[3]}`).join('\n')}\n`,
	);
}

module.exports = { badInput };
