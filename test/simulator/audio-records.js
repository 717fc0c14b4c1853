'use strict';
// The JSON records of speech (https://useapi.net/docs/api-minimax-v1/get-minimax-speech_audio_id, get-minimax-speech) and music (https://useapi.net/docs/api-minimax-v1/get-minimax-music-musicId) jobs, for GETs and callbacks.
const { labelOf, mediaUrl } = require('./audio');

/** GET /speech/{audio_id}: running → labels only; failed → code + error; completed → the recording. */
function speechRecord(state, job) {
	const label = labelOf(job);
	if (label === 'pending' || label === 'processing')
		return { statusLabel: label, statusFinal: false };
	if (label === 'failed') {
		const cancelled = job.cancelledAt !== undefined;
		return {
			audio_id: job.id,
			statusLabel: 'failed',
			statusFinal: true,
			code: cancelled ? 499 : 500,
			error: cancelled ? 'Generation was cancelled' : 'Speech generation failed',
		};
	}
	const v = job.voice;
	return {
		audio_id: job.id,
		audio_review: 0,
		voice_info: {
			voice_id: v.voice_id,
			parent_voice_id: '0',
			voice_name: v.voice_name,
			tag_list: v.tag_list,
		},
		text: job.text,
		audio_title: job.text.slice(0, 40),
		audio_url: mediaUrl(state, job),
		model: job.model,
		emotion: job.settings.emotion || 'neutral',
		language_boost: job.settings.language_boost || 'Auto',
		speed: job.settings.speed,
		pitch: job.settings.pitch,
		cost_credit: job.costCredit,
		...(state.speechSubtitles
			? { subtitle_url: mediaUrl(state, job).replace(/\.mp3$/, '.srt') }
			: {}),
		create_time: job.createdAt,
		update_time: job.finalAt,
		statusLabel: 'completed',
		statusFinal: true,
	};
}

/** GET /speech rows: only the documented fields (user_id is a string now). */
function speechListItem(state, job) {
	return {
		audio_id: job.id,
		audio_review: 0,
		user_id: job.account,
		audio_title: job.text.slice(0, 40),
		audio_url: labelOf(job) === 'completed' ? mediaUrl(state, job) : '',
		update_time: job.finalAt || job.createdAt,
	};
}

/** GET /music/{musicId}: duration in milliseconds; covers name their referenceMusicId. */
function musicRecord(state, job) {
	const label = labelOf(job);
	const rec = {
		musicId: job.id,
		statusLabel: label === 'pending' ? 'processing' : label,
		statusFinal: job.final,
	};
	if (label === 'completed') {
		Object.assign(rec, {
			title: job.title,
			lyrics: job.lyrics,
			duration: job.durationMs,
			typeLabel: job.typeLabel,
			audio_url: mediaUrl(state, job),
		});
		if (job.referenceMusicId) rec.referenceMusicId = job.referenceMusicId;
	} else if (label === 'failed') {
		rec.error =
			job.cancelledAt !== undefined ? 'Generation was cancelled' : 'Music generation failed';
	}
	return rec;
}

function audioRecord(sim, job) {
	return job.kind === 'speech' ? speechRecord(sim.state, job) : musicRecord(sim.state, job);
}

/** [inferred] callback body: the GET record, with its id even while running (https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create, replyUrl). */
function audioCallbackRecord(sim, job) {
	return job.kind === 'speech'
		? { audio_id: job.id, ...speechRecord(sim.state, job) }
		: musicRecord(sim.state, job);
}

module.exports = { speechRecord, speechListItem, musicRecord, audioRecord, audioCallbackRecord };
