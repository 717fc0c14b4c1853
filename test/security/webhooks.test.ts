import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import {
	encodeState,
	signState,
	type CallbackState,
} from '../../nodes/MinimaxGenerate/engine/callbackWait';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import { parseCallback } from '../../nodes/shared/callback';
import { callWebhook } from '../trigger/webhook-context';
import { asRequest, deliveries, type Delivery } from './deliveries';

/**
 * Issue 13, classes 6 and 9: malformed callback bodies (BOM, deep nesting, wrong content types)
 * get a 400 from both webhooks and never throw; Until Callback resumes only on its own job.
 */
const TOKEN = 'user:4242-WebhookTok3Fz8Qn5Lr2';
const VIDEO = 'user:4242-minimax:300000001-video:998877665544332211';
const TAG = 'abc123tag0';
const done = (extra: IDataObject = {}) => ({
	videoId: VIDEO,
	status: 2,
	statusLabel: 'completed',
	statusFinal: true,
	videoURL: 'https://cdn.example/v.mp4',
	...extra,
});
const DELIVERIES = deliveries(VIDEO, `r|n8n:${TAG}`);

const TRIGGER_PARAMS = {
	requireSecret: false,
	events: ['completed'],
	kinds: ['video', 'image', 'agent'],
	simplify: false,
	options: {},
};

describe('the trigger: every malformed body is a 400, never a throw', () => {
	it.each(DELIVERIES.map((d) => [d.name, d] as const))('%s', async (_name, d) => {
		const r = await callWebhook({
			nodeType: new MinimaxTrigger(),
			// One workflow per case: the trigger deduplicates final callbacks of one job per workflow.
			workflowId: `wf-${_name}`,
			parameters: TRIGGER_PARAMS,
			...asRequest(d),
		});
		if (d.valid) {
			expect(r.items).toHaveLength(1);
			expect(r.items[0].json).toMatchObject({ videoId: VIDEO, status: 2 });
		} else {
			expect(r.res.statusCode).toBe(400);
			expect(r.items).toEqual([]);
		}
	});
});

/** A resume URL's state and secret for a parked execution waiting for job tag TAG. */
function resumeQuery(executionId: string): IDataObject {
	const state: CallbackState = {
		k: 'video',
		t: TAG,
		i: 0,
		s: Date.now(),
		o: { d: 0, b: 'data', w: 0, p: 0, f: 0 },
	};
	const text = encodeState(state);
	return { mmx: text, mmxh: signState(TOKEN, executionId, text) };
}

async function resume(d: Delivery | { body: unknown; valid?: boolean; name?: string }) {
	return await callWebhook({
		nodeType: new MinimaxGenerate(),
		credentialType: new UseApiMinimaxApi(),
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: 'http://127.0.0.1:9' } },
		type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
		nodeName: 'Node',
		executionId: 'exec-1',
		query: resumeQuery('exec-1'),
		...asRequest(d as Delivery),
	});
}

describe('Until Callback: malformed bodies are a 400 and leave the execution parked', () => {
	it.each(DELIVERIES.map((d) => [d.name, d] as const))('%s', async (_name, d) => {
		const r = await resume(d);
		if (d.valid) {
			expect(r.items).toHaveLength(1);
			expect(r.items[0].json).toMatchObject({ videoId: VIDEO, outcome: 'completed' });
		} else {
			expect(r.res.statusCode).toBe(400);
			expect(r.result.workflowData).toBeUndefined();
		}
	});
});

describe('Until Callback resumes only on its own job (class 9)', () => {
	it('a final callback without any replyRef stays parked', async () => {
		const r = await resume({ body: done() });
		expect(r.result.workflowData).toBeUndefined();
		expect(JSON.stringify(r.result.webhookResponse)).toMatch(/no replyRef tag of this execution/);
	});

	it('a final callback with a user replyRef but no tag stays parked', async () => {
		const r = await resume({ body: done({ replyRef: 'order-7' }) });
		expect(r.result.workflowData).toBeUndefined();
	});

	it("another execution's tag stays parked; its own tag resumes", async () => {
		expect(
			(await resume({ body: done({ replyRef: 'r|n8n:othertag99' }) })).result.workflowData,
		).toBeUndefined();
		expect((await resume({ body: done({ replyRef: `r|n8n:${TAG}` }) })).items).toHaveLength(1);
	});
});

describe('the parser never throws', () => {
	it.each(DELIVERIES.map((d) => [d.name, d] as const))('%s', (_name, d) => {
		expect(() => parseCallback(d.raw ?? d.body)).not.toThrow();
	});
});
