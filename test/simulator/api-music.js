'use strict';
// /music/* handlers (https://useapi.net/docs/api-minimax-v1/post-minimax-music-create, post-minimax-music-reference). The allow-list checks names, types, enums and lengths;
// this file checks prompt-or-reference, the reference's account, raw uploads and the gates
// (one song at a time per account → 429, no MiniMax Audio credit → 412).
const { err, HttpError } = require('./context');
const { parseId } = require('./util');
const { intField, fail } = require('./validate');
const { keywords } = require('./create');
const { audioMs, MP3_TYPES, WAV_TYPES } = require('./audio-media');
const audio = require('./audio');
const { musicRecord } = require('./audio-records');
const callbacks = require('./callbacks');
const { newestFirst } = require('./api-speech');

const has = (b, k) => b[k] !== undefined && b[k] !== null && b[k] !== '';
const truthy = (v) => v === true || v === 'true';

/** The lyrics length sets the song length (there is no duration field): 3–10 s here, to stay small. */
const songMs = (lyrics, instrumental) =>
	instrumental ? 6000 : Math.min(10000, Math.max(3000, 2000 + lyrics.length * 20));

function create(ctx) {
	const b = ctx.body;
	if (truthy(b.stream))
		fail('Parameter stream: streaming is not simulated (its event format is undocumented)');
	if (!has(b, 'prompt') && !has(b, 'referenceMusicId'))
		fail('Parameter prompt is required (unless referenceMusicId is given)');
	let reference;
	if (has(b, 'referenceMusicId')) {
		const p = parseId(b.referenceMusicId);
		reference = p && p.kind === 'music' ? ctx.state.jobs.get(b.referenceMusicId) : undefined;
		if (!reference || reference.deleted || audio.labelOf(reference) !== 'completed') {
			fail(
				`Parameter referenceMusicId (${b.referenceMusicId}) is not a finished song or reference on the account`,
			);
		}
		if (has(b, 'account') && String(b.account) !== reference.account)
			fail(`Parameter referenceMusicId belongs to account ${reference.account}, not ${b.account}`);
	}
	const acct = reference ? ctx.getAccount(reference.account) : ctx.listAccount(b.account);
	ctx.setAccount(acct.account);
	const kw = keywords(b.prompt);
	audio.audioGate(ctx, acct, { kind: 'music', moderate: kw.moderate });
	const instrumental = truthy(b.instrumental);
	const lyrics = instrumental
		? ''
		: b.lyrics ||
			`[Verse]\n${String(b.prompt || reference.lyrics || 'la la la').slice(0, 80)}\n[Chorus]\nOh oh oh`;
	const job = audio.newAudioJob(ctx.state, 'music', acct.account, {
		typeLabel: 'song',
		model: b.model || 'music-3.0',
		prompt: b.prompt || '',
		lyrics,
		durationMs: songMs(lyrics, instrumental),
		title:
			b.title ||
			String(b.prompt || (reference && reference.title) || 'Untitled')
				.split(/\s+/)
				.slice(0, 4)
				.join(' ')
				.slice(0, 40),
		referenceMusicId: reference ? reference.id : undefined,
		outcome: kw.outcome,
		ms: kw.ms !== undefined ? kw.ms : ctx.sim.options.jobMs,
		replyUrl: b.replyUrl,
		replyRef: b.replyRef,
	});
	ctx.entry.jobId = job.id;
	audio.noteCreate(ctx.state, 'music', acct.account, b.replyRef);
	callbacks.schedule(ctx.sim, job);
	if (ctx.afterCreate()) return;
	const created = {
		musicId: job.id,
		...(b.replyRef !== undefined ? { replyRef: b.replyRef } : {}),
	};
	// [gap] object or array: the vendor script accepts both.
	ctx.json(201, ctx.sim.options.musicCreateShape === 'array' ? [created] : created);
}

const REFERENCE_TYPES = [...MP3_TYPES, ...WAV_TYPES];
const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;

