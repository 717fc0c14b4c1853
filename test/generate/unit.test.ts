import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { agentJobOf, parseAgentCreate } from '../../nodes/MinimaxGenerate/actions/agent/run';
import {
	parseEventStream,
	parseTemplateCreate,
} from '../../nodes/MinimaxGenerate/actions/video/createFromTemplate';
import { buildMultipart } from '../../nodes/MinimaxGenerate/engine/media';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { runNode } from '../harness';
import { parseMultipart } from '../simulator/multipart';
import { FAST_WAIT, NODE_TYPE, videoParams } from './helpers';

const BASE = 'https://api.test';
const API = '/v1/minimax';
const VID = 'user:1234-minimax:987654321-video:998877665544332211';
const TOKEN = 'user:1234-unit0123456789';

async function runUnit(parameters: IDataObject, continueOnFail = false, items = 1) {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new MinimaxGenerate() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: BASE } },
		node: { type: NODE_TYPE, parameters, continueOnFail },
		items: Array.from({ length: items }, (_, n) => ({ json: { n } })),
	});
}

/** The value of a text part of a multipart body. */
function formField(body: unknown, name: string): string | undefined {
	const text = Buffer.isBuffer(body) ? body.toString('latin1') : String(body);
	return new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)\\r\\n`).exec(text)?.[1];
}

const available = {
	executing: [],
	available: [{ account: '987654321', maxJobs: 3, executing: 0, available: 3 }],
};
const running = {
	videoId: VID,
	status: 1,
	statusLabel: 'processing',
	statusFinal: false,
	percent: 40,
};
const done = {
	videoId: VID,
	status: 2,
	statusLabel: 'completed',
	statusFinal: true,
	videoURL: 'https://cdn.test/v.mp4',
};
const params = (extra: IDataObject = {}) =>
	videoParams('a cat', { downloadOptions: { returnAs: 'url' }, ...extra });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
	nock.enableNetConnect();
	// Unpatch http: a later test file in this worker would otherwise pass through nock's sockets,
	// which read a response eagerly (no backpressure).
	nock.restore();
});

describe('create → poll over HTTP (nock)', () => {
	it('fails fast on 400 without retrying, naming the API message', async () => {
		const api = nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(`${API}/videos/create`)
			.once()
			.reply(400, { error: 'Parameter model (X) is not supported', code: 400 });
		const result = await runUnit(params());
		expect(result.error?.message).toMatch(/rejected the request \(400\): Parameter model/);
		expect(api.isDone()).toBe(true);
	});

	it('falls back to single GETs when the listing fails, and retries a transient GET', async () => {
		const api = nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(
				`${API}/videos/create`,
				(body) => typeof body.replyRef === 'string' && body.replyRef.startsWith('n8n:'),
			)
			.reply(200, { videoId: VID, code: 200 })
			.get(`${API}/scheduler`)
			.times(3)
			.reply(500, { error: 'boom' })
			.get(`${API}/videos/${VID}`)
			.reply(200, running)
			.get(`${API}/videos/${VID}`)
			.reply(503, { error: 'busy' })
			.get(`${API}/videos/${VID}`)
			.reply(200, done);
		const result = await runUnit(params());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			id: VID,
			outcome: 'completed',
			url: 'https://cdn.test/v.mp4',
		});
		expect(api.isDone()).toBe(true);
	});

	it('adopts the job found by its replyRef tag after a 504 instead of creating it again', async () => {
		let tag = '';
		const api = nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(`${API}/videos/create`, (body) => {
				tag = String(body.replyRef);
				return true;
			})
			.once()
			.reply(504, { error: 'Gateway Timeout', code: 504 })
			.get(`${API}/scheduler`)
			.reply(200, () => [{ videoId: VID, replyRef: tag }])
			.get(`${API}/scheduler`)
			.reply(200, [])
			.get(`${API}/videos/${VID}`)
			.reply(200, done);
		const result = await runUnit(params());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.id).toBe(VID);
		expect(api.isDone()).toBe(true);
	});

	it('stops the whole run on 401 and never shows the token', async () => {
		nock(BASE).get(`${API}/scheduler/available`).reply(401, { error: 'Unauthorized', code: 401 });
		const result = await runUnit(params());
		expect(result.error?.message).toMatch(/401/);
		expect(JSON.stringify(result.error)).not.toContain(TOKEN);
	});

	it('a 401 on the first create stops the run (Continue On Fail too): the other items are never sent', async () => {
		let creates = 0;
		const api = nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(`${API}/videos/create`)
			.times(3)
			.reply(() => {
				creates += 1;
				return [401, { error: 'Unauthorized', code: 401 }];
			});
		// Even with Continue On Fail a 401 is every item's failure: each item says so, one create went out.
		const result = await runUnit(params({ prompt: '={{ "cat " + $json.n }}' }), true, 3);
		expect(result.items).toHaveLength(3);
		for (const item of result.items)
			expect(String(item.json.error)).toMatch(/token was rejected \(401 Unauthorized\)/);
		expect(JSON.stringify(result.items)).not.toContain(TOKEN);
		expect(creates).toBe(1);
		expect(api.pendingMocks()).toEqual([`POST ${BASE}:443${API}/videos/create`]);
	});

	it('waits the backoff after a 429 before sending the create again (not at once)', async () => {
		const at: number[] = [];
		const busy = {
			error: 'Account 987654321 is busy executing 3 videos',
			runningVideos: { 987654321: [] },
			code: 429,
		};
		nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(`${API}/videos/create`)
			.reply(() => (at.push(Date.now()), [429, busy]))
			.post(`${API}/videos/create`)
			.reply(() => (at.push(Date.now()), [200, { videoId: VID, code: 200 }]));
		// Not waiting: the base of the backoff is 2 s, so the retry comes 1-2 s after the 429.
		const result = await runUnit(params({ waitForCompletion: false }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: VID, status: 'submitted', attempts: 2 });
		expect(at).toHaveLength(2);
		expect(at[1] - at[0]).toBeGreaterThanOrEqual(1000);
	});

	it('an agent create answered without a job id: the job is found by its replyRef tag, not sent again', async () => {
		const JOB = 'p123456789-u1234-a987654321-bot:minimax';
		let tag = '';
		let reads = 0;
		let runs = 0;
		let listings = 0;
		nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(`${API}/agent`)
			.reply((_, body) => {
				runs += 1;
				tag = formField(body, 'replyRef') ?? '';
				return [200, { status: 'started' }];
			})
			// Listed while running (the lookup), gone once it ended (the poll).
			.get(`${API}/agent/jobs`)
			.times(5)
			.reply(() =>
				(listings += 1) === 1
					? [
							200,
							{
								accounts: ['987654321'],
								summary: {},
								executing: { 987654321: [{ jobId: JOB, elapsed: '00:01' }] },
							},
						]
					: [200, { accounts: ['987654321'], summary: {}, executing: {} }],
			)
			.get(`${API}/agent/${JOB}`)
			.times(2)
			.reply(() =>
				(reads += 1) === 1
					? [
							200,
							{
								jobId: JOB,
								status: 'started',
								request: { prompt: 'p', models: ['hailuo-2.3'], replyRef: tag },
							},
						]
					: [
							200,
							{
								jobId: JOB,
								status: 'completed',
								request: { replyRef: tag },
								response: { msg_content: 'ok', attachments: [] },
							},
						],
			);
		const result = await runUnit({
			resource: 'agent',
			operation: 'run',
			agentPrompt: 'p',
			agentModels: ['hailuo-2.3'],
			waitOptions: FAST_WAIT,
			downloadOptions: { returnAs: 'url' },
		});
		expect(result.error).toBeUndefined();
		expect(tag).toMatch(/^n8n:/);
		expect(result.items[0].json).toMatchObject({ jobId: JOB, outcome: 'completed' });
		expect(runs).toBe(1);
		expect(reads).toBe(2);
	});

	it('a template stream without a videoId: the video is found in GET /scheduler by its tag', async () => {
		let tag = '';
		let schedulerCalls = 0;
		nock(BASE)
			.get(`${API}/scheduler/available`)
			.reply(200, available)
			.post(`${API}/videos/agent-create`, (body) => ((tag = String(body.replyRef)), true))
			.reply(200, `data: ${JSON.stringify({ percent: 10 })}\n\n`, {
				'Content-Type': 'text/event-stream',
			})
			.get(`${API}/scheduler`)
			.times(5)
			.reply(() =>
				(schedulerCalls += 1) === 1 ? [200, [{ videoId: VID, replyRef: tag }]] : [200, []],
			)
			.get(`${API}/videos/${VID}`)
			.reply(200, done);
		const result = await runUnit({
			resource: 'video',
			operation: 'createFromTemplate',
			templateId: '1122334455667704',
			templatePrompt: 'a story',
			waitOptions: FAST_WAIT,
			downloadOptions: { returnAs: 'url' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: VID, outcome: 'completed' });
		expect(schedulerCalls).toBeGreaterThanOrEqual(2);
	});
});

describe('parsers', () => {
	it('reads the final event of a template stream, or only its videoId', () => {
		const stream = [
			`data: ${JSON.stringify({ videoId: VID, status: 1, statusFinal: false })}`,
			': keep-alive',
			`data: ${JSON.stringify({ ...done })}`,
			'',
		].join('\n\n');
		expect(parseEventStream(stream)).toHaveLength(2);
		expect(parseTemplateCreate(stream)).toEqual({ ids: [VID], finals: { [VID]: done } });
		const cut = `data: ${JSON.stringify({ videoId: VID, status: 12, statusFinal: false })}\n\n`;
		expect(parseTemplateCreate(cut)).toEqual({ ids: [VID], finals: {} });
		expect(parseTemplateCreate({ videoId: VID, code: 200 })).toEqual({ ids: [VID], finals: {} });
		expect(parseTemplateCreate('data: not json\n\n')).toEqual({ ids: [], finals: {} });
	});

	it('finds the agent job id wherever the answer puts it', () => {
		const id = 'p123456789-u12345-a67890-bot:minimax';
		for (const body of [{ jobId: id }, { job: { jobId: id } }, { data: { jobId: id } }, { id }]) {
			expect(agentJobOf(body)?.jobId).toBe(id);
		}
		expect(parseAgentCreate({ jobId: id, status: 'completed' }).finals[id]).toBeDefined();
		expect(parseAgentCreate({ jobId: id, status: 'started' }).finals).toEqual({});
		expect(agentJobOf({ nothing: true })).toBeUndefined();
	});

	it('builds multipart bodies the server-side parser reads back byte for byte', () => {
		const data = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]);
		const { body, contentType } = buildMultipart(
			{ prompt: 'hi "there"', async: 'true', empty: '' },
			[{ field: 'file', fileName: 'a.png', mimeType: 'image/png', data }],
		);
		const parsed = parseMultipart(body, contentType);
		expect(parsed.fields).toEqual({ prompt: 'hi "there"', async: 'true' });
		expect(parsed.files).toHaveLength(1);
		expect(Buffer.compare(parsed.files[0].data, data)).toBe(0);
		expect(parsed.files[0].type).toBe('image/png');
	});
});
