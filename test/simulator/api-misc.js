'use strict';
// Accounts (https://useapi.net/docs/api-minimax-v1/post-minimax-accounts-account …), features, files (post-minimax-files …)
// and scheduler (get-minimax-scheduler, get-minimax-scheduler-available, del-minimax-scheduler-videoId).
const crypto = require('crypto');
const { err } = require('./context');
const { parseId, mmss } = require('./util');
const { intField, fail } = require('./validate');
const { accountObject, features } = require('./fixtures');
const callbacks = require('./callbacks');

function accountsList(ctx) {
	if (!ctx.state.accounts.size) throw err(404, 'Configuration not found');
	const out = {};
	for (const a of ctx.state.accounts.values()) out[a.account] = accountObject(a);
	ctx.json(200, out);
}

function accountsGet(ctx, { account }) {
	ctx.setAccount(account);
	ctx.json(200, accountObject(ctx.getAccount(account)));
}

// The account id comes from the JWT (user.id); non-JWT test tokens get a stable 9-digit id.
function accountFromToken(token) {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
		const id = (payload.user && payload.user.id) || payload.id || payload.user_id;
		if (id && /^\d+$/.test(String(id))) return String(id);
	} catch {
		// not a JWT
	}
	return String(
		100000000 + (crypto.createHash('sha256').update(token).digest().readUInt32BE(0) % 900000000),
	);
}

function accountsCreate(ctx) {
	const b = ctx.body;
	if (!b.url || typeof b.url !== 'string') fail('Parameter url is required');
	let u;
	try {
		u = new URL(b.url);
	} catch {
		fail(`Parameter url (${b.url}) is not a valid URL`);
	}
	if (!/^https?:$/.test(u.protocol)) fail('Parameter url must be an http(s) URL');
	if (!b.token || typeof b.token !== 'string') fail('Parameter token is required');
	if (b.maxJobs === undefined || b.maxJobs === '') fail('Parameter maxJobs is required');
	const maxJobs = intField(b, 'maxJobs', 1, 10);
	const id = accountFromToken(b.token);
	const existing = ctx.state.accounts.get(id);
	const acct = existing
		? Object.assign(existing, { maxJobs })
		: ctx.state.addAccount({ account: id, maxJobs, paid: true });
	ctx.setAccount(id);
	ctx.json(201, accountObject(acct));
}

function accountsDelete(ctx, { account }) {
	ctx.setAccount(account);
	ctx.getAccount(account);
	ctx.state.accounts.delete(String(account));
	ctx.empty(204);
}

function featuresGet(ctx) {
	ctx.json(200, features(ctx.listAccount(ctx.query.account)));
}

const MIMES = ['image/png', 'image/jpeg', 'audio/mpeg', 'audio/wav', 'video/mp4'];

function filesUpload(ctx) {
	const mime = String(ctx.req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!mime)
		fail(
			'Content-Type header is required (image/png, image/jpeg, audio/mpeg, audio/wav, video/mp4)',
		);
	if (!MIMES.includes(mime))
		fail(`Content-Type ${mime} is not supported. Supported: ${MIMES.join(', ')}`);
	if (!ctx.rawBody || !ctx.rawBody.length)
		fail('Request body is empty; send the file bytes as the raw body');
	const acct = ctx.listAccount(ctx.query.account);
	const file = ctx.state.addFile(acct.account, mime, ctx.rawBody);
	ctx.entry.jobId = file.fileID;
	if (ctx.afterCreate()) return;
	ctx.json(200, { ossPath: ctx.state.fileUrl(file), fileID: file.fileID });
}

function filesList(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	const limit = intField(ctx.query, 'limit', 1, 1000) || 10;
	if (ctx.sim.options.filesListing !== 'uploaded') return ctx.json(200, []);
	const files = [...ctx.state.files.values()]
		.filter((f) => f.account === acct.account && !f.sourceJob && !f.character)
		.sort((a, b) => b.createdAt - a.createdAt)
		.slice(0, limit)
		.map((f) => {
			const url = ctx.state.fileUrl(f);
			return {
				file_id: f.fileID,
				file_name: f.name,
				file_type: f.ext,
				cdn_url: url,
				oss_path: url,
				file_scene: 10,
				file_status: 1,
			};
		});
	ctx.json(200, files);
}

function filesDelete(ctx, { id }) {
	const p = parseId(id);
	if (!p || p.kind !== 'file') fail(`Invalid fileID ${id}`);
	ctx.setAccount(p.account);
	const acct = ctx.state.accounts.get(p.account);
	if (acct) ctx.checkHold(acct);
	ctx.state.files.delete(id);
	ctx.empty(200);
}

function trackedRunning(state) {
	return [...state.jobs.values()].filter(
		(j) => (j.kind === 'video' || j.kind === 'image') && !j.untracked && !j.final,
	);
}

/** Speech jobs are scheduler-tracked (https://useapi.net/docs/api-minimax-v1/del-minimax-speech-audio_id); listing them in GET /scheduler is [inferred]. */
function trackedAudio(sim) {
	if (!sim.options.schedulerListsAudio) return [];
	return [...sim.state.jobs.values()].filter(
		(j) => j.kind === 'speech' && !j.untracked && !j.final,
	);
}

const ID_KEY = { image: 'imageId', speech: 'audioId' };

function schedulerEntry(j, now) {
	return {
		[ID_KEY[j.kind] || 'videoId']: j.id,
		started: new Date(j.createdAt).toISOString(),
		elapsed: mmss(now - j.createdAt),
		replyUrl: j.replyUrl,
		replyRef: j.replyRef,
	};
}

function schedulerList(ctx) {
	const now = Date.now();
	ctx.json(
		200,
		[...trackedRunning(ctx.state), ...trackedAudio(ctx.sim)].map((j) => schedulerEntry(j, now)),
	);
}

function schedulerAvailable(ctx) {
	const now = Date.now();
	const state = ctx.state;
	ctx.json(200, {
		executing: trackedRunning(state)
			.filter((j) => j.kind === 'video')
			.map((j) => schedulerEntry(j, now)),
		available: [...state.accounts.values()].map((a) => {
			const executing = state.runningVideos(a.account).length;
			const executingAudio = [...state.jobs.values()].filter(
				(j) => j.kind === 'speech' && j.account === a.account && !j.final,
			).length;
			return {
				account: a.account,
				maxJobs: a.maxJobs,
				executing,
				available: Math.max(0, a.maxJobs - executing),
				executingAudio,
			};
		}),
	});
}

function schedulerDelete(ctx, { id }) {
	const p = parseId(id);
	if (!p || !['video', 'image', 'audio'].includes(p.kind))
		fail(`Invalid id ${id}: expected a videoId, imageId or audioId`);
	ctx.setAccount(p.account);
	const job = ctx.state.jobs.get(id);
	if (!job || job.untracked || job.final) throw err(404, `Unable to locate running ${id}`, false);
	job.untracked = true;
	// Speech (Aug 2026 pages): the generation is cancelled and ends "failed".
	if (job.kind === 'speech') job.cancelledAt = Date.now();
	callbacks.stop(ctx.sim, job);
	ctx.empty(204);
}

module.exports = {
	accountsList,
	accountsGet,
	accountsCreate,
	accountsDelete,
	featuresGet,
	filesUpload,
	filesList,
	filesDelete,
	schedulerList,
	schedulerAvailable,
	schedulerDelete,
};
