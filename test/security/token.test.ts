import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { secretsOf } from '../../nodes/shared/redact';
import { FAST_WAIT, startSim, type Sim } from '../generate/helpers';
import { runNode, type RunNodeResult } from '../harness';
import { createHostile, tokenArrivals, type Action, type Hostile } from './hostile';

/**
 * Issue 13, classes 1 and 2: a hostile API that redirects to another loopback host, and one that
 * echoes the Authorization header in its error bodies. The token must never arrive elsewhere and
 * never appear in an error or an output.
 */
const TOKEN = 'user:4242-HostileTok9Qx7Lm2Vp4Rs8Wn';
const SECRETS = secretsOf(TOKEN);
const GENERATE = 'n8n-nodes-useapi-minimax.minimaxGenerate';
const DECLARATIVE = 'n8n-nodes-useapi-minimax.minimax';

let sim: Sim;
let hostile: Hostile | undefined;
beforeAll(async () => {
	sim = await startSim({
		token: TOKEN,
		jobMs: 200,
		accounts: [{ account: '400000001', maxJobs: 3, paid: true }],
	});
});
afterEach(async () => {
	await hostile?.close();
	hostile = undefined;
	sim.reset();
});
afterAll(async () => await sim.close());

async function front(rule: (req: { method: string; url: string }) => Action): Promise<Hostile> {
	hostile = await createHostile({ sim, rule });
	return hostile;
}

async function run(type: string, parameters: IDataObject, baseUrl: string): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [GENERATE]: new MinimaxGenerate(), [DECLARATIVE]: new Minimax() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl } },
		node: { type, parameters, continueOnFail: true },
	});
}

/** Everything a user or a log could see of a run. */
function visible(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string; cause?: unknown }) | undefined;
	return JSON.stringify({
		items: result.items,
		message: error?.message,
		description: error?.description,
		stack: error?.stack,
		error: error
			? Object.fromEntries(
					Object.getOwnPropertyNames(error).map((k) => [k, (error as unknown as IDataObject)[k]]),
				)
			: undefined,
		execution: result.execution,
	});
}

const leaks = (text: string) => SECRETS.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
const videoCreate = (extra: IDataObject = {}) => ({
	resource: 'video',
	operation: 'create',
	videoModel: 'T2V-01',
	prompt: 'a hostile test',
	waitOptions: { ...FAST_WAIT, timeout: 0.05 },
	...extra,
});

