'use strict';
// Speech and music state shared by api-speech.js and api-music.js (reference: https://useapi.net/docs/api-minimax-v1/ speech and music pages):
// the built-in voice catalogue, the config vocabularies, audio jobs, their records and the
// account gates (MiniMax Audio plan and credit → 412, slots → 429, hold → 596).
const { Job } = require('./state');
const { HttpError, err } = require('./context');
const { makeId, rawId, parseId } = require('./util');
const { makeMp3, makeWav } = require('./audio-media');

const EMOTIONS = [
	'happy',
	'sad',
	'angry',
	'fearful',
	'disgusted',
	'surprised',
	'neutral',
	'fluent',
];
const LANGUAGES = [
	'English',
	'Chinese',
	'Cantonese',
	'Japanese',
	'Korean',
	'Spanish',
	'French',
	'German',
	'Italian',
	'Portuguese',
	'Russian',
	'Arabic',
	'Thai',
	'Hindi',
	'Tamil',
	'Afrikaans',
];
const ACCENTS = [
	['English', 'EN-US (General)'],
	['English', 'EN-Australian'],
	['English', 'EN-British'],
	['English', 'EN-Indian'],
	['Chinese', 'CN-Northern'],
	['Chinese', 'CN-Southern'],
];
const AGES = ['Child', 'Young', 'Middle-aged', 'Elderly'];
const GENDERS = ['Male', 'Female'];
/** Tags `tag_list` filters by; others on voices (e.g. "Calm", "Documentary") are ignored in filters. */
const KNOWN_TAGS = new Set([
	...LANGUAGES,
	...ACCENTS.map(([, t]) => t),
	...AGES,
	...GENDERS,
	...EMOTIONS,
]);
const EXTRA_TAGS = ['Calm', 'Documentary', 'Adult', 'Narration'];

const CONFIG = {
	t2a_emotion: EMOTIONS.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
	voice_tag_accent: ACCENTS.map(([language, tag_name]) => ({ language, tag_name })),
	voice_tag_age: AGES.map((tag_name) => ({ tag_name })),
	voice_tag_gender: GENDERS.map((tag_name) => ({ tag_name })),
	voice_tag_language: LANGUAGES.map((tag_name) => ({ tag_name })),
};

/** 612 built-in voices (numeric string ids), deterministic. */
const BUILT_IN = Array.from({ length: 612 }, (_, i) => ({
	voice_id: String(209533299589184 + i * 7919),
	voice_name: `${GENDERS[i % 2] === 'Male' ? 'Calm Man' : 'Calm Woman'} ${i + 1}`,
	tag_list: [
		LANGUAGES[i % LANGUAGES.length],
		GENDERS[i % 2],
		AGES[Math.floor(i / 2) % AGES.length],
		EXTRA_TAGS[i % EXTRA_TAGS.length],
	],
}));
const BUILT_IN_BY_ID = new Map(BUILT_IN.map((v) => [v.voice_id, v]));

const SPEECH_MODELS = {
	'speech-2.8-hd': 5000,
	'speech-2.8-turbo': 10000,
	'speech-2.6-hd': 5000,
	'speech-2.6-turbo': 10000,
	'speech-2.5-hd-preview': 5000,
	'speech-2.5-turbo-preview': 10000,
	'speech-02-hd': 5000,
	'speech-02-turbo': 10000,
	'speech-01-hd': 5000,
	'speech-01-turbo': 10000,
};

/** Clones live per simulator state: Map voice_id → {voice_id, voice_name, tag_list, account, files}. */
function clones(state) {
	if (!state.clones) state.clones = new Map();
	return state.clones;
}

function clonesOf(state, account) {
	return [...clones(state).values()].filter((v) => v.account === account);
}

/** The voice a request names: a built-in id, or a clone of `account`. */
function findVoice(state, voiceId, account) {
	if (BUILT_IN_BY_ID.has(voiceId)) return BUILT_IN_BY_ID.get(voiceId);
	const clone = clones(state).get(voiceId);
	return clone && clone.account === account ? clone : undefined;
}