/** Raw audio; Content-Type must match the bytes. Synchronous, free; the reference is kept for covers. */
function reference(ctx) {
	const mime = String(ctx.req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!REFERENCE_TYPES.includes(mime))
		fail(
			`Content-Type ${mime || '(none)'} is not supported. Supported: ${REFERENCE_TYPES.join(', ')}`,
		);
	if (!ctx.rawBody.length) fail('Request body is empty; send the audio bytes as the raw body');
	if (ctx.rawBody.length > MAX_REFERENCE_BYTES) fail('The file is larger than 50 MB');
	const name = ctx.query.name;
	if (name !== undefined && name.length > 40)
		fail(`Parameter name is too long (${name.length} > 40 characters)`);
	const ms = audioMs(ctx.rawBody, mime);
	if (ms === undefined)
		fail(
			`The body is not ${MP3_TYPES.includes(mime) ? 'an MP3' : 'a WAV'} file, as Content-Type ${mime} says`,
		);
	const acct = ctx.listAccount(ctx.query.account);
	audio.audioGate(ctx, acct, { kind: 'reference', moderate: false });
	const job = audio.newAudioJob(ctx.state, 'music', acct.account, {
		typeLabel: 'reference',
		title: name || new Date().toISOString(),
		lyrics: '',
		durationMs: ms,
		ms: 0,
		outcome: 2,
	});
	ctx.entry.jobId = job.id;
	if (ctx.afterCreate()) return;
	// [gap] 200 or 201: referenceStatus picks.
	ctx.json(ctx.sim.options.referenceStatus, {
		...musicRecord(ctx.state, job),
		statusFinal: undefined,
	});
}

function get(ctx, { id }) {
	const job = audio.findJob(ctx, id, 'music');
	if (!job) throw err(404, 'Not found.');
	ctx.json(200, musicRecord(ctx.state, job));
}

const NEWEST = 1000;

function list(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	const type = ctx.query.type || 'song';
	if (!['song', 'reference', 'all'].includes(type))
		fail(`Parameter type (${type}) must be song, reference or all`);
	const limit = intField(ctx.query, 'limit', 1, 100) || 30;
	const favorite = ctx.query.favorite === 'true';
	const all = [...ctx.state.jobs.values()]
		.filter((j) => j.kind === 'music' && j.account === acct.account && !j.deleted)
		.filter((j) => type === 'all' || j.typeLabel === type)
		.filter((j) => !favorite || j.favorite)
		.sort(newestFirst);
	let start = 0;
	if (ctx.query.lastMusicId) {
		const at = all.slice(0, NEWEST).findIndex((j) => j.id === ctx.query.lastMusicId);
		if (at < 0)
			fail(
				`Parameter lastMusicId (${ctx.query.lastMusicId}) is not among the newest ${NEWEST} songs`,
			);
		start = at + 1;
	}
	const items = all.slice(start, start + limit).map((j) => {
		const rec = musicRecord(ctx.state, j);
		return {
			musicId: j.id,
			title: j.title,
			statusLabel: rec.statusLabel,
			duration: rec.duration || 0,
			audio_url: rec.audio_url || '',
			typeLabel: j.typeLabel,
			...(j.referenceMusicId ? { referenceMusicId: j.referenceMusicId } : {}),
		};
	});
	// [gap] the envelope: a bare array (legacy), or {items, total} with musicListShape 'object'.
	ctx.json(200, ctx.sim.options.musicListShape === 'object' ? { items, total: all.length } : items);
}

/** [inferred] by analogy with DELETE /speech/{audio_id}: 200 (empty) also when gone. */
function del(ctx, { id }) {
	const job = audio.findJob(ctx, id, 'music');
	if (job && !job.final)
		throw new HttpError(400, { error: 'Generation is still running', code: 400 });
	if (job) job.deleted = true;
	ctx.empty(200);
}

module.exports = { create, reference, get, list, del };
