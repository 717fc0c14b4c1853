'use strict';
// `npm run bench`: benchmarks of the BUILT package through n8n's real engine, against the simulator
// with a compressed clock. Prints one table of figures (stdout) and writes bench/results.json.
// Options: --quick (smaller runs), --only=footprint,batch,serial,latency,trigger, --readme (a full
// run rewrites the README's bench block; `npm run bench` passes it)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { loadBuilt } = require('./lib/nodes');
const { footprint } = require('./lib/footprint');
const { batchRun, serialRun } = require('./lib/batch');
const { pollLatency } = require('./lib/latency');
const { triggerLatency } = require('./lib/trigger');
const { rowsOf, table } = require('./lib/report');
const { markdownTable, writeBlock } = require('../scripts/readme-block');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = (args.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const want = (part) => !only.length || only.includes(part);

// The node's UI minimum poll interval is 1 s. A job's end is seen at the first poll after it, so the
// makespan depends on where D falls in the poll cycle: D = 3 s lands just before a poll (best case),
// 3.05 s just after one (worst), 3.5 s half way (average). D = 10.5 s shows the figure once the
// poll granularity is small against D.
const CONFIG = {
	n: quick ? 12 : 30,
	pollSeconds: 1,
	jobMsShort: 3000,
	batchJobMs: quick ? [3000, 3500] : [3000, 3050, 3500, 10_500],
	serialItems: quick ? 4 : 30,
	latencyRuns: quick ? 3 : 6,
	triggerJobs: quick ? 6 : 12,
	requireRuns: quick ? 5 : 11,
	downloadBytes: 200 * 1024 * 1024,
};

async function main() {
	const started = Date.now();
	const built = loadBuilt();
	const generateMissing = built.missing.find((f) => f.includes('MinimaxGenerate'));
	const triggerMissing = built.missing.find((f) => f.includes('MinimaxTrigger'));
	const results = {
		startedAt: new Date(started).toISOString(),
		config: CONFIG,
		machine: {
			node: process.version,
			cpus: os.cpus().length,
			platform: `${os.platform()} ${os.arch()}`,
		},
	};
	const time = async (name, fn) => {
		const t = Date.now();
		const value = await fn();
		(results.sectionMs ??= {})[name] = Date.now() - t;
		return value;
	};

	if (want('footprint')) {
		results.footprint = await time('footprint', () =>
			footprint({
				requireRuns: CONFIG.requireRuns,
				downloadBytes: CONFIG.downloadBytes,
				via: generateMissing ? 'helper' : 'generate',
			}),
		);
	}
	if (want('batch')) {
		results.batch = [];
		for (const jobMs of CONFIG.batchJobMs) {
			results.batch.push(
				generateMissing
					? { jobMs, skipped: `${generateMissing} not built yet` }
					: await time(`batch${jobMs}`, () =>
							batchRun({ n: CONFIG.n, jobMs, pollSeconds: CONFIG.pollSeconds }),
						),
			);
		}
	}
	if (want('serial')) {
		results.serial = generateMissing
			? { skipped: `${generateMissing} not built yet` }
			: await time('serial', () =>
					serialRun({
						n: CONFIG.serialItems,
						jobMs: CONFIG.jobMsShort,
						pollSeconds: CONFIG.pollSeconds,
					}),
				);
	}
	if (want('latency')) {
		results.pollLatency = generateMissing
			? { skipped: `${generateMissing} not built yet` }
			: await time('pollLatency', () =>
					pollLatency({ runs: CONFIG.latencyRuns, pollSeconds: CONFIG.pollSeconds, baseMs: 1500 }),
				);
	}
	if (want('trigger')) {
		results.triggerLatency = triggerMissing
			? { skipped: `${triggerMissing} not built yet` }
			: await time('triggerLatency', () => triggerLatency({ jobs: CONFIG.triggerJobs }));
	}

	results.rows = rowsOf(results);
	results.totalMs = Date.now() - started;
	const out = path.join(__dirname, 'results.json');
	fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
	process.stdout.write(
		`\n${table(results.rows)}\n\nTotal ${(results.totalMs / 1000).toFixed(1)} s on ${results.machine.cpus} cores, ${results.machine.node}. Details: ${path.relative(process.cwd(), out)}\n`,
	);
	if (args.includes('--readme')) {
		if (quick || only.length)
			process.stdout.write('README not written: --quick/--only is a partial run\n');
		else writeReadme(results);
	}
}

/** The README's bench block: the same rows, and what the run took on which machine. */
function writeReadme(results) {
	const rows = results.rows.map((r) => [r.figure, r.value, r.target, r.result]);
	rows.push([
		'Whole bench run',
		`${(results.totalMs / 1000).toFixed(0)} s on ${results.machine.cpus} cores, Node ${results.machine.node}`,
		'',
		'',
	]);
	writeBlock(
		'bench:figures',
		'npm run bench',
		markdownTable(['figure', 'value', 'target', 'result'], rows),
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	},
);
