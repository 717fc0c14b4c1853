'use strict';
// Section 6 (issue 13): faults on every request kind (create, scheduler, get, list, upload, and the
// result download through a faulty CDN proxy) at 30 % and 50 %, over seeded runs of 20–50 items with
// identical prompts in one batch, run after run against the same simulator state.
const { createSimulator } = require('../simulator');
const { createHostile } = require('../security/hostile');
const { mulberry32 } = require('../simulator/util');
const { splitReplyRef } = require('../../dist/nodes/shared/replyRef');
const { TOKEN, check, run, keep } = require('./lib');

const RATES = [0.3, 0.5];
const RUNS_PER_RATE = Number(process.env.MATRIX_RUNS || 20);
const RUNS_PER_CHAIN = Math.min(RUNS_PER_RATE, 4);
const PROMPTS = ['A red robot waves', 'A red robot waves', 'A blue whale jumps'];
const ACCOUNTS = [
	{ account: '700000001', maxJobs: 4, paid: true },
	{ account: '700000002', maxJobs: 4, paid: true },
	{ account: '700000003', maxJobs: 3, paid: true },
];
const PNG = {
	data: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64'),
	mimeType: 'image/png',
	fileName: 'in.png',
};

const itemsFor = (seed) => 20 + ((seed * 13) % 31);

function parameters(upload) {
	return {
		resource: 'video',
		operation: 'create',
		videoModel: upload ? 'I2V-01' : 'T2V-01',
		prompt: '={{ $json.prompt }}',
		...(upload ? { imageSource: 'binary', imageBinaryProperty: 'data' } : {}),
		callback: { replyRef: '={{ $json.ref }}' },
		waitForCompletion: true,
		waitOptions: { pollInterval: 0.1, timeout: 1, onFailure: 'returnItem' },
		downloadResult: true,
	};
}

/** A seeded fault for CDN downloads, at the same rate: reset or 502. */
function cdnRule(rate, seed) {
	const rng = mulberry32(seed * 7919 + 1);
	return () => {
		if (rng() >= rate) return undefined;
		return rng() < 0.5 ? { reset: true } : { status: 502 };
	};
}

const userRefOf = (replyRef) => splitReplyRef(replyRef).ref;

