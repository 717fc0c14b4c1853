import { isAccountOut, isOk, isTransient, mayHaveCreated } from '../../nodes/shared/httpStatus';
import { backoffMs, READ_RETRY, UPLOAD_RETRY, withRetry } from '../../nodes/shared/retry';

/** A fake clock: every wait is recorded, none sleeps; `stopAfter` makes the n-th wait report a stop. */
function fakeWait(stopAfter = Infinity) {
	const waits: number[] = [];
	return {
		waits,
		wait: async (ms: number) => {
			waits.push(ms);
			return waits.length < stopAfter;
		},
	};
}

/** Answers in order, then the last one again; counts the calls. */
function answers(...codes: number[]) {
	let calls = 0;
	return {
		get calls() {
			return calls;
		},
		send: async () => ({ statusCode: codes[Math.min(calls++, codes.length - 1)] }),
	};
}

describe('backoffMs', () => {
	it('doubles per attempt between half and all of the ceiling (full jitter)', () => {
		expect([0, 1, 2, 3].map((a) => backoffMs(a, 1_000, 30_000, () => 0))).toEqual([
			500, 1_000, 2_000, 4_000,
		]);
		expect([0, 1, 2, 3].map((a) => backoffMs(a, 1_000, 30_000, () => 1))).toEqual([
			1_000, 2_000, 4_000, 8_000,
		]);
		expect(backoffMs(1, 1_000, 30_000, () => 0.5)).toBe(1_500);
	});

	it('stops growing at the cap, by default 16 bases and never above 30 s', () => {
		expect(backoffMs(10, 1_000, 8_000, () => 1)).toBe(8_000);
		expect(backoffMs(10, 100, undefined, () => 1)).toBe(1_600);
		expect(backoffMs(20, 5_000, undefined, () => 1)).toBe(30_000);
	});
});

describe('withRetry', () => {
	it('returns the first answer that is not transient, waiting the backoff before each repeat', async () => {
		const api = answers(503, 429, 0, 200);
		const clock = fakeWait();
		const response = await withRetry(api.send, { tries: 5, baseMs: 100 }, clock.wait, () => 1);
		expect(response.statusCode).toBe(200);
		expect(api.calls).toBe(4);
		expect(clock.waits).toEqual([100, 200, 400]);
	});

	it('gives up after `tries` calls and returns the last answer', async () => {
		const api = answers(502);
		const clock = fakeWait();
		const response = await withRetry(api.send, UPLOAD_RETRY, clock.wait, () => 1);
		expect(response.statusCode).toBe(502);
		expect(api.calls).toBe(UPLOAD_RETRY.tries);
		expect(clock.waits).toEqual([1_000, 2_000, 4_000]);
	});

	it('never repeats a permanent answer (4xx, 596 account on hold, 2xx)', async () => {
		for (const code of [200, 400, 401, 404, 412, 422, 596]) {
			const api = answers(code, 200);
			const clock = fakeWait();
			expect((await withRetry(api.send, READ_RETRY, clock.wait)).statusCode).toBe(code);
			expect(api.calls).toBe(1);
			expect(clock.waits).toEqual([]);
		}
	});

	it('sends nothing more once the wait reports a stop', async () => {
		const api = answers(429);
		const clock = fakeWait(1);
		const response = await withRetry(api.send, { tries: 4, baseMs: 10 }, clock.wait);
		expect(response.statusCode).toBe(429);
		expect(api.calls).toBe(1);
		expect(clock.waits).toHaveLength(1);
	});
});

describe('httpStatus', () => {
	it('tells ok, transient, account-out and may-have-created apart', () => {
		expect([199, 200, 204, 299, 300].map(isOk)).toEqual([false, true, true, true, false]);
		expect([0, 429, 500, 502, 504, 596, 400, 412].map(isTransient)).toEqual([
			true,
			true,
			true,
			true,
			true,
			false,
			false,
			false,
		]);
		expect([412, 596, 401, 429].map(isAccountOut)).toEqual([true, true, false, false]);
		expect(mayHaveCreated({ statusCode: 0, network: { ambiguous: true } })).toBe(true);
		expect(mayHaveCreated({ statusCode: 0, network: { ambiguous: false } })).toBe(false);
		expect(
			[500, 502, 504, 501, 596, 429].map((statusCode) => mayHaveCreated({ statusCode })),
		).toEqual([true, true, true, false, false, false]);
	});
});
