'use strict';
// Batch makespan vs the physical limit, the serial baseline, and API calls counted from sim.log.
const path = require('path');
const { ROOT, round, log } = require('./util');
const { loadBuilt, credentialsFor, videoParams, GENERATE } = require('./nodes');
const { createSimulator } = require(path.join(ROOT, 'test', 'simulator'));
const { runNode } = require(path.join(ROOT, 'test', 'harness'));

const ACCOUNTS = [
	{ account: '111111111', maxJobs: 3, paid: true },
	{ account: '222222222', maxJobs: 3, paid: true },
];
const CAPACITY = ACCOUNTS.reduce((sum, a) => sum + a.maxJobs, 0);

const items = (n, tag) =>
	Array.from({ length: n }, (_, i) => ({ json: { prompt: `bench ${tag} job ${i + 1}` } }));

function runGenerate(sim, inputItems, pollSeconds) {
	const built = loadBuilt();
	return runNode({
		nodeTypes: built.nodeTypes,
		credentialTypes: built.credentialTypes,
		credentials: credentialsFor(sim),
		node: { type: built.type(GENERATE), parameters: videoParams({ pollSeconds, download: false }) },
		items: inputItems,
	});
}

/**
 * API calls from sim.log. Status calls are split into listings (one call covering many jobs:
 * `scheduler.list`, `videos.list`) and single-job GETs; `scheduler.available` is a capacity check.
 * `perJobInterval` divides by the poll intervals each job spent running, so one GET per job per
 * interval is 1.0 and one listing per interval for 6 running jobs is ~0.17.
 */
function countCalls(sim, pollMs) {
	const api = sim.log.filter((e) => e.kind === 'api');
	const byOp = {};
	for (const e of api) byOp[e.op] = (byOp[e.op] ?? 0) + 1;
	const videoJobs = [...sim.jobs.values()].filter((j) => j.kind === 'video');
	const jobs = videoJobs.length;
	const count = (re) => api.filter((e) => re.test(e.op)).length;
	const createRequests = api.filter((e) => e.op === 'videos.create');
	const accepted = createRequests.filter((e) => e.status === 200).length;
	const singleGets = count(/^(videos|images)\.get$/);
	const listings = count(/^(videos|images)\.list$|^scheduler\.list$/);
	const capacityChecks = count(/^scheduler\.available$/);
	const jobIntervals = videoJobs.reduce(
		(sum, j) => sum + ((j.finalAt ?? Date.now()) - j.createdAt) / pollMs,
		0,
	);
	const first = api[0]?.t ?? 0;
	const last = api.reduce((max, e) => Math.max(max, e.t), first);
	const intervals = Math.max(1, (last - first) / pollMs);
	const per = (value, by) => (by ? round(value / by, 3) : undefined);
	return {
		jobs,
		byOp,
		requests: api.length,
		requestsPerJob: per(api.length, jobs),
		createRequests: createRequests.length,
		acceptedCreates: accepted,
		createsPerJob: per(accepted, jobs),
		createRequestsPerJob: per(createRequests.length, jobs),
		duplicateCreates: sim.stats().duplicateCreates,
		listings,
		singleGets,
		capacityChecks,
		listingsPerInterval: round(listings / intervals, 3),
		listingsPerJobInterval: per(listings, jobIntervals),
		singleGetsPerJob: per(singleGets, jobs),
		singleGetsPerJobInterval: per(singleGets, jobIntervals),
		statusCallsPerJobInterval: per(listings + singleGets, jobIntervals),
		overCapacity: sim.stats().overCapacity,
		maxConcurrentByAccount: sim.stats().maxConcurrentByAccount,
	};
}

/** One node run over N items. Makespan is measured around runNode, so it includes n8n's own work. */
async function batchRun({ n, jobMs, pollSeconds }) {
	const sim = await createSimulator({ port: 0, jobMs, accounts: ACCOUNTS });
	try {
		log(`batch: N=${n}, K=${CAPACITY}, D=${jobMs} ms, poll ${pollSeconds} s`);
		const started = Date.now();
		const result = await runGenerate(sim, items(n, 'batch'), pollSeconds);
		const makespanMs = Date.now() - started;
		const limitMs = Math.ceil(n / CAPACITY) * jobMs;
		const jobs = [...sim.jobs.values()];
		const lastFinal = Math.max(...jobs.map((j) => j.finalAt ?? Infinity));
		return {
			n,
			capacity: CAPACITY,
			jobMs,
			pollSeconds,
			status: result.status,
			error: result.error?.message,
			outputItems: result.items.length,
			completed: result.items.filter(
				(i) => (i.json.statusLabel ?? i.json.outcome) === 'completed' || i.json.status === 2,
			).length,
			makespanMs,
			limitMs,
			ratio: round(makespanMs / limitMs, 3),
			lastFinalToReturnMs: Number.isFinite(lastFinal)
				? started + makespanMs - lastFinal
				: undefined,
			calls: countCalls(sim, pollSeconds * 1000),
		};
	} finally {
		await sim.close();
	}
}

/** The serial loop other nodes use: one node run per item, each creating and waiting for one job. */
async function serialRun({ n, jobMs, pollSeconds }) {
	const sim = await createSimulator({ port: 0, jobMs, accounts: ACCOUNTS });
	try {
		log(`serial: ${n} node runs of one item each, D=${jobMs} ms, poll ${pollSeconds} s`);
		const started = Date.now();
		const perRunMs = [];
		let failures = 0;
		for (const item of items(n, 'serial')) {
			const t = Date.now();
			const result = await runGenerate(sim, [item], pollSeconds);
			if (result.status !== 'success') failures += 1;
			perRunMs.push(Date.now() - t);
		}
		const totalMs = Date.now() - started;
		const detection = [...sim.jobs.values()].map((j) => j.finalAt).filter(Boolean);
		return {
			n,
			jobMs,
			pollSeconds,
			totalMs,
			failures,
			perRunMedianMs: perRunMs.sort((a, b) => a - b)[Math.floor(n / 2)],
			finals: detection.length,
			calls: countCalls(sim, pollSeconds * 1000),
		};
	} finally {
		await sim.close();
	}
}

module.exports = { batchRun, serialRun, countCalls, runGenerate, CAPACITY, ACCOUNTS };
