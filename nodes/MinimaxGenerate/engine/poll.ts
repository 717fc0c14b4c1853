import type { IDataObject } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import { isOk, isTransient } from '../../shared/httpStatus';
import { isFinal } from '../../shared/status';
import { apiRequest } from '../../shared/transport';
import { audioOf, type Engine, type Task } from './task';

/** What one GET of a tracked job said; the batch engine (batch.ts) applies it. */
export type CheckOutcome =
	| { type: 'record'; record: IDataObject; final: boolean }
	/** Try again next round. */
	| { type: 'later' }
	| { type: 'failed'; error: Error; fatal: boolean };

/** Tasks the batch watches in a poll round: jobs still running, or a slot still held. */
export const watchedTasks = (tasks: Task[]): Task[] =>
	tasks.filter((t) => t.holdsSlot || (t.state === 'running' && t.pending.size > 0));

/**
 * Slots whose jobs have left the listing: only jobs known before the listing was asked for can be
 * missing from it (a create still in flight, or accepted meanwhile, keeps its slot).
 */
export function leftListing(known: Set<Task>, listed: Set<string> | undefined): Task[] {
	if (!listed) return [];
	return [...known].filter((t) => t.holdsSlot && t.ids.every((id) => !listed.has(id)));
}

/** Jobs that need their own GET this round: every pending one the listing does not show (all, if it failed). */
export function toCheck(
	watched: Task[],
	listed: Set<string> | undefined,
): Array<{ task: Task; id: string }> {
	return watched
		.filter((task) => task.state === 'running')
		.flatMap((task) =>
			[...task.pending].filter((id) => !listed?.has(id)).map((id) => ({ task, id })),
		);
}

/** One GET of a job's record. */
export async function checkJob(engine: Engine, task: Task, id: string): Promise<CheckOutcome> {
	const { ctx, adapter } = engine;
	const response = await apiRequest.call(ctx, { method: 'GET', path: adapter.getPath(id) });
	const code = response.statusCode;
	if (isOk(code) && response.body && typeof response.body === 'object') {
		const record = response.body as IDataObject;
		return { type: 'record', record, final: isFinal(record) };
	}
	if (isTransient(code)) return { type: 'later' };
	if (code === 404) return { type: 'record', record: adapter.gone(id), final: true };
	const error = apiError(ctx.getNode(), code, response.body, {
		itemIndex: task.index,
		jobId: id,
		account: task.account || undefined,
		resource: adapter.label,
		...audioOf(adapter),
	});
	error.description =
		`${error.description ?? ''} The job may still be running on the server.`.trim();
	return { type: 'failed', error, fatal: code === 401 };
}
