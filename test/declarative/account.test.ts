import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { CredentialsHelper, NodeTypes } from '../harness';
import {
	ACCOUNT,
	api,
	BASE,
	jsonOf,
	pairsOf,
	picked,
	run,
	setupNock,
	TOKEN,
	TYPE,
} from './helpers';

const accountRecord = (account: string, name: string) => ({
	account,
	jwt: { token: 'abc…secured…xyz', user: { id: account, name }, host: 'hailuoai.video' },
	maxJobs: 3,
	supportVideo: true,
});

/** The node and an n8n-core LoadOptionsContext for its Account pickers (the editor's list search). */
function listSearchContext() {
	const node: INode = {
		id: 'n',
		name: 'MiniMax',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { useApiMinimaxApi: { id: '1', name: 'useapi' } },
	};
	const minimax = new Minimax();
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [TYPE]: minimax }),
	});
	const credentialsHelper = new CredentialsHelper(
		{ useApiMinimaxApi: new UseApiMinimaxApi() },
		{ useApiMinimaxApi: { apiToken: TOKEN, baseUrl: BASE } },
	);
	const context = new LoadOptionsContext(workflow, node, { credentialsHelper } as never, 'account');
	return { minimax, context };
}

describe('Account and Feature', () => {
	setupNock();

	test('Get Many returns one item per account from the map, paired with the input', async () => {
		api()
			.get('/v1/minimax/accounts')
			.reply(200, {
				[ACCOUNT]: accountRecord(ACCOUNT, 'Jane'),
				'123456': accountRecord('123456', 'Bob'),
			});
		const result = await run({ resource: 'account', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		// Integer-like keys keep JavaScript's ascending order.
		expect(jsonOf(result).map((j) => j.account)).toEqual(['123456', ACCOUNT]);
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Get Many honours Limit and treats 404 (nothing configured) as no items', async () => {
		api()
			.get('/v1/minimax/accounts')
			.reply(200, {
				[ACCOUNT]: accountRecord(ACCOUNT, 'Jane'),
				'123456': accountRecord('123456', 'Bob'),
			});
		const limited = await run({
			resource: 'account',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(jsonOf(limited).map((j) => j.account)).toEqual(['123456']);

		api().get('/v1/minimax/accounts').reply(404, { error: 'Configuration not found', code: 404 });
		const none = await run({ resource: 'account', operation: 'getAll', returnAll: true });
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	});

	test('Get puts the account into the path, from the list or by ID (trimmed)', async () => {
		api().get(`/v1/minimax/accounts/${ACCOUNT}`).reply(200, accountRecord(ACCOUNT, 'Jane'));
		const result = await run({
			resource: 'account',
			operation: 'get',
			account: picked(` ${ACCOUNT} `, 'id'),
		});
		expect(jsonOf(result)).toEqual([accountRecord(ACCOUNT, 'Jane')]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get with an account expression that resolves empty fails before any request', async () => {
		const result = await run({
			resource: 'account',
			operation: 'get',
			account: picked('={{ "  " }}', 'id'),
		});
		expect(result.error?.message).toBe('"Account" is empty');
	});

	test('Create or Update posts url, token and maxJobs as JSON', async () => {
		const body = {
			url: 'https://hailuoai.video/v3/api/multimodal/video/my/cursor?device_id=1',
			token: 'eyJhbGciOi.jwt',
			maxJobs: 4,
		};
		api()
			.post('/v1/minimax/accounts', body)
			.matchHeader('content-type', /application\/json/)
			.reply(201, accountRecord(ACCOUNT, 'Jane'));
		const result = await run({
			resource: 'account',
			operation: 'upsert',
			url: ` ${body.url} `,
			token: body.token,
			maxJobs: 4,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([accountRecord(ACCOUNT, 'Jane')]);
		const tokenField = new Minimax().description.properties.find((p) => p.name === 'token');
		expect(tokenField?.typeOptions?.password).toBe(true);
	});

	test('Create or Update refuses Max Jobs outside 1–10 without calling the API', async () => {
		const result = await run({
			resource: 'account',
			operation: 'upsert',
			url: 'https://hailuoai.video/x',
			token: 'jwt',
			maxJobs: 11,
		});
		expect(result.error?.message).toContain('"Max Jobs" must be a whole number from 1 to 10');
	});

	test('Delete answers 204 with no body and outputs {deleted: true}', async () => {
		api().delete(`/v1/minimax/accounts/${ACCOUNT}`).reply(204);
		const result = await run({
			resource: 'account',
			operation: 'delete',
			account: picked(ACCOUNT),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Feature Get sends account only when one is picked', async () => {
		const features = { totalCredits: 100, memberName: 'Free', modelControl: [] };
		api().get('/v1/minimax/features').query({ account: ACCOUNT }).reply(200, features);
		const withAccount = await run({
			resource: 'feature',
			operation: 'get',
			account: picked(ACCOUNT),
		});
		expect(jsonOf(withAccount)).toEqual([features]);

		api()
			.get('/v1/minimax/features')
			.query({})
			.reply(200, { ...features, totalCredits: 5 });
		const without = await run({ resource: 'feature', operation: 'get', account: picked('') });
		expect(jsonOf(without)).toEqual([{ ...features, totalCredits: 5 }]);
	});

	test('the account picker lists GET /accounts through the shared transport', async () => {
		api()
			.get('/v1/minimax/accounts')
			.times(2)
			.reply(200, {
				[ACCOUNT]: accountRecord(ACCOUNT, 'Jane'),
				'123456': { ...accountRecord('123456', 'Bob'), error: 'expired' },
			});
		const { minimax, context } = listSearchContext();
		const all = await minimax.methods.listSearch.searchAccounts.call(context);
		expect(all.results).toEqual([
			{ name: '123456 (Bob, error)', value: '123456' },
			{ name: `${ACCOUNT} (Jane)`, value: ACCOUNT },
		]);
		const filtered = await minimax.methods.listSearch.searchAccounts.call(context, 'bob');
		expect(filtered.results.map((r) => r.value)).toEqual(['123456']);
	});

	test('the speech/music picker lists only accounts not marked supportAudio: false', async () => {
		api()
			.get('/v1/minimax/accounts')
			.reply(200, {
				'111': { ...accountRecord('111', 'Audio'), supportAudio: true },
				'222': { ...accountRecord('222', 'Video only'), supportAudio: false },
				'333': accountRecord('333', 'Unknown'),
			});
		const { minimax, context } = listSearchContext();
		const audio = await minimax.methods.listSearch.searchAudioAccounts.call(context);
		expect(audio.results.map((r) => r.value)).toEqual(['111', '333']);
	});
});
