import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { NODE_TYPE, ops, startSim, type Sim } from '../generate/helpers';
import { runNode, type RunNodeResult } from '../harness';
import * as audio from '../simulator/audio';
import { callWebhook } from '../trigger/webhook-context';
import { createReceiver, type ReceivedCall, type Receiver } from './receiver';

const VOICE = (audio as unknown as { BUILT_IN: Array<{ voice_id: string }> }).BUILT_IN[0].voice_id;
let sim: Sim;
let rcv: Receiver;
beforeAll(async () => {
	sim = await startSim({ jobMs: 600 });
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

/** Version 2 (Options → Wait Mode), one item. */
async function park(parameters: IDataObject): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new MinimaxGenerate() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		node: { type: NODE_TYPE, parameters, typeVersion: 2 },
		items: [{ json: {} }],
		additionalData: { webhookWaitingBaseUrl: `${rcv.url}/webhook-waiting` },
	});
}

async function deliver(call: ReceivedCall, body?: IDataObject) {
	return await callWebhook({
		nodeType: new MinimaxGenerate(),
		credentialType: new UseApiMinimaxApi(),
		credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		type: NODE_TYPE,
		nodeName: 'Node',
		executionId: call.path.split('/').pop(),
		query: call.query,
		body: body ?? call.body,
	});
}

const finalCall = (calls: ReceivedCall[]) => calls.find((c) => c.body.statusFinal === true);
const waitOptions = { waitMode: 'callback', timeout: 2 };

describe('Wait Mode "Until Callback" for speech and music', () => {
	it('Speech → Create parks, ignores progress and resumes on the final callback with the MP3', async () => {
		const parked = await park({
			resource: 'speech',
			operation: 'create',
			voiceId: VOICE,
			text: 'Parked until the callback.',
			options: { ...waitOptions, replyRef: 'ep-9' },
		});
		expect(parked.error).toBeUndefined();
		expect(parked.status).toBe('waiting');
		const [create] = ops(sim, 'speech.create');
		expect(String((create.body as IDataObject).replyUrl)).toContain('/webhook-waiting/');
		const calls = await rcv.waitFor((c) => !!finalCall(c));
		const progress = calls.filter((c) => c.body.statusFinal === false);
		expect(progress.length).toBeGreaterThanOrEqual(1);
		for (const call of progress) expect((await deliver(call)).result.workflowData).toBeUndefined();
		const resumed = await deliver(finalCall(calls) as ReceivedCall);
		const item = resumed.items[0];
		expect(item.json).toMatchObject({ kind: 'speech', status: 'completed', replyRef: 'ep-9' });
		expect(String(item.json.audioId)).toMatch(/-audio:/);
		expect(item.binary?.data.mimeType).toBe('audio/mpeg');
		// While parked nothing polled.
		expect(ops(sim, 'speech.get')).toHaveLength(0);
	});

	it('Music → Create resumes too; a partial callback is re-read once', async () => {
		sim.options.callbackShape = 'partial';
		await park({
			resource: 'music',
			operation: 'create',
			musicPrompt: 'a song for the callback',
			options: waitOptions,
		});
		const call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		expect(call.body.audio_url).toBeUndefined();
		const resumed = await deliver(call);
		expect(ops(sim, 'music.get')).toHaveLength(1);
		expect(resumed.items[0].json).toMatchObject({ kind: 'music', status: 'completed' });
		expect(resumed.items[0].binary?.data.mimeType).toBe('audio/mpeg');
	});

	it("another job's speech callback does not resume the execution", async () => {
		await park({
			resource: 'speech',
			operation: 'create',
			voiceId: VOICE,
			text: 'Only mine.',
			options: waitOptions,
		});
		const call = finalCall(await rcv.waitFor((c) => !!finalCall(c))) as ReceivedCall;
		const other = await deliver(call, { ...call.body, replyRef: 'n8n:someoneelse42' });
		expect(other.result.workflowData).toBeUndefined();
		expect(other.result.webhookResponse).toMatchObject({ ignored: 'another job' });
	});
});
