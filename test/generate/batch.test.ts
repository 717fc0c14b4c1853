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
	for (const account of [A, B])
		sim.setAccount(account, {
			outOfCredits: false,
			onHold: false,
			onHoldAfterCreates: null,
			maxJobs: 3,
		});
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
		const result = await run(
			sim,
			params({
				prompt: '={{ "clip [ms=1500] " + $json.n }}',
				waitOptions: { pollInterval: 0.1, timeout: 1 },
			}),
			items(6),
		);
		expect(result.error).toBeUndefined();
		const stats = sim.stats();
		expect(stats.faults.resetAfter).toBeGreaterThan(0);
		expect(stats.creates.video).toBe(6);
		expect(stats.duplicateCreates).toBe(0);
		expect(new Set(result.items.map((i) => i.json.id)).size).toBe(6);
		expect(result.items.every((i) => i.json.outcome === 'completed')).toBe(true);
	});

	it('retries 429 (both shapes), 502 and 504 on create without duplicates', async () => {
		sim.setFaults({
			rate: 0.4,
			kinds: ['429', '429queue', '502', '504'],
			paths: ['videos.create'],
			seed: 5,
		});
		const result = await run(sim, params(), items(6));
		expect(result.error).toBeUndefined();
		const stats = sim.stats();
		expect(
			Object.values(stats.faults as IDataObject).reduce((a, b) => Number(a) + Number(b), 0),
		).toBeGreaterThan(0);
		expect(stats.creates.video).toBe(6);
		expect(stats.duplicateCreates).toBe(0);
		expect(Math.max(...result.items.map((i) => Number(i.json.attempts)))).toBeGreaterThan(1);
	});

	it.each([
		// 412 only answers creates: one create finds it out.
		['runs out of credits (412)', { outOfCredits: true }, 412, 1],
		// 596 answers every request naming the account: the list snapshot read before the first
		// create (ambiguous-create recovery, recover.ts) finds the hold, so no create goes there.
		['is put on hold (596)', { onHold: true }, 596, 0],
	])(
		'an account that %s gets at most one create, then its items move to the other account',
		async (_, flag, code, refused) => {
			sim.setAccount(A, flag);
			const result = await run(sim, params(), items(5));
			expect(result.error).toBeUndefined();
			const creates = ops(sim, 'videos.create');
			// At most one rejected create: until an account proves itself, one create at a time goes there.
			expect(creates.filter((c) => c.status === code)).toHaveLength(refused);
			expect(creates.filter((c) => (c.body as IDataObject).account === A)).toHaveLength(refused);
			expect(creates.filter((c) => c.status === 200)).toHaveLength(5);
			expect(
				result.items.every((i) => i.json.account === B && i.json.outcome === 'completed'),
			).toBe(true);
			// The refused item itself moved: it took two creates, the first to A, and ended on B.
			const moved = result.items.filter((i) => i.json.attempts === 2);
			expect(moved).toHaveLength(refused);
			// Routed creates name the account explicitly.
			expect(creates.every((c) => (c.body as IDataObject).account)).toBe(true);
		},
	);

	it("counts slots with the node's Max Jobs instead of the account's (POST /videos/create maxJobs)", async () => {
		const one = await run(sim, params({ account: A, maxJobs: 1 }), items(3));
		expect(one.error).toBeUndefined();
		let stats = sim.stats();
		expect(stats.rejected['429']).toBeUndefined();
		expect(stats.maxConcurrentByAccount).toEqual({ [A]: 1 });
		expect(ops(sim, 'videos.create').map((c) => (c.body as IDataObject).maxJobs)).toEqual([
			1, 1, 1,
		]);

		sim.reset();
		// Above the account's 3: the request's 5 is the cap, so five run at once, none refused.
		const five = await run(sim, params({ account: A, maxJobs: 5 }), items(5));
		expect(five.error).toBeUndefined();
		stats = sim.stats();
		expect(stats.rejected['429']).toBeUndefined();
		expect(stats.maxConcurrentByAccount).toEqual({ [A]: 5 });
	});

	it('runs an item on the account its File ID belongs to, and refuses inputs from two accounts before any call', async () => {
		sim.setAccount(B, { maxJobs: 1 });
		const upload = async (account: string) => {
			const r = await fetch(`${sim.url}/v1/minimax/files?account=${account}`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'image/png' },
				body: Buffer.from('\x89PNG fake'),
			});
			return String(((await r.json()) as IDataObject).fileID);
		};
		const fromB = await upload(B);
		const fromA = await upload(A);
		sim.reset();
		const i2v = (extra: IDataObject) =>
			params({
				videoModel: 'I2V-01',
				prompt: 'animate',
				imageSource: 'fileId',
				imageFileId: fromB,
				...extra,
			});
		// A has more free slots, but the file is B's: the create goes to B.
		const pinned = await run(sim, i2v({}), items(1));
		expect(pinned.error).toBeUndefined();
		expect(
			ops(sim, 'videos.create').map((c) => [(c.body as IDataObject).account, c.status]),
		).toEqual([[B, 200]]);
		expect(pinned.items[0].json).toMatchObject({ account: B, outcome: 'completed' });

		sim.reset();
		const two = await run(
			sim,
			i2v({ videoModel: 'Veo-3.1', endFrameSource: 'fileId', endFrameFileId: fromA }),
			items(1),
		);
		expect(two.error?.message).toMatch(
			new RegExp(`different MiniMax accounts: ${B} \\(fileID\\) and ${A} \\(end_frame_fileID\\)`),
		);
		const fixed = await run(sim, i2v({ account: A }), items(1));
		expect(fixed.error?.message).toMatch(
			new RegExp(`different MiniMax accounts: ${A} \\(Account\\) and ${B} \\(fileID\\)`),
		);
		expect(sim.log).toHaveLength(0);
	});

	it('fails the items of a fixed account with the 412 / 596 message, per item', async () => {
		sim.setAccount(A, { outOfCredits: true });
		const result = await run(sim, params({ account: A }), items(3), { continueOnFail: true });
		expect(result.items).toHaveLength(3);
		for (const item of result.items)
			expect(String(item.json.error)).toMatch(/run out of credits \(412\)/);
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

	it('maps 400, 401, 404 and 422 without retrying', async () => {
		const moderated = await run(
			sim,
			params({ prompt: '={{ $json.n === 0 ? "[moderate] x" : "fine" }}' }),
			items(2),
			{ continueOnFail: true },
		);
		expect(String(moderated.items[0].json.error)).toMatch(/moderated the request \(422\)/);
		expect(moderated.items[1].json.outcome).toBe('completed');
		expect(ops(sim, 'videos.create')).toHaveLength(2);

		sim.reset();
		// A fileID the account does not have: the API's 400, once, with its message.
		const missing = `user:1234-minimax:${A}-file:123456789012345678`;
		const rejected = await run(
			sim,
			params({ videoModel: 'I2V-01', imageSource: 'fileId', imageFileId: missing }),
			items(1),
		);
		expect(rejected.error?.message).toMatch(
			new RegExp(
				`useapi.net rejected the request \\(400\\): Parameter fileID \\(${missing}\\) was not found on account ${A}`,
			),
		);
		expect(ops(sim, 'videos.create').map((c) => c.status)).toEqual([400]);

		sim.reset();
		const unknown = await run(sim, params({ account: '999' }), items(1));
		expect(unknown.error?.message).toBe(
			'Account 999 is not configured at useapi.net (404): Configuration for account 999 not found',
		);
		expect(ops(sim, 'videos.create')).toHaveLength(0);

		sim.reset();
		const unauthorized = await run(sim, params(), items(3), {
			token: 'user:1234-wrong',
			continueOnFail: true,
		});
		expect(unauthorized.items).toHaveLength(3);
		for (const item of unauthorized.items)
			expect(String(item.json.error)).toMatch(/token was rejected \(401/);
		expect(ops(sim, 'videos.create')).toHaveLength(0);
	});

	it('a failure that stops the run names the other jobs that keep running (and are paid for)', async () => {
		const result = await run(
			sim,
			params({ prompt: '={{ $json.n === 0 ? "[fail] first" : "[ms=600000] long" }}', account: A }),
			items(2),
		);
		const long = ops(sim, 'videos.create').find((c) =>
			String((c.body as IDataObject).prompt).includes('long'),
		);
		expect(result.error?.message).toMatch(/The video failed \(status 3\)/);
		expect(result.error?.description).toContain(
			`Other jobs of this run keep running on the server: ${String(long?.jobId)}`,
		);
	});

	it('keeps slots busy when not waiting and still returns every create response', async () => {
		const result = await run(
			sim,
			params({ waitForCompletion: false, waitOptions: FAST_WAIT }),
			items(8),
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.status)).toEqual(Array(8).fill('submitted'));
		const stats = sim.stats();
		expect(stats.creates.video).toBe(8);
		expect(stats.overCapacity).toBe(0);
		expect(stats.rejected['429']).toBeUndefined();
	});
});
