import { isTransient } from './httpStatus';

/**
 * Backoff with full jitter: base·2^attempt, capped at 30 s and at 16 bases (so a short poll
 * interval keeps retries short too). `random` is injectable for tests.
 */
export function backoffMs(
	attempt: number,
	baseMs = 2_000,
	capMs = Math.min(30_000, baseMs * 16),
	random = Math.random,
): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** How often a call that costs nothing (a read, an upload) is tried, and the backoff between tries. */
export interface RetryPolicy {
	tries: number;
	baseMs: number;
	capMs?: number;
}

/** Reads before a batch (capacity, account lists): quick, a few seconds at most. */
export const READ_RETRY: RetryPolicy = { tries: 3, baseMs: 500 };
/** Uploads to POST /files: a repeated upload costs nothing, so transient failures get more tries. */
export const UPLOAD_RETRY: RetryPolicy = { tries: 4, baseMs: 1_000, capMs: 8_000 };

/**
 * Sends until the answer is not transient (nodes/shared/httpStatus.ts) or the tries are used up,
 * waiting `backoffMs` between tries. `wait` sleeps (nodes/shared/wait.ts `sleepCancellable` in node
 * code) and returns false when the execution was stopped: then the last answer is returned at once.
 * Only for calls that are safe to repeat; a create is never sent twice this way (engine/submit.ts).
 */
export async function withRetry<T extends { statusCode: number }>(
	send: () => Promise<T>,
	policy: RetryPolicy,
	wait: (ms: number) => Promise<boolean>,
	random: () => number = Math.random,
): Promise<T> {
	let response = await send();
	for (let attempt = 1; attempt < policy.tries && isTransient(response.statusCode); attempt++) {
		if (!(await wait(backoffMs(attempt - 1, policy.baseMs, policy.capMs, random)))) break;
		response = await send();
	}
	return response;
}
