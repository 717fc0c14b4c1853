'use strict';
// Section 2: the bad-input table. Every case names the error text it expects; validation cases also
// assert that no HTTP request reached the simulator.
const { createSimulator } = require('../simulator');
const { TOKEN, check, run, hasNode, errorText, keep } = require('./lib');
const { callWebhook } = require('./trigger-context');
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
	return { text: errorText(result), calls: sim.log.length - before, ok: !result.error && !result.items.some((i) => i.json && i.json.error) };
}

async function runTriggerCase(c) {
	const r = await callWebhook(c);
	keep('trigger response', r);
	return { text: `${r.statusCode} ${r.responseText}`, calls: 0, ok: r.statusCode >= 200 && r.statusCode < 300 };
}

async function badInput(figures) {
	const section = 'bad input';
	const sim = await createSimulator({ port: 0, token: TOKEN, jobMs: 300, accounts: [{ account: ACCOUNT, maxJobs: 3 }] });
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
				r = c.node === 'trigger' ? await runTriggerCase(c) : await runExecuteCase(sim, c);
			} catch (error) {
				r = { text: `threw: ${error && error.message}`, calls: -1, ok: false };
			}
			keep('case error text', r.text);
			const matches = c.expect.test(r.text);
			const httpOk = c.http === 'any' || (c.http === 0 ? r.calls === 0 : r.calls > 0);
			const ok = matches && httpOk && !r.ok;
			check(section, label, ok, ok ? '' : `expected ${c.expect} with ${c.http === 0 ? 'no' : 'an'} HTTP call; got ${r.calls} calls: "${short(r.text, 220)}"`);
			rows.push([c.node, c.name, c.http === 0 ? `${r.calls}` : `${r.calls} (API)`, short(r.text)]);
		}
		for (const c of cases.controls(ACCOUNT)) {
			if (!hasNode(c.node)) continue;
			const r = c.node === 'trigger' ? await runTriggerCase(c) : await runExecuteCase(sim, c);
			check(section, `[${c.node}] ${c.name} passes`, r.ok, r.ok ? '' : short(r.text, 220));
		}
	} finally {
		await sim.close();
	}
	figures.push(['bad-input cases', `${rows.length} (${rows.filter((r) => r[2] === '0').length} asserted with no HTTP call)`]);
	// The table itself, for the README: case, HTTP calls, error text seen.
	process.stdout.write(`\n${rows.map((r) => `  ${r[0].padEnd(11)} ${r[1].padEnd(46)} http ${String(r[2]).padEnd(8)} ${r[3]}`).join('\n')}\n`);
}

module.exports = { badInput };
