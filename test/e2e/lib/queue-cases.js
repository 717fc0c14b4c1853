'use strict';
// The five cases of the queue-mode run (issue 18), each asserted from what reached the simulator
// and from n8n's stored executions in Postgres. ctx: { sim, cluster, secret, figures, c }.
const { waitFor, sleep, post, postRegistered } = require('./expect');
const { executionsOf, staticDataOf, storedBinaryCount } = require('./queue-db');
const { recordOf } = require('../../simulator/records');
const qw = require('./queue-workflows');

const FINAL = new Set(['success', 'error', 'canceled', 'crashed']);
const POLL_S = 1;
const MAX_JOBS = 3;
const tag = () => Math.random().toString(36).slice(2, 8);

/** Ids of the workflow's executions so far (to tell the ones a case starts). */
async function knownIds(cluster, workflowId) {
	return new Set((await executionsOf(cluster, workflowId)).map((e) => e.id));
}

/** Waits until `n` executions not in `known` satisfy `done` → those executions (maybe fewer on timeout). */
async function awaitNew(cluster, workflowId, known, n, ms, done = (e) => FINAL.has(e.status)) {
	let fresh = [];
	await waitFor(
		async () => {
			fresh = (await executionsOf(cluster, workflowId)).filter((e) => !known.has(e.id));
			return fresh.filter(done).length >= n;
		},
		ms,
		500,
	);
	return fresh;
}

const createsFor = (sim, prompts, status) =>
	sim.log.filter(
		(e) =>
			e.op === 'videos.create' &&
			prompts.has(e.body && e.body.prompt) &&
			(status === undefined || e.status === status),
	);

/** Most jobs running at once per account at the simulator, from the jobs' own create/final times. */
function maxRunning(jobs) {
	const out = {};
	const byAccount = new Map();
	for (const j of jobs) byAccount.set(j.account, [...(byAccount.get(j.account) || []), j]);
	for (const [account, list] of byAccount) {
		const events = list
			.flatMap((j) => [
				[j.createdAt, 1],
				[j.finalAt ?? Infinity, -1],
			])
			.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		let now = 0;
		out[account] = 0;
		for (const [, d] of events) out[account] = Math.max(out[account], (now += d));
	}
	return out;
}

/** Reads a stored binary through the main's REST API (as the editor does) → { status, bytes }. */
async function readBinary(cluster, bin) {
	const res = await cluster.rest(
		'GET',
		`/binary-data?id=${encodeURIComponent(bin.id)}&action=download`,
	);
	return { status: res.status, bytes: res.body };
}

/** Completed items, each with a database-mode binary that the main serves with the simulator's bytes. */
async function checkItems(c, cluster, sim, items, n, label, readAll = true) {
	const completed = items.filter(
		(i) => i.json.outcome === 'completed' && /-video:\d+$/.test(i.json.id || ''),
	);
	c.ok(
		`${label}: ${n} items completed with a video id`,
		items.length === n && completed.length === n,
		`${completed.length} of ${items.length}`,
	);
	const bins = items.map((i) => i.binary && i.binary.data).filter(Boolean);
	c.ok(
		`${label}: every item's binary is stored in the database (database:… id)`,
		bins.length === n && bins.every((b) => /^database:/.test(b.id || '')),
		bins
			.slice(0, 2)
			.map((b) => b.id)
			.join(', '),
	);
	const reads = await Promise.all(
		(readAll ? bins : bins.slice(0, 2)).map((b) => readBinary(cluster, b)),
	);
	const want = sim.options.mediaBytes;
	const good = reads.filter(
		(r) =>
			r.status === 200 &&
			r.bytes.length === want &&
			r.bytes.subarray(4, 8).toString('latin1') === 'ftyp',
	);
	c.ok(
		`${label}: the main serves ${reads.length} of them as ${want}-byte MP4s (GET /rest/binary-data)`,
		reads.length > 0 && good.length === reads.length,
		reads
			.map((r) => `${r.status}/${r.bytes.length}`)
			.slice(0, 4)
			.join(' '),
	);
	return completed;
}

