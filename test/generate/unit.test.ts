import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { agentJobOf, parseAgentCreate } from '../../nodes/MinimaxGenerate/actions/agent/run';
import { parseEventStream, parseTemplateCreate } from '../../nodes/MinimaxGenerate/actions/video/createFromTemplate';
import { buildMultipart } from '../../nodes/MinimaxGenerate/engine/media';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { runNode } from '../harness';
import { parseMultipart } from '../simulator/multipart';
import { NODE_TYPE, videoParams } from './helpers';

const BASE = 'https://api.test';
const API = '/v1/minimax';
const VID = 'user:1234-minimax:987654321-video:998877665544332211';
const TOKEN = 'user:1234-unit0123456789';

async function runUnit(parameters: IDataObject, continueOnFail = false) {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new MinimaxGenerate() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: BASE } },
		node: { type: NODE_TYPE, parameters, continueOnFail },
		items: [{ json: {} }],
	});
}

const available = { executing: [], available: [{ account: '987654321', maxJobs: 3, executing: 0, available: 3 }] };
const running = { videoId: VID, status: 1, statusLabel: 'processing', statusFinal: false, percent: 40 };
const done = { videoId: VID, status: 2, statusLabel: 'completed', statusFinal: true, videoURL: 'https://cdn.test/v.mp4' };
const params = (extra: IDataObject = {}) => videoParams('a cat', { downloadOptions: { returnAs: 'url' }, ...extra });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('create → poll over HTTP (nock)', () => {
	it('fails fast on 400 without retrying, naming the API message', async () => {
		const api = nock(BASE)
			.get(`${API}/scheduler/available`).reply(200, available)
			.post(`${API}/videos/create`).once().reply(400, { error: 'Parameter model (X) is not supported', code: 400 });
		const result = await runUnit(params());
		expect(result.error?.message).toMatch(/rejected the request \(400\): Parameter model/);
		expect(api.isDone()).toBe(true);
	});

	it('falls back to single GETs when the listing fails, and retries a transient GET', async () => {
		const api = nock(BASE)
			.get(`${API}/scheduler/available`).reply(200, available)
			.post(`${API}/videos/create`, (body) => typeof body.replyRef === 'string' && body.replyRef.startsWith('n8n:'))
			.reply(200, { videoId: VID, code: 200 })
			.get(`${API}/scheduler`).times(3).reply(500, { error: 'boom' })
			.get(`${API}/videos/${VID}`).reply(200, running)
			.get(`${API}/videos/${VID}`).reply(503, { error: 'busy' })
			.get(`${API}/videos/${VID}`).reply(200, done);
		const result = await runUnit(params());
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: VID, outcome: 'completed', url: 'https://cdn.test/v.mp4' });
		expect(api.isDone()).toBe(true);
	});

	it('adopts the job found by its replyRef tag after a 504 instead of creating it again', async () => {
		let tag = '';
		const api = nock(BASE)
			.get(`${API}/scheduler/available`).reply(200, available)
			.post(`${API}/videos/create`, (body) => {
				tag = String(body.replyRef);
				return true;
			})
			.once()
			.reply(504, { error: 'Gateway Timeout', code: 504 })
			.get(`${API}/scheduler`).reply(200, () => [{ videoId: VID, replyRef: tag }])
			.get(`${API}/scheduler`).reply(200, [])
			.get(`${API}/videos/${VID}`).reply(200, done);
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
		const { body, contentType } = buildMultipart({ prompt: 'hi "there"', async: 'true', empty: '' }, [
			{ field: 'file', fileName: 'a.png', mimeType: 'image/png', data },
		]);
		const parsed = parseMultipart(body, contentType);
		expect(parsed.fields).toEqual({ prompt: 'hi "there"', async: 'true' });
		expect(parsed.files).toHaveLength(1);
		expect(Buffer.compare(parsed.files[0].data, data)).toBe(0);
		expect(parsed.files[0].type).toBe('image/png');
	});
});