const running = (state, kind, account) =>
	[...state.jobs.values()].filter((j) => j.kind === kind && j.account === account && !j.final);

function reject(ctx, status, body) {
	const stats = ctx.state.stats.rejected;
	stats[status] = (stats[status] || 0) + 1;
	return new HttpError(status, body);
}

/**
 * Gates of speech/music creates in the order useapi meets them: hold (596), MiniMax Audio plan
 * (412), audio credit (412), slots (429), moderation (422).
 */
function audioGate(ctx, acct, { kind, moderate }) {
	ctx.checkHold(acct);
	if (!acct.supportAudio) {
		throw reject(ctx, 412, {
			error: kind === 'music' ? 'Insufficient credits' : 'Account has no audio subscription',
			code: 412,
		});
	}
	if (acct.audioOutOfCredits) throw reject(ctx, 412, { error: 'Insufficient credits', code: 412 });
	if (kind === 'music' && running(ctx.state, 'music', acct.account).length >= 1) {
		throw reject(ctx, 429, {
			error: 'Another music generation is already running on this account',
			code: 429,
		});
	}
	if (kind === 'speech' && running(ctx.state, 'speech', acct.account).length >= acct.speechSlots) {
		throw reject(ctx, 429, { error: 'Too many speech generations', code: 429 });
	}
	if (moderate)
		throw reject(ctx, 422, {
			error: kind === 'music' ? 'Moderated prompt' : 'Moderated text',
			code: 422,
		});
}

/** Counts an accepted create (stats, duplicate replyRefs, hold-after-n). */
function noteCreate(state, kind, account, replyRef) {
	if (!(kind in state.stats.creates)) state.stats.creates[kind] = 0;
	if (!(kind in state.stats.jobs)) state.stats.jobs[kind] = 0;
	state.stats.jobs[kind] += 1;
	state.noteCreate(kind, account, replyRef, Infinity);
}

function newAudioJob(state, kind, account, fields) {
	const raw = rawId();
	const id = makeId(state.uid, account, kind === 'speech' ? 'audio' : 'music', raw);
	const job = new Job({
		id,
		kind,
		account,
		uid: state.uid,
		raw,
		createdAt: Date.now(),
		favorite: false,
		...fields,
	});
	state.jobs.set(id, job);
	state.byRaw.set(raw, job);
	return job;
}

/** pending (first 20 %) → processing → completed | failed (prompt "[fail]", or a cancel). */
function labelOf(job) {
	if (!job.final) return job.fraction < 0.2 ? 'pending' : 'processing';
	return job.cancelledAt !== undefined || job.outcome !== 2 ? 'failed' : 'completed';
}

/** Looks up a speech/music job by its path id (account on hold → 596); undefined when unknown. */
function findJob(ctx, id, kind) {
	const p = parseId(id);
	if (!p || p.kind !== (kind === 'speech' ? 'audio' : 'music'))
		throw err(400, `Invalid ${kind === 'speech' ? 'audio_id' : 'musicId'} ${id}`);
	ctx.setAccount(p.account);
	const acct = ctx.state.accounts.get(p.account);
	if (acct) ctx.checkHold(acct);
	const job = ctx.state.jobs.get(id);
	return job && job.kind === kind && !job.deleted ? job : undefined;
}

const mediaUrl = (state, job) => `${state.base}/cdn/${job.kind}/${job.raw}.mp3`;

/** The MP3 a finished job serves: speech 128 kbps, music 256 kbps stereo (https://useapi.net/docs/api-minimax-v1/post-minimax-music-create). */
function mp3Of(job) {
	if (!job.mp3)
		job.mp3 =
			job.kind === 'music'
				? makeMp3(job.durationMs, { kbps: 256 })
				: makeMp3(job.durationMs, { kbps: 128, mono: true });
	return job.mp3;
}

