'use strict';
// Everything the e2e run proves on ONE n8n host, in order.
const fs = require('fs');
const path = require('path');
const { N8nInstance, cutJson, tail } = require('./n8n');
const { install, expectedTypes } = require('./pkg');
const { run } = require('./procs');
const wf = require('./workflows');
const { expectations, waitFor } = require('./expect');

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function writeJson(dir, name, value) {
	const file = path.join(dir, name);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

async function importAll(n8n, c, sim, workflows) {
	const credFile = writeJson(n8n.userFolder, 'e2e-credentials.json', [
		{ ...wf.CREDENTIAL, data: { apiToken: sim.token, baseUrl: sim.url } },
	]);
	const cred = await n8n.cli(['import:credentials', `--input=${credFile}`]);
	c.ok(
		'import:credentials',
		cred.code === 0 && /Successfully imported 1 credential/.test(cred.out),
		cred.code === 0 ? secs(cred.ms) : tail(cred.out),
	);
	if (!workflows.length) return c.ok('examples found in examples/', false, wf.EXAMPLES_DIR);
	const wfFile = writeJson(
		n8n.userFolder,
		'e2e-workflows.json',
		workflows.map((w) => w.prepared),
	);
	const imp = await n8n.cli(['import:workflow', `--input=${wfFile}`]);
	const n = workflows.length;
	c.ok(
		`import:workflow (${n} examples)`,
		imp.code === 0 && new RegExp(`Successfully imported ${n} workflow`).test(imp.out),
		imp.code === 0 ? secs(imp.ms) : tail(imp.out),
	);
}

/** `n8n execute --id` → { json, out, ms, code }; the JSON is cut out of the log lines. */
async function execute(n8n, id) {
	const res = await n8n.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs: 240000 });
	return { ...res, json: cutJson(res.out) };
}

async function runExample(n8n, c, sim, example, extra = {}) {
	const expect = expectations[example.key];
	if (!c.ok(`${example.key}: has an expectation in test/e2e/lib/expect.js`, expect))
		return undefined;
	const logFrom = sim.log.length;
	const res = await execute(n8n, example.id);
	const runData = res.json && res.json.data && res.json.data.resultData;
	const error = runData && runData.error;
	const okRun = res.code === 0 && runData && !error;
	c.ok(
		`${example.key}: n8n execute succeeds`,
		okRun,
		okRun
			? secs(res.ms)
			: error
				? `${error.message} ${error.description || ''}`.trim()
				: tail(res.out),
	);
	if (!okRun) return undefined;
	const ok = (name, cond, detail) => c.ok(`${example.key}: ${name}`, cond, detail);
	const ctx = {
		ok,
		runData,
		sim,
		log: sim.log.slice(logFrom),
		n8n,
		mediaBytes: sim.options.mediaBytes,
		...extra,
	};
	await c.step(`${example.key}: expectations`, () => expect(ctx));
	return ctx;
}

/** Both lines load every node and credential the package declares (n8n writes its type lists at start). */
function checkLoaded(n8n, c) {
	const types = path.join(n8n.userFolder, '.cache', 'n8n', 'public', 'types');
	const read = (f) => JSON.parse(fs.readFileSync(path.join(types, f), 'utf8'));
	const nodes = new Set(read('nodes.json').map((t) => t.name));
	const creds = new Set(read('credentials.json').map((t) => t.name));
	const expected = expectedTypes();
	for (const node of expected.nodes)
		c.ok(
			`loads node ${node.type}`,
			nodes.has(node.type),
			nodes.has(node.type) ? '' : `not among ${nodes.size} loaded node types`,
		);
	for (const cred of expected.credentials)
		c.ok(`loads credential ${cred.name}`, creds.has(cred.name));
	const errors = n8n.serverLog
		.split('\n')
		.filter((l) => /error|fail/i.test(l) && l.includes(expected.name));
	c.ok(
		'start log has no load errors for the package',
		!errors.length,
		errors.slice(0, 3).join(' | '),
	);
}

/** 2.x registers webhooks a moment after the editor is up: POST without the secret until it is not a 404. */
async function waitForWebhook(url) {
	let last;
	const ok = await waitFor(
		async () => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			last = res.status;
			return res.status !== 404;
		},
		20000,
		300,
	);
	return { ok, status: last };
}

async function queryExecutions(n8n, workflowId) {
	const { host, userFolder } = n8n;
	const res = await run(
		host.node,
		[
			path.join(__dirname, 'db-query.js'),
			path.join(userFolder, '.n8n', 'database.sqlite'),
			workflowId,
		],
		{
			env: { ...process.env, NODE_PATH: path.join(host.dir, 'node_modules') },
			detached: false,
			timeoutMs: 30000,
		},
	);
	if (res.code !== 0) throw new Error(`db query failed: ${tail(res.out)}`);
	return JSON.parse(res.out);
}

