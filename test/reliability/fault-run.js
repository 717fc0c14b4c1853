'use strict';
// Section 1: 100 video jobs through the generation node against a simulator injecting 20 % faults.
const { createSimulator } = require('../simulator');
const { TOKEN, check, run, hasNode, keep } = require('./lib');
const {
	duplicatesByTag,
	duplicateStories,
	retries,
	afterFirst,
	countBy,
} = require('./log-figures');

const JOBS = 100;
const HEALTHY = '100000001';
const HELD = '100000002'; // goes on hold (596) after HOLD_AFTER accepted creates
const BROKE = '100000003'; // out of credits (412) from the start
const HOLD_AFTER = 8;
const FAULTS = { rate: 0.2, seed: 20261122, slowMs: 250 };

function parameters() {
	return {
		resource: 'video',
		operation: 'create',
		videoModel: 'T2V-01',
		prompt: '={{ $json.prompt }}',
		waitForCompletion: true,
		// 0.2 s (below the editor's 1 s minimum) keeps CI short. URL only: the run measures the job engine, not downloads.
		waitOptions: { pollInterval: 0.2, timeout: 10, onFailure: 'returnItem' },
		downloadResult: true,
		downloadOptions: { returnAs: 'url' },
	};
}

/** Outcome of one output item: its final status label, or "error: <first words>" under continueOnFail. */
function outcome(item) {
	const j = (item && item.json) || {};
	if (j.error) {
		const text = typeof j.error === 'string' ? j.error : j.error.message || JSON.stringify(j.error);
		return {
			final: false,
			error: text,
			label: `error ${(/\((\d{3})\)/.exec(text) || [])[1] || text.slice(0, 40)}`,
		};
	}
	const label = j.statusLabel || j.outcome || j.status;
	return {
		final: ['completed', 'failed', 'moderated'].includes(label),
		label: String(label),
		url: j.url,
	};
}

/** One example message per error kind, so the figures show what a user would read. */
function errorSamples(outcomes) {
	const seen = new Map();
	for (const o of outcomes) if (o.error && !seen.has(o.label)) seen.set(o.label, o.error);
	return [...seen].map(([label, text]) => [
		`  e.g. ${label}`,
		text.length > 150 ? `${text.slice(0, 150)}…` : text,
	]);
}

