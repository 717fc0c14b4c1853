import type { IDataObject } from 'n8n-workflow';

import {
	ACCOUNT,
	api,
	IMAGE_ID,
	jsonOf,
	pairsOf,
	picked,
	run,
	setupNock,
	TOKEN,
	video,
	VIDEO_ID,
} from './helpers';
import type { RunNodeResult } from '../harness';

const SECRET = TOKEN.slice('user:1234-'.length);

/** The error's message, description and JSON, and the whole execution: none may carry the token. */
function expectNoToken(result: RunNodeResult) {
	const error = result.error as IDataObject | undefined;
	for (const text of [
		error?.message,
		error?.description,
		JSON.stringify(error),
		JSON.stringify(result.execution),
	]) {
		expect(String(text)).not.toContain(SECRET);
	}
}

describe('HTTP errors', () => {
	setupNock();

	const cases: Array<{
		status: number;
		body: IDataObject;
		parameters: IDataObject;
		path: string;
		message: string;
		description: RegExp;
	}> = [
		{
			status: 400,
			body: { error: 'Parameter limit must be between 1 and 100', code: 400 },
			parameters: { resource: 'video', operation: 'getTemplates', limit: 5 },
			path: '/v1/minimax/videos/agent-templates?limit=5',
			message: 'useapi.net rejected the request (400): Parameter limit must be between 1 and 100',
			description: /Check the parameters/,
		},
		{
			status: 401,
			body: { error: 'Unauthorized', code: 401 },
			parameters: { resource: 'scheduler', operation: 'getCapacity' },
			path: '/v1/minimax/scheduler/available',
			message: 'The useapi.net API token was rejected (401 Unauthorized)',
			description: /"useapi\.net MiniMax API" credential.*"user:" prefix/,
		},
		{
			status: 404,
			body: { error: 'Not found.', code: 404 },
			parameters: { resource: 'video', operation: 'get', videoId: VIDEO_ID },
			path: `/v1/minimax/videos/${VIDEO_ID}`,
			message: 'The video was not found or was removed after moderation (404)',
			description: new RegExp(`post-moderation.*Job: ${VIDEO_ID}\\. Account: ${ACCOUNT}`),
		},
		{
			status: 404,
			body: { error: 'Not found.', code: 404 },
			parameters: { resource: 'image', operation: 'get', imageId: IMAGE_ID },
			path: `/v1/minimax/images/${IMAGE_ID}`,
			message: 'The image was not found or was removed after moderation (404)',
			description: /post-moderation/,
		},
		{
			status: 412,
			body: { error: 'Account has run out of credits', code: 412 },
			parameters: { resource: 'feature', operation: 'get', account: picked(ACCOUNT) },
			path: `/v1/minimax/features?account=${ACCOUNT}`,
			message: `Account ${ACCOUNT} has run out of credits (412): Account has run out of credits`,
			description: /Top up/,
		},
		{
			status: 422,
			body: { error: 'Moderated', statusInfo: { code: 1000, message: 'sensitive' } },
			parameters: { resource: 'video', operation: 'cancel', videoId: VIDEO_ID },
			path: '/v1/minimax/videos/cancel',
			message: 'MiniMax moderated the request (422): Moderated',
			description: /Change the prompt/,
		},
		{
			status: 596,
			body: { error: 'Account on hold', code: 596 },
			parameters: { resource: 'video', operation: 'getAll', account: picked(ACCOUNT), limit: 1 },
			path: `/v1/minimax/videos?account=${ACCOUNT}&limit=1`,
			message: `Account ${ACCOUNT} is on hold at hailuoai.video (596): Account on hold`,
			description: /Log in to hailuoai\.video/,
		},
	];

	test.each(cases)('$status on $parameters.resource $parameters.operation', async (c) => {
		const scope = api();
		(c.parameters.operation === 'cancel' ? scope.post(c.path) : scope.get(c.path)).reply(
			c.status,
			c.body,
		);
		const result = await run(c.parameters);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(c.message);
		expect(result.error?.description).toMatch(c.description);
		expect(result.error?.httpCode).toBe(String(c.status));
		expectNoToken(result);
	});

	test('a 404 on a listing points at the account, not at a video', async () => {
		api()
			.get('/v1/minimax/videos')
			.query({ account: '555', limit: '30' })
			.reply(404, { error: 'Configuration not found', code: 404 });
		const result = await run({
			resource: 'video',
			operation: 'getAll',
			account: picked('555', 'id'),
			returnAll: true,
		});
		expect(result.error?.message).toBe(
			'Account 555 is not configured at useapi.net (404): Configuration not found',
		);
		expect(result.error?.description).toContain('Account: 555');
	});

	test('a failure on page 2 fails the whole Get Many with the mapped error', async () => {
		api()
			.get('/v1/minimax/videos')
			.query({ limit: '30' })
			.reply(
				200,
				Array.from({ length: 30 }, (_, i) => video(i)),
			);
		api()
			.get('/v1/minimax/videos')
			.query(true)
			.reply(429, { error: 'Too many requests', code: 429 });
		const result = await run({ resource: 'video', operation: 'getAll', returnAll: true });
		expect(result.error?.message).toBe('All job slots are busy (429): Too many requests');
		expectNoToken(result);
	});

	test('a network failure carries no token either', async () => {
		api()
			.get(`/v1/minimax/videos/${VIDEO_ID}`)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		const result = await run({ resource: 'video', operation: 'get', videoId: VIDEO_ID });
		expect(result.status).toBe('error');
		expectNoToken(result);
	});

	test('continueOnFail: one error item per failing input, the others succeed', async () => {
		const other = VIDEO_ID.replace(/\d+$/, '111');
		api()
			.get(`/v1/minimax/videos/${VIDEO_ID}`)
			.reply(200, video(1, { videoId: VIDEO_ID }));
		api().get(`/v1/minimax/videos/${other}`).reply(404, { error: 'Not found.', code: 404 });
		const result = await run(
			{ resource: 'video', operation: 'get', videoId: '={{ $json.id }}' },
			{
				continueOnFail: true,
				items: [{ json: { id: VIDEO_ID } }, { json: { id: other } }, { json: { id: '998877' } }],
			},
		);
		expect(result.status).toBe('success');
		const json = jsonOf(result);
		expect(json[0]).toMatchObject({ videoId: VIDEO_ID, statusLabel: 'completed' });
		expect(json[1]).toEqual({
			error: 'The video was not found or was removed after moderation (404)',
		});
		expect(String(json[2].error)).toContain('"Video ID" is a bare number (998877)');
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(JSON.stringify(result.items)).not.toContain(SECRET);
	});
});

