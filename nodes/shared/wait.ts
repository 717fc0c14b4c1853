import { sleep } from 'n8n-workflow';

/** Anything with the execution's cancel signal (execute and webhook contexts differ between n8n lines). */
interface Cancellable {
	getExecutionCancelSignal?: () => AbortSignal | undefined;
}

/** Whether the execution was stopped; contexts without a cancel signal (webhooks) never are. */
export function isCancelled(ctx: object): boolean {
	return (ctx as Cancellable).getExecutionCancelSignal?.()?.aborted === true;
}

/**
 * Sleeps in short steps with plain sleep(ms) — its signature differs between n8n 1.x and 2.x —
 * checking the cancel signal between steps. Returns false when the execution was cancelled.
 */
export async function sleepCancellable(
	ctx: Cancellable,
	ms: number,
	stepMs = 200,
): Promise<boolean> {
	const end = Date.now() + Math.max(0, ms);
	while (!isCancelled(ctx)) {
		const left = end - Date.now();
		if (left <= 0) return true;
		await sleep(Math.min(stepMs, left));
	}
	return false;
}
