import type { IDataObject } from 'n8n-workflow';

import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import {
	AGENT_ID,
	IMAGE_ID,
	MUSIC_ID,
	SPEECH_ID,
	VIDEO_ID,
	agent,
	image,
	music,
	speech,
	speechRecord,
	video,
} from '../callback/fixtures';
import { callWebhook, type CallWebhookOptions } from './webhook-context';

const SECRET = 'dummy-test-value-k3Yq9xPv';
const nodeType = new MinimaxTrigger();
const ALL_EVENTS = ['completed', 'failed', 'moderated', 'progress'];

let serial = 0;
/** Each call gets its own workflow id, so dedupe memory never leaks between tests. */
async function call(
	body: unknown,
	parameters: IDataObject = {},
	extra: Partial<CallWebhookOptions> = {},
) {
	serial += 1;
	return await callWebhook({
		nodeType,
		parameters: { secret: SECRET, ...parameters },
		body,
		query: { secret: SECRET },
		workflowId: `wf-${serial}`,
		...extra,
	});
}

const started = (r: Awaited<ReturnType<typeof call>>) => r.result.workflowData !== undefined;

describe('MinimaxTrigger description', () => {
	it('is a webhook trigger with no inputs, one POST webhook answering on receipt, and an optional credential', () => {
		const d = nodeType.description;
		expect(d.name).toBe('minimaxTrigger');
		expect(d.group).toEqual(['trigger']);
		expect(d.inputs).toEqual([]);
		expect(d.usableAsTool).toBeUndefined();
		expect(d.webhooks).toEqual([
			expect.objectContaining({
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: expect.stringContaining('"minimax"'),
			}),
		]);
		expect(d.credentials).toEqual([{ name: 'useApiMinimaxApi', required: false }]);
	});

	it('has no-op webhook lifecycle methods (nothing is registered at useapi)', async () => {
		const methods = nodeType.webhookMethods.default;
		await expect(methods.checkExists()).resolves.toBe(true);
		await expect(methods.create()).resolves.toBe(true);
		await expect(methods.delete()).resolves.toBe(true);
	});
});

describe('secret', () => {
	it('starts the workflow with the secret in the query', async () => {
		const r = await call(video(2));
		expect(started(r)).toBe(true);
		// Answered by the node itself, so n8n saves the dedupe record before it starts the run.
		expect(r.result.noWebhookResponse).toBe(true);
		expect(r.res.statusCode).toBe(200);
		expect(JSON.parse(r.res.body ?? '')).toEqual({ received: true });
	});

	it('accepts the x-useapi-secret header', async () => {
		const r = await call(video(2), {}, { query: {}, headers: { 'x-useapi-secret': SECRET } });
		expect(started(r)).toBe(true);
	});

	it.each([
		['missing', {}, {}],
		['wrong', { secret: 'dummy-test-value-k3Yq9xPw' }, {}],
		['a prefix of the right one', { secret: SECRET.slice(0, -1) }, {}],
		['wrong header', {}, { 'x-useapi-secret': 'nope' }],
	])('answers 403 and starts nothing when the secret is %s', async (_name, query, headers) => {
		const r = await call(video(2), {}, { query, headers });
		expect(started(r)).toBe(false);
		expect(r.result.noWebhookResponse).toBe(true);
		expect(r.res.statusCode).toBe(403);
		expect(JSON.parse(r.res.body as string)).toMatchObject({
			received: false,
			error: expect.stringMatching(/secret/i),
		});
		expect(r.res.body).not.toContain(SECRET);
	});

	it('refuses everything when Require Secret is on but no Secret is set', async () => {
		const r = await call(video(2), { secret: '' }, { query: { secret: '' } });
		expect(r.res.statusCode).toBe(403);
		expect(started(r)).toBe(false);
	});

	it('accepts calls without a secret when Require Secret is off', async () => {
		const r = await call(video(2), { requireSecret: false }, { query: {} });
		expect(started(r)).toBe(true);
	});

	it('checks the secret before looking at the body', async () => {
		const r = await call('not json', {}, { query: {} });
		expect(r.res.statusCode).toBe(403);
	});
});

