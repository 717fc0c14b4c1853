import type { IDataObject } from 'n8n-workflow';

import { isParseError, parseCallback, type ParsedCallback } from '../../nodes/shared/callback';
import { AGENT_ID, IMAGE_ID, SPEECH_ID, VIDEO_ID, agent, image, speech, video } from './fixtures';

function ok(body: unknown): ParsedCallback {
	const result = parseCallback(body);
	if (isParseError(result)) throw new Error(`expected a parse, got: ${result.error}`);
	return result;
}

type Row = [string, unknown, Partial<ParsedCallback>];

const completedVideo: Partial<ParsedCallback> = {
	id: VIDEO_ID,
	kind: 'video',
	status: 2,
	outcome: 'completed',
	final: true,
	percent: 100,
	resultUrls: [
		'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video/clip.mp4',
		'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video/clip-watermark.mp4',
	],
	coverURL: 'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video_cover/cover.jpg',
	replyRef: 'order-42',
	replyRefTag: 'tag123456',
	account: '987654321',
};

const shapes: Row[] = [
	['record', video(2), completedVideo],
	['{data: record}', { data: video(2) }, completedVideo],
	['{video: record}', { video: video(2) }, completedVideo],
	['{job: record}', { job: video(2) }, completedVideo],
	['{result: record}', { result: video(2) }, completedVideo],
	['{payload: record}', { payload: video(2) }, completedVideo],
	['two levels {payload: {data: record}}', { payload: { data: video(2) } }, completedVideo],
	[
		'unknown wrapper key {event: "x", item: record}',
		{ event: 'job.done', item: video(2) },
		completedVideo,
	],
	['JSON string body', JSON.stringify(video(2)), completedVideo],
	['Buffer body', Buffer.from(JSON.stringify({ data: video(2) })), completedVideo],
	['wrapper holding a JSON string', { payload: JSON.stringify(video(2)) }, completedVideo],
	['one-element array', [video(2)], completedVideo],
	[
		'partial video',
		{
			videoId: VIDEO_ID,
			status: 2,
			statusLabel: 'completed',
			statusFinal: true,
			replyRef: 'order-42',
		},
		{
			id: VIDEO_ID,
			kind: 'video',
			outcome: 'completed',
			final: true,
			resultUrls: [],
			replyRef: 'order-42',
			replyRefTag: null,
		},
	],
	[
		'partial with replyRef on the wrapper',
		{ replyRef: 'outer|n8n:abcdef12', data: { videoId: VIDEO_ID, status: 1, statusFinal: false } },
		{
			kind: 'video',
			outcome: 'running',
			final: false,
			replyRef: 'outer',
			replyRefTag: 'abcdef12',
			statusLabel: 'processing',
		},
	],
	[
		'numeric string status falls back to the table',
		{ videoId: VIDEO_ID, status: '3' },
		{ status: 3, outcome: 'failed', final: true, statusLabel: 'failed' },
	],
	[
		'id only in the generic "id" field',
		{ id: IMAGE_ID, status: 2, statusFinal: true, downloadURL: 'https://cdn.x/p.png' },
		{ id: IMAGE_ID, kind: 'image', resultUrls: ['https://cdn.x/p.png'] },
	],
];

