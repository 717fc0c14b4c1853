import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import { checkAccount, checkId, isSafePath } from '../../nodes/shared/ids';
import { startSim, type Sim } from '../generate/helpers';
import { runNode } from '../harness';
import { callWebhook } from '../trigger/webhook-context';
import {
	callbackBody,
	idsOf,
	injectionCases,
	PAYLOADS,
	PNG,
	TRIGGER_PARAMETERS,
} from './injection';

/** Issue 13, class 5: ids and accounts are checked against the documented grammar before any request. */
const IDS = idsOf('300000001');
const { ACCOUNT, VIDEO, IMAGE, FILE, AGENT } = IDS;
const TOKEN = 'user:4242-InjectTok5Hq8Zr3Kt6Ym1';
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

const cases = injectionCases(IDS);

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
			parameters: TRIGGER_PARAMETERS,
			body: callbackBody(text, VIDEO),
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