/** 1. A production webhook on the webhook processor starts a 12-item batch that runs on a worker. */
async function batchOnWorker({ sim, cluster, c, figures }) {
	const prompts = Array.from({ length: 12 }, (_, i) => `queue batch ${tag()} #${i}`);
	const known = await knownIds(cluster, qw.IDS.batch);
	const binariesBefore = await storedBinaryCount(cluster);
	const res = await postRegistered(`${cluster.webhook.url}/webhook/${qw.PATHS.batch}`, { prompts });
	c.ok(
		'the webhook processor accepts the production webhook',
		res.status === 200,
		`${res.status} ${res.text.slice(0, 80)}`,
	);
	const [run] = await awaitNew(cluster, qw.IDS.batch, known, 1, 90000);
	if (
		!c.ok(
			'the execution ends with status success',
			run && run.status === 'success',
			run ? `${run.id} ${run.status}` : 'no execution',
		)
	)
		return;
	c.ok(
		'it ran on a worker (worker log: "Worker started execution")',
		cluster.workerOf(run.id),
		cluster.workerOf(run.id) || 'no worker logged it',
	);
	c.ok('mode "webhook" (production)', run.mode === 'webhook', run.mode);
	await checkItems(c, cluster, sim, run.nodes.Generate || [], 12, '12 items');
	const creates = createsFor(sim, new Set(prompts), 200);
	c.ok(
		'exactly 12 creates reached the simulator, one per prompt',
		creates.length === 12 && new Set(creates.map((e) => e.body.prompt)).size === 12,
		`${creates.length}`,
	);
	const stored = (await storedBinaryCount(cluster)) - binariesBefore;
	c.ok("n8n's binary_data table holds them", stored >= 12, `${stored} new rows`);
	figures.batch = {
		items: 12,
		creates: creates.length,
		worker: cluster.workerOf(run.id),
		seconds: (new Date(run.stoppedAt) - new Date(run.startedAt)) / 1000,
	};
}

/** 2. Two such executions at once, on two workers, over the same 2 accounts × 3 slots. */
async function twoAtOnce({ sim, cluster, c, figures }) {
	const sets = ['A', 'B'].map((s) =>
		Array.from({ length: 12 }, (_, i) => `queue pair ${s} ${tag()} #${i}`),
	);
	const all = new Set(sets.flat());
	const known = await knownIds(cluster, qw.IDS.batch);
	const dupBefore = sim.stats().duplicateCreates;
	const sent = await Promise.all(
		sets.map((prompts) => post(`${cluster.webhook.url}/webhook/${qw.PATHS.batch}`, { prompts })),
	);
	c.ok(
		'both webhooks accepted',
		sent.every((r) => r.status === 200),
		sent.map((r) => r.status).join(', '),
	);
	const runs = await awaitNew(cluster, qw.IDS.batch, known, 2, 180000);
	if (
		!c.ok(
			'both executions end with status success',
			runs.length === 2 && runs.every((r) => r.status === 'success'),
			runs.map((r) => `${r.id} ${r.status}`).join(', '),
		)
	)
		return;
	const workers = runs.map((r) => cluster.workerOf(r.id));
	c.ok(
		'they ran on two different workers',
		workers.every(Boolean) && workers[0] !== workers[1],
		workers.join(' + '),
	);
	const items = runs.flatMap((r) => r.nodes.Generate || []);
	await checkItems(c, cluster, sim, items, 24, '24 items', false);
	const accepted = createsFor(sim, all, 200);
	const rejected = createsFor(sim, all, 429);
	c.ok(
		'exactly 24 creates were accepted, one per prompt (0 duplicates)',
		accepted.length === 24 && new Set(accepted.map((e) => e.body.prompt)).size === 24,
		`${accepted.length} accepted, ${new Set(accepted.map((e) => e.body.prompt)).size} distinct`,
	);
	c.ok(
		'the simulator counted 0 duplicate creates (by replyRef tag)',
		sim.stats().duplicateCreates === dupBefore,
		`${sim.stats().duplicateCreates - dupBefore}`,
	);
	c.ok(
		'the executions oversubscribed and the 429s were absorbed (all 24 completed)',
		rejected.length > 0,
		`${rejected.length} × 429`,
	);
	const jobIds = new Set(accepted.map((e) => e.jobId).filter(Boolean));
	const running = maxRunning([...sim.jobs.values()].filter((j) => jobIds.has(j.id)));
	const stats = sim.stats();
	c.ok(
		`never more than ${MAX_JOBS} running jobs per account at the simulator`,
		Object.values(running).every((n) => n <= MAX_JOBS) && stats.overCapacity === 0,
		`${JSON.stringify(running)}, overCapacity ${stats.overCapacity}`,
	);
	c.ok(
		'both accounts were used',
		Object.keys(running).length === 2,
		Object.keys(running).join(', '),
	);
	figures.pair = {
		items: items.length,
		creates: accepted.length,
		duplicates: accepted.length - new Set(accepted.map((e) => e.body.prompt)).size,
		rejected429: rejected.length,
		maxRunningPerAccount: running,
		workers,
	};
}