describe('malformed bodies', () => {
	it.each([
		['non-JSON text', 'videoId=1&status=2'],
		['truncated JSON', '{"videoId": "user:1234-minimax:1-video:'],
		['a JSON number', '42'],
		['no id at all', { status: 2, statusFinal: true, downloadURL: 'https://cdn.x/a.mp4' }],
		['only the raw MiniMax id', { id: '998877665544332211', status: 2 }],
	])('%s → 400, nothing started', async (_name, body) => {
		const r = await call(body);
		expect(r.res.statusCode).toBe(400);
		expect(started(r)).toBe(false);
		expect(JSON.parse(r.res.body as string).error).toMatch(/Not a useapi callback/);
	});

	it('reads rawBody when n8n left the parsed body empty (unknown content type)', async () => {
		const r = await call({}, {}, { rawBody: Buffer.from(JSON.stringify(video(2))) });
		expect(started(r)).toBe(true);
		expect(r.json?.id).toBe(VIDEO_ID);
	});
});

describe('event filter', () => {
	const cases: Array<[string, string, IDataObject]> = [
		['video progress', 'progress', video(1)],
		['video completed', 'completed', video(2)],
		['video failed 3', 'failed', video(3)],
		['video moderated 5', 'moderated', video(5)],
		['video moderated 7', 'moderated', video(7)],
		['video moderated 14', 'moderated', video(14)],
		['image completed', 'completed', image(2)],
		['image progress', 'progress', image(12)],
		['agent completed', 'completed', agent('completed')],
		['agent failed', 'failed', agent('failed')],
		['speech completed', 'completed', speech(true)],
		['speech failed', 'failed', speech(true, 'failed')],
		['speech progress', 'progress', speech(false)],
		['speech record completed', 'completed', speechRecord()],
		['music completed', 'completed', music('completed')],
		['music failed', 'failed', music('failed')],
		['music progress', 'progress', music('processing')],
		['music legacy moderated', 'moderated', { musicId: MUSIC_ID, status: 4 }],
	];

	it.each(cases)('%s starts only when "%s" is selected', async (_name, event, body) => {
		const only = await call(body, { events: [event] });
		expect(started(only)).toBe(true);
		const others = await call(body, { events: ALL_EVENTS.filter((e) => e !== event) });
		expect(started(others)).toBe(false);
		expect(others.result.webhookResponse).toEqual({
			received: true,
			ignored: `event "${event}" not selected`,
		});
		expect(others.res.ended).toBe(false);
	});

	it('defaults to Completed only', async () => {
		expect(started(await call(video(2), { events: undefined }))).toBe(true);
		expect(started(await call(video(1), { events: undefined }))).toBe(false);
		expect(started(await call(video(3), { events: undefined }))).toBe(false);
	});
});

describe('kind filter', () => {
	const bodies: Array<[string, unknown]> = [
		['video', { data: video(2) }],
		['image', JSON.stringify(image(2))],
		['agent', { job: agent('completed') }],
		['speech', speech(true)],
		['music', [music('completed')]],
	];

	it.each(bodies)('%s passes only when its kind is selected', async (kind, body) => {
		const r = await call(body, { kinds: [kind] });
		expect(started(r)).toBe(true);
		expect(r.json?.kind).toBe(kind);
		const other = await call(body, {
			kinds: ['video', 'image', 'agent', 'speech', 'music'].filter((k) => k !== kind),
		});
		expect(started(other)).toBe(false);
		expect(other.result.webhookResponse).toMatchObject({ ignored: `kind "${kind}" not selected` });
	});
});

