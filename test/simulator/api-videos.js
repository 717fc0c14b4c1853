'use strict';
// /videos/* handlers (https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create and the pages it links).
const { err, HttpError } = require('./context');
const { parseId, statusInfo } = require('./util');
const { validateVideoCreate, intField, strField, replyFields, fail } = require('./validate');
const { keywords, refAccount, checkRefs, gate } = require('./create');
const { videoRecord, ossUrlsOfImage } = require('./records');
const callbacks = require('./callbacks');
const { templates, templateDetail, templateListEntry } = require('./fixtures');

/** Shared by videos/create and videos/agent-create; returns the new job. */
function createVideoJob(ctx, req, sub) {
	const state = ctx.state;
	const limitOf = (a) => req.maxJobs || a.maxJobs;
	const acct = ctx.pickAccount(
		req.account || refAccount(req.refs),
		(a) => limitOf(a) - state.runningVideos(a.account).length,
	);
	const kw = keywords(req.prompt);
	gate(ctx, acct, { limit: limitOf(acct), videoSlots: true, kw });
	checkRefs(ctx, req.refs, acct.account);
	const job = state.newJob('video', acct.account, {
		sub,
		prompt: req.prompt,
		model: req.model,
		request: req,
		refs: req.refs,
		ms: kw.ms !== undefined ? kw.ms : ctx.sim.options.jobMs,
		outcome: kw.outcome,
		removed: kw.removed,
		replyUrl: req.replyUrl,
		replyRef: req.replyRef,
	});
	ctx.entry.jobId = job.id;
	state.noteCreate(
		sub === 'template' ? 'template' : 'video',
		acct.account,
		req.replyRef,
		limitOf(acct),
	);
	callbacks.schedule(ctx.sim, job);
	return job;
}

function createdBody(job) {
	return {
		data: { id: job.raw },
		statusInfo: statusInfo(0, 'Success'),
		videoId: job.id,
		code: 200,
		replyUrl: job.replyUrl,
		replyRef: job.replyRef,
	};
}

function create(ctx) {
	const req = validateVideoCreate(ctx.body);
	const job = createVideoJob(ctx, req, 'video');
	if (ctx.afterCreate()) return;
	ctx.json(200, createdBody(job));
}

/** Looks a video up by its raw path id; 404 for unknown, deleted or post-moderation removed. */
function findVideo(ctx, id, kind = 'video') {
	const p = parseId(id);
	if (!p || p.kind !== kind) throw err(400, `Invalid ${kind}Id ${id}`);
	ctx.setAccount(p.account);
	const acct = ctx.state.accounts.get(p.account);
	if (acct) ctx.checkHold(acct);
	const job = ctx.state.jobs.get(id);
	return {
		job: job && job.kind === kind && !(job.removed && job.final) ? job : undefined,
		parsed: p,
	};
}

function get(ctx, { id }) {
	const { job } = findVideo(ctx, id);
	if (!job || job.deleted) throw err(404, 'Not found.');
	ctx.json(200, videoRecord(ctx.sim, job));
}

function pageAfter(list, cursor, idOf, limit) {
	let start = 0;
	if (cursor) {
		const i = list.findIndex((x) => idOf(x) === cursor);
		start = i < 0 ? list.length : i + 1;
	}
	return list.slice(start, start + limit);
}

function newestFirst(a, b) {
	return b.createdAt - a.createdAt || (b.raw > a.raw ? 1 : b.raw < a.raw ? -1 : 0);
}

function list(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	const limit = intField(ctx.query, 'limit', 1, 1000) || 30;
	const videos = [...ctx.state.jobs.values()]
		.filter(
			(j) =>
				j.kind === 'video' && j.account === acct.account && !j.deleted && !(j.removed && j.final),
		)
		.sort(newestFirst);
	ctx.json(
		200,
		pageAfter(videos, ctx.query.lastVideoId, (j) => j.id, limit).map((j) =>
			videoRecord(ctx.sim, j),
		),
	);
}

function del(ctx, { id }) {
	const { job } = findVideo(ctx, id);
	if (job) job.deleted = true;
	ctx.empty(200);
}

function cancel(ctx) {
	const id = ctx.body.videoId;
	if (!id || typeof id !== 'string')
		throw new HttpError(400, { error: 'Parameter videoId is required' });
	const p = parseId(id);
	if (p) {
		ctx.setAccount(p.account);
		const acct = ctx.state.accounts.get(p.account);
		if (acct) ctx.checkHold(acct);
	}
	const job = ctx.state.jobs.get(id);
	if (!job || job.kind !== 'video' || job.final)
		throw new HttpError(400, { error: `Unable to cancel video ${id}` });
	job.cancelledAt = Date.now();
	callbacks.finishNow(ctx.sim, job);
	ctx.json(200, {});
}

/** ossPath must be the one that belongs to fileID (ossPath from POST /files, cdnUrl/cdn_url elsewhere). */
function checkOssPath(ctx, fileID, ossPath) {
	const file = ctx.state.files.get(fileID);
	if (!file) return; // checkRefs names the missing file
	const urls = [ctx.state.fileUrl(file)];
	if (file.sourceJob) urls.push(...ossUrlsOfImage(ctx.sim, file.sourceJob));
	const ok = urls.some((u) => u && (ossPath === u || ossPath === new URL(u).pathname));
	if (!ok)
		fail(
			`Parameter ossPath (${ossPath}) does not belong to fileID ${fileID}; send the ossPath returned with that file`,
		);
}

