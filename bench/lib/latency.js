'use strict';
// Detection latency: simulator finalAt → the node returning (poll) or the trigger emitting (replyUrl).
const path = require('path');
const { ROOT, median, round, log } = require('./util');
const { runGenerate } = require('./batch');
const { createSimulator } = require(path.join(ROOT, 'test', 'simulator'));

/**
 * Single jobs, one node run each. Durations are spread over one poll interval so the job's end
 * falls at different phases of the poll cycle; the worst case is what the target bounds.
 */
async function pollLatency({ runs, pollSeconds, baseMs }) {
	const sim = await createSimulator({ port: 0, jobMs: baseMs });
	const pollMs = pollSeconds * 1000;
	const samples = [];
	try {
		log(`poll latency: ${runs} single-job runs, poll ${pollSeconds} s`);
		for (let k = 0; k < runs; k++) {
			const ms = baseMs + Math.round((k * pollMs) / runs);
			const before = new Set(sim.jobs.keys());
			const result = await runGenerate(
				sim,
				[{ json: { prompt: `bench latency [ms=${ms}]` } }],
				pollSeconds,
			);
			const returned = Date.now();
			const job = [...sim.jobs.values()].find((j) => !before.has(j.id));
			samples.push({
				jobMs: ms,
				status: result.status,
				latencyMs: job?.finalAt ? returned - job.finalAt : undefined,
			});
		}
	} finally {
		await sim.close();
	}
	const values = samples.map((s) => s.latencyMs).filter((v) => v !== undefined);
	return {
		pollSeconds,
		runs,
		medianMs: round(median(values), 0),
		maxMs: values.length ? Math.max(...values) : undefined,
		samples,
	};
}

module.exports = { pollLatency };
