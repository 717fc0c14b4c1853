import type { IDataObject } from 'n8n-workflow';

import { isParseError, parseCallback, type ParsedCallback } from '../../nodes/shared/callback';
import { AUDIO_ID, MUSIC_ID, music, speechRecord } from './fixtures';

/**
 * Speech and music callbacks: the body is [gap]/[inferred] (https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create, replyUrl: "expect the
 * record the poll endpoint returns"), so every plausible shape is parsed here.
 */
function ok(body: unknown): ParsedCallback {
	const result = parseCallback(body);
	if (isParseError(result)) throw new Error(`expected a parse, got: ${result.error}`);
	return result;
}

const SPEECH_MP3 = 'https://cdn.hailuoai.video/speech/556677889900112233.mp3';
const MUSIC_MP3 = 'https://cdn.hailuoai.video/music/998877665544332211.mp3';
const doneSpeech = {
	id: AUDIO_ID,
	kind: 'speech',
	outcome: 'completed',
	final: true,
	statusLabel: 'completed',
	resultUrls: [SPEECH_MP3],
	account: '987654321',
};
const doneMusic = {
	id: MUSIC_ID,
	kind: 'music',
	outcome: 'completed',
	final: true,
	statusLabel: 'completed',
	resultUrls: [MUSIC_MP3],
	account: '987654321',
};

const speechShapes: Array<[string, unknown, Partial<ParsedCallback> | IDataObject]> = [
	[
		'the GET record (audio_id)',
		speechRecord(),
		{ ...doneSpeech, replyRef: 'line-1', replyRefTag: 'tag777', percent: 100 },
	],
	[
		'the create id (audioId) with the record',
		{ ...speechRecord({ audio_id: undefined }), audioId: AUDIO_ID },
		doneSpeech,
	],
	['{data: record}', { data: speechRecord() }, doneSpeech],
	['{audio: record}', { audio: speechRecord() }, doneSpeech],
	[
		'{speech: record}, replyRef beside it',
		{ speech: speechRecord({ replyRef: undefined }), replyRef: 'outer' },
		{ ...doneSpeech, replyRef: 'outer' },
	],
	['a JSON string', JSON.stringify(speechRecord()), doneSpeech],
	['a one-element array', [speechRecord()], doneSpeech],
	[
		'no statusFinal, statusLabel completed, raw status 0',
		speechRecord({ statusFinal: undefined, status: 0 }),
		{ ...doneSpeech, status: 0 },
	],
	[
		'statusLabel in another case',
		speechRecord({ statusLabel: 'Completed', statusFinal: undefined }),
		doneSpeech,
	],
	['only id and audio_url', { audioId: AUDIO_ID, audio_url: SPEECH_MP3 }, doneSpeech],
	[
		'legacy audioURL',
		{ audio_id: AUDIO_ID, audioURL: SPEECH_MP3, statusFinal: true, statusLabel: 'completed' },
		doneSpeech,
	],
	[
		'partial: id and status only',
		{ audioId: AUDIO_ID, statusLabel: 'completed', statusFinal: true, replyRef: 'r' },
		{ kind: 'speech', outcome: 'completed', final: true, resultUrls: [] },
	],
	[
		'pending',
		{ audioId: AUDIO_ID, statusLabel: 'pending', statusFinal: false },
		{ kind: 'speech', outcome: 'running', final: false, statusLabel: 'pending', percent: null },
	],
	[
		'processing, raw status 0 without statusFinal',
		{ audioId: AUDIO_ID, status: 0, statusLabel: 'processing' },
		{ outcome: 'running', final: false },
	],
	[
		'nothing but the id',
		{ audioId: AUDIO_ID },
		{ outcome: 'running', final: false, statusLabel: 'processing' },
	],
	[
		'failed with code and error',
		{
			audio_id: AUDIO_ID,
			statusLabel: 'failed',
			statusFinal: true,
			code: 500,
			error: 'voice not found',
		},
		{ kind: 'speech', outcome: 'failed', final: true, message: 'voice not found', resultUrls: [] },
	],
	[
		'statusFinal true with another label',
		{ audioId: AUDIO_ID, statusLabel: 'cancelled', statusFinal: true },
		{ outcome: 'failed', final: true },
	],
	[
		'moderated label',
		{ audioId: AUDIO_ID, statusLabel: 'moderated', statusFinal: true },
		{ outcome: 'moderated', final: true },
	],
	[
		'an id that says only "tts", with audio_url',
		{
			id: 'user:1-minimax:5-tts:9',
			audio_url: SPEECH_MP3,
			statusFinal: true,
			statusLabel: 'completed',
		},
		{ kind: 'speech', outcome: 'completed' },
	],
];

