'use strict';
// `npm run demo:editor`: simulator + n8n 2.x (this package, credential, examples) until Ctrl-C.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { createSimulator } = require('../simulator');
const { Checks } = require('./lib/checks');
const { hostSpec, N8nInstance, tail } = require('./lib/n8n');
const { pack, install } = require('./lib/pkg');
const { killAllSync } = require('./lib/procs');
const { importAll } = require('./lib/host-run');
const wf = require('./lib/workflows');

const ROOT = process.env.N8N_E2E_ROOT || path.join(os.homedir(), '.cache', 'n8n-e2e');
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-password-1',
};

/** The usual port when free (so the examples' placeholders match), else 0 = any. */
function portOr(preferred) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(0));
		srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
	});
}

async function main() {
	const host = hostSpec('2', ROOT);
	if (!host.installed) throw new Error(`n8n ${host.version} is not installed in ${host.dir}`);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-editor-'));
	const sim = await createSimulator({
		port: await portOr(18080),
		cdnPort: await portOr(18081),
		jobMs: Number(process.env.SIM_JOB_MS || 8000),
	});
	const n8n = await N8nInstance.create(
		host,
		path.join(workDir, 'user'),
		(await portOr(5678)) || undefined,
	);
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nstopping n8n and the simulator…');
		await n8n.stop();
		await sim.close();
		killAllSync();
		fs.rmSync(workDir, { recursive: true, force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	try {
		const checks = new Checks();
		await install(await pack(workDir), n8n.userFolder);
		const values = wf.runValues(sim.url, n8n.url, sim.cdnUrl);
		const examples = wf
			.loadExamples()
			.map((e) => ({ ...e, prepared: wf.prepare(e, values, { keepPolling: true }) }));
		await importAll(n8n, checks, sim, examples);
		for (const t of examples.filter((e) => wf.isTriggerWorkflow(e.prepared)))
			await n8n.cli(['publish:workflow', `--id=${t.id}`]);
		if (checks.failed) throw new Error('import failed');
		await n8n.start();
		const res = await fetch(`${n8n.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		console.log(`
n8n ${host.version} with n8n-nodes-useapi-minimax is running.
  editor:    ${n8n.url}   (login ${OWNER.email} / ${OWNER.password}${res.ok ? '' : `; owner setup answered ${res.status}`})
  simulator: ${sim.url}   (token in the imported credential "${wf.CREDENTIAL.name}")
  examples:  ${examples.length} workflows imported; "${examples.find((e) => wf.isTriggerWorkflow(e.prepared))?.workflow.name}" is active
Ctrl-C stops both.`);
		await n8n.server.exited;
		if (stopping) return;
		console.log(`n8n exited: ${tail(n8n.serverLog)}`);
		await stop(1);
	} catch (err) {
		console.error(err.message);
		await stop(1);
	}
}

main();
