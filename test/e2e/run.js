'use strict';
// Real-n8n end-to-end runner (started by run.sh, after disk check, host install and build).
// Per host: unpack the packed package, import credential + examples, `n8n execute` each manual
// example, then `n8n start` with the trigger workflow active and let the simulator call it back.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createSimulator } = require('../simulator');
const { Checks } = require('./lib/checks');
const { hostSpec } = require('./lib/n8n');
const { pack, expectedTypes, BREAKAGES } = require('./lib/pkg');
const { loadExamples, lintExamples } = require('./lib/workflows');
const { killAllSync } = require('./lib/procs');
const { runHost } = require('./lib/host-run');

const ROOT = process.env.N8N_E2E_ROOT || path.join(os.homedir(), '.cache', 'n8n-e2e');
const JOB_MS = 1500;
const MEDIA_BYTES = 150000;

function parseArgs(argv) {
	const o = { hosts: ['2', '1'], selfTest: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--hosts')
			o.hosts = String(argv[++i])
				.split(/[\s,]+/)
				.filter(Boolean);
		else if (argv[i] === '--self-test-broken') o.selfTest = true;
		else throw new Error(`unknown option ${argv[i]}`);
	}
	return o;
}

/** One pass over the given hosts with one package variant, a fresh simulator per host. */
async function pass({ tarball, hosts, breakage, workDir, checks, quiet }) {
	const log = console.log;
	if (quiet) console.log = () => {};
	try {
		for (const id of hosts) {
			const host = hostSpec(id, ROOT);
			const t1 = Date.now();
			const sim = await createSimulator({ port: 0, jobMs: JOB_MS, mediaBytes: MEDIA_BYTES });
			try {
				await runHost({
					host,
					tarball,
					breakage,
					workDir,
					sim,
					checks: checks.scoped(breakage ? `${host.label}, broken: ${breakage}` : host.label),
				});
			} finally {
				await sim.close();
			}
			log(
				`e2e: ${host.label}${breakage ? ` (broken: ${breakage})` : ''} done in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
			);
		}
	} finally {
		console.log = log;
	}
	return checks;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
const checks = new Checks();

function cleanup() {
	killAllSync();
	if (process.env.E2E_KEEP) console.log(`e2e: kept ${workDir}`);
	else fs.rmSync(workDir, { recursive: true, force: true });
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	try {
		if (!opts.selfTest) {
			const classes = Object.fromEntries(
				expectedTypes()
					.nodes.filter((n) => n.Class)
					.map((n) => [n.type, n.Class]),
			);
			const problems = lintExamples(loadExamples(), classes);
			checks.ok(
				'examples only set parameters the built nodes define',
				!problems.length,
				problems.join('; '),
			);
		}
		const tarball = await checks.step('npm pack', () => pack(workDir));
		if (tarball)
			console.log(`e2e: packed ${path.basename(tarball)} (${fs.statSync(tarball).size} bytes)`);
		if (tarball && opts.selfTest) {
			// Each deliberately broken copy must make the normal run report failures (first host only).
			for (const [breakage, { what }] of Object.entries(BREAKAGES)) {
				const result = await pass({
					tarball,
					hosts: opts.hosts.slice(0, 1),
					breakage,
					workDir,
					checks: new Checks(),
					quiet: true,
				});
				// Load failures first: they name the cause; the execute failures follow from it.
				const failures = result.tally.failures
					.map((f) => f.replace(/^\[[^\]]*\] /, ''))
					.sort((a, b) => /^loads /.test(b) - /^loads /.test(a));
				checks.ok(
					`self-test: a package whose ${what} fails the e2e run`,
					result.failed > 0,
					`${result.summary()}; first failures: ${failures.slice(0, 4).join('; ')}`,
				);
			}
		} else if (tarball) {
			await pass({ tarball, hosts: opts.hosts, workDir, checks });
		}
	} catch (err) {
		checks.ok('runner', false, err.stack || err.message);
	} finally {
		cleanup();
	}
	const wall = process.env.E2E_STARTED_AT
		? `, ${((Date.now() - Number(process.env.E2E_STARTED_AT)) / 1000).toFixed(1)} s since run.sh started (disk check, hosts, build)`
		: '';
	console.log(`e2e: runner ${((Date.now() - t0) / 1000).toFixed(1)} s${wall}`);
	console.log(checks.summary());
	process.exitCode = checks.failed ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		cleanup();
		checks.ok(`run completed (stopped by ${signal})`, false);
		console.log(checks.summary());
		process.exit(130);
	});
}
process.on('exit', killAllSync);

main();
