'use strict';
const { start, waitFor } = require('./test-helpers');
const { DEFAULT_TOKEN } = require('./index');

describe('simulator core: auth, ids, life cycle, lists', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start({ jobMs: 250 })));
	afterAll(() => sim.close());
	beforeEach(() => sim.reset());

	test('401 without or with a wrong token; agent paths have no code', async () => {
		expect(sim.token).toBe(DEFAULT_TOKEN);
		const none = await api('GET', '/accounts', { noAuth: true });
		expect(none.status).toBe(401);
		expect(none.body).toEqual({ error: 'Unauthorized', code: 401 });
		const wrong = await api('GET', '/scheduler', { token: 'user:1234-nope' });
		expect(wrong.status).toBe(401);
		const shortened = await api('GET', '/scheduler', { token: '1234-simtoken0123456789' });
		expect(shortened.status).toBe(401);
		const agent = await api('GET', '/agent/jobs', { noAuth: true });
		expect(agent.status).toBe(401);
		expect(agent.body).toEqual({ error: 'Unauthorized' });
	});

	test('create → pending/queued/processing → completed with documented fields', async () => {
		const c = await api('POST', '/videos/create', {
			json: { prompt: 'a red robot [ms=600000]', replyRef: 'r1' },
		});
		expect(c.status).toBe(200);
		expect(c.body.code).toBe(200);
		expect(c.body.videoId).toMatch(/^user:1234-minimax:987654321-video:\d{18}$/);
		expect(c.body.videoId.endsWith(c.body.data.id)).toBe(true);
		expect(c.body.statusInfo.code).toBe(0);
		expect(c.body.replyRef).toBe('r1');
		const first = await api('GET', `/videos/${c.body.videoId}`);
		expect(first.status).toBe(200);
		expect([0, 11, 1, 12]).toContain(first.body.status);
		expect(first.body.statusFinal).toBe(false);
		expect(first.body.videoURL).toBe('');
		// GET /videos/{videoId} has no createTime on video records (GET /images/{imageId} has one).
		expect(first.body).not.toHaveProperty('createTime');
		sim.completeJob(c.body.videoId);
		const done = (await api('GET', `/videos/${c.body.videoId}/`)).body;
		expect(done).toMatchObject({
			status: 2,
			statusLabel: 'completed',
			statusFinal: true,
			percent: 100,
			desc: 'a red robot [ms=600000]',
			videoId: c.body.videoId,
		});
		expect(done.videoURL).toMatch(new RegExp(`^${sim.cdnUrl}/cdn/.+-watermark\\.mp4$`));
		expect(done.downloadURL).toMatch(/\.mp4$/);
		expect(done.coverURL).toMatch(/\.png$/);
		expect(done.width).toBeGreaterThan(0);
		expect(done).not.toHaveProperty('createTime');
		const job = sim.jobs.get(c.body.videoId);
		expect(job).toMatchObject({ kind: 'video', account: '987654321', replyRef: 'r1', status: 2 });
		expect(job.finalAt).toBeGreaterThanOrEqual(job.createdAt);
	});

	test('processing reports a rising percent and a message', async () => {
		// Long enough that no stall of a loaded machine reaches the end while percent is watched.
		const c = await api('POST', '/videos/create', { json: { prompt: 'slow one [ms=8000]' } });
		const mid = await waitFor(async () => {
			const r = await api('GET', `/videos/${c.body.videoId}`);
			return [1, 12].includes(r.body.status) && r.body.percent > 0 && r.body;
		});
		expect(typeof mid.message).toBe('string');
		const later = await waitFor(async () => {
			const r = await api('GET', `/videos/${c.body.videoId}`);
			return r.body.percent > mid.percent && r.body;
		});
		expect(later.statusFinal).toBe(false);
	});

	test('URL-encoded ids answer 404; malformed ids 400; unknown 404', async () => {
		const c = await api('POST', '/videos/create', { json: { prompt: 'x' } });
		const enc = await api('GET', `/videos/${encodeURIComponent(c.body.videoId)}`);
		expect(enc.status).toBe(404);
		expect(enc.body).toEqual({ error: 'Not found.', code: 404 });
		const lower = await api('GET', `/videos/${c.body.videoId.replace(/:/g, '%3a')}`);
		expect(lower.status).toBe(404);
		expect((await api('GET', '/videos/not-an-id')).status).toBe(400);
		expect(
			(await api('GET', '/videos/user:1234-minimax:987654321-video:111111111111111111')).status,
		).toBe(404);
	});

	test('free accounts get no downloadURL', async () => {
		const { sim: s2, api: a2 } = await start({
			jobMs: 50,
			accounts: [{ account: '123456', maxJobs: 2, paid: false }],
		});
		try {
			const c = await a2('POST', '/videos/create', { json: { prompt: 'free plan' } });
			expect(c.body.videoId).toContain('-minimax:123456-video:');
			const done = await waitFor(
				async () =>
					(await a2('GET', `/videos/${c.body.videoId}`)).body.statusFinal &&
					(await a2('GET', `/videos/${c.body.videoId}`)).body,
			);
			expect(done.status).toBe(2);
			expect(done.videoURL).toMatch(/watermark\.mp4$/);
			expect(done).not.toHaveProperty('downloadURL');
			const f = await a2('GET', '/features');
			expect(f.body.memberName).toBe('Free');
		} finally {
			await s2.close();
		}
	});

	test('GET /videos is a bare array, newest first, with a lastVideoId cursor; DELETE hides it', async () => {
		const ids = [];
		for (let i = 0; i < 3; i++)
			ids.push(
				(await api('POST', '/videos/create', { json: { prompt: `v${i}`, maxJobs: 5 } })).body
					.videoId,
			);
		const all = await api('GET', '/videos/?limit=10');
		expect(Array.isArray(all.body)).toBe(true);
		expect(all.body.map((v) => v.videoId)).toEqual([...ids].reverse());
		const page = await api('GET', `/videos?limit=1&lastVideoId=${ids[2]}`);
		expect(page.body.map((v) => v.videoId)).toEqual([ids[1]]);
		const del = await api('DELETE', `/videos/${ids[0]}`);
		expect(del.status).toBe(200);
		expect((await api('GET', `/videos/${ids[0]}`)).status).toBe(404);
		expect((await api('GET', '/videos')).body).toHaveLength(2);
		expect((await api('DELETE', `/videos/${ids[0]}`)).status).toBe(200);
	});

	test('cancel ends the job as failed (3); missing or unknown ids are 400', async () => {
		const c = await api('POST', '/videos/create', { json: { prompt: 'cancel me [ms=5000]' } });
		const r = await api('POST', '/videos/cancel', { json: { videoId: c.body.videoId } });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({});
		const v = await api('GET', `/videos/${c.body.videoId}`);
		expect(v.body).toMatchObject({ status: 3, statusLabel: 'failed', statusFinal: true });
		expect(sim.jobs.get(c.body.videoId).finalAt).toBeDefined();
		expect((await api('POST', '/videos/cancel', { json: {} })).status).toBe(400);
		expect(
			(
				await api('POST', '/videos/cancel', {
					json: { videoId: 'user:1234-minimax:987654321-video:123456789012345678' },
				})
			).status,
		).toBe(400);
		expect(
			(await api('POST', '/videos/cancel', { json: { videoId: c.body.videoId } })).status,
		).toBe(400);
	});

	test('accounts CRUD, features, characters, templates, decommissioned', async () => {
		const list = await api('GET', '/accounts');
		expect(list.body['987654321']).toMatchObject({
			account: '987654321',
			maxJobs: 3,
			supportVideo: true,
		});
		expect((await api('GET', '/accounts/987654321')).body.jwt.host).toBe('hailuoai.video');
		expect(
			(
				await api('POST', '/accounts', {
					json: { url: 'https://hailuoai.video/v3/x', token: 'jwt', maxJobs: 11 },
				})
			).status,
		).toBe(400);
		expect((await api('POST', '/accounts', { json: { token: 'jwt', maxJobs: 2 } })).status).toBe(
			400,
		);
		const payload = Buffer.from(JSON.stringify({ user: { id: '555666777' } })).toString(
			'base64url',
		);
		const made = await api('POST', '/accounts', {
			json: {
				url: 'https://hailuoai.video/v3/api/multimodal/video/my/cursor?device_id=1',
				token: `h.${payload}.s`,
				maxJobs: 2,
			},
		});
		expect(made.status).toBe(201);
		expect(made.body).toMatchObject({ account: '555666777', maxJobs: 2 });
		// With two accounts, list endpoints need `account`.
		const need = await api('GET', '/videos');
		expect(need.status).toBe(400);
		expect(need.body).toEqual({
			error: 'Parameter account is required when several accounts are configured',
			code: 400,
		});
		const del = await api('DELETE', '/accounts/555666777');
		expect(del.status).toBe(204);
		expect(del.text).toBe('');
		expect((await api('GET', '/accounts/555666777')).status).toBe(404);
		const feat = await api('GET', '/features?account=987654321');
		expect(feat.body).toMatchObject({ memberName: 'Standard', modelControl: expect.any(Array) });
		const chars = await api('GET', '/videos/characters?page=1&pageSize=1');
		expect(chars.body).toHaveLength(1);
		expect(chars.body[0].file.fileID).toMatch(/-file:\d{18}$/);
		const tpl = await api('GET', '/videos/agent-templates?limit=2');
		expect(tpl.body.videoList).toHaveLength(2);
		const next = await api(
			'GET',
			`/videos/agent-templates?limit=10&lastId=${tpl.body.videoList[1].id}`,
		);
		expect(next.body.videoList.length).toBeGreaterThanOrEqual(3);
		expect(next.body.videoList[0].id).not.toBe(tpl.body.videoList[1].id);
		const one = await api('GET', `/videos/agent-templates?templateId=${tpl.body.videoList[0].id}`);
		expect(one.body.id).toBe(tpl.body.videoList[0].id);
		for (const p of [
			'/audio',
			'/llm',
			'/music/create?prompt=x',
			'/music/styles',
			'/audio/voices?account=1',
		]) {
			const r = await api('GET', p);
			expect(r.status).toBe(410);
			expect(r.body).toEqual({ error: 'Decommissioned', code: 410 });
		}
	});

	test('request log records ops, accounts and headers but never the token', async () => {
		await api('POST', '/videos/create', {
			json: { prompt: `p ${'x'.repeat(500)}`, replyRef: 'log-1' },
			headers: { 'X-Extra': sim.token },
		});
		await api('GET', `/scheduler/available?echo=${encodeURIComponent(sim.token)}`);
		await api('GET', '/accounts', { noAuth: true });
		const [create, avail, unauth] = sim.log;
		expect(create).toMatchObject({
			method: 'POST',
			path: '/v1/minimax/videos/create',
			kind: 'api',
			op: 'videos.create',
			status: 200,
			account: '987654321',
		});
		expect(create.jobId).toMatch(/-video:/);
		expect(create.body.replyRef).toBe('log-1');
		expect(create.body.prompt.length).toBeLessThan(300);
		expect(create.headers.authorized).toBe(true);
		expect(create.headers).not.toHaveProperty('authorization');
		expect(avail.op).toBe('scheduler.available');
		expect(unauth).toMatchObject({
			status: 401,
			headers: expect.objectContaining({ authorized: false }),
		});
		expect(JSON.stringify(sim.log)).not.toContain(sim.token);
		expect(JSON.stringify(sim.log)).not.toContain('simtoken0123456789');
	});
});
