'use strict';
// Section 4: a workflow stopped mid-wait stops polling and, with Cancel Job on Stop, cancels its videos.
const { createSimulator } = require('../simulator');
const { TOKEN, check, run, hasNode, keep, sleep } = require('./lib');
const { countBy } = require('./log-figures');

const POLL_S = 1;
const STOP_AFTER_MS = 2500;
const JOBS = 3;

async function stopOnce(cancelOnStop) {
	const sim = await createSimulator({
		port: 0,
		token: TOKEN,
		jobMs: 60_000,
		accounts: [{ account: '200000001', maxJobs: 3 }],
	});
	try {
		let stopAt;
		const items = Array.from({ length: JOBS }, (_, i) => ({
			json: { prompt: `Cancellation job ${i}` },
		}));
		const result = await run(sim, {
			parameters: {
				resource: 'video',
				operation: 'create',
				videoModel: 'T2V-01',
				prompt: '={{ $json.prompt }}',
				waitForCompletion: true,
				waitOptions: { pollInterval: POLL_S, timeout: 10, cancelOnStop },
				downloadResult: false,
			},
			items,
			cancelAfterMs: STOP_AFTER_MS,
			onStart: () => {
				stopAt = Date.now() + STOP_AFTER_MS;
			},
		});
		const returnedAt = Date.now();
		// Watch for longer than one poll interval after the stop: nothing but cancels may arrive.
		await sleep(POLL_S * 1000 * 2 + 500);
		const log = sim.log.slice();
		keep('simulator log (cancel)', log);
		const created = log.filter((e) => e.op === 'videos.create' && e.jobId).map((e) => e.jobId);
		const after = log.filter((e) => e.t >= stopAt);
		// The engine polls with one GET /scheduler per round, plus GET /videos/{id} for jobs that left it.
		const gets = log.filter((e) => e.op === 'scheduler.list' || e.op === 'videos.get');
		const lastGet = gets.length ? gets[gets.length - 1].t - stopAt : undefined;
		const cancels = log.filter((e) => e.op === 'videos.cancel');
		const cancelledIds = new Set(
			cancels.filter((e) => e.status === 200).map((e) => e.body && e.body.videoId),
		);
		const jobsCancelled = created.filter(
			(id) => sim.record(id) && sim.record(id).status === 3 && cancelledIds.has(id),
		);
		const pollsBefore = gets.filter((e) => e.t < stopAt).length;
		const lastAfter = after.length ? Math.max(...after.map((e) => e.t)) - stopAt : undefined;
		return {
			result,
			stopAt,
			returnedAt,
			lastAfter,
			created,
			after,
			lastGet,
			cancels,
			jobsCancelled,
			polls: pollsBefore,
		};
	} finally {
		await sim.close();
	}
}

async function cancellation(figures) {
	const section = 'cancellation';
	if (!hasNode('generate')) {
		check(section, 'generation node is built', false, 'not found in dist/');
		return;
	}
	for (const cancelOnStop of [true, false]) {
		const label = cancelOnStop ? 'cancel-on-stop on' : 'cancel-on-stop off';
		const r = await stopOnce(cancelOnStop);
		const afterOps = countBy(r.after, (e) => e.op);
		const notCancel = r.after.filter((e) => e.op !== 'videos.cancel');
		check(
			section,
			`${label}: ${JOBS} videos were running when stopped`,
			r.created.length === JOBS,
			`${r.created.length} created, ${r.polls} polls before the stop`,
		);
		check(
			section,
			`${label}: execution reported as cancelled`,
			r.result.canceled,
			`status ${r.result.status}`,
		);
		check(
			section,
			`${label}: node's last request within one poll interval of the stop`,
			r.lastAfter === undefined || r.lastAfter <= POLL_S * 1000,
			`${r.lastAfter === undefined ? 'none' : `${r.lastAfter} ms`} after the stop`,
		);
		check(
			section,
			`${label}: no poll or other request after the stop`,
			notCancel.length === 0,
			JSON.stringify(afterOps),
		);
		if (cancelOnStop) {
			check(
				section,
				`${label}: POST /videos/cancel for every running video`,
				r.jobsCancelled.length === JOBS,
				`${r.cancels.length} cancel requests, ${r.jobsCancelled.length} videos cancelled`,
			);
		} else {
			check(
				section,
				`${label}: no cancel request`,
				r.cancels.length === 0,
				`${r.cancels.length} cancel requests`,
			);
		}
		figures.push([
			`${label}: last poll / last request, relative to the stop`,
			`${r.lastGet === undefined ? 'none' : `${r.lastGet} ms`} / ${r.lastAfter === undefined ? 'none after' : `+${r.lastAfter} ms`} (${r.cancels.length} cancels)`,
		]);
	}
}

module.exports = { cancellation };
