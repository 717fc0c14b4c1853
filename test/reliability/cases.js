'use strict';
/**
 * The bad-input table. Each case: node (generate | declarative | trigger), name, parameters, items,
 * expect (regex on the error text: message + description, or the trigger's status + body), http
 * (0 = validation must catch it before any request; 'any' = the API is asked, e.g. 401).
 */
const { WRONG_TOKEN } = require('./lib');

const UID = '4242';
const fileId = (account, n) => `user:${UID}-minimax:${account}-file:${String(n).padStart(18, '7')}`;
const videoId = (account) => `user:${UID}-minimax:${account}-video:998877665544332211`;
const PNG = {
	data: Buffer.from('89504e470d0a1a0a', 'hex').toString('base64'),
	mimeType: 'image/png',
	fileName: 'a.png',
};
const PDF = {
	data: Buffer.from('%PDF-1.4').toString('base64'),
	mimeType: 'application/pdf',
	fileName: 'a.pdf',
};

/** Generation node, Video → Create, not waiting (validation happens before any request anyway). */
function video(extra) {
	return {
		resource: 'video',
		operation: 'create',
		videoModel: 'T2V-01',
		prompt: 'A red robot waves',
		waitForCompletion: false,
		...extra,
	};
}

function image(extra) {
	return {
		resource: 'image',
		operation: 'create',
		imageModel: 'image-01',
		prompt: 'A red robot',
		waitForCompletion: false,
		...extra,
	};
}

const refs = (ids) => ({ items: ids.map((fileId) => ({ source: 'fileId', fileId })) });
// A model set by expression shows every model-dependent field, as a workflow built from data would.
const byExpression = (model) => `={{ ${JSON.stringify(model)} }}`;

