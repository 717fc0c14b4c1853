'use strict';
const { start, waitFor, receiver } = require('./test-helpers');

describe('replyUrl callbacks', () => {
	let hook;
	beforeAll(async () => (hook = await receiver()));
	afterAll(() => hook.close());
	beforeEach(() => (hook.hits.length = 0));

	const forJob = (key, id) =>
		hook.hits.filter(
			(h) =>
				JSON.stringify(h.body).includes(id) &&
				(key ? h.body[key] !== undefined || (h.body.data && h.body.data[key] !== undefined) : true),
		);

	test('record shape: progress updates, then the final GET record with replyUrl/replyRef', async () => {
		const { sim, api } = await start({ jobMs: 300 });
		try {
			const c = await api('POST', '/videos/create', {
				json: { prompt: 'cb', replyUrl: hook.url, replyRef: 'cb-1' },
			});
			// Three POSTs, whatever the load: late progress timers still report their own moment.
			await waitFor(() => forJob('videoId', c.body.videoId).length === 3);
			const hits = forJob('videoId', c.body.videoId);
			expect(hits.filter((h) => h.body.statusFinal === false)).toHaveLength(2);
			expect(hits.filter((h) => h.body.statusFinal === false).map((h) => h.body.percent)).toEqual([
				6, 60,
			]);
			const final = hits.find((h) => h.body.statusFinal);
			expect(final.headers['content-type']).toBe('application/json');
			expect(final.headers).not.toHaveProperty('authorization');
			const rec = (await api('GET', `/videos/${c.body.videoId}`)).body;
			expect(final.body).toEqual({ ...rec, replyUrl: hook.url, replyRef: 'cb-1' });
			expect(sim.callbacks.map((x) => x.final)).toEqual([false, false, true]);
			expect(sim.callbacks[2]).toMatchObject({ url: hook.url, jobId: c.body.videoId, status: 2 });
			expect(sim.stats().callbacksSent).toBe(3);

			// Images and agent jobs call back too (agent: on completion only).
			const img = await api('POST', '/images/create', {
				json: { prompt: 'cb img', replyUrl: hook.url, replyRef: 'cb-img' },
			});
			const fd = new FormData();
			fd.append('prompt', 'cb agent');
			fd.append('models', 'nano-banana-2');
			fd.append('async', 'true');
			fd.append('replyUrl', hook.url);
			fd.append('replyRef', 'cb-agent');
			const ag = await api('POST', '/agent', { body: fd });
			await waitFor(
				() =>
					hook.hits.some((h) => h.body.imageId && h.body.statusFinal) &&
					hook.hits.some((h) => h.body.jobId),
			);
			const imgFinal = hook.hits.find(
				(h) => h.body.imageId === img.body.imageIds[0] && h.body.statusFinal,
			);
			expect(imgFinal.body).toMatchObject({
				status: 2,
				replyRef: 'cb-img',
				fileID: expect.stringContaining('-file:'),
			});
			const agentHits = hook.hits.filter((h) => h.body.jobId === ag.body.jobId);
			expect(agentHits).toHaveLength(1);
			expect(agentHits[0].body).toMatchObject({
				status: 'completed',
				request: { replyRef: 'cb-agent' },
			});
		} finally {
			await sim.close();
		}
	});

	test('wrapped and partial shapes; callbackProgress false sends only the final', async () => {
		const w = await start({ jobMs: 150, callbackShape: 'wrapped' });
		const p = await start({ jobMs: 150, callbackShape: 'partial', callbackProgress: false });
		try {
			const a = await w.api('POST', '/videos/create', {
				json: { prompt: 'w', replyUrl: hook.url, replyRef: 'w-1' },
			});
			const b = await p.api('POST', '/videos/create', {
				json: { prompt: 'p [fail]', replyUrl: hook.url, replyRef: 'p-1' },
			});
			const wrappedOf = () =>
				hook.hits.filter((h) => h.body.data && h.body.data.videoId === a.body.videoId);
			await waitFor(
				() => wrappedOf().length === 3 && hook.hits.some((h) => h.body.videoId === b.body.videoId),
			);
			const wrapped = wrappedOf();
			expect(wrapped.filter((h) => h.body.data.statusFinal === false)).toHaveLength(2);
			expect(wrapped.find((h) => h.body.data.statusFinal).body.data).toMatchObject({
				status: 2,
				statusFinal: true,
				replyRef: 'w-1',
				videoURL: expect.stringContaining('/cdn/'),
			});
			expect(p.sim.callbacks.filter((x) => x.jobId === b.body.videoId)).toHaveLength(1);
			const partial = hook.hits.filter((h) => h.body.videoId === b.body.videoId);
			expect(partial).toHaveLength(1);
			expect(partial[0].body).toEqual({
				videoId: b.body.videoId,
				status: 3,
				statusLabel: 'failed',
				statusFinal: true,
				replyRef: 'p-1',
			});
		} finally {
			await w.sim.close();
			await p.sim.close();
		}
	});

	test('cancel sends the final at once; scheduler DELETE stops callbacks; failures are counted', async () => {
		const { sim, api } = await start({ jobMs: 300 });
		try {
			const c = await api('POST', '/videos/create', {
				json: { prompt: 'c [ms=5000]', replyUrl: hook.url, replyRef: 'c-1' },
			});
			await api('POST', '/videos/cancel', { json: { videoId: c.body.videoId } });
			await waitFor(() => hook.hits.some((h) => h.body.videoId === c.body.videoId));
			expect(hook.hits.find((h) => h.body.videoId === c.body.videoId).body).toMatchObject({
				status: 3,
				statusFinal: true,
			});

			const d = await api('POST', '/videos/create', {
				json: { prompt: 'd [ms=600000]', replyUrl: hook.url, replyRef: 'd-1' },
			});
			expect((await api('DELETE', `/scheduler/${d.body.videoId}`)).status).toBe(204);
			sim.completeJob(d.body.videoId);
			// post() records every callback synchronously: none was sent for the untracked job.
			expect(sim.callbacks.filter((x) => x.jobId === d.body.videoId)).toHaveLength(0);

			const dead = await receiver();
			const deadUrl = dead.url;
			await dead.close();
			await api('POST', '/videos/create', {
				json: { prompt: 'e [ms=50]', replyUrl: deadUrl, maxJobs: 5 },
			});
			await waitFor(() => sim.stats().callbacksFailed >= 1);
			expect(sim.callbacks.some((x) => x.url === deadUrl && x.error)).toBe(true);
		} finally {
			await sim.close();
		}
	});
});