/**
 * One final callback for a fresh job, sent by the simulator to the webhook processor, then the
 * same body to the main's webhook port and once more to the webhook processor → its executions.
 */
async function deliverThrice(sim, cluster, c, secret, known, n) {
	const toWebhook = qw.triggerPath(cluster.webhook.url, secret);
	const toMain = qw.triggerPath(cluster.main.url, secret);
	const created = await fetch(`${sim.apiUrl}/videos/create`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
		body: JSON.stringify({
			prompt: `queue dedupe ${n} ${tag()}`,
			replyUrl: toWebhook,
			replyRef: `queue-dedupe-${n}`,
		}),
	}).then((r) => r.json());
	const job = sim.jobs.get(created.videoId);
	if (
		!c.ok(
			`job ${n}: created with replyUrl = the trigger on the webhook processor`,
			job,
			JSON.stringify(created).slice(0, 120),
		)
	)
		return undefined;
	const delivered = await waitFor(
		() => sim.callbacks.find((cb) => cb.jobId === job.id && cb.final && cb.responseStatus),
		20000,
	);
	c.ok(
		`job ${n}: the simulator's final callback reached the webhook processor: 200`,
		delivered && delivered.responseStatus === 200 && delivered.url.startsWith(cluster.webhook.url),
		delivered
			? `${delivered.responseStatus} ${delivered.url.replace(secret, '<secret>')}`
			: 'not sent',
	);
	const body = { ...recordOf(sim, job), replyUrl: job.replyUrl, replyRef: job.replyRef };
	const again = await post(toMain, body);
	c.ok(
		`job ${n}: the same final, sent to the main's webhook port, is answered 200 "duplicate final callback"`,
		again.status === 200 && /duplicate final callback/.test(again.text),
		`${again.status} ${again.text.slice(0, 100)}`,
	);
	const third = await post(toWebhook, body);
	c.ok(
		`job ${n}: once more to the webhook processor: ignored too`,
		third.status === 200 && /duplicate final callback/.test(third.text),
		`${third.status} ${third.text.slice(0, 100)}`,
	);
	await sleep(3000); // time for any second execution to be enqueued and run
	const runs = (await awaitNew(cluster, qw.IDS.trigger, known, 1, 30000)).filter((e) =>
		JSON.stringify(e.nodes).includes(job.id),
	);
	c.ok(
		`job ${n}: exactly one execution (Postgres)`,
		runs.length === 1 && runs[0].status === 'success',
		runs.map((e) => `${e.id} ${e.status}`).join(', ') || 'none',
	);
	return { job, runs: runs.length };
}

/**
 * 3. The trigger's dedupe across processes. Two jobs one after the other: the first record is
 * written into empty static data, the second into static data that already exists (the case
 * n8n 2.41 failed to save before the trigger answered by itself, see MinimaxTrigger.node.ts).
 */
