#!/usr/bin/env node
'use strict';
/**
 * The package in REAL n8n 2.41 in queue mode (started by queue.sh after install and build):
 * PostgreSQL + Redis, one main, two workers (concurrency 5), one webhook processor, the packed
 * package in each process's nodes folder, database binary data mode, the simulator on loopback.
 * Cases: queue-cases.js. Ends with "N passed, N failed"; exit code 1 on any failure.
 *
 * Options: --broken local-dedupe  runs against a build whose trigger dedupe is process-local
 *                                 (the static data record removed): case 3 must then fail.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createSimulator } = require('../simulator');
const { Checks } = require('./lib/checks');
const { hostSpec, tail } = require('./lib/n8n');
const { pack, expectedTypes } = require('./lib/pkg');
const { killAllSync } = require('./lib/procs');
const { lintExamples } = require('./lib/workflows');
const { QueueCluster } = require('./lib/queue-cluster');
const { removeTempDirsSync } = require('./lib/services');
const qw = require('./lib/queue-workflows');
const cases = require('./lib/queue-cases');

const ROOT = process.env.N8N_E2E_ROOT || path.join(os.homedir(), '.cache', 'n8n-e2e');
const SIM = {
	jobMs: 3000,
	mediaBytes: 20000,
	accounts: [
		{ account: '111111111', maxJobs: 3, paid: true },
		{ account: '222222222', maxJobs: 3, paid: true },
	],
};
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The process-local build: the trigger's guard without its static data record. */
function breakDedupe(folder) {
	const file = path.join(
		folder,
		'.n8n',
		'nodes',
		'node_modules',
		expectedTypes().name,
		'dist',
		'nodes',
		'MinimaxTrigger',
		'guard.js',
	);
	const text = fs.readFileSync(file, 'utf8');
	const broken = text
		.replace(/const stored = staticData\.seenFinal;/, 'const stored = undefined;')
		.replace(/staticData\.seenFinal = seen;/, '');
	if (broken === text) throw new Error('could not make the dedupe process-local: guard.js changed');
	fs.writeFileSync(file, broken);
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-queue-'));
const checks = new Checks();
let cluster;
let sim;

async function setup(c, broken) {
	const host = hostSpec('2', ROOT);
	if (
		!c.ok(
			'n8n 2.x host installed',
			host.installed,
			host.installed ? host.dir : `no matching .ok in ${host.dir}`,
		)
	)
		return undefined;
	const tarball = await pack(workDir);
	const classes = Object.fromEntries(
		expectedTypes()
			.nodes.filter((n) => n.Class)
			.map((n) => [n.type, n.Class]),
	);
	const secret = `queue-${Math.random().toString(36).slice(2, 14)}`;
	const workflows = [qw.batch(), qw.trigger(secret), qw.untilCallback()];
	const problems = lintExamples(
		workflows.map((w) => ({ file: w.name, workflow: w })),
		classes,
	);
	c.ok(
		"the run's workflows only set parameters the built nodes define",
		!problems.length,
		problems.join('; '),
	);
	sim = await createSimulator({ port: 0, ...SIM });
	cluster = await new QueueCluster(host).prepare({ tarball, workDir });
	if (broken) for (const n8n of cluster.all) breakDedupe(n8n.userFolder);
	const credFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(
		credFile,
		JSON.stringify([{ ...qw.CRED, data: { apiToken: sim.token, baseUrl: sim.url } }]),
	);
	const wfFile = path.join(workDir, 'workflows.json');
	fs.writeFileSync(wfFile, JSON.stringify(workflows));
	const steps = [
		['import:credentials', `--input=${credFile}`],
		['import:workflow', `--input=${wfFile}`],
		...workflows.map((w) => ['publish:workflow', `--id=${w.id}`]),
	];
	for (const args of steps) {
		const res = await cluster.main.cli(args, { timeoutMs: 240000 });
		if (
			!c.ok(
				`${args[0]} ${args[1].replace(/^--(id|input)=.*\//, '')} (Postgres)`,
				res.code === 0,
				res.code === 0 ? secs(res.ms) : tail(res.out),
			)
		)
			return undefined;
	}
	await cluster.start();
	const t = cluster.timings;
	c.ok(
		'main, webhook processor and 2 workers (concurrency 5) are up',
		true,
		`postgres+redis ${secs(t.services)}, main ${secs(t.main)}, others ${secs(t.others)}`,
	);
	return { sim, cluster, secret };
}

async function main() {
	const broken = process.argv.includes('--broken')
		? process.argv[process.argv.indexOf('--broken') + 1]
		: undefined;
	if (broken && broken !== 'local-dedupe')
		throw new Error(`unknown --broken ${broken} (use local-dedupe)`);
	const t0 = Date.now();
	const figures = {};
	try {
		const ctx = await checks.step('queue cluster start', () =>
			setup(checks.scoped('setup'), broken),
		);
		if (ctx) {
			ctx.figures = figures;
			// E2E_QUEUE_CASES="3 5" runs only those cases (for debugging; CI runs all five).
			const only = (process.env.E2E_QUEUE_CASES || '').split(/[\s,]+/).filter(Boolean);
			for (const [name, run] of Object.entries(cases.ALL).filter(
				([n]) => !only.length || only.includes(n.split(' ')[0]),
			)) {
				const t1 = Date.now();
				await checks.step(name, () => run({ ...ctx, c: checks.scoped(name) }));
				console.log(`queue: ${name} in ${secs(Date.now() - t1)}`);
			}
		}
	} catch (err) {
		checks.ok('runner', false, err.stack || err.message);
	} finally {
		await shutdown();
	}
	console.log(`queue figures: ${JSON.stringify(figures)}`);
	console.log(`queue: runner ${secs(Date.now() - t0)}`);
	console.log(checks.summary());
	process.exitCode = checks.failed ? 1 : 0;
}

async function shutdown() {
	if (cluster) {
		if (checks.failed) console.log(`queue: log tails\n${cluster.logTails()}`);
		// With E2E_KEEP=1 every process's whole log stays in the work dir.
		if (process.env.E2E_KEEP)
			for (const n8n of cluster.all)
				fs.writeFileSync(path.join(workDir, `${n8n.role}.log`), n8n.serverLog);
		const stopped = await cluster.stop();
		checks.ok(
			'every process stops by its PID (SIGTERM; Postgres SIGINT)',
			!Object.values(stopped).includes('forced'),
			JSON.stringify(stopped),
		);
		cluster = undefined;
	}
	if (sim) await sim.close();
	sim = undefined;
	killAllSync();
	if (process.env.E2E_KEEP) console.log(`queue: kept ${workDir}`);
	else fs.rmSync(workDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		killAllSync();
		removeTempDirsSync();
		fs.rmSync(workDir, { recursive: true, force: true });
		checks.ok(`run completed (stopped by ${signal})`, false);
		console.log(checks.summary());
		process.exit(130);
	});
}
process.on('exit', killAllSync);

main();