function generateCases(account) {
	const F1 = fileId(account, 1);
	const F2 = fileId(account, 2);
	const withPng = [{ json: {}, binary: { data: PNG } }];
	const withPdf = [{ json: {}, binary: { data: PDF } }];
	const g = (name, parameters, expect, more = {}) => ({
		node: 'generate',
		name,
		parameters,
		expect,
		http: 0,
		...more,
	});
	return [
		g(
			'empty prompt, no image',
			video({ videoModel: '02', prompt: '' }),
			/Prompt: The prompt is empty and no image is set/,
		),
		g(
			'option not valid for the model (02 + 720p-4sec)',
			video({ videoModel: '02', hailuo02Options: byExpression('720p-4sec') }),
			/720p-4sec is not available for model 02/,
		),
		g(
			'Seedance duration 20 s (4–15)',
			video({ videoModel: 'Seedance-2.0', seedanceDuration: 20 }),
			/"Duration \(Seconds\)" is 20; it must be a whole number from 4 to 15/,
		),
		g(
			'Seedance duration 3 s (4–15)',
			video({ videoModel: 'Seedance-2.0', seedanceDuration: 3 }),
			/"Duration \(Seconds\)" is 3/,
		),
		g(
			'same file as first and last frame',
			video({
				videoModel: 'Veo-3.1',
				imageSource: 'fileId',
				imageFileId: F1,
				endFrameSource: 'fileId',
				endFrameFileId: F1,
			}),
			/end frame must not be the same fileID as the first frame/,
		),
		g(
			'file id without its "user:" prefix',
			video({ videoModel: 'I2V-01', imageSource: 'fileId', imageFileId: F1.slice('user:'.length) }),
			/must start with "user:"/,
		),
		g(
			'URL-encoded file id',
			video({ videoModel: 'I2V-01', imageSource: 'fileId', imageFileId: F1.replace(/:/g, '%3A') }),
			/looks URL-encoded/,
		),
		g(
			'bare numeric file id',
			video({ videoModel: 'I2V-01', imageSource: 'fileId', imageFileId: '335577991133557799' }),
			/is a bare number/,
		),
		g(
			'video id where a file id belongs',
			video({ videoModel: 'I2V-01', imageSource: 'fileId', imageFileId: videoId(account) }),
			/is not a file id/,
		),
		g(
			'binary property that does not exist',
			video({ videoModel: 'I2V-01', imageSource: 'binary', imageBinaryProperty: 'photo' }),
			/no binary field "photo"/,
			{ items: withPng },
		),
		g(
			'wrong MIME type (PDF as image)',
			video({ videoModel: 'I2V-01', imageSource: 'binary', imageBinaryProperty: 'data' }),
			/application\/pdf, but fileID needs PNG, JPEG or WebP/,
			{ items: withPdf },
		),
		g(
			'Max Jobs 11',
			video({ maxJobs: 11 }),
			/"Max Jobs" is 11; it must be a whole number from 1 to 10/,
		),
		g('Max Jobs -1', video({ maxJobs: -1 }), /"Max Jobs" is -1/),
		g(
			'timeout shorter than the poll interval',
			video({ waitForCompletion: true, waitOptions: { pollInterval: 120, timeout: 1 } }),
			/"Timeout \(Minutes\)" \(1 min\) is shorter than "Poll Interval \(Seconds\)" \(120 s\)/,
		),
		g(
			'too many reference images (Seedance: 9 in total)',
			video({
				videoModel: 'Seedance-2.0',
				imageSource: 'fileId',
				imageFileId: F1,
				referenceImages: refs(Array.from({ length: 9 }, (_, i) => fileId(account, 10 + i))),
			}),
			/10 reference images in total.*takes at most 9/,
		),
		g(
			'Seedance 4K on Seedance-2.0-Fast',
			video({ videoModel: 'Seedance-2.0-Fast', seedanceResolution: byExpression('4K') }),
			/"Resolution" 4K is not available for model Seedance-2.0-Fast/,
		),
		g(
			'T2V-2.3 with an image (model by expression)',
			video({ videoModel: byExpression('T2V-2.3'), imageSource: 'fileId', imageFileId: F1 }),
			/T2V-2.3 is text-to-video only and takes no image/,
		),
		g(
			'end frame on a model without one (I2V-01, by expression)',
			video({
				videoModel: byExpression('I2V-01'),
				imageSource: 'fileId',
				imageFileId: F1,
				endFrameSource: 'fileId',
				endFrameFileId: F2,
			}),
			/I2V-01 takes no end frame/,
		),
		g(
			'unknown model name (wrong case)',
			video({ videoModel: byExpression('t2v-01') }),
			/Model "t2v-01" is not supported/,
		),
		g(
			'image: quality on a model other than gpt-image-2',
			image({ imageModel: byExpression('nano-banana-2'), quality: 'high' }),
			/"Quality" is for GPT Image 2 only/,
		),
		g(
			'image: prompt expression resolves empty',
			image({ prompt: '={{ $json.missing ?? "" }}' }),
			/prompt is empty/i,
		),
		g(
			'agent: no models',
			{
				resource: 'agent',
				operation: 'run',
				agentPrompt: 'Make a cat video',
				agentModels: [],
				agentExtraModels: ' , ',
				waitForCompletion: false,
			},
			/No model selected/,
		),
		g(
			'agent: reference file binary missing',
			{
				resource: 'agent',
				operation: 'run',
				agentPrompt: 'Make a cat video',
				agentFiles: 'photo',
				waitForCompletion: false,
			},
			/photo/,
			{ items: withPng },
		),
		g(
			'401: wrong API token names the credential',
			video({}),
			/token was rejected \(401.*"useapi\.net MiniMax API" credential/s,
			{ http: 'any', token: WRONG_TOKEN },
		),
	];
}

function declarativeCases() {
	const d = (name, parameters, expect, more = {}) => ({
		node: 'declarative',
		name,
		parameters,
		expect,
		http: 0,
		...more,
	});
	const vid = videoId('300000001');
	return [
		d(
			'account: Max Jobs 0',
			{
				resource: 'account',
				operation: 'upsert',
				url: 'https://hailuoai.video/x',
				token: 'jwt',
				maxJobs: 0,
			},
			/"Max Jobs" must be a whole number from 1 to 10 \(got 0\)/,
		),
		d(
			'account: Max Jobs 11',
			{
				resource: 'account',
				operation: 'upsert',
				url: 'https://hailuoai.video/x',
				token: 'jwt',
				maxJobs: 11,
			},
			/"Max Jobs" must be a whole number from 1 to 10 \(got 11\)/,
		),
		d(
			'account: Hailuoai URL not a URL',
			{ resource: 'account', operation: 'upsert', url: 'hailuoai.video', token: 'jwt', maxJobs: 3 },
			/"Hailuoai URL" must be the full https/,
		),
		// An expression that resolves to nothing: the editor's required-field check cannot see it.
		d(
			'account: account expression resolves empty',
			{
				resource: 'account',
				operation: 'get',
				account: { __rl: true, mode: 'id', value: '={{ $json.missing ?? "" }}' },
			},
			/"Account" is empty/,
		),
		d(
			'account: account id with a space',
			{
				resource: 'account',
				operation: 'get',
				account: { __rl: true, mode: 'id', value: '98 76' },
			},
			/not a valid account id/,
		),
		d(
			'video get: id without "user:" prefix',
			{ resource: 'video', operation: 'get', videoId: vid.slice('user:'.length) },
			/must start with "user:"/,
		),
		d(
			'video get: URL-encoded id',
			{ resource: 'video', operation: 'get', videoId: vid.replace(/:/g, '%3A') },
			/looks URL-encoded/,
		),
		d(
			'video get: bare numeric id',
			{ resource: 'video', operation: 'get', videoId: '998877665544332211' },
			/is a bare number/,
		),
		d(
			'video cancel: image id',
			{ resource: 'video', operation: 'cancel', videoId: vid.replace('-video:', '-image:') },
			/is not a video id/,
		),
		d(
			'image get: video id',
			{ resource: 'image', operation: 'get', imageId: vid },
			/is not an? image id/,
		),
		d(
			'agent job get: video id',
			{ resource: 'agentJob', operation: 'get', jobId: vid },
			/is not an agent job id/,
		),
		d(
			'scheduler delete: file id',
			{ resource: 'scheduler', operation: 'delete', schedulerId: fileId('300000001', 1) },
			/must be a video, image or speech id/,
		),
		d(
			'file delete: id with a "/"',
			{ resource: 'file', operation: 'delete', fileId: `${fileId('300000001', 1)}/x` },
			/contains spaces or "\/"/,
		),
		d(
			'template: id with spaces',
			{ resource: 'video', operation: 'getTemplate', templateId: '11 22' },
			/"Template ID" is not valid/,
		),
		d(
			'video Get Many: limit -1',
			{ resource: 'video', operation: 'getAll', returnAll: false, limit: -1 },
			/"Limit" must be a whole number from 1 to 1000 \(got -1\)/,
		),
		d(
			'video Get Many: limit 100000',
			{ resource: 'video', operation: 'getAll', returnAll: false, limit: 100000 },
			/"Limit" must be a whole number from 1 to 1000 \(got 100000\)/,
		),
		d(
			'401: wrong API token names the credential',
			{ resource: 'account', operation: 'getAll' },
			/token was rejected \(401.*"useapi\.net MiniMax API" credential/s,
			{ http: 'any', token: WRONG_TOKEN },
		),
	];
}

function triggerCases() {
	const SECRET = 'Reliability-Secret-7Kq2xV9pLm4T';
	const done = {
		videoId: videoId('300000001'),
		status: 2,
		statusLabel: 'completed',
		statusFinal: true,
		videoURL: 'https://cdn.example/v.mp4',
	};
	const t = (name, c, expect) => ({
		node: 'trigger',
		name,
		http: 0,
		expect,
		parameters: { requireSecret: true, secret: SECRET, ...c.parameters },
		query: { secret: SECRET },
		...c,
	});
	return [
		t(
			'bad JSON body',
			{ raw: '{"videoId": "user:4242-minimax:1-video:2", status: ' },
			/^400 .*body is not JSON/,
		),
		t(
			'wrong secret',
			{ query: { secret: 'not-the-secret-123456' }, body: done },
			/^403 .*Missing or wrong secret/,
		),
		t('no secret given', { query: {}, body: done }, /^403 .*Missing or wrong secret/),
		t(
			'secret required but not set on the node',
			{ parameters: { secret: '' }, body: done },
			/^403 .*no Secret set/,
		),
		t(
			'body without a job id',
			{ body: { status: 2, statusLabel: 'completed' } },
			/^400 .*no job id/,
		),
		t(
			'file id instead of a job id',
			{ body: { id: fileId('300000001', 3), status: 2 } },
			/^400 .*not a video, image, speech, music or agent id/,
		),
		t(
			'body is a JSON string, not an object',
			{ raw: '"completed"' },
			/^400 .*not a JSON object|^400 .*not JSON/,
		),
	];
}

/**
 * Controls: valid inputs of the same shape must pass (with the API reached: minCalls), so the table
 * cannot pass by failing everything. `video`: a finished video of the simulator, which the trigger
 * reads (the callback has only ids and status), so its call counting is proven too.
 */
function controls(account, video) {
	const SECRET = 'Reliability-Secret-7Kq2xV9pLm4T';
	const id = video || videoId(account);
	return [
		{
			node: 'trigger',
			name: 'control: right secret, completed video (read and downloaded)',
			parameters: { requireSecret: true, secret: SECRET, options: { downloadResult: true } },
			query: { secret: SECRET },
			body: { videoId: id, status: 2, statusLabel: 'completed', statusFinal: true },
			minCalls: 1,
		},
		{
			node: 'declarative',
			name: 'control: Account → Get Many',
			parameters: { resource: 'account', operation: 'getAll' },
			minCalls: 1,
		},
		{ node: 'generate', name: 'control: Video → Create', parameters: videoControl(), minCalls: 1 },
		{
			node: 'generate',
			name: 'control: Video → Create, first frame from a binary (upload + create)',
			parameters: videoControl({
				videoModel: 'I2V-01',
				imageSource: 'binary',
				imageBinaryProperty: 'data',
			}),
			items: [{ json: {}, binary: { data: PNG } }],
			minCalls: 2,
		},
		{ node: 'generate', name: 'control: Image → Create', parameters: image({}), minCalls: 1 },
	];
}

function videoControl(extra = {}) {
	return { ...video(extra), waitForCompletion: false };
}

function all({ account }) {
	return [...generateCases(account), ...declarativeCases(), ...triggerCases()];
}

module.exports = { all, controls, video, fileId, videoId, PNG, PDF };
