'use strict';
// replyUrl delivery: progress POSTs (~30% / ~70% of the job) and one final POST per job.
const http = require('http');
const https = require('https');
const { recordOf } = require('./records');
const { audioCallbackRecord } = require('./audio-records');

const ID_KEYS = { video: 'videoId', image: 'imageId', speech: 'audio_id', music: 'musicId' };
const idKey = (job) => ID_KEYS[job.kind] || 'jobId';

function shapeBody(sim, job) {
	const rec =
		job.kind === 'speech' || job.kind === 'music'
			? audioCallbackRecord(sim, job)
			: recordOf(sim, job);
	if (job.kind !== 'agent') Object.assign(rec, { replyUrl: job.replyUrl, replyRef: job.replyRef });
	const shape = sim.options.callbackShape;
	if (shape === 'wrapped') return { data: rec };
	if (shape === 'partial') {
		const status = rec.status;
		return {
			[idKey(job)]: job.id,
			status,
			statusLabel: job.kind === 'agent' ? status : rec.statusLabel,
			statusFinal: job.kind === 'agent' ? status !== 'started' : rec.statusFinal,
			replyRef: job.replyRef,
		};
	}
	return rec;
}

function post(sim, job, final) {
	const body = Buffer.from(JSON.stringify(shapeBody(sim, job)));
	const entry = { t: Date.now(), url: job.replyUrl, jobId: job.id, final, status: job.status };
	sim.callbacks.push(entry);
	sim.state.stats.callbacksSent += 1;
	let req;
	try {
		const url = new URL(job.replyUrl);
		const lib = url.protocol === 'https:' ? https : http;
		req = lib.request(url, {
			method: 'POST',
			agent: false,
			headers: {
				'Content-Type': 'application/json',
				'Content-Length': String(body.length),
				'User-Agent': 'useapi-simulator',
			},
		});
	} catch (err) {
		entry.error = err.message;
		sim.state.stats.callbacksFailed += 1;
		return;
	}
	sim.outgoing.add(req);
	const done = () => sim.outgoing.delete(req);
	req.setTimeout(10000, () => req.destroy(new Error('callback timeout')));
	req.on('response', (res) => {
		entry.responseStatus = res.statusCode;
		if (res.statusCode < 200 || res.statusCode > 299) sim.state.stats.callbacksFailed += 1;
		res.resume();
		res.on('end', done);
		res.on('close', done);
	});
	req.on('error', (err) => {
		if (entry.error === undefined && entry.responseStatus === undefined) {
			entry.error = err.code || err.message;
			sim.state.stats.callbacksFailed += 1;
		}
		done();
	});
	req.end(body);
}

function timer(sim, job, ms, fn) {
	const t = setTimeout(
		() => {
			sim.timers.delete(t);
			fn();
		},
		Math.max(0, ms),
	);
	sim.timers.add(t);
	(job.timers = job.timers || []).push(t);
}

function stop(sim, job) {
	for (const t of job.timers || []) {
		clearTimeout(t);
		sim.timers.delete(t);
	}
	job.timers = [];
}

function sendFinal(sim, job) {
	if (job.untracked || job.finalSent || !job.replyUrl) return;
	if (!job.final)
		return timer(sim, job, job.createdAt + job.ms - Date.now() + 2, () => sendFinal(sim, job));
	job.finalSent = true;
	post(sim, job, true);
}

/** Arms the timers for a freshly created job. */
function schedule(sim, job) {
	if (!job.replyUrl) return;
	// Docs: agent callbacks are sent on completion only.
	if (sim.options.callbackProgress && job.kind !== 'agent') {
		for (const f of [0.3, 0.7]) {
			// A timer that fires late (busy machine) still sends its update, as of its own moment, before the final.
			const at = job.createdAt + job.ms * f;
			timer(sim, job, job.ms * f, () => {
				const end = job.finalAt;
				if (!job.untracked && !job.finalSent && (end === undefined || at < end))
					post(sim, job.at(at), false);
			});
		}
	}
	timer(sim, job, job.ms + 1, () => sendFinal(sim, job));
}

/** Job ended early (cancel): drop pending timers and send the final record now. */
function finishNow(sim, job) {
	stop(sim, job);
	sendFinal(sim, job);
}

module.exports = { schedule, stop, finishNow };