async function dedupeAcrossProcesses({ sim, cluster, secret, c, figures }) {
	const known = await knownIds(cluster, qw.IDS.trigger);
	const probe = await postRegistered(qw.triggerPath(cluster.webhook.url, secret), {});
	c.ok(
		'the trigger is registered on the webhook processor (a junk body gets 400)',
		probe.status === 400,
		`${probe.status}`,
	);
	const results = [];
	for (const n of [1, 2]) results.push(await deliverThrice(sim, cluster, c, secret, known, n));
	const stored = await staticDataOf(cluster, qw.IDS.trigger);
	const record = (stored['node:MiniMax Trigger'] && stored['node:MiniMax Trigger'].seenFinal) || {};
	const jobs = results.filter(Boolean).map((r) => r.job.id);
	c.ok(
		"both records are in the workflow's static data in Postgres",
		jobs.length === 2 && jobs.every((id) => typeof record[`j:${id}`] === 'number'),
		JSON.stringify(record).slice(0, 160),
	);
	figures.dedupe = {
		sequential: `${results
			.filter(Boolean)
			.map((r) => r.runs)
			.join(
				' + ',
			)} execution(s) for 2 jobs × 3 deliveries (webhook processor, main, webhook processor)`,
	};
	figures.dedupe.limits = await simultaneousPairs(
		cluster,
		known,
		qw.triggerPath(cluster.webhook.url, secret),
		qw.triggerPath(cluster.main.url, secret),
		c,
	);
}

const fakeFinal = (n) => ({
	videoId: `user:1234-minimax:111111111-video:${Date.now()}${String(n).padStart(3, '0')}`,
	status: 2,
	statusLabel: 'completed',
	statusFinal: true,
	downloadURL: 'https://cdn.example.invalid/x.mp4',
	replyRef: 'queue-limit',
});
const countRuns = (runs, id) => runs.filter((e) => JSON.stringify(e.nodes).includes(id)).length;

/**
 * n8n's limits, measured (not preventable by a node: the webhook call cannot re-read or lock the
 * static data, which n8n loads when the call arrives and saves whole after it answers):
 * - the same final POSTed to both processes at the same instant: both may start an execution;
 * - finals of two different jobs at the same instant on two processes: the later save overwrites
 *   the other's record, so a later repeat of that job (to the other process) starts again.
 */
async function simultaneousPairs(cluster, known, toWebhook, toMain, c) {
	const PAIRS = 5;
	const same = Array.from({ length: PAIRS }, (_, i) => fakeFinal(i));
	for (const final of same) await Promise.all([post(toWebhook, final), post(toMain, final)]);
	const crossed = Array.from({ length: PAIRS }, (_, i) => [fakeFinal(100 + i), fakeFinal(200 + i)]);
	for (const [a, b] of crossed) await Promise.all([post(toWebhook, a), post(toMain, b)]);
	await sleep(1000);
	for (const [a, b] of crossed) {
		await post(toMain, a);
		await post(toWebhook, b);
	}
	await sleep(4000);
	const runs = (await executionsOf(cluster, qw.IDS.trigger)).filter((e) => !known.has(e.id));
	const sameCounts = same.map((f) => countRuns(runs, f.videoId));
	const crossedCounts = crossed.map(
		([a, b]) => countRuns(runs, a.videoId) + countRuns(runs, b.videoId),
	);
	c.ok(
		'measured limit: same final at the same instant on both processes → 1 or 2 executions, none lost',
		sameCounts.every((n) => n >= 1 && n <= 2),
		JSON.stringify(sameCounts),
	);
	c.ok(
		"measured limit: two jobs' finals at the same instant, then each repeated on the other process → 2 to 3 executions per pair",
		crossedCounts.every((n) => n >= 2 && n <= 3),
		JSON.stringify(crossedCounts),
	);
	return {
		sameInstant: `${sameCounts.filter((n) => n === 2).length} of ${PAIRS} pairs started 2 executions`,
		lostRecord: `${crossedCounts.filter((n) => n === 3).length} of ${PAIRS} crossed pairs started a 3rd execution on the later repeat`,
	};
}