function agentCreate(ctx) {
	const b = ctx.body;
	if (!b.templateId) fail('Parameter templateId is required');
	const tpl = templates(ctx.state.base).find((t) => t.id === String(b.templateId));
	if (!tpl) fail(`Parameter templateId (${b.templateId}) not found`);
	const prompt = strField(b, 'prompt', 2000) || '';
	const fileID = strField(b, 'fileID');
	if (fileID && !b.ossPath) fail('Parameter ossPath is required when fileID is used');
	if (!fileID && b.ossPath) fail('Parameter ossPath is only used together with fileID');
	if (fileID) checkOssPath(ctx, fileID, b.ossPath);
	if (tpl.inputs.image && !fileID) fail(`Template ${tpl.id} requires fileID and ossPath`);
	if (tpl.inputs.prompt && !tpl.inputs.image && !prompt) fail(`Template ${tpl.id} requires prompt`);
	const req = {
		account: strField(b, 'account'),
		templateId: tpl.id,
		prompt,
		model: 'agent-template',
		ossPath: b.ossPath,
		maxJobs: intField(b, 'maxJobs', 1, 10),
		...replyFields(b),
		refs: fileID ? [{ field: 'fileID', fileID, role: 'image' }] : [],
	};
	const job = createVideoJob(ctx, req, 'template');
	if (ctx.afterCreate()) return;
	const mode = ctx.sim.options.agentCreateMode;
	if (mode === 'json') return ctx.json(200, createdBody(job));
	streamProgress(ctx, job, mode === 'sse-no-final');
}

// Server-sent events: progress snapshots, then the completed record (unless told to drop it).
function streamProgress(ctx, job, noFinal) {
	const { sim, res } = ctx;
	ctx.entry.status = 200;
	res.writeHead(200, {
		'Content-Type': 'text/event-stream',
		'Cache-Control': 'no-cache',
		Connection: 'keep-alive',
	});
	const every = Math.max(25, Math.floor(job.ms / 5));
	let events = 0;
	let t;
	const finish = () => {
		sim.timers.delete(t);
		sim.streams.delete(res);
		res.end();
	};
	const tick = () => {
		sim.timers.delete(t);
		if (res.destroyed) return sim.streams.delete(res);
		const rec = videoRecord(sim, job);
		if (job.final && noFinal) return finish();
		if (job.final) {
			res.write(
				`data: ${JSON.stringify({ ...rec, replyUrl: job.replyUrl, replyRef: job.replyRef })}\n\n`,
			);
			return finish();
		}
		res.write(
			`data: ${JSON.stringify({ videoId: job.id, status: rec.status, statusLabel: rec.statusLabel, statusFinal: false, percent: rec.percent, message: rec.message })}\n\n`,
		);
		events += 1;
		if (noFinal && events >= 3) return finish();
		const wait = Math.min(every, Math.max(1, job.createdAt + job.ms - Date.now() + 1));
		t = setTimeout(tick, wait);
		sim.timers.add(t);
	};
	sim.streams.add(res);
	job.wakers.push(() => {
		clearTimeout(t);
		sim.timers.delete(t);
		if (!res.writableEnded) tick();
	});
	res.on('close', () => {
		clearTimeout(t);
		sim.timers.delete(t);
		sim.streams.delete(res);
	});
	tick();
}

function listAgentTemplates(ctx) {
	ctx.listAccount(ctx.query.account);
	const all = templates(ctx.state.base);
	if (ctx.query.templateId) {
		const t = all.find((x) => x.id === ctx.query.templateId);
		if (!t) throw err(404, `Template ${ctx.query.templateId} not found`);
		return ctx.json(200, templateDetail(t));
	}
	const limit = intField(ctx.query, 'limit', 1, 100) || 30;
	const page = pageAfter(all, ctx.query.lastId, (t) => t.id, limit);
	if (!ctx.sim.options.recordExtras)
		return ctx.json(200, { videoList: page.map(templateListEntry) });
	// recordExtras: the [gap] paging flag and each template's inputs, for tests that want them.
	const last = page[page.length - 1];
	ctx.json(200, { videoList: page, hasMore: !!last && all.indexOf(last) < all.length - 1 });
}

function listCharacters(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	const page = intField(ctx.query, 'page', 1, 100000) || 1;
	const pageSize = intField(ctx.query, 'pageSize', 1, 200) || 50;
	const chars = (ctx.state.characters.get(acct.account) || []).map((c) => {
		const file = ctx.state.files.get(c.fileID);
		const url = file ? ctx.state.fileUrl(file) : '';
		return {
			characterID: c.characterID,
			characterType: c.characterType,
			file: { fileID: c.fileID, cdnUrl: url, promptImgUrl: url },
		};
	});
	ctx.json(200, chars.slice((page - 1) * pageSize, page * pageSize));
}

module.exports = {
	create,
	get,
	list,
	del,
	cancel,
	agentCreate,
	listAgentTemplates,
	listCharacters,
	findVideo,
	pageAfter,
	newestFirst,
};