describe('speech and music callbacks (simplified output)', () => {
	it('music: kind, final state, result URL, account and replyRef; passes the default Job Kinds', async () => {
		const r = await call(music('completed'), { kinds: undefined });
		expect(started(r)).toBe(true);
		expect(r.json).toMatchObject({
			id: MUSIC_ID,
			kind: 'music',
			statusLabel: 'completed',
			outcome: 'completed',
			final: true,
			resultUrl: 'https://cdn.hailuoai.video/music/998877665544332211.mp3',
			account: '987654321',
			replyRef: 'song-7',
		});
	});

	it('speech: the GET record shape with the n8n tag stripped from replyRef', async () => {
		const r = await call(speechRecord());
		expect(r.json).toMatchObject({
			kind: 'speech',
			outcome: 'completed',
			final: true,
			replyRef: 'line-1',
			resultUrl: speechRecord().audio_url,
		});
		expect(r.json?.id).toBe(speechRecord().audio_id);
	});

	it('Job Kinds offers Music and Speech, both selected by default', () => {
		const kinds = nodeType.description.properties.find((p) => p.name === 'kinds');
		expect((kinds?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(
			expect.arrayContaining(['music', 'speech']),
		);
		expect(kinds?.default).toEqual(expect.arrayContaining(['music', 'speech']));
	});
});

describe('replyRef filter (the user part, without the n8n tag)', () => {
	const body = video(2, { replyRef: 'order-42|n8n:abcdef123' });
	it.each([
		['any', '', true],
		['equals', 'order-42', true],
		['equals', 'order-4', false],
		['equals', 'order-42|n8n:abcdef123', false],
		['startsWith', 'order-', true],
		['startsWith', 'invoice-', false],
	] as Array<[string, string, boolean]>)(
		'%s "%s" → %s',
		async (replyRefFilter, replyRefValue, expected) => {
			const r = await call(body, { replyRefFilter, replyRefValue });
			expect(started(r)).toBe(expected);
			if (expected) expect(r.json?.replyRef).toBe('order-42');
		},
	);

	it('reads the agent replyRef from request.replyRef', async () => {
		const r = await call(agent('completed'), {
			replyRefFilter: 'equals',
			replyRefValue: 'agent-1',
		});
		expect(started(r)).toBe(true);
	});
});

describe('duplicates', () => {
	it('starts one execution for repeated final calls of the same job, and stores when it saw it', async () => {
		const staticData: IDataObject = {};
		const opts = { staticData, workflowId: 'wf-dupe' };
		const first = await callWebhook({
			nodeType,
			parameters: { secret: SECRET },
			body: video(2),
			query: { secret: SECRET },
			...opts,
		});
		const again = await callWebhook({
			nodeType,
			parameters: { secret: SECRET },
			body: { data: video(2) },
			query: { secret: SECRET },
			...opts,
		});
		expect(started(first)).toBe(true);
		expect(started(again)).toBe(false);
		expect(again.result.webhookResponse).toEqual({
			received: true,
			ignored: 'duplicate final callback',
		});
		const seen = (first.staticData['node:MiniMax Trigger'] as IDataObject).seenFinal as IDataObject;
		expect(typeof seen[`j:${VIDEO_ID}`]).toBe('number');
	});

	it('survives a restart through static data alone (another workflow object, same saved data)', async () => {
		const saved = {
			'node:MiniMax Trigger': { seenFinal: { [`j:${IMAGE_ID}`]: Date.now() - 60_000 } },
		};
		const r = await callWebhook({
			nodeType,
			parameters: { secret: SECRET },
			body: image(2),
			query: { secret: SECRET },
			staticData: saved,
			workflowId: 'wf-restart',
		});
		expect(started(r)).toBe(false);
	});

	it('starts again once the window (10 minutes) has passed, and drops the old entry', async () => {
		const saved = {
			'node:MiniMax Trigger': {
				seenFinal: { [`j:${AGENT_ID}`]: Date.now() - 11 * 60_000, old: 1 },
			},
		};
		const r = await callWebhook({
			nodeType,
			parameters: { secret: SECRET },
			body: agent('completed'),
			query: { secret: SECRET },
			staticData: saved,
			workflowId: 'wf-expired',
		});
		expect(started(r)).toBe(true);
		const seen = (r.staticData['node:MiniMax Trigger'] as IDataObject).seenFinal as IDataObject;
		expect(Object.keys(seen)).toEqual([`j:${AGENT_ID}`]);
	});

	it('never deduplicates progress calls', async () => {
		const staticData: IDataObject = {};
		for (let i = 0; i < 2; i++) {
			const r = await callWebhook({
				nodeType,
				parameters: { secret: SECRET, events: ['progress'] },
				body: video(1),
				query: { secret: SECRET },
				staticData,
				workflowId: 'wf-progress',
			});
			expect(started(r)).toBe(true);
		}
	});

	it('does not deduplicate test-URL (manual) calls, which users repeat on purpose', async () => {
		const staticData: IDataObject = {};
		for (let i = 0; i < 2; i++) {
			const r = await callWebhook({
				nodeType,
				parameters: { secret: SECRET },
				body: speech(true),
				query: { secret: SECRET },
				staticData,
				workflowId: 'wf-manual',
				mode: 'manual',
			});
			expect(started(r)).toBe(true);
		}
	});

	it('keeps the map bounded', async () => {
		const seenFinal: IDataObject = {};
		const now = Date.now();
		for (let i = 0; i < 600; i++) seenFinal[`j:user:1-minimax:1-video:${i}`] = now - 1000 + i;
		const saved = { 'node:MiniMax Trigger': { seenFinal } };
		await callWebhook({
			nodeType,
			parameters: { secret: SECRET },
			body: video(2, { videoId: 'user:1-minimax:1-video:new' }),
			query: { secret: SECRET },
			staticData: saved,
			workflowId: 'wf-bound',
		});
		const seen = (saved['node:MiniMax Trigger'] as IDataObject).seenFinal as IDataObject;
		expect(Object.keys(seen).length).toBeLessThanOrEqual(501);
		expect(seen['j:user:1-minimax:1-video:new']).toBeDefined();
		expect(seen['j:user:1-minimax:1-video:0']).toBeUndefined();
	});
});

describe('output', () => {
	it('simplifies a completed video', async () => {
		const r = await call({ data: video(2) });
		expect(r.items).toHaveLength(1);
		expect(r.json).toEqual({
			id: VIDEO_ID,
			kind: 'video',
			status: 2,
			statusLabel: 'completed',
			outcome: 'completed',
			final: true,
			percent: 100,
			resultUrl: 'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video/clip.mp4',
			resultUrls: [
				'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video/clip.mp4',
				'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video/clip-watermark.mp4',
			],
			coverURL: 'https://cdn.hailuoai.video/moss/prod/2025-06-15-10/video_cover/cover.jpg',
			replyRef: 'order-42',
			account: '987654321',
			message: null,
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});

	it('simplifies a partial moderated image and an agent job', async () => {
		const partial = await call(
			{ imageId: IMAGE_ID, status: 7, statusLabel: 'moderated', statusFinal: true, replyRef: 'r1' },
			{ events: ['moderated'] },
		);
		expect(partial.json).toMatchObject({
			id: IMAGE_ID,
			kind: 'image',
			outcome: 'moderated',
			resultUrl: null,
			resultUrls: [],
			replyRef: 'r1',
		});
		const job = await call(agent('completed'));
		expect(job.json).toMatchObject({
			kind: 'agent',
			account: '67890',
			resultUrl: 'https://cdn.hailuoai.video/agent/cat_nw.mp4',
		});
		expect(job.json?.resultUrls).toHaveLength(2);
	});

	it('returns the raw body when Simplify is off (wrapped and JSON-string bodies included)', async () => {
		const wrapped = { data: video(2), event: 'x' };
		expect((await call(wrapped, { simplify: false })).json).toEqual(wrapped);
		const text = await call(JSON.stringify(speech(true)), { simplify: false });
		expect(text.json).toEqual(speech(true));
		expect(text.json?.audioId).toBe(SPEECH_ID);
	});
});