/** 4. Until Callback: parks (no worker slot), resumed through the webhook processor, finishes on a worker. */
async function untilCallback({ sim, cluster, c, figures }) {
	const prompt = `queue until callback ${tag()} [ms=6000]`;
	const known = await knownIds(cluster, qw.IDS.callback);
	const res = await postRegistered(`${cluster.webhook.url}/webhook/${qw.PATHS.callback}`, {
		prompt,
	});
	c.ok('started by its production webhook', res.status === 200, `${res.status}`);
	const job = await waitFor(() => [...sim.jobs.values()].find((j) => j.prompt === prompt), 30000);
	if (
		!c.ok(
			"the create carries replyUrl = the webhook processor's /webhook-waiting/ URL",
			job && job.replyUrl && job.replyUrl.startsWith(`${cluster.webhook.url}/webhook-waiting/`),
			job ? String(job.replyUrl).split('?')[0] : 'no job',
		)
	)
		return;
	const [parked] = await awaitNew(
		cluster,
		qw.IDS.callback,
		known,
		1,
		20000,
		(e) => e.status === 'waiting',
	);
	c.ok(
		'the execution parks: status "waiting" with waitTill',
		parked && parked.status === 'waiting' && parked.waitTill,
		parked ? `${parked.id} ${parked.status}` : 'not waiting',
	);
	if (!parked) return;
	const worker = cluster.workerOf(parked.id);
	const released = await waitFor(
		() =>
			cluster.workers.some((w) => w.serverLog.includes(`Worker finished execution ${parked.id} `)),
		10000,
	);
	c.ok(
		'no worker slot is held while it waits (the worker finished its job)',
		worker && released,
		`${worker} ${released ? 'finished the job' : 'still holds it'}`,
	);
	const from = sim.log.length;
	const delivered = await waitFor(
		() => sim.callbacks.find((cb) => cb.jobId === job.id && cb.final && cb.responseStatus),
		30000,
	);
	c.ok(
		"the final callback reaches the webhook processor's /webhook-waiting/ URL: 200",
		delivered &&
			delivered.responseStatus === 200 &&
			delivered.url.startsWith(`${cluster.webhook.url}/webhook-waiting/`),
		delivered ? `${delivered.responseStatus}` : 'not sent',
	);
	const [done] = await awaitNew(cluster, qw.IDS.callback, known, 1, 60000);
	if (
		!c.ok(
			'it resumes and ends with status success',
			done && done.status === 'success',
			done ? `${done.id} ${done.status}` : 'not finished',
		)
	)
		return;
	const starts = cluster.workers
		.map((w) => w.serverLog.split(`Worker started execution ${done.id} `).length - 1)
		.reduce((a, b) => a + b, 0);
	c.ok('the resumed run went to a worker again', starts >= 2, `${starts} worker starts`);
	const items = done.nodes.Generate || [];
	c.ok(
		'Generate outputs the completed job',
		items.length === 1 && items[0].json.outcome === 'completed' && items[0].json.id === job.id,
		JSON.stringify(items[0] && items[0].json).slice(0, 160),
	);
	await checkItems(c, cluster, sim, items, 1, 'the downloaded result');
	c.ok('the next node ran with it', (done.nodes.After || []).length === 1);
	const polls = sim.log
		.slice(from)
		.filter((e) => /^(scheduler\.list|videos\.get|videos\.list)$/.test(e.op) && e.kind === 'api');
	c.ok('no polling while parked', polls.length === 0, polls.map((e) => e.op).join(', '));
	figures.untilCallback = { parkedOn: worker, resumedVia: 'webhook processor /webhook-waiting/' };
}

/** Starts a one-item batch through `baseUrl`'s production webhook and waits until a worker polls it. */
async function pollingRun(sim, cluster, c, baseUrl, prompt) {
	const known = await knownIds(cluster, qw.IDS.batch);
	await post(`${baseUrl}/webhook/${qw.PATHS.batch}`, { prompts: [prompt] });
	const job = await waitFor(() => [...sim.jobs.values()].find((j) => j.prompt === prompt), 30000);
	const polling =
		job &&
		(await waitFor(
			() =>
				sim.log.filter((e) => e.kind === 'api' && e.t > job.createdAt && e.op !== 'videos.create')
					.length >= 2,
			20000,
		));
	if (!c.ok('a worker polls the running job', polling, job ? job.id : 'no job')) return undefined;
	const [run] = await awaitNew(
		cluster,
		qw.IDS.batch,
		known,
		1,
		10000,
		(e) => e.status === 'running',
	);
	if (
		!c.ok(
			'the execution is running',
			run && run.status === 'running',
			run ? `${run.id} ${run.status}` : 'not found',
		)
	)
		return undefined;
	return { job, run, known };
}

