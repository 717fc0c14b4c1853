import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { runNode } from '../harness';
import { apiLog, startSim, type Sim } from '../generate/helpers';
import { simApi, TYPE, picked } from './helpers';

/**
 * Every video-side operation of the declarative node against the strict simulator: each request must
 * pass the allow-list of spec/minimax-v1.endpoints.json (field names, types, content types), with
 * Return All and with a Limit.
 */
const A = '111111111';
const B = '222222222';
let sim: Sim;

async function run(parameters: IDataObject) {
	const result = await runNode({
		nodeTypes: { [TYPE]: new Minimax() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		node: { type: TYPE, parameters },
	});
	return { error: result.error, json: result.items.map((i) => i.json) };
}

const api = (method: string, path: string, body?: unknown, type?: string) =>
	simApi(sim, method, path, body, type);

beforeAll(async () => {
	sim = await startSim({
		filesListing: 'uploaded',
		accounts: [
			{ account: A, maxJobs: 5 },
			{ account: B, maxJobs: 2 },
		],
	});
});
afterAll(async () => await sim?.close());

const acct = (account = A) => ({ account: picked(account) });

describe('declarative node against the strict simulator', () => {
	it.each([
		['account', 'getAll', { returnAll: true }],
		['account', 'getAll', { returnAll: false, limit: 1 }],
		['account', 'get', acct()],
		['feature', 'get', acct()],
		['video', 'getAll', { ...acct(), returnAll: false, limit: 2 }],
		['video', 'getAll', { ...acct(), returnAll: true }],
		['video', 'getCharacters', { ...acct(), returnAll: false, limit: 1 }],
		['video', 'getCharacters', { ...acct(), returnAll: true }],
		['video', 'getTemplates', { ...acct(), returnAll: false, limit: 2 }],
		['video', 'getTemplates', { ...acct(), returnAll: true }],
		['video', 'getTemplate', { ...acct(), templateId: '1122334455667701' }],
		['image', 'getAll', { ...acct(), returnAll: false, limit: 1 }],
		['image', 'getAll', { ...acct(), returnAll: true }],
		['file', 'getAll', { ...acct(), returnAll: false, limit: 1 }],
		['file', 'getAll', { ...acct(), returnAll: true }],
		['agentJob', 'getRunning', { returnAll: true }],
		['scheduler', 'getAll', { returnAll: true }],
		['scheduler', 'getCapacity', {}],
	])('%s → %s %j', async (resource, operation, extra) => {
		sim.reset();
		for (let i = 0; i < 3; i++)
			await api('POST', '/videos/create', { account: A, prompt: `v${i} [ms=600000]` });
		await api('POST', '/images/create', { account: A, prompt: 'img [ms=600000]', quantity: 2 });
		await api(`POST`, `/files?account=${A}`, Buffer.from('\x89PNG'), 'image/png');
		const result = await run({ resource, operation, ...extra });
		expect(result.error).toBeUndefined();
		const refused = apiLog(sim).filter((e) => Number(e.status) >= 400);
		expect(refused).toEqual([]);
		expect(
			apiLog(sim).filter(
				(e) =>
					e.kind === 'api' &&
					String(e.op).startsWith(`${resource === 'agentJob' ? 'agent' : resource}`),
			).length,
		).toBeGreaterThan(0);
	});

	it('Get, Cancel and Delete by id; Account → Create or Update; Scheduler → Delete', async () => {
		sim.reset();
		const video = String(
			(await api('POST', '/videos/create', { account: A, prompt: 'x [ms=600000]' })).videoId,
		);
		const other = String(
			(await api('POST', '/videos/create', { account: A, prompt: 'y [ms=600000]' })).videoId,
		);
		const image = String(
			((await api('POST', '/images/create', { account: A, prompt: 'i' })).imageIds as string[])[0],
		);
		const file = String(
			(await api('POST', `/files?account=${A}`, Buffer.from('\x89PNG'), 'image/png')).fileID,
		);
		const fd = new FormData();
		for (const [k, v] of Object.entries({
			account: A,
			prompt: 'p [ms=600000]',
			models: 'hailuo-2.3',
			async: 'true',
		}))
			fd.append(k, v);
		const job = String(
			(
				(await (
					await fetch(`${sim.url}/v1/minimax/agent`, {
						method: 'POST',
						headers: { Authorization: `Bearer ${sim.token}` },
						body: fd,
					})
				).json()) as IDataObject
			).jobId,
		);
		const runs: Array<[IDataObject, (json: IDataObject[]) => void]> = [
			[
				{ resource: 'video', operation: 'get', videoId: video, simplify: false },
				(j) => expect(j[0].videoId).toBe(video),
			],
			[
				{ resource: 'video', operation: 'cancel', videoId: video },
				(j) => expect(j).toHaveLength(1),
			],
			[
				{ resource: 'video', operation: 'delete', videoId: video },
				(j) => expect(j).toEqual([{ deleted: true }]),
			],
			[
				{ resource: 'scheduler', operation: 'delete', schedulerId: other },
				(j) => expect(j).toHaveLength(1),
			],
			[
				{ resource: 'image', operation: 'get', imageId: image, simplify: false },
				(j) => expect(j[0].imageId).toBe(image),
			],
			[
				{ resource: 'image', operation: 'delete', imageId: image },
				(j) => expect(j).toEqual([{ deleted: true }]),
			],
			[
				{ resource: 'file', operation: 'delete', fileId: file },
				(j) => expect(j).toEqual([{ deleted: true }]),
			],
			[{ resource: 'agentJob', operation: 'get', jobId: job }, (j) => expect(j[0].jobId).toBe(job)],
			[
				{
					resource: 'account',
					operation: 'upsert',
					url: 'https://hailuoai.video/v3/api/multimodal/video/my/cursor?device_id=1',
					token: 'jwt-token',
					maxJobs: 2,
				},
				(j) => expect(j[0].maxJobs).toBe(2),
			],
		];
		for (const [parameters, check] of runs) {
			const result = await run(parameters);
			expect({ parameters, error: result.error?.message }).toEqual({
				parameters,
				error: undefined,
			});
			check(result.json);
		}
		expect(apiLog(sim).filter((e) => Number(e.status) >= 400)).toEqual([]);
	});
});
