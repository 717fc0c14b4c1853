import type { IDataObject } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import { isOk, isTransient } from '../../shared/httpStatus';
import { isFinal } from '../../shared/status';
import { apiRequest } from '../../shared/transport';
import { isCancelled } from '../../shared/wait';
import { audioOf, type Engine, type Task } from './task';

/**
 * One poll round: the listing says which tracked jobs still run; only the others get a single GET
 * for their final record. If the listing fails, every running job gets its own GET this round.
 */
export async function pollOnce(engine: Engine): Promise<void> {
	const watched = engine.tasks.filter(
		(t) => t.holdsSlot || (t.state === 'running' && t.pending.size > 0),
	);
	if (!watched.length) return;
	// Only jobs known before the listing was asked for can be missing from it: a create still in
	// flight, or accepted meanwhile, keeps its slot.
	const known = new Set(watched.filter((t) => t.ids.length > 0));
	const listed = await engine.adapter.listing.running(engine.ctx);
	if (isCancelled(engine.ctx)) return;
	const gets: Array<Promise<void>> = [];
	for (const task of watched) {
		if (task.holdsSlot && listed && known.has(task) && task.ids.every((id) => !listed.has(id)))
			releaseSlot(engine, task);
		if (task.state !== 'running') continue;
		for (const id of task.pending) if (!listed?.has(id)) gets.push(checkOne(engine, task, id));
	}
	await Promise.all(gets);
	for (const task of watched) {
		if (task.state === 'running' && task.pending.size === 0 && task.holdsSlot)
			releaseSlot(engine, task);
	}
}

export function releaseSlot(engine: Engine, task: Task): void {
	if (!task.holdsSlot) return;
	task.holdsSlot = false;
	if (task.account !== undefined) engine.pool.release(task.account);
}

async function checkOne(engine: Engine, task: Task, id: string): Promise<void> {
	const { ctx, adapter } = engine;
	const response = await apiRequest.call(ctx, { method: 'GET', path: adapter.getPath(id) });
	if (isCancelled(ctx) || task.state !== 'running') return;
	const code = response.statusCode;
	if (isOk(code) && response.body && typeof response.body === 'object') {
		const record = response.body as IDataObject;
		task.records[id] = record;
		if (isFinal(record)) task.pending.delete(id);
		return;
	}
	if (isTransient(code)) return; // next round
	if (code === 404) {
		task.records[id] = adapter.gone(id);
		task.pending.delete(id);
		return;
	}
	const error = apiError(ctx.getNode(), code, response.body, {
		itemIndex: task.index,
		jobId: id,
		account: task.account || undefined,
		resource: adapter.label,
		...audioOf(adapter),
	});
	if (code === 401) engine.fatal = error;
	error.description =
		`${error.description ?? ''} The job may still be running on the server.`.trim();
	engine.fail(task, error);
}
