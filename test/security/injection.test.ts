import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import { checkAccount, checkId, isSafePath } from '../../nodes/shared/ids';
import { startSim, type Sim } from '../generate/helpers';
import { runNode } from '../harness';
import { callWebhook } from '../trigger/webhook-context';
import { ACCOUNT_PAYLOADS, fill, PAYLOADS } from './injection';

/** Issue 13, class 5: ids and accounts are checked against the documented grammar before any request. */
const ACCOUNT = '300000001';
const UID = '4242';
const VIDEO = `user:${UID}-minimax:${ACCOUNT}-video:998877665544332211`;
const IMAGE = `user:${UID}-minimax:${ACCOUNT}-image:357846312387492374`;
const FILE = `user:${UID}-minimax:${ACCOUNT}-file:335577991133557799`;
const AGENT = `p123456789-u${UID}-a${ACCOUNT}-bot:minimax`;
const TOKEN = `user:${UID}-InjectTok5Hq8Zr3Kt6Ym1`;
const GENERATE = 'n8n-nodes-useapi-minimax.minimaxGenerate';
const DECLARATIVE = 'n8n-nodes-useapi-minimax.minimax';
const TRIGGER = 'n8n-nodes-useapi-minimax.minimaxTrigger';

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({
		token: TOKEN,
		jobMs: 200,
		accounts: [{ account: ACCOUNT, maxJobs: 3, paid: true }],
	});
});
afterAll(async () => await sim.close());

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** node, parameter set for a value, the valid value the payload is built on. */
const TARGETS: Array<[string, string, (v: string) => IDataObject, string]> = [
	['declarative', 'video get', (v) => ({ resource: 'video', operation: 'get', videoId: v }), VIDEO],
	[
		'declarative',
		'video delete',
		(v) => ({ resource: 'video', operation: 'delete', videoId: v }),
		VIDEO,
	],
	[
		'declarative',
		'video cancel',
		(v) => ({ resource: 'video', operation: 'cancel', videoId: v }),
		VIDEO,
	],
	['declarative', 'image get', (v) => ({ resource: 'image', operation: 'get', imageId: v }), IMAGE],
	[
		'declarative',
		'image delete',
		(v) => ({ resource: 'image', operation: 'delete', imageId: v }),
		IMAGE,
	],
	[
		'declarative',
		'file delete',
		(v) => ({ resource: 'file', operation: 'delete', fileId: v }),
		FILE,
	],
	[
		'declarative',
		'agent job get',
		(v) => ({ resource: 'agentJob', operation: 'get', jobId: v }),
		AGENT,
	],
	[
		'declarative',
		'scheduler delete',
		(v) => ({ resource: 'scheduler', operation: 'delete', schedulerId: v }),
		VIDEO,
	],
	[
		'declarative',
		'template get',
		(v) => ({ resource: 'video', operation: 'getTemplate', templateId: v }),
		'1122334455667788',
	],
	[
		'declarative',
		'account get',
		(v) => ({ resource: 'account', operation: 'get', account: rl(v) }),
		ACCOUNT,
	],
	[
		'declarative',
		'account delete',
		(v) => ({ resource: 'account', operation: 'delete', account: rl(v) }),
		ACCOUNT,
	],
	[
		'declarative',
		'video get many (account)',
		(v) => ({ resource: 'video', operation: 'getAll', account: rl(v), limit: 5 }),
		ACCOUNT,
	],
	[
		'declarative',
		'feature get (account)',
		(v) => ({ resource: 'feature', operation: 'get', account: rl(v) }),
		ACCOUNT,
	],
	[
		'generate',
		'video create (Account)',
		(v) => ({
			resource: 'video',
			operation: 'create',
			videoModel: 'T2V-01',
			prompt: 'x',
			account: v,
			waitForCompletion: false,
		}),
		ACCOUNT,
	],
	[
		'generate',
		'video create (Image File ID)',
		(v) => ({
			resource: 'video',
			operation: 'create',
			videoModel: 'I2V-01',
			prompt: 'x',
			imageSource: 'fileId',
			imageFileId: v,
			waitForCompletion: false,
		}),
		FILE,
	],
	[
		'generate',
		'template create (Template ID)',
		(v) => ({
			resource: 'video',
			operation: 'createFromTemplate',
			templateId: v,
			waitForCompletion: false,
		}),
		'1122334455667788',
	],
	[
		'generate',
		'file upload (Account)',
		(v) => ({ resource: 'file', operation: 'upload', account: v }),
		ACCOUNT,
	],
];