describe('Input validation (no HTTP call is made: nock has no route and refuses the network)', () => {
	setupNock();

	test.each([
		[
			'video get, bare number',
			{ resource: 'video', operation: 'get', videoId: '998877665544332211' },
			'"Video ID" is a bare number',
		],
		[
			'video get, URL-encoded',
			{ resource: 'video', operation: 'get', videoId: encodeURIComponent(VIDEO_ID) },
			'"Video ID" looks URL-encoded',
		],
		[
			'video delete, no user: prefix',
			{ resource: 'video', operation: 'delete', videoId: 'minimax:1-video:2' },
			'"Video ID" must start with "user:"',
		],
		[
			'video cancel, an image id',
			{ resource: 'video', operation: 'cancel', videoId: IMAGE_ID },
			'"Video ID" is not a video id',
		],
		[
			'image get, empty expression',
			{ resource: 'image', operation: 'get', imageId: '={{ "" }}' },
			'"Image ID" is empty',
		],
		[
			'file delete, a video id',
			{ resource: 'file', operation: 'delete', fileId: VIDEO_ID },
			'"File ID" is not a file id',
		],
		[
			'agent get, a video id',
			{ resource: 'agentJob', operation: 'get', jobId: VIDEO_ID },
			'"Job ID" is not an agent job id',
		],
		[
			'scheduler delete, a file id',
			{
				resource: 'scheduler',
				operation: 'delete',
				schedulerId: VIDEO_ID.replace('-video:', '-file:'),
			},
			'"ID" must be a video, image or speech id',
		],
		[
			'template get, spaces inside',
			{ resource: 'video', operation: 'getTemplate', templateId: '12 34' },
			'"Template ID" is not valid',
		],
		[
			'account picker, a pasted URL',
			{ resource: 'feature', operation: 'get', account: picked('https://x/1', 'id') },
			'"Account" is not a valid account id',
		],
		[
			'limit 0',
			{ resource: 'video', operation: 'getAll', limit: '={{ 0 }}' },
			'"Limit" must be a whole number from 1 to 1000 (got 0)',
		],
		[
			'limit negative',
			{ resource: 'image', operation: 'getAll', limit: '={{ -5 }}' },
			'"Limit" must be a whole number from 1 to 1000 (got -5)',
		],
		[
			'limit over 1000',
			{ resource: 'file', operation: 'getAll', limit: '={{ 1001 }}' },
			'"Limit" must be a whole number from 1 to 1000 (got 1001)',
		],
	])('%s', async (_name, parameters, message) => {
		const result = await run(parameters as IDataObject);
		expect(result.status).toBe('error');
		// RoutingNode (1.x) rewraps a NodeOperationError from a hook as NodeApiError, keeping its text.
		expect(result.error?.message).toContain(message);
	});
});