/**
 * [gap] word timings: with `speechSubtitles` a finished speech record carries `subtitle_url`, an SRT
 * with one cue per sentence of the text, spread over the clip's duration.
 */
function srtOf(job) {
	const parts = job.text
		.replace(/\{\/?[a-z]+\}|<#[^#]*#>/gi, '')
		.split(/(?<=[.!?])\s+/)
		.map((t) => t.trim())
		.filter(Boolean);
	const stamp = (ms) => {
		const h = String(Math.floor(ms / 3600000)).padStart(2, '0');
		const m = String(Math.floor(ms / 60000) % 60).padStart(2, '0');
		const sec = String(Math.floor(ms / 1000) % 60).padStart(2, '0');
		return `${h}:${m}:${sec},${String(ms % 1000).padStart(3, '0')}`;
	};
	const step = Math.floor(job.durationMs / Math.max(1, parts.length));
	return Buffer.from(
		parts
			.map((t, i) => `${i + 1}\n${stamp(i * step)} --> ${stamp((i + 1) * step)}\n${t}\n`)
			.join('\n'),
	);
}

/** Voice samples for examples and tests: 12 s of tone (WAV) and 12 s of MP3, a 5 s WAV (too short). */
const SAMPLES = {
	'voice-sample.wav': () => ['audio/wav', makeWav(12000)],
	'voice-sample.mp3': () => ['audio/mpeg', makeMp3(12000, { kbps: 32, mono: true })],
	'short-sample.wav': () => ['audio/wav', makeWav(5000)],
	'reference.mp3': () => ['audio/mpeg', makeMp3(8000, { kbps: 128 })],
};

/** CDN: /cdn/speech/<raw>.mp3|.srt, /cdn/music/<raw>.mp3 of finished jobs, /cdn/sample/*. True when it answered. */
function serveAudio(ctx, rawPath, sendBuffer) {
	const sample = /^\/cdn\/sample\/([\w.-]+)$/.exec(rawPath);
	if (sample && SAMPLES[sample[1]]) {
		ctx.entry.op = 'cdn.sample';
		ctx.entry.status = 200;
		const [mime, bytes] = SAMPLES[sample[1]]();
		sendBuffer(ctx.res, bytes, mime, ctx.req.method === 'HEAD');
		return true;
	}
	const srt = /^\/cdn\/speech\/(\d+)\.srt$/.exec(rawPath);
	if (srt) {
		ctx.entry.op = 'cdn.speech';
		const job = ctx.state.byRaw.get(srt[1]);
		if (!job || job.kind !== 'speech' || labelOf(job) !== 'completed' || job.deleted) {
			ctx.json(404, { error: 'Not found.', code: 404 });
			return true;
		}
		ctx.entry.status = 200;
		sendBuffer(ctx.res, srtOf(job), 'application/x-subrip', ctx.req.method === 'HEAD');
		return true;
	}
	const m = /^\/cdn\/(speech|music)\/(\d+)\.mp3$/.exec(rawPath);
	if (!m) return false;
	ctx.entry.op = `cdn.${m[1]}`;
	const job = ctx.state.byRaw.get(m[2]);
	if (!job || job.kind !== m[1] || labelOf(job) !== 'completed' || job.deleted) {
		ctx.json(404, { error: 'Not found.', code: 404 });
		return true;
	}
	ctx.entry.status = 200;
	sendBuffer(ctx.res, mp3Of(job), 'audio/mpeg', ctx.req.method === 'HEAD');
	return true;
}

module.exports = {
	EMOTIONS,
	LANGUAGES,
	KNOWN_TAGS,
	CONFIG,
	BUILT_IN,
	SPEECH_MODELS,
	clones,
	clonesOf,
	findVoice,
	running,
	reject,
	audioGate,
	noteCreate,
	newAudioJob,
	labelOf,
	findJob,
	mediaUrl,
	mp3Of,
	srtOf,
	serveAudio,
	SAMPLES,
};