const isAccount = (valid: string) => /^\d+$/.test(valid);
const cases = TARGETS.flatMap(([node, name, params, valid]) =>
	(isAccount(valid) ? ACCOUNT_PAYLOADS : PAYLOADS).map(
		([payload, text]) => [node, `${name}: ${payload}`, params(fill(text, valid))] as const,
	),
);

const PNG: INodeExecutionData = {
	json: {},
	binary: {
		data: {
			data: Buffer.from('89504e470d0a1a0a', 'hex').toString('base64'),
			mimeType: 'image/png',
			fileName: 'a.png',
		},
	},
};

describe('the injection table: refused before any request, naming the field', () => {
	it.each(cases)('[%s] %s', async (node, _name, parameters) => {
		const before = sim.log.length;
		const result = await runNode({
			nodeTypes: { [GENERATE]: new MinimaxGenerate(), [DECLARATIVE]: new Minimax() },
			credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
			credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: sim.url } },
			node: {
				type: node === 'generate' ? GENERATE : DECLARATIVE,
				parameters,
				continueOnFail: true,
			},
			items: [PNG],
		});
		const error = String(result.items[0]?.json.error ?? result.error?.message ?? '');
		expect(error).toMatch(
			/"(Video ID|Image ID|File ID|Agent Job ID|Job ID|ID|Template ID|Account|Image File ID)"|Template ID|Account/,
		);
		expect(sim.log.slice(before)).toEqual([]);
	});
});

describe('callback ids are checked before the authenticated read', () => {
	it.each(PAYLOADS)('trigger, videoId with %s: 400 and no request', async (_name, text) => {
		const before = sim.log.length;
		const r = await callWebhook({
			nodeType: new MinimaxTrigger(),
			credentialType: new UseApiMinimaxApi(),
			credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: sim.url } },
			type: TRIGGER,
			parameters: {
				requireSecret: false,
				events: ['completed'],
				kinds: ['video', 'image', 'agent'],
				options: { downloadResult: true },
				simplify: true,
			},
			body: { videoId: fill(text, VIDEO), status: 2, statusLabel: 'completed', statusFinal: true },
		});
		expect(r.res.statusCode).toBe(400);
		expect(r.items).toEqual([]);
		expect(sim.log.slice(before)).toEqual([]);
	});
});

describe('the grammar itself', () => {
	it('accepts the documented forms', () => {
		for (const id of [VIDEO, IMAGE, FILE]) expect(checkId(id, 'ID')).toBe(id);
		expect(checkId(AGENT, 'ID', 'agent')).toBe(AGENT);
		expect(checkAccount(' 987654321 ')).toBe('987654321');
		expect(checkAccount(987654321)).toBe('987654321');
	});

	it('refuses objects and arrays from expressions, naming the field', () => {
		expect(() => checkId({ id: VIDEO }, 'Video ID')).toThrow(
			/"Video ID" must be text, but an expression gave a object|"Video ID" must be text/,
		);
		expect(() => checkAccount([ACCOUNT], 'Account')).toThrow(
			/"Account" must be text, but an expression gave an array/,
		);
	});

	it('the transport refuses any path outside the id alphabet (last line of defence)', () => {
		expect(isSafePath(`/videos/${VIDEO}`)).toBe(true);
		expect(isSafePath(`/agent/${AGENT}`)).toBe(true);
		for (const bad of [
			'/videos/../accounts/1',
			'/videos/a?b',
			'/videos/a#b',
			'/videos/a\\b',
			'/videos/a%2F',
			'/videos/a b',
			'/videos/./x',
		]) {
			expect(isSafePath(bad)).toBe(false);
		}
	});
});
