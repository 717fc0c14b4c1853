'use strict';
// /speech/* handlers (https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create and the other speech pages). Field names, types, enums and ranges are checked by the
// allow-list (spec/speech-music.endpoints.json); this file checks what the file cannot say:
// required fields, per-model text length, markup, voices, samples, clone slots, and the gates.
const { err, HttpError } = require('./context');
const { parseId, makeId } = require('./util');
const { intField, fail } = require('./validate');
const { keywords } = require('./create');
const { audioMs, MP3_TYPES, WAV_TYPES } = require('./audio-media');
const audio = require('./audio');
const { speechRecord, speechListItem } = require('./audio-records');
const callbacks = require('./callbacks');

const has = (b, k) => b[k] !== undefined && b[k] !== null && b[k] !== '';

/** Inline markup (https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create, Text markup): at most 15 known emotion spans, pauses of 0.01–99.99 s. */
function checkMarkup(text) {
	const spans = text.match(/\{([a-z]+)\}/gi) || [];
	if (spans.length > 15)
		fail(`Parameter text has ${spans.length} emotion spans; at most 15 are allowed`);
	for (const span of spans) {
		const name = span.slice(1, -1);
		if (!audio.EMOTIONS.includes(name))
			fail(`Parameter text: unknown emotion span ${span}; use ${audio.EMOTIONS.join(', ')}`);
	}
	for (const [, seconds] of text.matchAll(/<#([^#]*)#>/g)) {
		const n = Number(seconds);
		if (!/^\d+(\.\d+)?$/.test(seconds) || n < 0.01 || n > 99.99)
			fail(`Parameter text: pause <#${seconds}#> must be 0.01 to 99.99 seconds`);
	}
}

/** Characters billed: emotion tags are free, sounds and pauses are billed as written. */
const billed = (text) => text.replace(/\{\/?[a-z]+\}/gi, '').length;

/** The speech request both creates share; `max` overrides the model's text limit (create-mp3: 3000). */
function readSpeech(ctx, max) {
	const b = ctx.body;
	if (!has(b, 'text')) fail('Parameter text is required');
	if (!has(b, 'voice_id')) fail('Parameter voice_id is required');
	if (b.stream === true || b.stream === 'true')
		fail('Parameter stream: streaming is not simulated (its event format is undocumented)');
	const model = has(b, 'model') ? b.model : 'speech-2.8-hd';
	const limit = max || audio.SPEECH_MODELS[model];
	if (b.text.length > limit)
		fail(`Parameter text is too long for ${model} (${b.text.length} > ${limit} characters)`);
	checkMarkup(b.text);
	if (has(b, 'vol') && Number(b.vol) < 1) fail(`Parameter vol (${b.vol}) must be 1 or more`);
	if (
		has(b, 'language_boost') &&
		b.language_boost !== 'Auto' &&
		!audio.LANGUAGES.includes(b.language_boost)
	) {
		fail(
			`Parameter language_boost (${b.language_boost}) is not a language from GET /speech/config`,
		);
	}
	// A cloned voice names its account; without "account" the request goes there.
	const clone = parseId(b.voice_id);
	const acct = b.account || !clone ? ctx.listAccount(b.account) : ctx.getAccount(clone.account);
	ctx.setAccount(acct.account);
	const voice = audio.findVoice(ctx.state, b.voice_id, acct.account);
	if (!voice)
		throw err(
			400,
			`Parameter voice_id (${b.voice_id}) is not a voice of account ${acct.account}; see GET /speech/voices`,
		);
	return { acct, model, voice, text: b.text, kw: keywords(b.text) };
}

function speechJob(ctx, req, fields) {
	const b = ctx.body;
	const job = audio.newAudioJob(ctx.state, 'speech', req.acct.account, {
		text: req.text,
		model: req.model,
		voice: req.voice,
		outcome: req.kw.outcome,
		ms: req.kw.ms !== undefined ? req.kw.ms : ctx.sim.options.jobMs,
		settings: {
			emotion: b.emotion,
			language_boost: b.language_boost,
			speed: b.speed === undefined ? 1 : Number(b.speed),
			pitch: b.pitch === undefined ? 0 : Number(b.pitch),
		},
		costCredit: Math.ceil(billed(req.text) * (/turbo/.test(req.model) ? 0.6 : 1)),
		durationMs: Math.min(8000, Math.max(1000, billed(req.text) * 60)),
		...fields,
	});
	ctx.entry.jobId = job.id;
	audio.noteCreate(ctx.state, 'speech', req.acct.account, fields.replyRef);
	return job;
}

function create(ctx) {
	const req = readSpeech(ctx);
	audio.audioGate(ctx, req.acct, { kind: 'speech', moderate: req.kw.moderate });
	const job = speechJob(ctx, req, { replyUrl: ctx.body.replyUrl, replyRef: ctx.body.replyRef });
	callbacks.schedule(ctx.sim, job);
	if (ctx.afterCreate()) return;
	ctx.json(201, { audioId: job.id });
}

/** Synchronous: holds the connection while it renders (a quarter of jobMs here), then the finished clip. */
async function createMp3(ctx) {
	const req = readSpeech(ctx, 3000);
	audio.audioGate(ctx, req.acct, { kind: 'speech', moderate: req.kw.moderate });
	const job = speechJob(ctx, req, { ms: 0 });
	await ctx.sim.delay(Math.floor(ctx.sim.options.jobMs / 4));
	if (ctx.afterCreate()) return;
	const rec = speechRecord(ctx.state, job);
	if (rec.statusLabel === 'failed') return ctx.json(500, { error: rec.error, code: 500 });
	// [gap] the response body: the clip record (default) or the MP3 bytes themselves.
	if (ctx.sim.options.createMp3Shape === 'mp3') {
		if (ctx.res.headersSent || ctx.closed) return;
		ctx.entry.status = 200;
		const bytes = audio.mp3Of(job);
		ctx.res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': bytes.length });
		return ctx.res.end(bytes);
	}
	ctx.json(200, {
		audio_id: rec.audio_id,
		audio_url: rec.audio_url,
		statusLabel: rec.statusLabel,
		statusFinal: true,
	});
}

function get(ctx, { id }) {
	const job = audio.findJob(ctx, id, 'speech');
	if (!job) throw err(404, 'Not found.');
	ctx.json(200, speechRecord(ctx.state, job));
}

const newestFirst = (a, b) => b.createdAt - a.createdAt || (b.raw > a.raw ? 1 : -1);

/** Numbered pages; page_size defaults to 100 (speech) — the voices default is [gap], 100 here too. */
function paged(ctx, all, listKey, map) {
	const page = intField(ctx.query, 'page', 1, 1000000) || 1;
	const size = intField(ctx.query, 'page_size', 1, 1000) || 100;
	const slice = all.slice((page - 1) * size, page * size);
	ctx.json(200, {
		[listKey]: slice.map(map),
		total: all.length,
		has_more: page * size < all.length,
	});
}

function list(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	const all = [...ctx.state.jobs.values()]
		.filter((j) => j.kind === 'speech' && j.account === acct.account && !j.deleted)
		.sort(newestFirst);
	paged(ctx, all, 'audio_list', (job) => speechListItem(ctx.state, job));
}

function del(ctx, { id }) {
	const job = audio.findJob(ctx, id, 'speech');
	if (job && !job.final) {
		throw new HttpError(400, {
			error: `Generation is still running. Cancel it with DELETE /v1/minimax/scheduler/${id}`,
		});
	}
	if (job && audio.labelOf(job) === 'failed')
		throw new HttpError(400, {
			error: 'Nothing was generated for this audioId, so there is nothing to delete',
		});
	if (job) job.deleted = true;
	ctx.empty(200);
}

function voices(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	// Exact, case-sensitive; tags outside the config vocabulary are ignored (https://useapi.net/docs/api-minimax-v1/get-minimax-speech-voices).
	const wanted = String(ctx.query.tag_list || '')
		.split(',')
		.filter((t) => audio.KNOWN_TAGS.has(t));
	const mine = audio
		.clonesOf(ctx.state, acct.account)
		.map(({ voice_id, voice_name, tag_list }) => ({ voice_id, voice_name, tag_list }));
	const all = [...mine, ...audio.BUILT_IN].filter((v) =>
		wanted.every((t) => v.tag_list.includes(t)),
	);
	paged(ctx, all, 'voice_list', (v) => v);
}

function config(ctx) {
	ctx.listAccount(ctx.query.account);
	ctx.json(200, audio.CONFIG);
}

function equity(ctx) {
	const acct = ctx.listAccount(ctx.query.account);
	ctx.json(200, {
		used: audio.clonesOf(ctx.state, acct.account).length,
		// Advisory (https://useapi.net/docs/api-minimax-v1/get-minimax-speech-equity): `equityTotal` lets it differ from the slots the clone call enforces.
		total: acct.equityTotal === undefined ? acct.cloneSlots : acct.equityTotal,
		voice_clone_preview_free_quota: 'inf',
		srt_download: false,
		base_resp: {},
	});
}

const SAMPLE_TYPES = ['audio/mpeg', 'audio/wav', 'audio/wave'];

/** Raw body, Content-Type audio/mpeg | audio/wav | audio/wave, 10–60 s; the bytes must be that format. */
function uploadSample(ctx) {
	const mime = String(ctx.req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!SAMPLE_TYPES.includes(mime))
		fail(
			`Content-Type ${mime || '(none)'} is not supported. Supported: ${SAMPLE_TYPES.join(', ')}`,
		);
	if (!ctx.rawBody.length) fail('Request body is empty; send the audio bytes as the raw body');
	const ms = audioMs(ctx.rawBody, mime);
	if (ms === undefined)
		fail(
			`The body is not ${MP3_TYPES.includes(mime) ? 'an MP3' : 'a WAV'} file, as Content-Type ${mime} says`,
		);
	if (ms < 10000 || ms > 60000)
		fail(`Sample is ${(ms / 1000).toFixed(1)} s long; samples must be 10 to 60 seconds`);
	const acct = ctx.listAccount(ctx.query.account);
	ctx.checkHold(acct);
	const file = ctx.state.addFile(
		acct.account,
		WAV_TYPES.includes(mime) ? 'audio/wav' : 'audio/mpeg',
		ctx.rawBody,
		'sample',
	);
	file.sample = true;
	ctx.entry.jobId = file.fileID;
	if (ctx.afterCreate()) return;
	ctx.json(200, { ossPath: ctx.state.fileUrl(file), fileID: file.fileID });
}

/**
 * Builds a voice from samples of one account. Slots: `cloneSlots` per account → MiniMax error
 * 2600010 ([gap] how useapi wraps it: 400 here). At most 2 clones run at once per account (429).
 */
async function cloneVoice(ctx) {
	const b = ctx.body;
	for (const name of ['files', 'voice_name', 'language_tag'])
		if (!has(b, name)) fail(`Parameter ${name} is required`);
	const ids = b.files
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!ids.length || ids.length > 10)
		fail('Parameter files must list 1 to 10 sample fileIDs, comma separated');
	if (!audio.LANGUAGES.includes(b.language_tag))
		fail(`Parameter language_tag (${b.language_tag}) is not a language from GET /speech/config`);
	const files = ids.map((id) => ctx.state.files.get(id));
	const missing = ids.find((id, i) => !files[i] || !files[i].sample);
	if (missing)
		fail(`Parameter files: ${missing} is not a sample uploaded with POST /speech/upload-sample`);
	const account = files[0].account;
	if (files.some((f) => f.account !== account))
		fail('Parameter files: all samples must belong to one account');
	if (has(b, 'account') && String(b.account) !== account)
		fail(`Parameter files: the samples belong to account ${account}, not ${b.account}`);
	const acct = ctx.getAccount(account);
	ctx.setAccount(account);
	audio.audioGate(ctx, acct, { kind: 'clone', moderate: false });
	if (audio.clonesOf(ctx.state, account).length >= acct.cloneSlots) {
		// [gap] how useapi wraps MiniMax's 2600010: cloneRefusalStatus picks 400 (default), 429, or 200 with base_resp only.
		const status = ctx.sim.options.cloneRefusalStatus;
		const base_resp = { status_code: 2600010, status_msg: 'voice clone quota exceeded' };
		if (status === 200) return ctx.json(200, { base_resp });
		throw audio.reject(ctx, status, {
			error:
				'Voice clone slots are full (MiniMax error 2600010); delete a voice with POST /speech/delete-voice',
			code: status,
			base_resp,
		});
	}
	acct.cloning = (acct.cloning || 0) + 1;
	try {
		if (acct.cloning > 2)
			throw audio.reject(ctx, 429, {
				error: 'Only 2 voice clones can run at once on an account',
				code: 429,
			});
		await ctx.sim.delay(ctx.sim.options.cloneMs);
	} finally {
		acct.cloning -= 1;
	}
	const voice = {
		voice_id: makeId(ctx.state.uid, account, 'voice'),
		voice_name: b.voice_name,
		tag_list: [b.language_tag],
		account,
		files: ids,
	};
	audio.clones(ctx.state).set(voice.voice_id, voice);
	ctx.entry.jobId = voice.voice_id;
	if (ctx.afterCreate()) return;
	ctx.json(200, { voice_id: voice.voice_id, voice_name: voice.voice_name });
}

/** 200 (empty) also for unknown voices; built-in voices are MiniMax's and cannot be deleted. */
function deleteVoice(ctx) {
	const id = ctx.body.voice_id;
	if (!has(ctx.body, 'voice_id')) fail('Parameter voice_id is required');
	if (audio.BUILT_IN.some((v) => v.voice_id === id))
		fail(`Voice ${id} is a system voice and cannot be deleted`);
	const p = parseId(id);
	if (!p || p.kind !== 'voice')
		fail(`Parameter voice_id (${id}) is not a cloned voice id (user:…-voice:…)`);
	ctx.setAccount(p.account);
	const acct = ctx.state.accounts.get(p.account);
	if (acct) ctx.checkHold(acct);
	audio.clones(ctx.state).delete(id);
	ctx.empty(200);
}

module.exports = {
	create,
	createMp3,
	get,
	list,
	del,
	voices,
	config,
	equity,
	uploadSample,
	cloneVoice,
	deleteVoice,
	checkMarkup,
	newestFirst,
};
