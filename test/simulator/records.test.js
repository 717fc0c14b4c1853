'use strict';
// Records carry the reference's fields only (recordExtras adds helpers, never by default).
const { start } = require('./test-helpers');
const { IMAGE_PNG } = require('./media');

// https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId (+ message while running / on failure)
const VIDEO = [
	'id',
	'desc',
	'coverURL',
	'videoURL',
	'downloadURL',
	'status',
	'statusLabel',
	'statusFinal',
	'percent',
	'message',
	'width',
	'height',
	'originFiles',
	'canAppeal',
	'canRetry',
	'videoId',
];
// https://useapi.net/docs/api-minimax-v1/get-minimax-images-imageId (+ message, percent while running)
const IMAGE = [
	'id',
	'desc',
	'coverURL',
	'videoURL',
	'status',
	'canRetry',
	'width',
	'height',
	'originFiles',
	'canAppeal',
	'downloadURL',
	'hasVoice',
	'modelID',
	'useOriginPrompt',
	'isBookmarked',
	'disableGenerateSimilar',
	'createTime',
	'postStatus',
	'userID',
	'createType',
	'promptImgURL',
	'extra',
	'isVisitor',
	'videoURLs',
	'priority',
	'generatorType',
	'isInFolder',
	'batchID',
	'aspectRatio',
	'fileID',
	'tags',
	'duration',
	'resolution',
	'humanCheckStatus',
	'userIDStr',
	'statusLabel',
	'statusFinal',
	'imageId',
	'message',
	'percent',
];
// https://useapi.net/docs/api-minimax-v1/get-minimax-agent-jobId
const AGENT = ['jobId', 'status', 'created', 'request', 'response', 'error', 'code'];
const AGENT_REQUEST = ['prompt', 'models', 'async', 'replyUrl', 'replyRef', 'file'];
const ATTACHMENT = ['attachmentID', 'type', 'status', 'file', 'text', 'extra', 'node'];
const ATTACHMENT_FILE = ['fileName', 'fileUrl', 'type', 'extra', 'posterUrl', 'referenceType'];
const VIDEO_EXTRA = [
	'height',
	'width',
	'duration',
	'fps',
	'frames',
	'no_watermark_url',
	'watermark_url',
	'thumbnail_url',
	'url',
	'path',
	'task_id',
	'vendor',
	'subtitle_path',
];
const IMAGE_EXTRA = ['model_aspect_ratio', 'model_name', 'model_resolution'];
// GET /videos/agent-templates, GET /scheduler, GET /scheduler/available, POST /files, GET /videos/characters
const TEMPLATE = ['id', 'createTime', 'videoAsset', 'like', 'author', 'cardType', 'tabID'];
const TEMPLATE_ASSET = [
	'id',
	'desc',
	'coverURL',
	'videoURL',
	'status',
	'width',
	'height',
	'duration',
	'resolution',
	'title',
	'agentTemplateID',
	'agentTemplateName',
	'downloadURL',
	'hasVoice',
	'modelID',
	'aspectRatio',
	'tags',
	'userIDStr',
];
const SCHEDULED = ['videoId', 'imageId', 'started', 'elapsed', 'replyUrl', 'replyRef'];
const CREATED_VIDEO = ['data', 'statusInfo', 'videoId', 'code', 'replyUrl', 'replyRef'];

const only = (obj, allowed) =>
	expect(Object.keys(obj).filter((k) => !allowed.includes(k))).toEqual([]);

describe('records carry only documented fields', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start({ jobMs: 100 })));
	afterAll(() => sim.close());

	test('videos, images, scheduler, agent jobs and templates, running and final', async () => {
		const up = (
			await api('POST', '/files', { body: IMAGE_PNG, headers: { 'Content-Type': 'image/png' } })
		).body;
		expect(Object.keys(up).sort()).toEqual(['fileID', 'ossPath']);
		const v = await api('POST', '/videos/create', {
			json: { model: 'I2V-01', fileID: up.fileID, prompt: 'x [ms=600000]', replyRef: 'r' },
		});
		only(v.body, CREATED_VIDEO);
		const img = (await api('POST', '/images/create', { json: { prompt: 'x [ms=600000]' } })).body
			.imageIds[0];
		const fd = new FormData();
		for (const [k, val] of Object.entries({
			prompt: 'video and image [ms=600000]',
			models: 'hailuo-2.3,nano-banana-2',
			async: 'true',
		}))
			fd.append(k, val);
		fd.append('file', new Blob([IMAGE_PNG], { type: 'image/png' }), 'ref.png');
		const job = (await api('POST', '/agent', { body: fd })).body;

		const check = async () => {
			only((await api('GET', `/videos/${v.body.videoId}`)).body, VIDEO);
			for (const r of (await api('GET', '/videos')).body) only(r, VIDEO);
			only((await api('GET', `/images/${img}`)).body, IMAGE);
			for (const r of (await api('GET', '/images')).body.images) only(r, IMAGE);
			const a = (await api('GET', `/agent/${job.jobId}`)).body;
			only(a, AGENT);
			only(a.request, AGENT_REQUEST);
			for (const att of (a.response && a.response.attachments) || []) {
				only(att, ATTACHMENT);
				only(att.file, ATTACHMENT_FILE);
				only(att.file.extra, att.type === 2 ? IMAGE_EXTRA : VIDEO_EXTRA);
			}
			return a;
		};
		only(job, AGENT);
		for (const e of (await api('GET', '/scheduler')).body) only(e, SCHEDULED);
		await check();
		for (const id of [v.body.videoId, img, job.jobId]) sim.completeJob(id);
		const finished = await check();
		expect(finished.response.attachments.map((a) => a.type)).toEqual([1, 2]);

		const list = (await api('GET', '/videos/agent-templates')).body;
		expect(Object.keys(list)).toEqual(['videoList']);
		for (const t of list.videoList) {
			only(t, TEMPLATE);
			only(t.videoAsset, TEMPLATE_ASSET);
		}
	});

	test('recordExtras adds the helper fields, for tests that need them', async () => {
		const extra = await start({ recordExtras: true });
		try {
			const list = (await extra.api('GET', '/videos/agent-templates')).body;
			expect(list).toHaveProperty('hasMore');
			expect(list.videoList[0]).toHaveProperty('inputs');
		} finally {
			await extra.sim.close();
		}
	});
});