async function faultRun(figures) {
	const section = 'fault run';
	if (!hasNode('generate')) {
		check(
			section,
			'generation node is built (dist/nodes/MinimaxGenerate)',
			false,
			'not found in dist/',
		);
		return;
	}
	const sim = await createSimulator({
		port: 0,
		token: TOKEN,
		jobMs: 400,
		accounts: [
			{ account: HEALTHY, maxJobs: 5, paid: true },
			{ account: HELD, maxJobs: 3, paid: true, onHoldAfterCreates: HOLD_AFTER },
			{ account: BROKE, maxJobs: 3, paid: true, outOfCredits: true },
		],
		faults: FAULTS,
	});
	try {
		const items = Array.from({ length: JOBS }, (_, i) => ({
			json: { n: i, prompt: `Reliability job ${i}: a red robot waves` },
		}));
		const started = Date.now();
		const result = await run(sim, { parameters: parameters(), items, continueOnFail: true });
		const wallMs = Date.now() - started;
		const log = sim.log;
		const stats = sim.stats();
		keep('simulator log', log);
		keep('simulator stats', stats);

		const outs = result.items;
		const outcomes = outs.map(outcome);
		const dup = duplicatesByTag(log);
		const re = retries(log);
		const pairs = outs.map(
			(it) => (Array.isArray(it.pairedItem) ? it.pairedItem[0] : it.pairedItem)?.item,
		);
		const lost = Array.from({ length: JOBS }, (_, i) => i).filter((i) => !pairs.includes(i)).length;
		const misPaired = pairs.filter((p, i) => p !== i).length;
		const unclear = outcomes.filter((o) => !o.final && !(o.error && o.error.length > 20));

		check(
			section,
			'run finished (continueOnFail: no node-level error)',
			result.status === 'success' && !result.error,
			`${result.status} ${result.error ? result.error.message : ''}`,
		);
		check(section, `${JOBS} output items`, outs.length === JOBS, `${outs.length}`);
		check(
			section,
			'pairedItem i -> input i for every item',
			misPaired === 0 && lost === 0,
			`lost ${lost}, mis-paired ${misPaired}`,
		);
		check(
			section,
			'every item final or a clear per-item error',
			unclear.length === 0,
			unclear
				.slice(0, 3)
				.map((o) => o.label)
				.join('; '),
		);
		const noUrl = outcomes.filter(
			(o) => o.label === 'completed' && !/^http:\/\/127\.0\.0\.1:\d+\/cdn\//.test(o.url || ''),
		);
		check(
			section,
			'every completed item carries its result URL (URL only, no binary)',
			noUrl.length === 0 && outs.every((it) => !it.binary),
			`${noUrl.length} without URL`,
		);
		check(
			section,
			'0 duplicate creates (sim.stats)',
			stats.duplicateCreates === 0,
			stats.duplicateCreates,
		);
		check(
			section,
			'0 duplicate creates (own check: accepted creates per replyRef tag)',
			dup.duplicates === 0 && dup.untagged === 0,
			`accepted ${dup.accepted}, tags ${dup.tags}, duplicates ${dup.duplicates}, untagged ${dup.untagged}`,
		);
		check(
			section,
			'no account over capacity',
			stats.overCapacity === 0,
			`overCapacity ${stats.overCapacity}, max concurrent ${JSON.stringify(stats.maxConcurrentByAccount)}`,
		);
		check(
			section,
			'faults were injected (>= 10 % of API requests)',
			Object.values(stats.faults).reduce((a, b) => a + b, 0) >= stats.requests * 0.1,
			JSON.stringify(stats.faults),
		);
		// No grace for the 412: until an account answers a create with 2xx/422 only one create at a time
		// goes there (capacity.ts), so no create to BROKE can be in flight when its 412 is sent.
		const after412 = afterFirst(log, 412, ['videos.create'], 0);
		const after596 = afterFirst(log, 596);
		const answers = countBy(log, (e) => e.status);
		check(
			section,
			`account ${HELD} went on hold mid-run (596 answered)`,
			answers[596] > 0,
			`596 answers ${answers[596] || 0}`,
		);
		check(
			section,
			`account ${BROKE} answered 412`,
			answers[412] > 0,
			`412 answers ${answers[412] || 0}`,
		);
		check(
			section,
			`no create sent to ${HELD} after its first 596 (100 ms grace for creates in flight)`,
			!after596[HELD],
			`${after596[HELD] || 0} creates`,
		);
		check(
			section,
			`no create sent to ${BROKE} after its first 412 (none can be in flight: one create at a time to an unproven account)`,
			!after412[BROKE],
			`${after412[BROKE] || 0} creates`,
		);

		figures.push(
			['jobs', JOBS],
			['API requests', stats.requests],
			[
				'faults injected',
				Object.entries(stats.faults)
					.map(([k, v]) => `${k} ${v}`)
					.join(', '),
			],
			[
				'create requests / accepted / distinct items',
				`${re.createRequests} / ${dup.accepted} / ${dup.tags}`,
			],
			[
				'create faults (untagged: reset before body)',
				`${re.createFaults} (${re.createFaultsUntagged})`,
			],
			['create re-submissions', re.createResubmissions],
			['create faults retried with same tag', re.createRetried],
			['resetAfter creates found again without re-submitting', re.resetAfterFoundByLookup],
			['read (GET) faults / asked again later', `${re.getFaults} / ${re.getRetried}`],
			['rejected by the API (real)', JSON.stringify(stats.rejected)],
			['duplicates (sim / own)', `${stats.duplicateCreates} / ${dup.duplicates}`],
			['lost / mis-paired items', `${lost} / ${misPaired}`],
			['max concurrent per account', JSON.stringify(stats.maxConcurrentByAccount)],
			['over capacity', stats.overCapacity],
			[
				'creates per account',
				JSON.stringify(
					countBy(
						log.filter((e) => e.op === 'videos.create' && e.jobId),
						(e) => e.account,
					),
				),
			],
			['wall time', `${(wallMs / 1000).toFixed(1)} s`],
			['outcomes', JSON.stringify(countBy(outcomes, (o) => o.label))],
			...errorSamples(outcomes),
			...duplicateStories(log, sim.jobs).map((story) => ['  duplicate', story]),
		);
		return { duplicates: stats.duplicateCreates + dup.duplicates, lost, misPaired };
	} finally {
		await sim.close();
	}
}

/**
 * The same hazard made deterministic: the create is performed but its answer is lost (resetAfter),
 * and every replyRef lookup (GET /scheduler) fails until the job has ended. The job then is no
 * longer "running", so a lookup in the running list alone cannot find it.
 */
async function lostAnswerRun(figures) {
	const section = 'fault run';
	const sim = await createSimulator({
		port: 0,
		token: TOKEN,
		jobMs: 300,
		accounts: [{ account: HEALTHY, maxJobs: 3 }],
	});
	try {
		let firstCreate = true;
		sim.decideFault = (op) => {
			if (op === 'videos.create' && firstCreate) {
				firstCreate = false;
				return 'resetAfter';
			}
			const job = [...sim.jobs.values()][0];
			if (op === 'scheduler.list' && job && !job.final) return '502';
			return undefined;
		};
		const result = await run(sim, {
			parameters: parameters(),
			items: [{ json: { prompt: 'Lost answer: a red robot waves' } }],
			continueOnFail: true,
		});
		keep('simulator log (lost answer)', sim.log);
		const dup = duplicatesByTag(sim.log);
		const out = outcome(result.items[0]);
		check(
			section,
			'lost create answer + lookups failing until the job ended: no second create',
			dup.accepted === 1,
			`${dup.accepted} accepted creates for 1 item; item ${out.label}`,
		);
		figures.push(
			['lost-answer scenario: accepted creates / item outcome', `${dup.accepted} / ${out.label}`],
			...duplicateStories(sim.log, sim.jobs).map((s) => ['  duplicate', s]),
		);
	} finally {
		await sim.close();
	}
}

module.exports = { faultRun, lostAnswerRun, parameters };
