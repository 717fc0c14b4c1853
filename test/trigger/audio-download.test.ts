import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import { callWebhook } from './webhook-context';
import {
	audioJobs,
	fetchBytes,
	simulatorWithJobs,
	type AudioJobs,
	type SimulatorWithJobs,
} from './sim-helpers';

/** Speech and music callbacks as the simulator POSTs them, downloaded on request (Download Result). */
const nodeType = new MinimaxTrigger();
const credentialType = new UseApiMinimaxApi();
const bytesOf = (binary?: IBinaryData) => Buffer.from(binary?.data ?? '', 'base64');

let serial = 0;
async function call(
	env: SimulatorWithJobs,
	body: unknown,
	parameters: IDataObject = {},
	withCredential = true,
) {
	serial += 1;
	return await callWebhook({
		nodeType,
		credentialType,
		credentials: withCredential
			? { useApiMinimaxApi: { apiToken: env.sim.token, baseUrl: env.sim.url } }
			: undefined,
		parameters: { requireSecret: false, options: { downloadResult: true }, ...parameters },
		body,
		workflowId: `wf-audio-${serial}`,
	});
}

describe.each(['record', 'partial'])(
	'speech and music callbacks (simulator shape "%s")',
	(callbackShape) => {
		let env: SimulatorWithJobs;
		let jobs: AudioJobs;
		beforeAll(async () => {
			env = await simulatorWithJobs({ callbackShape });
			jobs = await audioJobs(env);
		});
		afterAll(async () => {
			await env?.close();
		});

		it.each([
			[
				'speech',
				() => jobs.speechCallback,
				() => jobs.audioId,
				() => jobs.speech.audio_url,
				'line-1',
			],
			['music', () => jobs.musicCallback, () => jobs.musicId, () => jobs.music.audio_url, 'song-7'],
		])(
			'%s: kind, final state, result URL, and the MP3 in "data" without the token on the CDN',
			async (kind, body, id, url, replyRef) => {
				const before = env.sim.log.length;
				const r = await call(env, body());
				expect(r.items).toHaveLength(1);
				const item = r.items[0];
				expect(item.json).toMatchObject({
					id: id(),
					kind,
					outcome: 'completed',
					final: true,
					resultUrl: url(),
					replyRef,
					account: '987654321',
				});
				expect(item.json.downloadError).toBeUndefined();
				const expected = await fetchBytes(url() as string);
				expect(expected.length).toBeGreaterThan(1000);
				expect(bytesOf(item.binary?.data).equals(expected)).toBe(true);
				expect(item.binary?.data.mimeType).toBe('audio/mpeg');
				const log = env.sim.log.slice(before);
				const cdn = log.filter((e) => e.kind === 'cdn' && e.op === `cdn.${kind}`);
				expect(cdn.length).toBeGreaterThanOrEqual(1);
				expect(cdn.every((e) => e.headers.authorized === false)).toBe(true);
				// A partial callback has no URL: the trigger reads the job once, with the token, on the API origin.
				const reads = log.filter((e) => e.op === `${kind}.get`);
				expect(reads.map((e) => e.headers.authorized)).toEqual(
					callbackShape === 'partial' ? [true] : [],
				);
			},
		);

		it('Job Kinds: a music callback is ignored when only Speech is selected', async () => {
			const r = await call(env, jobs.musicCallback, { kinds: ['speech'] });
			expect(r.result.workflowData).toBeUndefined();
			expect(r.result.webhookResponse).toMatchObject({ ignored: 'kind "music" not selected' });
		});
	},
);

describe('without a credential', () => {
	let env: SimulatorWithJobs;
	let jobs: AudioJobs;
	beforeAll(async () => {
		env = await simulatorWithJobs({ callbackShape: 'partial' });
		jobs = await audioJobs(env);
	});
	afterAll(async () => {
		await env?.close();
	});

	it('a partial speech callback is reported as downloadError (no job read possible)', async () => {
		const r = await call(env, jobs.speechCallback, {}, false);
		expect(r.items[0].json.downloadError).toMatch(/no result URL/);
		expect(r.items[0].binary).toBeUndefined();
	});
});
