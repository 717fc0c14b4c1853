'use strict';
const { start } = require('./test-helpers');

async function runSequence(seed) {
	const { sim, api } = await start({ faults: { rate: 0.5, seed, slowMs: 10 } });
	try {
		const seen = [];
		for (let i = 0; i < 40; i++) {
			try {
				const r = await api('GET', '/scheduler');
				seen.push(r.status);
			} catch {
				seen.push('reset');
			}
		}
		return { seen, faults: sim.log.map((e) => e.fault || '-'), stats: sim.stats().faults };
	} finally {
		await sim.close();
	}
}

describe('fault injection and duplicate accounting', () => {
	test('faults are seeded: same seed repeats exactly, another seed differs', async () => {
		const a = await runSequence(7);
		const b = await runSequence(7);
		const c = await runSequence(8);
		expect(a.faults).toEqual(b.faults);
		expect(a.seen).toEqual(b.seen);
		expect(a.faults).not.toEqual(c.faults);
		const injected = a.faults.filter((f) => f !== '-').length;
		expect(injected).toBeGreaterThan(5);
		expect(injected).toBeLessThan(35);
		expect(Object.values(a.stats).reduce((x, y) => x + y, 0)).toBe(injected);
		// Every reset fault is seen by the client as a socket error, never as an answer.
		const resets = a.faults.filter((f) => f === 'resetBefore' || f === 'resetAfter').length;
		expect(a.seen.filter((x) => x === 'reset').length).toBe(resets);
		expect(a.seen.filter((x) => x === 502).length).toBe(a.faults.filter((f) => f === '502').length);
	});

	test('each kind behaves as documented', async () => {
		const { sim, api } = await start({
			faults: { rate: 1, kinds: ['502'], paths: ['videos.create'] },
		});
		try {
			const bad = await api('POST', '/videos/create', { json: { prompt: 'x', replyRef: 'f1' } });
			expect(bad.status).toBe(502);
			expect(bad.body).toEqual({ error: 'Bad Gateway', code: 502 });
			expect(sim.jobs.size).toBe(0);
			// Other ops are untouched by `paths`.
			expect((await api('GET', '/scheduler')).status).toBe(200);

			sim.setFaults({ kinds: ['504'] });
			expect((await api('POST', '/videos/create', { json: { prompt: 'x' } })).body).toEqual({
				error: 'Gateway Timeout',
				code: 504,
			});
			sim.setFaults({ kinds: ['429'] });
			const busy = await api('POST', '/videos/create', { json: { prompt: 'x' } });
			expect(busy.status).toBe(429);
			expect(busy.body.runningVideos).toHaveProperty('987654321');
			sim.setFaults({ kinds: ['429queue'] });
			expect(
				(await api('POST', '/videos/create', { json: { prompt: 'x' } })).body.statusInfo.code,
			).toBe(1500006);
			expect(sim.jobs.size).toBe(0);

			sim.setFaults({ kinds: ['resetBefore'] });
			await expect(api('POST', '/videos/create', { json: { prompt: 'x' } })).rejects.toThrow();
			expect(sim.jobs.size).toBe(0);

			sim.setFaults({ kinds: ['resetAfter'] });
			await expect(
				api('POST', '/videos/create', { json: { prompt: 'lost answer', replyRef: 'ra-1' } }),
			).rejects.toThrow();
			expect(sim.jobs.size).toBe(1);
			const [job] = sim.jobs.values();
			expect(job).toMatchObject({ replyRef: 'ra-1', kind: 'video' });
			const entry = sim.log[sim.log.length - 1];
			expect(entry).toMatchObject({ fault: 'resetAfter', status: 0, jobId: job.id });

			sim.setFaults({ kinds: ['slow'], slowMs: 250 });
			const t0 = Date.now();
			expect((await api('POST', '/videos/create', { json: { prompt: 'slow' } })).status).toBe(200);
			expect(Date.now() - t0).toBeGreaterThanOrEqual(240);

			sim.setFaults({ rate: 0 });
			expect((await api('GET', `/videos/${job.id}`)).status).toBe(200);
			expect(sim.stats().faults).toEqual({
				502: 1,
				504: 1,
				429: 1,
				'429queue': 1,
				resetBefore: 1,
				resetAfter: 1,
				slow: 1,
			});
		} finally {
			await sim.close();
		}
	});

	test('resetAfter on a GET behaves like resetBefore; /cdn is never faulted', async () => {
		const { sim, api } = await start({ jobMs: 20, faults: { rate: 1, kinds: ['resetAfter'] } });
		try {
			await expect(api('GET', '/scheduler')).rejects.toThrow();
			sim.setFaults({ paths: ['videos.get'] });
			const c = await api('POST', '/videos/create', { json: { prompt: 'x' } });
			expect(c.status).toBe(200);
			await new Promise((r) => setTimeout(r, 40));
			const rec = sim.record(c.body.videoId);
			expect((await fetch(rec.videoURL)).status).toBe(200);
		} finally {
			await sim.close();
		}
	});

	test('duplicateCreates counts repeated replyRefs per kind only', async () => {
		const { sim, api } = await start({ jobMs: 20 });
		try {
			await api('POST', '/videos/create', {
				json: { prompt: 'a', replyRef: 'item-1', maxJobs: 10 },
			});
			await api('POST', '/videos/create', {
				json: { prompt: 'b', replyRef: 'item-2', maxJobs: 10 },
			});
			await api('POST', '/videos/create', { json: { prompt: 'c', maxJobs: 10 } });
			await api('POST', '/videos/create', { json: { prompt: 'd', maxJobs: 10 } });
			await api('POST', '/images/create', {
				json: { prompt: 'e', replyRef: 'item-1', quantity: 3 },
			});
			expect(sim.stats().duplicateCreates).toBe(0);
			await api('POST', '/videos/create', {
				json: { prompt: 'a again', replyRef: 'item-1', maxJobs: 10 },
			});
			await api('POST', '/images/create', { json: { prompt: 'e again', replyRef: 'item-1' } });
			// Rejected creates are not accepted jobs and do not count.
			await api('POST', '/videos/create', { json: { prompt: 'x [moderate]', replyRef: 'item-2' } });
			const st = sim.stats();
			expect(st.duplicateCreates).toBe(2);
			expect(st.creates).toEqual({ video: 5, image: 2, agent: 0, template: 0 });
		} finally {
			await sim.close();
		}
	});
});
