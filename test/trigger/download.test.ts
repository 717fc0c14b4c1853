import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import { agent } from '../callback/fixtures';
import { callWebhook } from './webhook-context';
import { fetchBytes, simulatorWithJobs, type SimulatorWithJobs } from './sim-helpers';

const nodeType = new MinimaxTrigger();
const credentialType = new UseApiMinimaxApi();
const bytesOf = (binary?: IBinaryData) => Buffer.from(binary?.data ?? '', 'base64');

let env: SimulatorWithJobs;
let serial = 0;

beforeAll(async () => {
	env = await simulatorWithJobs();
});

afterAll(async () => {
	await env?.close();
});

/** The trigger with Download Result on; `baseUrl` decides whether the CDN counts as the API origin. */
async function call(body: unknown, baseUrl: string | undefined, parameters: IDataObject = {}) {
	serial += 1;
	return await callWebhook({
		nodeType,
		credentialType,
		credentials: baseUrl ? { useApiMinimaxApi: { apiToken: env.sim.token, baseUrl } } : undefined,
		parameters: { requireSecret: false, options: { downloadResult: true }, ...parameters },
		body,
		workflowId: `wf-dl-${serial}`,
	});
}

// The simulator serves media from its own origin; a credential pointing at "localhost" makes
// that origin a CDN, which must get no token.
const otherOrigin = () => env.sim.url.replace('127.0.0.1', 'localhost');

describe('Download Result', () => {
	it('answers 200 first, then downloads the video (downloadURL) into "data" without sending the token to the CDN', async () => {
		const r = await call(env.videoCallback, otherOrigin());
		expect(r.res.statusCode).toBe(200);
		expect(JSON.parse(r.res.body as string)).toEqual({ received: true });
		expect(r.result.noWebhookResponse).toBe(true);
		expect(r.items).toHaveLength(1);
		const item = r.items[0];
		expect(item.json.downloadError).toBeUndefined();
		expect(item.json.resultUrl).toBe(env.video.downloadURL);
		const expected = await fetchBytes(env.video.downloadURL as string);
		expect(expected.length).toBeGreaterThan(1000);
		expect(bytesOf(item.binary?.data).equals(expected)).toBe(true);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		const cdnCalls = env.sim.log.filter(
			(e) => e.kind === 'cdn' && e.path.endsWith(`${env.video.id}.mp4`),
		);
		expect(cdnCalls.length).toBeGreaterThanOrEqual(1);
		expect(cdnCalls[0].headers.authorized).toBe(false);
	});

	it('downloads without any credential (the credential is optional)', async () => {
		const r = await call(env.image, undefined);
		expect(r.items[0].json.kind).toBe('image');
		expect(
			bytesOf(r.items[0].binary?.data).equals(await fetchBytes(env.image?.downloadURL as string)),
		).toBe(true);
	});

	it('downloads every agent attachment into data, data_1 with their file names', async () => {
		const body = agent('completed');
		const response = body.response as IDataObject;
		const [first, second] = response.attachments as IDataObject[];
		Object.assign(first.file as IDataObject, {
			fileName: 'robot.mp4',
			fileUrl: env.video.videoURL,
			extra: { no_watermark_url: env.video.downloadURL },
		});
		Object.assign(second.file as IDataObject, {
			fileName: 'robot.png',
			fileUrl: env.image?.downloadURL,
		});
		const r = await call(body, otherOrigin());
		const binary = r.items[0].binary ?? {};
		expect(Object.keys(binary).sort()).toEqual(['data', 'data_1']);
		expect(binary.data.fileName).toBe('robot.mp4');
		expect(binary.data_1.fileName).toBe('robot.png');
		expect(bytesOf(binary.data).equals(await fetchBytes(env.video.downloadURL as string))).toBe(
			true,
		);
		expect(bytesOf(binary.data_1).equals(await fetchBytes(env.image?.downloadURL as string))).toBe(
			true,
		);
	});

	it('still emits the callback, with downloadError, when the download fails', async () => {
		const body = {
			...env.video,
			downloadURL: `${env.sim.url}/cdn/video/nothing-here.mp4`,
			videoURL: '',
		};
		const r = await call(body, otherOrigin());
		expect(r.res.statusCode).toBe(200);
		expect(r.items).toHaveLength(1);
		expect(r.items[0].binary).toBeUndefined();
		expect(r.items[0].json).toMatchObject({
			outcome: 'completed',
			downloadError: expect.stringContaining('nothing-here.mp4'),
		});
		expect(String(r.items[0].json.downloadError)).not.toContain(env.sim.token);
	});

	/** A completed callback with only ids and status: the trigger must read the job for its URLs. */
	const partialFinal = () => ({
		videoId: env.video.videoId,
		status: 2,
		statusLabel: 'completed',
		statusFinal: true,
		replyRef: 'r',
	});

	it('reads the job once through the API when a completed callback carries only ids and status', async () => {
		const before = env.sim.log.length;
		const r = await call(partialFinal(), otherOrigin());
		expect(r.items[0].json.downloadError).toBeUndefined();
		expect(r.items[0].json.resultUrl).toBe(env.video.downloadURL);
		expect(
			bytesOf(r.items[0].binary?.data).equals(await fetchBytes(env.video.downloadURL as string)),
		).toBe(true);
		const reads = env.sim.log.slice(before).filter((e) => e.op === 'videos.get');
		expect(
			reads.map((e) => [e.path.endsWith(env.video.videoId as string), e.headers.authorized]),
		).toEqual([[true, true]]);
	});

	it('reports a partial completed callback as downloadError when no credential can read the job', async () => {
		const r = await call(partialFinal(), undefined);
		expect(r.items[0].json.downloadError).toMatch(/no result URL/);
	});

	it('does not download for failed jobs, and answers 200 at once as for any started call', async () => {
		const r = await call(
			{ ...env.video, status: 3, statusLabel: 'failed', statusFinal: true },
			otherOrigin(),
			{ events: ['failed'] },
		);
		expect(r.res.statusCode).toBe(200);
		expect(JSON.parse(r.res.body ?? '')).toEqual({ received: true });
		expect(r.result.noWebhookResponse).toBe(true);
		expect(r.items[0].binary).toBeUndefined();
	});
});

describe('callbacks as the simulator POSTs them', () => {
	it.each(['record', 'wrapped', 'partial'])(
		'shape "%s" starts the workflow with the user replyRef',
		async (callbackShape) => {
			const shaped = callbackShape === 'record' ? env : await simulatorWithJobs({ callbackShape });
			try {
				const r = await callWebhook({
					nodeType,
					parameters: { requireSecret: false },
					body: shaped.videoCallback,
					workflowId: `wf-shape-${callbackShape}`,
				});
				expect(r.items).toHaveLength(1);
				expect(r.json).toMatchObject({
					id: shaped.video.videoId,
					kind: 'video',
					outcome: 'completed',
					final: true,
					replyRef: 'order-42',
				});
				if (callbackShape !== 'partial') expect(r.json?.resultUrl).toBe(shaped.video.downloadURL);
				// Progress POSTs were sent too and are ignored by default.
				const progress = shaped.receiver.bodies.find((b) => b.includes('"statusFinal":false'));
				expect(progress).toBeDefined();
				const ignored = await callWebhook({
					nodeType,
					parameters: { requireSecret: false },
					body: progress,
					workflowId: `wf-shape-p-${callbackShape}`,
				});
				expect(ignored.result.workflowData).toBeUndefined();
			} finally {
				if (shaped !== env) await shaped.close();
			}
		},
	);
});