describe('redirects never carry the token to another origin', () => {
	it.each([301, 302, 303, 307, 308])(
		'declarative node: a %i to another host is not followed and names the redirect',
		async (status) => {
			const h = await front(() => ({ redirect: status }));
			const result = await run(DECLARATIVE, { resource: 'account', operation: 'getAll' }, h.url);
			expect(h.elsewhere.requests).toHaveLength(0);
			expect(String(result.items[0]?.json.error ?? result.error?.message)).toMatch(
				new RegExp(`redirect \\(${status}\\)`),
			);
		},
	);

	it('generate node: creates, scheduler reads and polls redirected elsewhere never reach it', async () => {
		const h = await front((req) =>
			req.url.includes('/scheduler') || req.url.includes('/videos/')
				? { redirect: 307 }
				: undefined,
		);
		const result = await run(GENERATE, videoCreate(), h.url);
		expect(h.served.filter((s) => s.action === 'redirect').length).toBeGreaterThan(0);
		expect(tokenArrivals(h.elsewhere, SECRETS)).toEqual([]);
		expect(h.elsewhere.requests).toHaveLength(0);
		expect(leaks(visible(result))).toEqual([]);
	});

	it('generate node: a same-origin redirect is followed, with the token (the API may move a path)', async () => {
		const h = await front((req) =>
			req.url.startsWith('/v1/minimax/scheduler/available') ? { redirectSame: 302 } : undefined,
		);
		const generate = await run(GENERATE, videoCreate({ waitForCompletion: false }), h.url);
		expect(generate.items[0].json.error).toBeUndefined();
		expect(h.served.filter((s) => s.url.includes('hop=1'))).toHaveLength(1);
		expect(h.elsewhere.requests).toHaveLength(0);
	});

	it('declarative node: a same-origin redirect is not followed either (n8n-core follows none)', async () => {
		const h = await front((req) =>
			req.url.startsWith('/v1/minimax/accounts') ? { redirectSame: 302 } : undefined,
		);
		const result = await run(DECLARATIVE, { resource: 'account', operation: 'getAll' }, h.url);
		expect(String(result.items[0]?.json.error ?? '')).toMatch(/redirect \(302\)/);
		expect(h.served.some((s) => s.url.includes('hop=1'))).toBe(false);
	});

	it('a result download on the API origin that redirects elsewhere follows without the token', async () => {
		const h = await front((req) => (req.url.startsWith('/cdn/') ? { redirect: 302 } : undefined));
		// Result URLs on the API's own origin: the download starts with the token, the hop drops it.
		(sim as unknown as { state: { base: string } }).state.base = h.url;
		const result = await run(
			GENERATE,
			videoCreate({ waitOptions: { pollInterval: 0.1, timeout: 1 } }),
			h.url,
		);
		expect(result.items[0].json.error).toBeUndefined();
		expect(h.elsewhere.requests.length).toBeGreaterThan(0);
		expect(h.elsewhere.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
		expect(tokenArrivals(h.elsewhere, SECRETS)).toEqual([]);
		expect(result.items[0].binary?.data).toBeDefined();
	});

	it('the declarative node and the credential test disable redirects and cross-origin credentials', () => {
		const defaults = new Minimax().description.requestDefaults as IDataObject;
		expect(defaults).toMatchObject({
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		});
		expect(new UseApiMinimaxApi().test.request).toMatchObject({
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		});
	});
});

describe('a server echoing the Authorization header never puts the token into an error or output', () => {
	it.each([400, 401, 404, 500, 502])('declarative node, %i', async (status) => {
		const h = await front(() => ({ echo: status }));
		const result = await run(
			DECLARATIVE,
			{
				resource: 'video',
				operation: 'getAll',
				account: { __rl: true, mode: 'id', value: '400000001' },
			},
			h.url,
		);
		expect(h.served.length).toBeGreaterThan(0);
		const text = visible(result);
		// 401 has its own fixed wording; the others quote the API's message, redacted.
		if (status !== 401) expect(text).toContain('[redacted]');
		expect(leaks(text)).toEqual([]);
	});

	it.each([400, 401, 404, 500, 502])('generate node, %i on every request', async (status) => {
		const h = await front(() => ({ echo: status }));
		const result = await run(GENERATE, videoCreate(), h.url);
		const text = visible(result);
		expect(result.items[0].json.error).toBeDefined();
		expect(leaks(text)).toEqual([]);
	});

	it.each([400, 404])('an upper-cased echo (%i) is redacted too, in both nodes', async (status) => {
		const h = await front(() => ({ echoUpper: status }));
		const declarative = await run(
			DECLARATIVE,
			{ resource: 'video', operation: 'get', videoId: 'user:4242-minimax:400000001-video:1' },
			h.url,
		);
		const generate = await run(GENERATE, videoCreate(), h.url);
		expect(leaks(visible(declarative))).toEqual([]);
		expect(leaks(visible(generate))).toEqual([]);
	});

	it('generate node, 400 on the create only (the per-item error quotes the API message, redacted)', async () => {
		const h = await front((req) =>
			req.url.includes('/videos/create') ? { echo: 400 } : undefined,
		);
		const result = await run(GENERATE, videoCreate(), h.url);
		const text = visible(result);
		expect(String(result.items[0].json.error)).toContain('Authorization: Bearer [redacted]');
		expect(leaks(text)).toEqual([]);
	});
});
