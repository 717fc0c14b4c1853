import type { IDataObject } from 'n8n-workflow';

import { FAST_WAIT, ops, run, startSim, videoParams, type Sim } from './helpers';

const A = '111111111';
const B = '222222222';
let sim: Sim;
beforeAll(async () => {
	sim = await startSim({
		jobMs: 250,
		accounts: [
			{ account: A, maxJobs: 3, paid: true },
			{ account: B, maxJobs: 3, paid: true },
		],
	});
});
afterEach(() => {
	sim.reset();
	sim.setFaults({ rate: 0, paths: undefined });
	for (const account of [A, B]) sim.setAccount(account, { outOfCredits: false, onHold: false, onHoldAfterCreates: null, maxJobs: 3 });
});
afterAll(async () => await sim.close());

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ json: { n: i } }));
const params = (extra: IDataObject = {}) =>
	videoParams('={{ "clip " + $json.n }}', { downloadOptions: { returnAs: 'url' }, ...extra });

describe('batches', () => {
	it('runs 20 items over 2 accounts keeping every slot busy, in input order, with exactly 20 creates', async () => {
		const result = await run(sim, params(), items(20));
		expect(result.error).toBeUndefined();
		const stats = sim.stats();
		expect(stats.creates.video).toBe(20);
		expect(stats.duplicateCreates).toBe(0);
		expect(stats.overCapacity).toBe(0);
		expect(stats.rejected['429']).toBeUndefined();
		expect(stats.maxConcurrentByAccount).toEqual({ [A]: 3, [B]: 3 });
		expect(result.items.map((i) => i.pairedItem)).toEqual(items(20).map((_, i) => ({ item: i })));
		expect(result.items.every((i) => i.json.outcome === 'completed')).toBe(true);
		// Prompts went out per item and came back in order.
		const prompts = ops(sim, 'videos.create').map((c) => (c.body as IDataObject).prompt);
		expect(new Set(prompts).size).toBe(20);
		expect(new Set(result.items.map((i) => i.json.account))).toEqual(new Set([A, B]));
		// One listing call per interval covers the batch: far fewer single GETs than a per-job poll.
		expect(ops(sim, 'videos.get').length).toBe(20);
	});

	it('finds the job after an ambiguous create instead of creating a duplicate', async () => {
		sim.setFaults({ rate: 0.5, kinds: ['resetAfter'], paths: ['videos.create'], seed: 3 });
		// Jobs long enough to be running at the lookup: adopted by their replyRef tag in GET /scheduler.
		const result = await run(sim, params({ prompt: '={{ "clip [ms=1500] " + $json.n }}', waitOptions: { pollInterval: 0.1, timeout: 1 } }), items(6));
		expect(result.error).toBeUndefined();
		const stats = sim.stats();
		expect(stats.faults.resetAfter).toBeGreaterThan(0);
		expect(stats.creates.video).toBe(6);
		expect(stats.duplicateCreates).toBe(0);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(6);
		expect(result.items.every((i) => i.json.outcome === 'completed')).toBe(true);
	});

	it('retries 429 (both shapes), 502 and 504 on create without duplicates', async () => {
		sim.setFaults({ rate: 0.4, kinds: ['429', '429queue', '502', '504'], paths: ['videos.create'], seed: 5 });
		const result = await run(sim, params(), items(6));
		expect(result.error).toBeUndefined();
		const stats = sim.stats();
		expect(Object.values(stats.faults as IDataObject).reduce((a, b) => Number(a) + Number(b), 0)).toBeGreaterThan(0);
		expect(stats.creates.video).toBe(6);
		expect(stats.duplicateCreates).toBe(0);
		expect(Math.max(...result.items.map((i) => Number(i.json.attempts)))).toBeGreaterThan(1);
	});

	it('moves items off an account that runs out of credits (412) and one put on hold (596)', async () => {
		sim.setAccount(A, { outOfCredits: true });
		const credits = await run(sim, params(), items(5));
		expect(credits.error).toBeUndefined();
		expect(credits.items.every((i) => i.json.account === B)).toBe(true);
		// Only the creates already in flight when the first 412 came back went to A.
		expect(ops(sim, 'videos.create').filter((c) => c.status === 412).length).toBeLessThanOrEqual(3);
		expect(ops(sim, 'videos.create').filter((c) => c.status === 200).length).toBe(5);

		sim.reset();
		sim.setAccount(A, { outOfCredits: false, onHold: true });
		const hold = await run(sim, params(), items(5));
		expect(hold.error).toBeUndefined();
		expect(hold.items.every((i) => i.json.account === B)).toBe(true);
		expect(ops(sim, 'videos.create').filter((c) => c.status === 596).length).toBeLessThanOrEqual(3);
		// Routed creates name the account explicitly.
		expect(ops(sim, 'videos.create').every((c) => (c.body as IDataObject).account)).toBe(true);
	});

	it('fails the items of a fixed account with the 412 / 596 message, per item', async () => {
		sim.setAccount(A, { outOfCredits: true });
		const result = await run(sim, params({ account: A }), items(3), { continueOnFail: true });
		expect(result.items).toHaveLength(3);
		for (const item of result.items) expect(String(item.json.error)).toMatch(/run out of credits \(412\)/);
		expect(ops(sim, 'videos.create').every((c) => c.status === 412)).toBe(true);

		sim.reset();
		sim.setAccount(A, { outOfCredits: false, onHold: true });
		const hold = await run(sim, params({ account: A }), items(2));
		expect(hold.error?.message).toMatch(/on hold .*\(596\)/);
	});

	it('validates every item before any HTTP call, and with Continue On Fail runs the valid ones', async () => {
		const bad = params({ prompt: '={{ $json.n === 1 ? "x".repeat(2100) : "ok " + $json.n }}' });
		const strict = await run(sim, bad, items(3));
		expect(strict.error?.message).toBeDefined();
		expect(sim.log).toHaveLength(0);

		const lenient = await run(sim, bad, items(3), { continueOnFail: true });
		expect(lenient.items).toHaveLength(3);
		expect(lenient.items[1].json.error).toBeDefined();
		expect(lenient.items[0].json.outcome).toBe('completed');
		expect(lenient.items[2].json.outcome).toBe('completed');
		expect(ops(sim, 'videos.create')).toHaveLength(2);
	});

	it('maps 400, 401 and 422 without retrying', async () => {
		const moderated = await run(sim, params({ prompt: '={{ $json.n === 0 ? "[moderate] x" : "fine" }}' }), items(2), { continueOnFail: true });
		expect(String(moderated.items[0].json.error)).toMatch(/moderated the request \(422\)/);
		expect(moderated.items[1].json.outcome).toBe('completed');
		expect(ops(sim, 'videos.create')).toHaveLength(2);

		sim.reset();
		const invalid = await run(sim, params({ account: '999' }), items(1));
		expect(invalid.error?.message).toMatch(/404|not found/i);

		sim.reset();
		const unauthorized = await run(sim, params(), items(3), { token: 'user:1234-wrong', continueOnFail: true });
		expect(unauthorized.items).toHaveLength(3);
		for (const item of unauthorized.items) expect(String(item.json.error)).toMatch(/token was rejected \(401/);
		expect(ops(sim, 'videos.create')).toHaveLength(0);
	});

	it('keeps slots busy when not waiting and still returns every create response', async () => {
		const result = await run(sim, params({ waitForCompletion: false, waitOptions: FAST_WAIT }), items(8));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(Array(8).fill('submitted'));
		const stats = sim.stats();
		expect(stats.creates.video).toBe(8);
		expect(stats.overCapacity).toBe(0);
		expect(stats.rejected['429']).toBeUndefined();
	});
});
