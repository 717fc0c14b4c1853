'use strict';
const { start, waitFor } = require('./test-helpers');
const { IMAGE_PNG } = require('./media');
const { templates } = require('./fixtures');

function agentForm(fields, files = []) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	for (const f of files) fd.append('file', new Blob([f.data], { type: f.type }), f.name);
	return fd;
}

function sseEvents(text) {
	return text
		.split('\n\n')
		.filter((b) => b.startsWith('data: '))
		.map((b) => JSON.parse(b.slice(6)));
}

describe('agent, agent-create and images', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start({ jobMs: 200 })));
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	// Jobs run "forever" ([ms=…]) and the test ends them with sim.completeJob(): no step depends on
	// how fast a loaded machine answers.
	const LONG = '[ms=600000]';

	test('POST /agent async: started job, then completed with /cdn attachments', async () => {
		const r = await api('POST', '/agent', {
			body: agentForm(
				{
					prompt: `Generate a video of a cat and an image ${LONG}`,
					models: 'hailuo-2.3, nano-banana-2',
					async: 'true',
					replyRef: 'ag-1',
				},
				[{ data: IMAGE_PNG, type: 'image/png', name: 'ref.png' }],
			),
		});
		expect(r.status).toBe(200);
		expect(r.body.jobId).toMatch(/^p\d{9}-u1234-a987654321-bot:minimax$/);
		expect(r.body).toMatchObject({
			status: 'started',
			created: expect.any(String),
			request: {
				prompt: `Generate a video of a cat and an image ${LONG}`,
				models: ['hailuo-2.3', 'nano-banana-2'],
				async: true,
				replyRef: 'ag-1',
				file: [{ name: 'ref.png', size: IMAGE_PNG.length, type: 'image/png' }],
			},
		});
		expect(r.body).not.toHaveProperty('response');
		const running = await api('GET', '/agent/jobs');
		expect(running.body).toMatchObject({
			accounts: ['987654321'],
			summary: { 987654321: { executing: 1 } },
		});
		expect(running.body.executing['987654321'][0].jobId).toBe(r.body.jobId);
		expect((await api('GET', `/agent/${r.body.jobId}`)).body.status).toBe('started');
		sim.completeJob(r.body.jobId);
		const done = (await api('GET', `/agent/${r.body.jobId}`)).body;
		expect(done.status).toBe('completed');
		const [video, image] = done.response.attachments;
		expect(video).toMatchObject({ type: 1, status: 3, file: { type: 'video/mp4' } });
		expect(video.file.fileUrl.startsWith(`${sim.cdnUrl}/cdn/`)).toBe(true);
		expect(video.file.extra.no_watermark_url.startsWith(`${sim.cdnUrl}/cdn/`)).toBe(true);
		expect(image).toMatchObject({ type: 2, file: { type: 'image/png' } });
		// https://useapi.net/docs/api-minimax-v1/get-minimax-agent-jobId: image attachments have model fields only, no no_watermark_url.
		expect(Object.keys(image.file.extra).sort()).toEqual([
			'model_aspect_ratio',
			'model_name',
			'model_resolution',
		]);
		expect((await fetch(video.file.extra.no_watermark_url)).headers.get('content-type')).toBe(
			'video/mp4',
		);
		expect((await fetch(image.file.fileUrl)).headers.get('content-type')).toBe('image/png');
		expect(done.response.elapsedTime).toMatch(/^\d\d:\d\d$/);
	});

	test('POST /agent sync holds the response until the job is final; failures and limits', async () => {
		const held = api('POST', '/agent', {
			body: agentForm({ prompt: `make an image ${LONG}`, models: 'nano-banana-2' }),
		});
		const job = await waitFor(() => [...sim.jobs.values()].find((j) => j.kind === 'agent'));
		let answered = false;
		held.then(() => (answered = true));
		await new Promise((r) => setImmediate(r));
		expect(answered).toBe(false);
		sim.completeJob(job.id);
		const r = await held;
		expect(r.body.status).toBe('completed');
		expect(r.body.request.async).toBe(false);
		expect(r.body.response.attachments).toHaveLength(1);
		const f = await api('POST', '/agent', {
			body: agentForm({ prompt: 'video [fail] [ms=50]', models: 'hailuo-2.3' }),
		});
		expect(f.body).toMatchObject({
			status: 'failed',
			error: { message: expect.any(String), status: 504 },
		});
		expect(
			(await api('POST', '/agent', { json: { prompt: 'x', models: 'hailuo-2.3' } })).status,
		).toBe(400);
		expect((await api('POST', '/agent', { body: agentForm({ prompt: 'x' }) })).status).toBe(400);
		expect(
			(await api('POST', '/agent', { body: agentForm({ models: 'hailuo-2.3' }) })).status,
		).toBe(400);
		const codes = [];
		for (let i = 0; i < 4; i++)
			codes.push(
				(
					await api('POST', '/agent', {
						body: agentForm({ prompt: `p${i} ${LONG}`, models: 'hailuo-2.3', async: 'true' }),
					})
				).status,
			);
		expect(codes).toEqual([200, 200, 200, 429]);
		expect((await api('GET', '/agent/bad-id')).status).toBe(400);
		const missing = await api('GET', '/agent/p123456789-u1234-a987654321-bot:minimax');
		expect(missing.body).toEqual({ error: 'Job not found or expired after 31 days', code: 404 });
	});

	test('videos/agent-create streams SSE progress then the completed record', async () => {
		const listed = (await api('GET', '/videos/agent-templates')).body;
		// https://useapi.net/docs/api-minimax-v1/get-minimax-videos-agent-templates entries only; which inputs a template needs is the simulator's fixture (the detail shape is a [gap]).
		expect(listed).toEqual({ videoList: expect.any(Array) });
		expect(listed.videoList.every((t) => !('inputs' in t))).toBe(true);
		const tpls = templates('');
		const textTpl = tpls.find((t) => t.inputs.prompt && !t.inputs.image);
		expect((await api('POST', '/videos/agent-create', { json: {} })).status).toBe(400);
		expect(
			(
				await api('POST', '/videos/agent-create', {
					json: { templateId: textTpl.id, fileID: 'user:1234-minimax:987654321-file:1' },
				})
			).body.error,
		).toMatch(/ossPath/);
		const r = await api('POST', '/videos/agent-create', {
			json: { templateId: textTpl.id, prompt: 'a story', replyRef: 'tpl-1' },
		});
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('text/event-stream');
		const events = sseEvents(r.text);
		expect(events.length).toBeGreaterThanOrEqual(2);
		const final = events[events.length - 1];
		expect(events.slice(0, -1).every((e) => e.statusFinal === false)).toBe(true);
		expect(final).toMatchObject({
			statusFinal: true,
			status: 2,
			videoId: expect.stringContaining('-video:'),
			replyRef: 'tpl-1',
		});
		expect((await api('GET', `/videos/${final.videoId}`)).body.status).toBe(2);
		expect(sim.stats().creates.template).toBe(1);

		const imgTpl = tpls.find((t) => t.inputs.image);
		const up = (
			await api('POST', '/files', { body: IMAGE_PNG, headers: { 'Content-Type': 'image/png' } })
		).body;
		const other = (
			await api('POST', '/files', { body: IMAGE_PNG, headers: { 'Content-Type': 'image/png' } })
		).body;
		const wrongOss = await api('POST', '/videos/agent-create', {
			json: { templateId: imgTpl.id, fileID: up.fileID, ossPath: other.ossPath },
		});
		expect(wrongOss.status).toBe(400);
		expect(wrongOss.body.error).toMatch(/ossPath .* does not belong to fileID/);
		expect(sim.stats().creates.template).toBe(1);
		sim.options.agentCreateMode = 'sse-no-final';
		const nf = await api('POST', '/videos/agent-create', {
			json: { templateId: imgTpl.id, fileID: up.fileID, ossPath: up.ossPath },
		});
		const nfEvents = sseEvents(nf.text);
		expect(nfEvents.length).toBeGreaterThan(0);
		expect(nfEvents.every((e) => e.statusFinal === false)).toBe(true);
		sim.options.agentCreateMode = 'json';
		const js = await api('POST', '/videos/agent-create', {
			json: { templateId: imgTpl.id, fileID: up.fileID, ossPath: up.ossPath, replyRef: 'tpl-3' },
		});
		expect(js.body).toMatchObject({
			code: 200,
			videoId: expect.stringContaining('-video:'),
			data: { id: expect.any(String) },
			replyRef: 'tpl-3',
		});
		sim.options.agentCreateMode = 'sse';
	});

	test('images: ids, life cycle, list envelope, soft delete, fileID usable as first frame', async () => {
		const r = await api('POST', '/images/create', {
			json: { prompt: `a lighthouse ${LONG}`, quantity: 2, replyRef: 'img-1' },
		});
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({ code: 200, replyRef: 'img-1' });
		expect(r.body.imageIds).toHaveLength(2);
		expect(r.body.imageIds[0]).toMatch(/^user:1234-minimax:987654321-image:\d{18}$/);
		const listing = await api('GET', '/images?limit=1');
		expect(listing.body).toMatchObject({
			hasPre: false,
			hasNext: true,
			processing: true,
			total: 2,
		});
		expect(listing.body.images).toHaveLength(1);
		for (const id of r.body.imageIds) sim.completeJob(id);
		const done = (await api('GET', `/images/${r.body.imageIds[0]}`)).body;
		expect(done).toMatchObject({
			status: 2,
			statusLabel: 'completed',
			imageId: r.body.imageIds[0],
			fileID: expect.stringContaining('-file:'),
		});
		expect(done.videoURL).toMatch(/\.png$/);
		expect(done.downloadURL).toMatch(/\.png$/);
		const png = await fetch(done.downloadURL);
		expect(png.headers.get('content-type')).toBe('image/png');
		const v = await api('POST', '/videos/create', {
			json: { model: 'I2V-01', fileID: done.fileID, prompt: `move ${LONG}` },
		});
		expect(v.status).toBe(200);
		expect((await api('DELETE', `/images/${r.body.imageIds[0]}`)).status).toBe(200);
		expect((await api('GET', '/images')).body.total).toBe(1);
		expect((await api('GET', `/images/${r.body.imageIds[0]}`)).status).toBe(200);
		const sched = await api('GET', '/scheduler');
		expect(sched.body.some((e) => e.videoId === v.body.videoId)).toBe(true);
	});
});
