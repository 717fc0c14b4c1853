import type { IDataObject } from 'n8n-workflow';

import { apiError } from '../../shared/errors';
import { isFinal } from '../../shared/status';
import { apiRequest } from '../../shared/transport';
import { isCancelled } from '../../shared/wait';
import { agentIdsOf } from './recover';
import type { Engine, Task } from './task';

const ok = (code: number) => code >= 200 && code < 300;
const transient = (code: number) => code === 0 || code === 429 || (code >= 500 && code !== 596);

/** Ids the API still runs: one GET /scheduler (or /agent/jobs) for the whole batch; undefined if it failed. */
async function listRunning(engine: Engine): Promise<Set<string> | undefined> {
	const path = engine.adapter.listing === 'agent' ? '/agent/jobs' : '/scheduler';
	const response = await apiRequest.call(engine.ctx, { method: 'GET', path });
	if (!ok(response.statusCode)) return undefined;
	if (engine.adapter.listing === 'agent') return new Set(agentIdsOf(response.body));
	if (!Array.isArray(response.body)) return undefined;
	const ids = new Set<string>();
	for (const entry of response.body as IDataObject[]) {
		for (const key of ['videoId', 'imageId'])
			if (typeof entry?.[key] === 'string') ids.add(entry[key] as string);
	}
	return ids;
}

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
	const listed = await listRunning(engine);
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
	if (ok(code) && response.body && typeof response.body === 'object') {
		const record = response.body as IDataObject;
		task.records[id] = record;
		if (isFinal(record)) task.pending.delete(id);
		return;
	}
	if (transient(code)) return; // next round
	if (code === 404) {
		task.records[id] = removedRecord(adapter.kind, id);
		task.pending.delete(id);
		return;
	}
	const error = apiError(ctx.getNode(), code, response.body, {
		itemIndex: task.index,
		jobId: id,
		account: task.account || undefined,
		resource: adapter.label,
	});
	if (code === 401) engine.fatal = error;
	error.description =
		`${error.description ?? ''} The job may still be running on the server.`.trim();
	engine.fail(task, error);
}

/** 404 while polling: the result was removed after post-moderation (agent: the job is gone). */
export function removedRecord(kind: string, id: string): IDataObject {
	if (kind === 'agent') {
		return {
			jobId: id,
			status: 'failed',
			error: { message: 'Job not found or expired (404)', status: 404 },
		};
	}
	const idField = kind === 'image' ? 'imageId' : 'videoId';
	return {
		[idField]: id,
		status: 404,
		statusLabel: 'moderated',
		statusFinal: true,
		removed: true,
		message: 'Not found (404): MiniMax removed the result after post-moderation',
	};
}