const musicShapes: Array<[string, unknown, Partial<ParsedCallback> | IDataObject]> = [
	['the GET record', music('completed'), { ...doneMusic, replyRef: 'song-7', percent: 100 }],
	[
		'a cover',
		music('completed', { referenceMusicId: 'user:1234-minimax:987654321-music:987654321098766' }),
		doneMusic,
	],
	['the create answer as an array of one', [music('completed')], doneMusic],
	['{data: record}', { data: music('completed') }, doneMusic],
	['{music: record}', { music: music('completed') }, doneMusic],
	['{song: record}', { song: music('completed') }, doneMusic],
	['a JSON string', JSON.stringify(music('completed')), doneMusic],
	[
		'music_id field',
		{ music_id: MUSIC_ID, audio_url: MUSIC_MP3, statusLabel: 'completed', statusFinal: true },
		doneMusic,
	],
	[
		'a reference upload (no statusFinal)',
		music('completed', { statusFinal: undefined, typeLabel: 'reference' }),
		doneMusic,
	],
	[
		'running',
		music('processing'),
		{ kind: 'music', outcome: 'running', final: false, statusLabel: 'processing', resultUrls: [] },
	],
	[
		'failed',
		music('failed'),
		{ kind: 'music', outcome: 'failed', final: true, message: 'Generation failed' },
	],
	[
		'statusFinal true, label not completed',
		music('processing', { statusFinal: true }),
		{ outcome: 'failed', final: true },
	],
	[
		'legacy: audioURL and numeric status 2',
		{ musicId: MUSIC_ID, audioURL: MUSIC_MP3, status: 2 },
		{ ...doneMusic, status: 2 },
	],
	[
		'legacy: status "2" as text',
		{ musicId: MUSIC_ID, audioURL: MUSIC_MP3, status: '2' },
		{ outcome: 'completed', final: true },
	],
	[
		'legacy: status 4 (moderated)',
		{ musicId: MUSIC_ID, status: 4 },
		{ outcome: 'moderated', final: true },
	],
	[
		'legacy: status 1 (running)',
		{ musicId: MUSIC_ID, status: 1 },
		{ outcome: 'running', final: false },
	],
	[
		'partial: id and status only',
		{ musicId: MUSIC_ID, statusLabel: 'completed', statusFinal: true },
		{ kind: 'music', outcome: 'completed', resultUrls: [] },
	],
	[
		'an id that says only "song": the musicId field decides (not audio_url → speech)',
		{
			musicId: 'user:1-minimax:5-song:9',
			audio_url: MUSIC_MP3,
			statusFinal: true,
			statusLabel: 'completed',
		},
		{ kind: 'music', outcome: 'completed' },
	],
	[
		'kind from typeLabel when only "id" is given',
		{
			id: 'user:1-minimax:5-track:9',
			typeLabel: 'song',
			audio_url: MUSIC_MP3,
			statusFinal: true,
			statusLabel: 'completed',
		},
		{ kind: 'music' },
	],
];

describe('speech callbacks', () => {
	it.each(speechShapes)('%s', (_name, body, expected) => {
		expect(ok(body)).toMatchObject(expected);
	});
});

describe('music callbacks', () => {
	it.each(musicShapes)('%s', (_name, body, expected) => {
		expect(ok(body)).toMatchObject(expected);
	});
});

describe('voices are not jobs', () => {
	it('a voice id is refused with a clear error', () => {
		const result = parseCallback({
			voice_id: 'x',
			id: 'user:1234-minimax:987654321-voice:445566778899',
			statusFinal: true,
		});
		expect(isParseError(result) && result.error).toMatch(
			/not a video, image, speech, music or agent id/,
		);
	});
});