async function serverPhase(n8n, c, sim, examples, values) {
	const triggers = examples.filter((e) => wf.isTriggerWorkflow(e.prepared));
	for (const t of triggers) {
		const args =
			n8n.host.id === '1'
				? ['update:workflow', `--id=${t.id}`, '--active=true']
				: ['publish:workflow', `--id=${t.id}`];
		const res = await n8n.cli(args);
		c.ok(`${t.key}: ${args[0]}`, res.code === 0, res.code === 0 ? secs(res.ms) : tail(res.out));
	}
	const startMs = await c.step('n8n start', () => n8n.start());
	if (startMs === undefined) return;
	c.ok('n8n start: editor ready', true, secs(startMs));
	await c.step('type lists written by n8n start', () => checkLoaded(n8n, c));

	for (const t of triggers) {
		const url = wf.webhookUrl(t.prepared, n8n.url);
		const bare = wf.webhookUrl(t.prepared, n8n.url, { bare: true });
		const v2 =
			(t.prepared.nodes.find((n) => /\.minimaxTrigger$/.test(n.type)).typeVersion || 1) >= 2;
		// Version 2: the secret is in the path, so the bare path is not registered at all (404).
		const probe = await waitForWebhook(v2 ? url : bare);
		const refused = v2
			? (
					await fetch(bare, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: '{}',
					})
				).status
			: probe.status;
		c.ok(
			`${t.key}: webhook registered; a call without the secret is refused (${v2 ? '404' : '403'})`,
			probe.ok && refused === (v2 ? 404 : 403),
			`registered: ${probe.status}, without the secret: ${refused}`,
		);
		// The create workflows whose replyUrl points at this trigger run while n8n listens.
		const senders = examples.filter(
			(e) => wf.isManual(e.prepared) && JSON.stringify(e.prepared).includes(url),
		);
		c.ok(
			`${t.key}: a manual example sends its replyUrl here`,
			senders.length > 0,
			senders.map((e) => e.key).join(', '),
		);
		for (const sender of senders) {
			const ctx = await runExample(n8n, c, sim, sender, { secret: values.secret, triggerUrl: url });
			if (!ctx || !ctx.jobIds) continue;
			const delivered = await waitFor(
				() =>
					ctx.jobIds.every((id) =>
						sim.callbacks.some((cb) => cb.jobId === id && cb.final && cb.responseStatus === 200),
					),
				30000,
			);
			c.ok(
				`${t.key}: the simulator's final callback is answered 200`,
				delivered,
				JSON.stringify(sim.callbacks.map((cb) => [cb.final, cb.responseStatus || cb.error])),
			);
			let executions = [];
			const ran = await waitFor(
				async () => {
					executions = await queryExecutions(n8n, t.id);
					return ctx.jobIds.every((id) =>
						executions.some((e) => e.status === 'success' && JSON.stringify(e.nodes).includes(id)),
					);
				},
				30000,
				500,
			);
			c.ok(
				`${t.key}: a production execution ran for each job`,
				ran,
				JSON.stringify(executions.map((e) => [e.id, e.mode, e.status])),
			);
			const ok = (name, cond, detail) => c.ok(`${t.key}: ${name}`, cond, detail);
			if (ran)
				await c.step(`${t.key}: expectations`, () =>
					expectations[t.key]({
						ok,
						executions,
						jobIds: ctx.jobIds,
						sim,
						n8n,
						mediaBytes: sim.options.mediaBytes,
						secret: values.secret,
					}),
				);
		}
	}
}

async function runHost({ host, tarball, breakage, workDir, sim, checks: c }) {
	if (
		!c.ok(
			'host installed',
			host.installed,
			host.installed ? host.dir : `no matching .ok in ${host.dir}`,
		)
	)
		return;
	const userFolder = fs.mkdtempSync(path.join(workDir, `n8n${host.id}-`));
	const n8n = await N8nInstance.create(host, userFolder);
	const values = wf.runValues(sim.url, n8n.url, sim.cdnUrl);
	const examples = wf.loadExamples().map((e) => ({ ...e, prepared: wf.prepare(e, values) }));
	try {
		const unpacked = await install(tarball, userFolder, breakage);
		c.ok(
			'tarball holds every file its n8n block names',
			!unpacked.missing.length,
			unpacked.missing.length
				? `missing: ${unpacked.missing.join(', ')}`
				: `${unpacked.packed.n8n.nodes.length} nodes, ${unpacked.packed.n8n.credentials.length} credential(s)`,
		);
		await importAll(n8n, c, sim, examples);
		for (const example of examples) {
			if (!wf.isManual(example.prepared) || JSON.stringify(example.prepared).includes('/webhook/'))
				continue;
			await runExample(n8n, c, sim, example);
		}
		await serverPhase(n8n, c, sim, examples, values);
	} finally {
		const stopped = await n8n.stop();
		if (stopped)
			c.ok(
				'n8n stops on SIGTERM to its PID',
				!stopped.forced,
				stopped.forced ? 'had to SIGKILL its process group' : secs(stopped.ms),
			);
	}
}

module.exports = { runHost, importAll };
