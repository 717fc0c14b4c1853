'use strict';
// /agent handlers (https://useapi.net/docs/api-minimax-v1/post-minimax-agent, get-minimax-agent-jobId, get-minimax-agent-jobs): multipart-only job creation, sync or async, and polling.
const { err } = require('./context');
const { parseAgentId, mmss } = require('./util');
const { replyFields, fail } = require('./validate');
const { keywords, gate } = require('./create');
const { agentRecord } = require('./records');
const callbacks = require('./callbacks');

const MAX_AGENT_JOBS = 3;

function run(ctx) {
	if (!ctx.multipart) fail('POST /agent accepts multipart/form-data only');
	const b = ctx.body;
	if (!b.prompt || !String(b.prompt).trim()) fail('Parameter prompt is required');
	const models = String(b.models || '')
		.split(',')
		.map((m) => m.trim())
		.filter(Boolean);
	if (!models.length)
		fail('Parameter models is required (comma-separated model ids, e.g. hailuo-2.3,nano-banana-2)');
	if (b.async !== undefined && !['true', 'false'].includes(String(b.async)))
		fail(`Parameter async (${b.async}) must be true or false`);
	const isAsync = String(b.async) === 'true';
	const { replyUrl, replyRef } = replyFields(b);
	const state = ctx.state;
	const acct = ctx.pickAccount(
		b.account,
		(a) => MAX_AGENT_JOBS - state.runningAgents(a.account).length,
	);
	ctx.checkHold(acct);
	if (state.runningAgents(acct.account).length >= MAX_AGENT_JOBS) {
		state.stats.rejected['429'] = (state.stats.rejected['429'] || 0) + 1;
		throw err(429, 'Too many running agent jobs, please retry later');
	}
	const kw = keywords(b.prompt);
	gate(ctx, acct, { videoSlots: false, kw });
	const request = { prompt: b.prompt, models, async: isAsync };
	if (ctx.files.length)
		request.file = ctx.files.map((f) => ({ name: f.name, size: f.data.length, type: f.type }));
	if (replyUrl !== undefined) request.replyUrl = replyUrl;
	if (replyRef !== undefined) request.replyRef = replyRef;
	const job = state.newJob('agent', acct.account, {
		prompt: b.prompt,
		request,
		ms: kw.ms !== undefined ? kw.ms : ctx.sim.options.jobMs,
		outcome: kw.outcome === 2 ? 'completed' : 'failed',
		removed: kw.removed,
		replyUrl,
		replyRef,
		failure:
			kw.outcome === 3
				? { message: 'Timeout waiting for assistant response', status: 504 }
				: kw.outcome !== 2
					? { message: 'The content may violate our community guidelines', status: 422 }
					: undefined,
	});
	ctx.entry.jobId = job.id;
	state.noteCreate('agent', acct.account, replyRef, MAX_AGENT_JOBS);
	callbacks.schedule(ctx.sim, job);
	if (ctx.afterCreate()) return;
	if (isAsync) return ctx.json(200, agentRecord(ctx.sim, job));
	// Sync: hold the response until the job is final.
	const wait = () => {
		ctx.sim.timers.delete(t);
		if (ctx.closed) return;
		if (!job.final) {
			t = setTimeout(wait, Math.max(1, job.createdAt + job.ms - Date.now() + 1));
			ctx.sim.timers.add(t);
			return;
		}
		ctx.json(200, agentRecord(ctx.sim, job));
	};
	let t = setTimeout(wait, job.ms + 1);
	ctx.sim.timers.add(t);
	job.wakers.push(() => {
		clearTimeout(t);
		wait();
	});
	ctx.sim.streams.add(ctx.res); // reset()/close() drop held responses
	ctx.res.on('close', () => {
		clearTimeout(t);
		ctx.sim.timers.delete(t);
		ctx.sim.streams.delete(ctx.res);
	});
}

function getJob(ctx, { id }) {
	const p = parseAgentId(id);
	if (!p) throw err(400, 'Invalid job ID format');
	ctx.setAccount(p.account);
	const acct = ctx.state.accounts.get(p.account);
	if (acct) ctx.checkHold(acct);
	const job = ctx.state.jobs.get(id);
	if (!job || job.kind !== 'agent' || (job.removed && job.final))
		throw err(404, 'Job not found or expired after 31 days');
	ctx.json(200, agentRecord(ctx.sim, job));
}

function listJobs(ctx) {
	const accounts = [...ctx.state.accounts.keys()];
	const summary = {};
	const executing = {};
	const now = Date.now();
	for (const a of accounts) {
		const running = ctx.state.runningAgents(a);
		if (!running.length) continue;
		summary[a] = { executing: running.length };
		executing[a] = running.map((j) => ({ jobId: j.id, elapsed: mmss(now - j.createdAt) }));
	}
	ctx.json(200, { accounts, summary, executing });
}

module.exports = { run, getJob, listJobs };
