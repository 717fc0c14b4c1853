'use strict';
const { start, waitFor } = require('./test-helpers');

describe('capacity, account flags and prompt keywords', () => {
	let sim;
	let api;
	beforeAll(
		async () =>
			({ sim, api } = await start({
				jobMs: 300,
				accounts: [
					{ account: '987654321', maxJobs: 2, paid: true },
					{ account: '123456', maxJobs: 1, paid: false, queueLimit: 1 },
				],
			})),
	);
	afterAll(() => sim.close());
	beforeEach(() => {
		sim.reset();
		sim.setAccount('987654321', {
			maxJobs: 2,
			onHold: false,
			outOfCredits: false,
			onHoldAfterCreates: null,
		});
		sim.setAccount('123456', { maxJobs: 1, queueLimit: 1, onHold: false, outOfCredits: false });
	});

	const create = (json) => api('POST', '/videos/create', { json });

	test('maxJobs 429 lists runningVideos by account; scheduler/available follows real state', async () => {
		const a = await create({ account: '987654321', prompt: 'one [ms=3000]', replyRef: 'a' });
		const b = await create({ account: '987654321', prompt: 'two [ms=3000]', replyRef: 'b' });
		const avail = await api('GET', '/scheduler/available');
		expect(avail.body.available).toEqual(
			expect.arrayContaining([
				{ account: '987654321', maxJobs: 2, executing: 2, available: 0, executingAudio: 0 },
				{ account: '123456', maxJobs: 1, executing: 0, available: 1, executingAudio: 0 },
			]),
		);
		expect(avail.body.executing.map((e) => e.videoId).sort()).toEqual(
			[a.body.videoId, b.body.videoId].sort(),
		);
		expect(avail.body.executing[0]).toMatchObject({
			started: expect.any(String),
			elapsed: expect.stringMatching(/^\d\d:\d\d$/),
		});
		const busy = await create({ account: '987654321', prompt: 'three' });
		expect(busy.status).toBe(429);
		expect(busy.body.code).toBe(429);
		expect(busy.body.error).toBe('Account 987654321 is busy executing 2 videos');
		expect(busy.body.runningVideos['987654321']).toHaveLength(2);
		expect(busy.body.runningVideos['987654321'][0]).toMatchObject({
			account: '987654321',
			videoId: expect.stringContaining('-video:'),
			replyRef: expect.any(String),
		});
		// A per-request maxJobs override lifts the cap for that call.
		expect((await create({ account: '987654321', prompt: 'four', maxJobs: 3 })).status).toBe(200);
		const sched = await api('GET', '/scheduler');
		expect(sched.body).toHaveLength(3);
		// Cancel frees a slot.
		await api('POST', '/videos/cancel', { json: { videoId: a.body.videoId } });
		expect(
			(await api('GET', '/scheduler/available')).body.available.find(
				(x) => x.account === '987654321',
			).executing,
		).toBe(2);
		const st = sim.stats();
		expect(st.maxConcurrentByAccount['987654321']).toBe(3);
		expect(st.overCapacity).toBe(0);
		expect(st.rejected['429']).toBe(1);
	});

	test('MiniMax queue limit gives the statusInfo 1500006 shape', async () => {
		sim.setAccount('123456', { maxJobs: 3 });
		expect((await create({ account: '123456', prompt: 'q1 [ms=3000]' })).status).toBe(200);
		const q = await create({ account: '123456', prompt: 'q2' });
		expect(q.status).toBe(429);
		expect(q.body.statusInfo).toMatchObject({
			code: 1500006,
			message: 'YOU CAN QUEUE 1 JOBS AT ONCE',
		});
		expect(q.body).not.toHaveProperty('runningVideos');
	});

	test('load balancing: creates without account pick the most free slots', async () => {
		sim.setAccount('123456', { queueLimit: null, maxJobs: 1 });
		const accounts = [];
		for (let i = 0; i < 3; i++)
			accounts.push(
				(await create({ prompt: `lb${i} [ms=3000]` })).body.videoId.match(/-minimax:(\d+)-/)[1],
			);
		expect(accounts.sort()).toEqual(['123456', '987654321', '987654321']);
		const full = await create({ prompt: 'no room' });
		expect(full.status).toBe(429);
		expect((await api('GET', '/features')).status).toBe(400);
	});

	test('scheduler DELETE stops tracking; unknown ids are 404 with the documented text', async () => {
		const a = await create({ account: '987654321', prompt: 'track [ms=3000]' });
		const d = await api('DELETE', `/scheduler/${a.body.videoId}`);
		expect(d.status).toBe(204);
		expect((await api('GET', '/scheduler')).body).toEqual([]);
		const again = await api('DELETE', `/scheduler/${a.body.videoId}`);
		expect(again.status).toBe(404);
		expect(again.body).toEqual({ error: `Unable to locate running ${a.body.videoId}` });
	});

	test('out of credits → 412; on hold → 596 on requests that use the account', async () => {
		sim.setAccount('987654321', { outOfCredits: true });
		const r = await create({ account: '987654321', prompt: 'x' });
		expect(r.status).toBe(412);
		expect(r.body).toEqual({ error: 'Account 987654321 has run out of credits', code: 412 });
		sim.setAccount('987654321', { outOfCredits: false, onHold: true });
		const h = await create({ account: '987654321', prompt: 'x' });
		expect(h.status).toBe(596);
		expect(h.body).toEqual({ error: 'Account 987654321 is on hold', code: 596 });
		expect((await api('GET', '/videos?account=987654321')).status).toBe(596);
		expect(
			(await api('POST', '/images/create', { json: { account: '987654321', prompt: 'x' } })).status,
		).toBe(596);
		// Without an explicit account, load balancing avoids the held account.
		expect((await create({ prompt: 'elsewhere' })).body.videoId).toContain('-minimax:123456-');
		const avail = await api('GET', '/scheduler/available');
		expect(avail.body.available.map((x) => x.account)).toContain('987654321');
		expect((await api('GET', '/accounts')).body['987654321'].error).toMatch(/hold/);
	});

	test('onHoldAfterCreates switches to 596 mid-run', async () => {
		sim.setAccount('987654321', { onHoldAfterCreates: 2, maxJobs: 10 });
		const codes = [];
		for (let i = 0; i < 4; i++)
			codes.push((await create({ account: '987654321', prompt: `h${i}` })).status);
		expect(codes).toEqual([200, 200, 596, 596]);
	});

	test('keywords: [moderate] 422, [fail] 3, [moderate5/7/14], [removed] 404 after completion', async () => {
		sim.setAccount('987654321', { maxJobs: 10 });
		const m = await create({ account: '987654321', prompt: 'A [MODERATE] prompt' });
		expect(m.status).toBe(422);
		expect(m.body.statusInfo.code).toBe(1500001);
		expect(m.body.error).toEqual(expect.any(String));
		const want = { '[fail]': 3, '[moderate5]': 5, '[moderate7]': 7, '[moderate14]': 14 };
		const ids = {};
		for (const k of Object.keys(want))
			ids[k] = (await create({ account: '987654321', prompt: `x ${k} [ms=100]` })).body.videoId;
		const removed = (await create({ account: '987654321', prompt: 'gone [Removed] [ms=100]' })).body
			.videoId;
		expect((await api('GET', `/videos/${removed}`)).status).toBe(200);
		await waitFor(() => [...sim.jobs.values()].every((j) => j.final));
		for (const [k, status] of Object.entries(want)) {
			const r = await api('GET', `/videos/${ids[k]}`);
			expect(r.body).toMatchObject({
				status,
				statusFinal: true,
				statusLabel: status === 3 ? 'failed' : 'moderated',
			});
			expect(r.body.videoURL).toBe('');
		}
		const gone = await api('GET', `/videos/${removed}`);
		expect(gone.status).toBe(404);
		expect(gone.body).toEqual({ error: 'Not found.', code: 404 });
		expect(sim.jobs.get(removed).status).toBe(2);
	});
});
