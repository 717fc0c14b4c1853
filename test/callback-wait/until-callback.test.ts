import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { NODE_TYPE, ops, startSim, videoParams, type Sim } from '../generate/helpers';
import { runNode, type RunNodeResult } from '../harness';
import { callWebhook } from '../trigger/webhook-context';
import { createReceiver, type ReceivedCall, type Receiver } from './receiver';

const MEDIA_BYTES = 4000;
let sim: Sim;
let rcv: Receiver;
beforeAll(async () => {
	sim = await startSim({ mediaBytes: MEDIA_BYTES, jobMs: 600 });
	rcv = await createReceiver();
});
afterEach(() => {
	sim.reset();
	sim.options.callbackShape = 'record';
	rcv.calls.length = 0;
});
afterAll(async () => {
	await sim.close();
	await rcv.close();
});

const callbackParams = (prompt: string, extra: IDataObject = {}) =>
	videoParams(prompt, { waitMode: 'callback', waitOptions: { timeout: 2 }, ...extra });

async function park(
	parameters: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new MinimaxGenerate() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		node: { type: NODE_TYPE, parameters },
		items,
		additionalData: { webhookWaitingBaseUrl: `${rcv.url}/webhook-waiting` },
	});
}

/** Feeds one received callback to the node's webhook() as n8n's waiting-webhook handler would. */
async function deliver(
	call: ReceivedCall,
	patch: { query?: IDataObject; executionId?: string; body?: IDataObject } = {},
) {
	return await callWebhook({
		nodeType: new MinimaxGenerate(),
		credentialType: new UseApiMinimaxApi(),
		credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		type: NODE_TYPE,
		nodeName: 'Node',
		executionId: patch.executionId ?? call.path.split('/').pop(),
		query: { ...call.query, ...(patch.query ?? {}) },
		body: patch.body ?? call.body,
	});
}

const finalCall = (calls: ReceivedCall[]) => calls.find((c) => c.body.statusFinal === true);
const parkedInput = (result: RunNodeResult) =>
	result.execution?.data.executionData?.nodeExecutionStack[0]?.data.main[0] ?? [];