/** One run: n items, identical prompts, per-item user replyRef `<prefix>-i<n>` to tell jobs apart. */
async function oneRun(sim, rate, seed, runIndex, totals) {
	const n = itemsFor(seed);
	const upload = runIndex % 2 === 1;
	const prefix = `m${Math.round(rate * 100)}-r${runIndex}`;
	const items = Array.from({ length: n }, (_, i) => ({
		json: { prompt: PROMPTS[i % PROMPTS.length], ref: `${prefix}-i${i}` },
		...(upload ? { binary: { data: PNG } } : {}),
	}));
	sim.setFaults({
		rate,
		seed,
		kinds: ['429', '429queue', '502', '504', 'resetBefore', 'resetAfter', 'slow'],
		slowMs: 80,
	});
	const logStart = sim.log.length;
	const t0 = Date.now();
	const result = await run(sim, { parameters: parameters(upload), items, continueOnFail: true });
	totals.times.push([
		`${rate}/${seed}/${n}${upload ? 'u' : ''}`,
		Date.now() - t0,
		JSON.stringify(sim.stats().faults),
	]);
	const log = sim.log.slice(logStart);

	// Accepted creates of this run, by the user ref (one per item) and by prompt.
	const accepted = log.filter((e) => e.op === 'videos.create' && e.jobId);
	const jobRef = (id) => {
		const job = sim.jobs.get(id);
		return job ? String(job.replyRef || '') : '';
	};
	const perItem = new Map();
	const perTag = new Map();
	for (const e of accepted) {
		const ref = jobRef(e.jobId);
		perItem.set(userRefOf(ref), (perItem.get(userRefOf(ref)) || 0) + 1);
		const tag = splitReplyRef(ref).tag;
		perTag.set(tag, (perTag.get(tag) || 0) + 1);
	}
	const dupItem = [...perItem.values()].reduce((s, c) => s + Math.max(0, c - 1), 0);
	const dupTag = [...perTag.values()].reduce((s, c) => s + Math.max(0, c - 1), 0);
	let dupPrompt = 0;
	for (const prompt of new Set(PROMPTS)) {
		const wanted = items.filter((it) => it.json.prompt === prompt).length;
		const made = accepted.filter(
			(e) => sim.jobs.get(e.jobId) && sim.jobs.get(e.jobId).prompt === prompt,
		).length;
		dupPrompt += Math.max(0, made - wanted);
	}

	const out = result.items;
	const pairs = out.map(
		(it) => (Array.isArray(it.pairedItem) ? it.pairedItem[0] : it.pairedItem)?.item,
	);
	const lost = items.filter((_, i) => !pairs.includes(i)).length + Math.max(0, out.length - n);
	const unpaired = pairs.filter((p, i) => p !== i).length;
	let wrong = 0;
	let completed = 0;
	let unclear = 0;
	const errors = {};
	for (const [i, it] of out.entries()) {
		const j = it.json || {};
		if (j.error) {
			const text = String(j.error);
			if (text.length < 20) unclear += 1;
			const key = /may have been created/.test(text)
				? 'ambiguous, candidates named'
				: /Downloading/.test(text)
					? 'download failed'
					: (/\((\d{3})\)/.exec(text) || [])[1] || text.slice(0, 40);
			errors[key] = (errors[key] || 0) + 1;
			continue;
		}
		if (j.outcome === 'completed') {
			completed += 1;
			// The job reported must be this item's own, from this run.
			if (userRefOf(jobRef(String(j.id))) !== `${prefix}-i${i}` || !it.binary) wrong += 1;
		} else if (!['failed', 'moderated'].includes(j.outcome)) unclear += 1;
	}
	const stats = {
		requests: log.length,
		faults: log.filter((e) => e.fault).length,
		cdnFaults: 0,
		creates: log.filter((e) => e.op === 'videos.create').length,
		uploads: log.filter((e) => e.op === 'files.upload').length,
	};
	totals.runs += 1;
	totals.items += n;
	totals.completed += completed;
	totals.dupItem += dupItem;
	totals.dupTag += dupTag;
	totals.dupPrompt += dupPrompt;
	totals.wrong += wrong;
	totals.lost += lost;
	totals.unpaired += unpaired;
	totals.unclear += unclear;
	totals.requests += stats.requests;
	totals.faults += stats.faults;
	totals.creates += stats.creates;
	totals.accepted += accepted.length;
	totals.uploads += stats.uploads;
	for (const [k, v] of Object.entries(errors)) totals.errors[k] = (totals.errors[k] || 0) + v;
	for (const e of log) if (e.fault) totals.faultOps[e.op] = (totals.faultOps[e.op] || 0) + 1;
	if (dupItem || dupTag || dupPrompt || wrong || lost || unpaired || unclear || result.error) {
		totals.bad.push(
			`rate ${rate} seed ${seed}: dup ${dupItem}/${dupTag}/${dupPrompt}, wrong ${wrong}, lost ${lost}, unpaired ${unpaired}, unclear ${unclear}${result.error ? `, node error ${result.error.message}` : ''}`,
		);
	}
}

