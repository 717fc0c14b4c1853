import type { IDataObject } from 'n8n-workflow';

import { ops, run, startSim, until, videoParams, type Sim } from './helpers';

/**
 * Issue 13, classes 3 and 4: after a create whose answer was lost, the node looks only on the
 * account the create went to, sends nothing anywhere until that lookup proves no job exists, and
 * adopts a job only by its replyRef tag. Deterministic: faults are chosen per request.
 */
const A = '510000001';
const B = '510000002';
let sim: Sim;
beforeAll(async () => {
	sim = await startSim({
		jobMs: 300,
		accounts: [
			{ account: A, maxJobs: 1, paid: true },
			{ account: B, maxJobs: 3, paid: true },
		],
	});
});
afterEach(() => {
	sim.reset();
	(sim as unknown as { decideFault: unknown }).decideFault = original;
});
afterAll(async () => await sim.close());
let original: unknown;
beforeEach(() => {
	original = (sim as unknown as { decideFault: unknown }).decideFault;
});

type Decide = (op: string) => string | undefined;
const decide = (fn: Decide) => ((sim as unknown as { decideFault: Decide }).decideFault = fn);
const jobs = () => [...sim.jobs.values()] as IDataObject[];
const accepted = () => ops(sim, 'videos.create').filter((e) => e.jobId);
const params = (prompt: string, extra: IDataObject = {}) =>
	videoParams(prompt, {
		downloadOptions: { returnAs: 'url' },
		waitOptions: { pollInterval: 0.1, timeout: 0.5, onFailure: 'returnItem' },
		...extra,
	});

/** The first create is performed but its answer lost; GET /scheduler fails while `failScheduler()` holds. */
function loseFirstCreate(failScheduler: () => boolean, failList: () => boolean = () => false) {
	let first = true;
	decide((op) => {
		if (op === 'videos.create' && first) {
			first = false;
			return 'resetAfter';
		}
		if (op === 'scheduler.list' && failScheduler()) return '502';
		if (op === 'videos.list' && failList()) return '502';
		return undefined;
	});
}

describe('ambiguous creates', () => {
	it('adopts the job by its replyRef tag while it runs: one create, the item gets that job', async () => {
		loseFirstCreate(() => false);
		// The job runs until the test ends it, after a scheduler read answered while it ran: no race with a loaded machine.
		const running = run(sim, params('lost answer [ms=600000]', { account: A }), [{ json: {} }]);
		await until(
			() => accepted().length === 1 && ops(sim, 'scheduler.list').some((e) => e.status === 200),
		);
		sim.completeJob(String(accepted()[0].jobId));
		const result = await running;
		expect(accepted()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ id: accepted()[0].jobId, outcome: 'completed' });
	});

	it('a job that ended before any lookup could read the scheduler is named, never re-sent or adopted', async () => {
		loseFirstCreate(() => jobs().some((j) => !j.final));
		const result = await run(sim, params('lost answer', { account: A }), [{ json: {} }], {
			continueOnFail: true,
		});
		expect(accepted()).toHaveLength(1);
		const json = result.items[0].json;
		expect(String(json.error)).toMatch(
			/may have been created although useapi\.net's answer was lost; it was not sent again/,
		);
		expect(String(json.description)).toContain(String(accepted()[0].jobId));
		expect(String(json.description)).toMatch(/replyRef ends with "n8n:/);
		expect(json.outcome).toBeUndefined();
	});

	it('never re-sends to another account while the lookup on the first one fails (class 3)', async () => {
		// A has one slot; B has free slots. The first three scheduler reads after the lost create
		// fail (counted, not timed: a loaded machine must not change the outcome); the job runs on.
		let failures = 0;
		loseFirstCreate(() => failures++ < 3);
		const result = await run(
			sim,
			params('spread [ms=8000]', {
				waitOptions: { pollInterval: 0.1, timeout: 1, onFailure: 'returnItem' },
			}),
			[{ json: {} }],
			{ continueOnFail: true },
		);
		const creates = ops(sim, 'videos.create');
		expect(creates).toHaveLength(1);
		expect(accepted()).toHaveLength(1);
		// Every lookup of the finished-job list named the account the create went to.
		const account = (creates[0].body as IDataObject).account;
		for (const list of ops(sim, 'videos.list').slice(2))
			expect((list.query as IDataObject).account).toBe(account);
		expect(result.items[0].json.id).toBe(accepted()[0].jobId);
	});

	it('sends again only once the account list proves no job exists (reset before the server read it)', async () => {
		let first = true;
		decide((op) => {
			if (op === 'videos.create' && first) {
				first = false;
				return 'resetBefore';
			}
			return undefined;
		});
		const result = await run(sim, params('never arrived', { account: A }), [{ json: {} }]);
		expect(ops(sim, 'videos.create')).toHaveLength(2);
		expect(accepted()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ outcome: 'completed', attempts: 2 });
		// Proof came after the scheduler and the account's list were read.
		const t = (op: string) => ops(sim, op).map((e) => Number(e.t));
		expect(
			Math.max(...t('scheduler.list').filter((x) => x < t('videos.create')[1])),
		).toBeGreaterThan(t('videos.create')[0]);
	});

	it('without a readable account list nothing is re-sent: a clear error instead', async () => {
		let first = true;
		decide((op) => {
			if (op === 'videos.create' && first) {
				first = false;
				return 'resetBefore';
			}
			return op === 'videos.list' ? '502' : undefined;
		});
		const result = await run(sim, params('no list', { account: A }), [{ json: {} }], {
			continueOnFail: true,
		});
		expect(ops(sim, 'videos.create')).toHaveLength(1);
		expect(String(result.items[0].json.error)).toMatch(/may have been created/);
	});

	it("identical prompts in one batch: no item is reported with another item's job (class 4)", async () => {
		let creates = 0;
		decide((op) => {
			if (op === 'videos.create') return ++creates % 2 === 0 ? 'resetAfter' : undefined;
			if (op === 'scheduler.list' && jobs().some((j) => !j.final)) return '502';
			return undefined;
		});
		const items = Array.from({ length: 6 }, (_, n) => ({ json: { n } }));
		const result = await run(
			sim,
			params('the same prompt', {
				account: B,
				callback: { replyRef: '={{ "item-" + $json.n }}' },
				waitOptions: { pollInterval: 0.1, timeout: 1, onFailure: 'returnItem' },
			}),
			items,
			{ continueOnFail: true },
		);
		expect(result.items).toHaveLength(6);
		const byId = new Map(jobs().map((j) => [String(j.id), j]));
		for (const [n, item] of result.items.entries()) {
			if (item.json.error) continue;
			expect(String(byId.get(String(item.json.id))?.replyRef)).toMatch(
				new RegExp(`^item-${n}\\|n8n:`),
			);
		}
		expect(sim.stats().duplicateCreates).toBe(0);
		expect(
			result.items
				.filter((i) => i.json.error)
				.every((i) => /may have been created/.test(String(i.json.error))),
		).toBe(true);
	});

	it("across runs on the same account: a previous run's job with the same prompt is never adopted (class 4)", async () => {
		const before = await run(sim, params('yesterday', { account: A }), [{ json: {} }]);
		const yesterday = String(before.items[0].json.id);
		loseFirstCreate(() => jobs().some((j) => !j.final));
		const today = await run(sim, params('yesterday', { account: A }), [{ json: {} }], {
			continueOnFail: true,
		});
		expect(today.items[0].json.id).not.toBe(yesterday);
		expect(String(today.items[0].json.description ?? '')).not.toContain(yesterday);
		expect(accepted()).toHaveLength(2);
	});
});