describe('Wait Mode "Until Callback"', () => {
	it('parks after the create, stays parked on progress callbacks and resumes on the final one with the binary', async () => {
		const result = await park(callbackParams('a red robot', { callback: { replyRef: 'order-7' } }));
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('waiting');
		expect(ops(sim, 'videos.create')).toHaveLength(1);
		const videoId = String(result.items[0].json.id);
		expect(videoId).toMatch(/-video:/);
		const calls = await rcv.waitFor((c) => !!finalCall(c));
		// replyUrl = this execution's resume URL + the signed state.
		expect(calls[0].path).toMatch(/^\/webhook-waiting\/\d+$/);
		expect(Object.keys(calls[0].query)).toEqual(['mmx', 'mmxh']);
		expect(calls[0].query.mmxh).toMatch(/^[0-9a-f]{40}$/);
		// Parked until the timeout; on timeout n8n outputs the parked input: the timeout item.
		const waitTill = result.execution?.waitTill as Date;
		expect(Math.abs(waitTill.getTime() - (Date.now() + 120_000))).toBeLessThan(5_000);
		expect(parkedInput(result)[0].json).toMatchObject({
			timedOut: true,
			outcome: 'timeout',
			id: videoId,
		});
		expect(String(parkedInput(result)[0].json.error)).toContain(`callback of video ${videoId}`);
		// While parked nothing polled: no listing, no single GET.
		expect(ops(sim, 'scheduler.list')).toHaveLength(0);
		expect(ops(sim, 'videos.get')).toHaveLength(0);
		const progress = calls.filter((c) => c.body.statusFinal === false);
		expect(progress.length).toBeGreaterThanOrEqual(1);
		for (const call of progress) {
			const answer = await deliver(call);
			expect(answer.result.workflowData).toBeUndefined();
			expect(answer.result.webhookResponse).toMatchObject({ received: true, final: false });
		}
		const resumed = await deliver(finalCall(calls) as ReceivedCall);
		expect(resumed.res.statusCode).toBe(200);
		expect(resumed.items).toHaveLength(1);
		const item = resumed.items[0];
		expect(item.json).toMatchObject({
			kind: 'video',
			videoId,
			status: 2,
			outcome: 'completed',
			replyRef: 'order-7',
			account: '987654321',
		});
		expect(item.json.replyUrl).toBeUndefined();
		expect(Buffer.from(String(item.binary?.data.data), 'base64').length).toBe(MEDIA_BYTES);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(item.pairedItem).toEqual({ item: 0 });
		// The final record had the URL: still no GET, just the CDN download.
		expect(ops(sim, 'videos.get')).toHaveLength(0);
	});

	it('gives the same output fields as Poll mode', async () => {
		const polled = await runNode({
			nodeTypes: { [NODE_TYPE]: new MinimaxGenerate() },
			credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
			credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
			node: { type: NODE_TYPE, parameters: videoParams('same fields') },
		});
		expect(polled.error).toBeUndefined();
		await park(callbackParams('same fields'));
		const resumed = await deliver(
			finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall,
		);
		const keys = (item: INodeExecutionData) =>
			Object.keys(item.json)
				.filter((k) => item.json[k] !== undefined && k !== 'replyUrl')
				.sort();
		expect(keys(resumed.items[0])).toEqual(keys(polled.items[0]));
		expect(Object.keys(resumed.items[0].binary ?? {})).toEqual(
			Object.keys(polled.items[0].binary ?? {}),
		);
	});

	it('refuses a wrong secret, a changed state and another execution with 403, staying parked', async () => {
		await park(callbackParams('secret check'));
		const call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		const wrong = await deliver(call, { query: { mmxh: '0'.repeat(40) } });
		expect(wrong.res.statusCode).toBe(403);
		expect(wrong.result).toEqual({ noWebhookResponse: true });
		const missing = await deliver(call, { query: { mmxh: '' } });
		expect(missing.res.statusCode).toBe(403);
		const state = JSON.parse(Buffer.from(call.query.mmx, 'base64url').toString('utf8'));
		const changed = Buffer.from(JSON.stringify({ ...state, o: { ...state.o, d: 0 } })).toString(
			'base64url',
		);
		expect((await deliver(call, { query: { mmx: changed } })).res.statusCode).toBe(403);
		const otherExecution = await deliver(call, { executionId: '424242' });
		expect(otherExecution.res.statusCode).toBe(403);
		expect(otherExecution.items).toHaveLength(0);
		// The right call still resumes.
		expect((await deliver(call)).items[0].json.outcome).toBe('completed');
	});

	it("ignores another job's callback and answers 400 to a body that is not a callback", async () => {
		await park(callbackParams('tag check'));
		const call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		const other = await deliver(call, { body: { ...call.body, replyRef: 'n8n:someoneelse42' } });
		expect(other.result.workflowData).toBeUndefined();
		expect(other.result.webhookResponse).toMatchObject({ ignored: 'another job' });
		const junk = await deliver(call, { body: { hello: 'world' } });
		expect(junk.res.statusCode).toBe(400);
		expect(junk.result.workflowData).toBeUndefined();
	});

	it('re-reads the job once when the callback is partial', async () => {
		sim.options.callbackShape = 'partial';
		await park(callbackParams('partial shape'));
		const call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		expect(call.body.downloadURL).toBeUndefined();
		const resumed = await deliver(call);
		expect(ops(sim, 'videos.get')).toHaveLength(1);
		expect(resumed.items[0].json.outcome).toBe('completed');
		expect(resumed.items[0].binary?.data).toBeDefined();
	});

	it('turns a failed job into an error item (the resumed node cannot throw), or a status item with Return Item', async () => {
		await park(callbackParams('[fail] broken'));
		let call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		const failed = await deliver(call);
		expect(failed.items[0].json).toMatchObject({ outcome: 'failed', status: 3, itemIndex: 0 });
		expect(String(failed.items[0].json.error)).toMatch(/^The video failed/);
		expect(String(failed.items[0].json.id)).toMatch(/-video:/);
		expect(failed.items[0].binary).toBeUndefined();

		sim.reset();
		rcv.calls.length = 0;
		await park(
			callbackParams('[fail] again', { waitOptions: { timeout: 2, onFailure: 'returnItem' } }),
		);
		call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		const returned = await deliver(call);
		expect(returned.items[0].json).toMatchObject({ outcome: 'failed', status: 3 });
		expect(returned.items[0].json.error).toBeUndefined();
	});

	it('resumes an agent job (final callback only) and a template video with their downloads', async () => {
		await park({
			resource: 'agent',
			operation: 'run',
			agentPrompt: 'make a video and a cover image of a cat',
			agentModels: ['hailuo-2.3'],
			agentExtraModels: 'nano-banana-2',
			waitMode: 'callback',
		});
		const agentCall = await rcv.waitFor((c) => c.length > 0);
		expect(agentCall).toHaveLength(1);
		const agent = await deliver(agentCall[0]);
		expect(agent.items[0].json).toMatchObject({
			kind: 'agent',
			status: 'completed',
			outcome: 'completed',
		});
		expect(Object.keys(agent.items[0].binary ?? {}).sort()).toEqual(['data', 'data_1']);

		rcv.calls.length = 0;
		await park({
			resource: 'video',
			operation: 'createFromTemplate',
			templateId: '1122334455667704',
			templatePrompt: 'a story about a lighthouse',
			waitMode: 'callback',
			callback: { replyRef: 'tpl' },
		});
		const templateCall = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		const template = await deliver(templateCall);
		expect(template.items[0].json).toMatchObject({
			kind: 'template',
			outcome: 'completed',
			status: 2,
			replyRef: 'tpl',
		});
		expect(template.items[0].binary?.data.mimeType).toBe('video/mp4');
		expect(ops(sim, 'agent.listJobs')).toHaveLength(0);
		expect(ops(sim, 'scheduler.list')).toHaveLength(0);
	});

	it('refuses several items, an own Reply URL and multi-image creates before creating anything', async () => {
		const many = await park(callbackParams('two'), [{ json: {} }, { json: {} }]);
		expect(many.status).toBe('error');
		expect(many.error?.message).toContain('one job per execution, but 2 items came in');
		const own = await park(
			callbackParams('own url', { callback: { replyUrl: 'https://example.com/hook' } }),
		);
		expect(own.error?.message).toContain('clear "Reply URL"');
		const images = await park({
			resource: 'image',
			operation: 'create',
			imageModel: 'image-01',
			prompt: 'four cats',
			quantity: 2,
			waitMode: 'callback',
		});
		expect(images.error?.message).toMatch(/makes 2 images/);
		expect(sim.stats().creates).toEqual({ video: 0, image: 0, agent: 0, template: 0 });
	});
});