async function matrix(figures) {
	const section = 'fault matrix';
	const totals = {
		runs: 0,
		items: 0,
		completed: 0,
		dupItem: 0,
		dupTag: 0,
		dupPrompt: 0,
		wrong: 0,
		lost: 0,
		unpaired: 0,
		unclear: 0,
		requests: 0,
		faults: 0,
		creates: 0,
		accepted: 0,
		uploads: 0,
		cdnServed: 0,
		cdnFaults: 0,
		errors: {},
		faultOps: {},
		bad: [],
		times: [],
		simDuplicates: 0,
	};
	const started = Date.now();
	// Chains run side by side (the node mostly waits); within a chain, runs follow each other on one
	// simulator, so every run sees the jobs (same prompts) of the runs before it.
	const chain = async (rate, first) => {
		const sim = await createSimulator({ port: 0, token: TOKEN, jobMs: 200, accounts: ACCOUNTS });
		let cdn;
		try {
			for (let r = first; r < first + RUNS_PER_CHAIN; r++) {
				const seed = 1000 + r;
				cdn = await createHostile({ sim, target: sim.cdnUrl, rule: cdnRule(rate, seed) });
				sim.state.base = cdn.url;
				await oneRun(sim, rate, seed, r, totals);
				totals.cdnServed += cdn.served.length;
				totals.cdnFaults += cdn.served.filter((s) => s.action !== 'pass').length;
				await cdn.close();
				cdn = undefined;
			}
			keep(`simulator log (fault matrix ${rate} from ${first})`, sim.log);
			totals.simDuplicates += sim.stats().duplicateCreates;
		} finally {
			if (cdn) await cdn.close();
			await sim.close();
		}
	};
	const chains = [];
	for (const rate of RATES)
		for (let first = 0; first < RUNS_PER_RATE; first += RUNS_PER_CHAIN)
			chains.push(chain(rate, first));
	await Promise.all(chains);
	const wall = (Date.now() - started) / 1000;
	const t = totals;
	check(
		section,
		`${t.runs} seeded runs at ${RATES.map((r) => `${r * 100} %`).join(' and ')} faults on every request kind (>= 40)`,
		t.runs >= 40,
		`${t.items} items`,
	);
	check(
		section,
		'faults hit every request kind: create, scheduler, get, list, upload, download',
		['videos.create', 'scheduler.list', 'videos.get', 'videos.list', 'files.upload'].every(
			(op) => t.faultOps[op] > 0,
		) && t.cdnFaults > 0,
		`${JSON.stringify(t.faultOps)}, cdn ${t.cdnFaults}`,
	);
	check(
		section,
		"0 duplicate creates per item, per replyRef tag (and the simulator's own count), per prompt",
		t.dupItem === 0 && t.dupTag === 0 && t.dupPrompt === 0 && t.simDuplicates === 0,
		`item ${t.dupItem}, tag ${t.dupTag}, sim ${t.simDuplicates}, prompt ${t.dupPrompt}`,
	);
	check(
		section,
		"0 items reported completed with another item's or another run's job",
		t.wrong === 0,
		t.wrong,
	);
	check(
		section,
		'0 lost or unpaired items; every item completed or a clear per-item error',
		t.lost === 0 && t.unpaired === 0 && t.unclear === 0,
		`lost ${t.lost}, unpaired ${t.unpaired}, unclear ${t.unclear}`,
	);
	check(
		section,
		'most items still complete',
		t.completed >= t.items * 0.5,
		`${t.completed} of ${t.items}`,
	);
	for (const b of t.bad.slice(0, 5)) check(section, 'run detail', false, b);
	figures.push(
		[
			'fault matrix: runs / items (20–50 per run, 3 prompts, 2 identical)',
			`${t.runs} / ${t.items}`,
		],
		[
			'fault matrix: API requests / faults injected / by op',
			`${t.requests} / ${t.faults} / ${JSON.stringify(t.faultOps)}`,
		],
		['fault matrix: downloads through the faulty CDN / faulted', `${t.cdnServed} / ${t.cdnFaults}`],
		[
			'fault matrix: create requests / accepted / uploads',
			`${t.creates} / ${t.accepted} / ${t.uploads}`,
		],
		[
			'fault matrix: duplicates per item / per tag / simulator / per prompt',
			`${t.dupItem} / ${t.dupTag} / ${t.simDuplicates} / ${t.dupPrompt}`,
		],
		['fault matrix: wrong-job results / lost / unpaired', `${t.wrong} / ${t.lost} / ${t.unpaired}`],
		['fault matrix: completed / per-item errors', `${t.completed} / ${JSON.stringify(t.errors)}`],
		['fault matrix: wall time', `${wall.toFixed(1)} s`],
		[
			'fault matrix: run times',
			t.times.map((x) => `${x[0]}:${(x[1] / 1000).toFixed(1)}s`).join(' '),
		],
	);
	return totals;
}

module.exports = { matrix };