const statuses: Row[] = [
	[
		'video pending 0',
		video(0),
		{ outcome: 'running', final: false, statusLabel: 'pending', percent: 40 },
	],
	['video processing 1', video(1), { outcome: 'running', final: false, message: 'Generating…' }],
	['video queued 11', video(11), { outcome: 'running', final: false, statusLabel: 'queued' }],
	['video failed 3', video(3), { outcome: 'failed', final: true, resultUrls: [] }],
	['video moderated 5', video(5), { outcome: 'moderated', final: true }],
	['video moderated 7', video(7), { outcome: 'moderated', final: true }],
	['video moderated 14', video(14), { outcome: 'moderated', final: true }],
	[
		'statusFinal wins over the table',
		video(2, { statusFinal: false }),
		{ final: false, outcome: 'running' },
	],
	[
		'statusFinal true on an unknown code',
		video(99, { statusLabel: 'failed', statusFinal: true }),
		{ final: true, outcome: 'failed' },
	],
	[
		'unknown numeric status without statusFinal is not final',
		{ videoId: VIDEO_ID, status: 42 },
		{ final: false, outcome: 'running' },
	],
	[
		'video without downloadURL (free plan)',
		video(2, { downloadURL: '' }),
		{ resultUrls: ['https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video/clip-watermark.mp4'] },
	],
	[
		'image completed',
		image(2),
		{
			id: IMAGE_ID,
			kind: 'image',
			outcome: 'completed',
			resultUrls: [
				'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/image/pic.png',
				'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/image/pic-watermark.png',
			],
		},
	],
	['image moderated 7', image(7), { kind: 'image', outcome: 'moderated', final: true }],
	[
		'agent completed',
		agent('completed'),
		{
			id: AGENT_ID,
			kind: 'agent',
			status: 'completed',
			statusLabel: 'completed',
			outcome: 'completed',
			final: true,
			percent: 100,
			resultUrls: [
				'https://cdn.hailuoai.video/agent/cat_nw.mp4',
				'https://cdn.hailuoai.video/agent/cat.png',
			],
			replyRef: 'agent-1',
			account: '67890',
			message: 'Here is your video and an image.',
		},
	],
	[
		'agent failed',
		agent('failed'),
		{
			kind: 'agent',
			outcome: 'failed',
			final: true,
			message: 'Timeout waiting for assistant response',
		},
	],
	[
		'agent failed, string error',
		agent('failed', { error: 'Upstream said no' }),
		{ message: 'Upstream said no' },
	],
	[
		'agent started',
		agent('started'),
		{ kind: 'agent', outcome: 'running', final: false, percent: null },
	],
	['{job: agent}', { job: agent('completed') }, { kind: 'agent', outcome: 'completed' }],
	[
		'speech completed',
		speech(true),
		{
			id: SPEECH_ID,
			kind: 'speech',
			outcome: 'completed',
			final: true,
			resultUrls: ['https://cdn.minimax.io/speech/out.mp3'],
			replyRef: 'voice-7',
		},
	],
	['speech failed', speech(true, 'failed'), { kind: 'speech', outcome: 'failed', final: true }],
	[
		'speech running (raw status always 0)',
		speech(false),
		{ kind: 'speech', outcome: 'running', final: false },
	],
];

describe('parseCallback: shapes', () => {
	it.each(shapes)('%s', (_name, body, expected) => {
		expect(ok(body)).toMatchObject(expected);
	});
});

describe('parseCallback: kinds and statuses', () => {
	it.each(statuses)('%s', (_name, body, expected) => {
		expect(ok(body)).toMatchObject(expected);
	});
});

describe('parseCallback: kind from fields when the id says nothing', () => {
	it.each([
		['videoId', { videoId: 'user:1-minimax:5-clip:9', status: 2 }, 'video'],
		['imageId', { imageId: 'user:1-minimax:5-pic:9', status: 2 }, 'image'],
		[
			'audioId',
			{ audioId: 'user:1-minimax:5-tts:9', statusFinal: true, statusLabel: 'completed' },
			'speech',
		],
	] as Array<[string, IDataObject, string]>)('%s', (_name, body, kind) => {
		expect(ok(body).kind).toBe(kind);
	});
});

describe('parseCallback: the unwrapped record and errors', () => {
	it('returns the record itself, not the wrapper', () => {
		const record = video(2);
		const parsed = ok({ data: record, meta: { n: 1 } });
		expect(parsed.record).toEqual(record);
	});

	it.each([
		['no id at all', { status: 2, statusFinal: true }, /no job id/],
		// Ids go into an authenticated read: only the documented grammar (the ids of https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId) passes.
		[
			'a jobId outside the grammar',
			{ jobId: 'job-77', status: 'completed' },
			/not a valid useapi id/,
		],
		[
			'a videoId with a path in it',
			{ videoId: 'user:1-minimax:5-video:9/../../accounts/5', status: 2 },
			/not a valid useapi id/,
		],
		[
			'a videoId with a query in it',
			{ videoId: 'user:1-minimax:5-video:9?account=6', status: 2 },
			/not a valid useapi id/,
		],
		['only the raw MiniMax id', { id: '998877665544332211', status: 2 }, /no job id/],
		['id deeper than two levels', { a: { b: { c: video(2) } } }, /no job id/],
		['non-JSON text', 'status=2&videoId=x', /not JSON/],
		['truncated JSON', '{"videoId": "user:1', /not JSON/],
		['JSON number', 42, /not a JSON object/],
		['null', null, /not a JSON object/],
		[
			'an id of another kind',
			{ id: 'user:1234-minimax:987654321-voice:1', status: 2 },
			/not a video, image, speech, music or agent id/,
		],
	] as Array<[string, unknown, RegExp]>)('%s → error', (_name, body, message) => {
		const result = parseCallback(body);
		expect(isParseError(result)).toBe(true);
		expect((result as { error: string }).error).toMatch(message);
	});
});
