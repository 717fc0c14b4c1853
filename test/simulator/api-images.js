'use strict';
// /images/* handlers (https://useapi.net/docs/api-minimax-v1/post-minimax-images-create and the GET/DELETE pages).
const { err } = require('./context');
const { makeId, rawId } = require('./util');
const { validateImageCreate, intField } = require('./validate');
const { keywords, refAccount, checkRefs, gate } = require('./create');
const { imageRecord } = require('./records');
const { IMAGE_PNG } = require('./media');
const callbacks = require('./callbacks');
const { findVideo, pageAfter, newestFirst } = require('./api-videos');

function create(ctx) {
	const req = validateImageCreate(ctx.body);
	const state = ctx.state;
	// Images do not use video slots; prefer healthy accounts, then the least busy one.
	const acct = ctx.pickAccount(
		req.account || refAccount(req.refs),
		(a) => -state.runningVideos(a.account).length,
	);
	const kw = keywords(req.prompt);
	gate(ctx, acct, { videoSlots: false, kw });
	checkRefs(ctx, req.refs, acct.account);
	const batchID = rawId();
	const jobs = [];
	for (let i = 0; i < req.quantity; i++) {
		const job = state.newJob('image', acct.account, {
			prompt: req.prompt,
			model: req.model,
			request: req,
			refs: req.refs,
			batchID,
			ms: kw.ms !== undefined ? kw.ms : ctx.sim.options.jobMs,
			outcome: kw.outcome,
			removed: kw.removed,
			replyUrl: req.replyUrl,
			replyRef: req.replyRef,
		});
		// The finished image doubles as a file usable as a first frame.
		job.fileID = makeId(state.uid, acct.account, 'file');
		state.files.set(job.fileID, {
			fileID: job.fileID,
			account: acct.account,
			mime: 'image/png',
			ext: 'png',
			data: IMAGE_PNG,
			name: `${job.raw}.png`,
			createdAt: Date.now(),
			sourceJob: job,
		});
		callbacks.schedule(ctx.sim, job);
		jobs.push(job);
	}
	ctx.entry.jobId = jobs[0].id;
	ctx.entry.jobIds = jobs.map((j) => j.id);
	state.noteCreate('image', acct.account, req.replyRef, Infinity);
	if (ctx.afterCreate()) return;
	ctx.json(200, {
		imageIds: jobs.map((j) => j.id),
		code: 200,
		replyUrl: req.replyUrl,
		replyRef: req.replyRef,
	});
}

function get(ctx, { id }) {
	const { job } = findVideo(ctx, id, 'image');
	if (!job) throw err(404, 'Not found.');
	ctx.json(200, imageRecord(ctx.sim, job));
}

function list(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	const limit = intField(ctx.query, 'limit', 1, 1000) || 30;
	const all = [...ctx.state.jobs.values()]
		.filter(
			(j) =>
				j.kind === 'image' && j.account === acct.account && !j.deleted && !(j.removed && j.final),
		)
		.sort(newestFirst);
	const page = pageAfter(all, ctx.query.lastImageId, (j) => j.id, limit);
	const first = all.indexOf(page[0]);
	ctx.json(200, {
		images: page.map((j) => imageRecord(ctx.sim, j)),
		hasPre: page.length > 0 && first > 0,
		hasNext: page.length > 0 && first + page.length < all.length,
		processing: all.some((j) => !j.final),
		total: all.length,
	});
}

function del(ctx, { id }) {
	const { job } = findVideo(ctx, id, 'image');
	if (job) job.deleted = true; // soft delete: hidden from the list, GET by id still works
	ctx.empty(200);
}

module.exports = { create, get, list, del };