/** POST /rest/executions/:id/stop on the main → { stopAt, ended (execution once final) }. */
async function stopFromMain(cluster, c, { run, known }) {
	const stopAt = Date.now();
	const stop = await cluster.rest('POST', `/executions/${run.id}/stop`);
	c.ok(
		'the main accepts Stop (POST /rest/executions/:id/stop)',
		stop.status === 200,
		`${stop.status} ${stop.body.toString().slice(0, 80)}`,
	);
	const [ended] = await awaitNew(cluster, qw.IDS.batch, known, 1, 30000);
	c.ok(
		'the stored execution ends as canceled',
		ended && ended.status === 'canceled',
		ended ? ended.status : 'still running',
	);
	return stopAt;
}

const requestsAfter = (sim, t) => sim.log.filter((e) => e.kind === 'api' && e.t > t);
const listed = (list, t) => list.map((e) => `${e.op} +${e.t - t} ms`).join(', ');

/**
 * 5. Stop from the main while a worker polls. n8n 2.41 delivers Stop to the worker through the
 * process that enqueued the execution (Bull job progress "abort-job"); its "stop-execution"
 * pub/sub command is ignored by workers. So: (a) enqueued by the main → stops within one poll
 * interval; (b) enqueued by the webhook processor → marked canceled, but the worker runs the
 * node on to its end (measured and pinned here, documented in the README).
 */
async function stopWhilePolling({ sim, cluster, c, figures }) {
	const a = await pollingRun(
		sim,
		cluster,
		c,
		cluster.main.url,
		`queue stop via main ${tag()} [ms=600000]`,
	);
	if (a) {
		const stopAt = await stopFromMain(cluster, c, a);
		await sleep(3000 + POLL_S * 1000);
		const after = requestsAfter(sim, stopAt);
		const last = after.length ? Math.max(...after.map((e) => e.t)) - stopAt : undefined;
		c.ok(
			`started via the main: the worker's last request within one poll interval (${POLL_S} s) of the stop`,
			last === undefined || last <= POLL_S * 1000,
			last === undefined ? 'none after the stop' : listed(after, stopAt),
		);
		figures.stop = {
			viaMain: { lastRequestAfterStopMs: last ?? null, requestsAfterStop: after.length },
		};
	}
	const JOB_S = 8;
	const b = await pollingRun(
		sim,
		cluster,
		c,
		cluster.webhook.url,
		`queue stop via webhook processor ${tag()} [ms=${JOB_S * 1000}]`,
	);
	if (!b) return;
	const stopAt = await stopFromMain(cluster, c, b);
	const finished = await waitFor(
		() =>
			cluster.workers.some((w) => w.serverLog.includes(`Worker finished execution ${b.run.id} `)),
		JOB_S * 1000 + 20000,
	);
	const after = requestsAfter(sim, stopAt);
	c.ok(
		'started via the webhook processor: n8n 2.41 does not stop the worker (it polls on until the job ends; README limit)',
		after.length > 0 && finished,
		`${after.length} request(s) after the stop, ${finished ? 'then the worker finished' : 'worker still running'}: ${listed(after.slice(-3), stopAt)}`,
	);
	const [stored] = (await executionsOf(cluster, qw.IDS.batch)).filter((e) => e.id === b.run.id);
	c.ok(
		'  …and its late result does not replace the canceled record',
		stored && stored.status === 'canceled',
		stored ? stored.status : 'missing',
	);
	figures.stop.viaWebhookProcessor = {
		requestsAfterStop: after.length,
		workerRanOnToJobEnd: Boolean(finished),
	};
}

const ALL = {
	'1 batch from a production webhook on a worker': batchOnWorker,
	'2 two executions at once on two workers': twoAtOnce,
	'3 trigger dedupe across processes': dedupeAcrossProcesses,
	'4 until callback through the webhook processor': untilCallback,
	'5 stop from the main while a worker polls': stopWhilePolling,
};

module.exports = { ALL, maxRunning };
