import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { apiError, operationError } from '../../shared/errors';
import { backoffMs } from '../../shared/retry';
import { apiRequest } from '../../shared/transport';
import { isCancelled, sleepCancellable } from '../../shared/wait';
import type { PreparedCreate } from '../types';
import { parkForCallback, planCallbackWait } from './callbackWait';
import { AccountPool } from './capacity';
import { finishTask, submittedItem, type FinishOutcome } from './finish';
import { checkBinary } from './media';
import { asNodeError } from './nodeError';
import { pinAccount } from './pin';
import { checkJob, leftListing, toCheck, watchedTasks, type CheckOutcome } from './poll';
import { CONFIRMATIONS, lookup, mayExistError, settleMs, type Verdict } from './recover';
import { readSettings, type JobSettings } from './settings';
import { gaveUpError, submitTask, type Failure, type SubmitOutcome } from './submit';
import { audioOf, type Engine, type KindAdapter, type Task } from './task';

/**
 * The batch engine, and the only place a Task changes: its state, slot, ids, records and output.
 * submit.ts, poll.ts, recover.ts and finish.ts do the HTTP work and return what happened; the
 * methods below apply it.
 */

export type Reader = (this: IExecuteFunctions, itemIndex: number) => PreparedCreate;

// The loop wakes at least this often to start queued items and notice a stop.
const TICK_MS = 200;

/**
 * A tag no other create shares, without module state (queue mode runs batches on many processes):
 * time, item index and 12 random characters from n8n-workflow's crypto-backed `randomString`.
 */
function newTag(index: number): string {
	return `${Date.now().toString(36)}i${index}${randomString(12)}`;
}

/** Settings of an item whose own could not be read (it is invalid and never runs). */
const UNREAD: JobSettings = {
	wait: false,
	waitMode: 'poll',
	pollMs: 10_000,
	timeoutMs: 0,
	onFailure: 'error',
	cancelOnStop: false,
	download: false,
	binaryProperty: 'data',
	includeRaw: false,
	splitIntoItems: false,
	lean: false,
};

/**
 * The one constructor of a Task, for the batch and for the Until Callback resume (webhook.ts),
 * which passes what the parked execution knew in `resume`.
 */
export function newTask(
	index: number,
	prepared: PreparedCreate,
	settings: JobSettings,
	resume: Partial<Task> = {},
): Task {
	return {
		index,
		prepared,
		settings,
		tag: newTag(index),
		state: 'pending',
		holdsSlot: false,
		attempts: 0,
		nextAttemptAt: 0,
		ambiguous: false,
		ids: [],
		pending: new Set(),
		records: {},
		uploads: new Map(),
		...resume,
	};
}

/** Reads and validates every item before any HTTP call. */
function prepare(ctx: IExecuteFunctions, read: Reader, adapter: KindAdapter): Task[] {
	return ctx.getInputData().map((_, index) => {
		let settings: JobSettings | undefined;
		try {
			settings = readSettings.call(ctx, index, adapter.defaultPollSeconds);
			const prepared = pinAccount(ctx.getNode(), index, read.call(ctx, index));
			for (const media of prepared.media) {
				if (!media.fileId && media.binaryProperty) {
					checkBinary.call(ctx, index, media.binaryProperty, adapter.mediaAsParts === true);
				}
			}
			return newTask(index, prepared, settings);
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx.getNode(), error, index);
			return newTask(index, { body: {}, media: [] }, settings ?? UNREAD, {
				state: 'invalid',
				error: error as Error,
			});
		}
	});
}

/**
 * Runs one create operation for all items: validate everything, then submit up to the free
 * capacity, poll the whole batch with one listing call per interval, start the next item as soon
 * as a slot frees, and return the items in input order.
 */
export async function runBatch(
	this: IExecuteFunctions,
	adapter: KindAdapter,
	read: Reader,
): Promise<INodeExecutionData[]> {
	const tasks = prepare(this, read, adapter);
	const callback = await planCallbackWait.call(this, tasks, adapter);
	if (callback) callback.task.prepared = { ...callback.task.prepared, replyUrl: callback.replyUrl };
	const engine = new BatchEngine(this, adapter, tasks);
	await engine.run();
	const output = engine.collect();
	return callback ? await parkForCallback.call(this, callback, adapter.label, output) : output;
}

class BatchEngine implements Engine {
	pool = new AccountPool();
	fatal?: Error;
	backoffBaseMs: number;
	baselines = new Map<string, Promise<Set<string> | undefined>>();
	private inFlight = new Set<Promise<void>>();
	private nextPollAt = 0;
	private polling = false;
	private pollMs: number;

	constructor(
		public ctx: IExecuteFunctions,
		public adapter: KindAdapter,
		public tasks: Task[],
	) {
		const valid = tasks.filter((t) => t.state !== 'invalid');
		this.pollMs = valid.length ? Math.min(...valid.map((t) => t.settings.pollMs)) : 10_000;
		// The API asks for 10-30 s after a 429; a short poll interval (tests) shortens the first step.
		this.backoffBaseMs = Math.min(2_000, this.pollMs * 2);
	}

	private fail(task: Task, error: Error): void {
		if (task.state === 'done') return;
		task.error = error;
		task.state = 'done';
		task.finishedAt ??= Date.now();
		// A job that exists keeps its slot until the scheduler drops it; a rejected create gives it back.
		if (!task.ids.length) this.releaseSlot(task);
		if (!this.ctx.continueOnFail() && !this.fatal) this.fatal = error;
	}

	/** Marks a task's jobs as submitted and running (or done when not waiting). */
	private accept(
		task: Task,
		ids: string[],
		finals: Record<string, IDataObject>,
		body: IDataObject,
	): void {
		task.ids = ids;
		task.ambiguous = false;
		task.createBody = body;
		task.submittedAt ??= Date.now();
		task.pending = new Set(ids.filter((id) => !finals[id]));
		Object.assign(task.records, finals);
		// Until Callback: the engine only submits; the execution then parks (callbackWait.ts).
		if (!task.settings.wait || task.settings.waitMode === 'callback') {
			task.output = submittedItem(this.adapter, task);
			task.state = 'done';
			return;
		}
		task.state = 'running';
		// First check one interval after the create, unless a round is already planned.
		if (this.nextPollAt <= Date.now()) this.nextPollAt = Date.now() + this.pollMs;
	}

	private releaseSlot(task: Task): void {
		if (!task.holdsSlot) return;
		task.holdsSlot = false;
		if (task.account !== undefined) this.pool.release(task.account);
	}

	private launch(work: Promise<void>): void {
		const tracked = work.catch((error: Error) => {
			this.fatal ??= error;
		});
		const done = tracked.finally(() => this.inFlight.delete(done));
		this.inFlight.add(done);
	}

	async run(): Promise<void> {
		const active = this.tasks.filter((t) => t.state === 'pending');
		if (!active.length) return;
		const init = await this.pool.init(this.ctx, active, this.adapter.capacity);
		if (init)
			this.fatal = apiError(this.ctx.getNode(), init.statusCode, init.body, {
				resource: 'account',
				...audioOf(this.adapter),
			});
		while (!this.fatal) {
			if (isCancelled(this.ctx)) return await this.stop();
			const now = Date.now();
			this.checkTimeouts(now);
			this.startSubmits(now);
			this.startFinishes();
			if (!this.polling && now >= this.nextPollAt && this.hasWatched()) {
				this.polling = true;
				this.nextPollAt = now + this.pollMs;
				this.launch(this.poll().finally(() => (this.polling = false)));
			}
			if (
				this.tasks.every((t) => t.state === 'done' || t.state === 'invalid') &&
				!this.inFlight.size
			)
				return;
			await this.idle();
		}
		// Fatal: start nothing new; give in-flight creates a moment to report their ids for the message.
		await Promise.race([Promise.all([...this.inFlight]), sleepCancellable(this.ctx, 5_000)]);
	}

	private hasWatched(): boolean {
		const queued = this.tasks.some((t) => t.state === 'pending');
		return this.tasks.some(
			(t) => (t.state === 'running' && t.pending.size > 0) || (t.holdsSlot && queued),
		);
	}

	private async idle(): Promise<void> {
		const sleep = sleepCancellable(this.ctx, TICK_MS);
		await Promise.race([sleep, ...this.inFlight]);
	}

	private checkTimeouts(now: number): void {
		for (const task of this.tasks) {
			if (task.state !== 'running' || task.deadline === undefined || now < task.deadline) continue;
			const minutes = Math.round((task.settings.timeoutMs / 60_000) * 100) / 100;
			const ids = [...task.pending].join(', ');
			this.fail(
				task,
				operationError(
					this.ctx.getNode(),
					`Timed out after ${minutes} min waiting for ${this.adapter.label} ${ids}`,
					{
						itemIndex: task.index,
						jobId: task.ids[0],
						account: task.account || undefined,
						description: `The job may still be running on the server; get it later by its ID, or raise "Timeout (Minutes)".`,
					},
				),
			);
		}
	}

	/** Fills every free slot, in input order; items whose account is gone fail here. */
	private startSubmits(now: number): void {
		for (const task of this.tasks) {
			if (task.state !== 'pending' || task.nextAttemptAt > now) continue;
			if (task.ambiguous) {
				// Its job may exist: look for it on that account, never pick another one meanwhile.
				task.state = 'submitting';
				this.launch(this.recover(task).catch((error: Error) => this.fail(task, error)));
				continue;
			}
			if (task.deadline !== undefined && now > task.deadline && task.attempts > 0) {
				this.fail(
					task,
					operationError(
						this.ctx.getNode(),
						`Could not submit the ${this.adapter.label} within "Timeout (Minutes)"`,
						{ itemIndex: task.index },
					),
				);
				continue;
			}
			const pick = this.pool.pick(task, now);
			if (!pick) continue;
			if ('trouble' in pick) {
				const { statusCode, body, account, resource } = pick.trouble;
				this.fail(
					task,
					apiError(this.ctx.getNode(), statusCode, body, {
						itemIndex: task.index,
						account: account || undefined,
						resource: resource ?? this.adapter.label,
						...audioOf(this.adapter),
					}),
				);
				continue;
			}
			this.pool.reserve(pick.account);
			task.holdsSlot = true;
			task.state = 'submitting';
			task.account = pick.account;
			task.firstAttemptAt ??= now;
			task.deadline ??= now + task.settings.timeoutMs;
			this.launch(
				submitTask(this, task, pick.account)
					.then((outcome) => this.applySubmit(task, pick.account, outcome))
					.catch((error: Error) => this.fail(task, error))
					.then(() => {
						this.pool.endProbe(pick.account);
						if (task.state === 'submitting' && !isCancelled(this.ctx)) {
							this.fail(
								task,
								operationError(this.ctx.getNode(), 'The create was interrupted', {
									itemIndex: task.index,
								}),
							);
						}
					}),
			);
		}
	}

	private applySubmit(task: Task, account: string, outcome: SubmitOutcome): void {
		for (const [key, upload] of outcome.uploads ?? []) task.uploads.set(key, upload);
		if (outcome.sent) task.attempts += 1;
		if (outcome.answered !== undefined) this.pool.answered(account, outcome.answered);
		switch (outcome.type) {
			case 'accepted':
				return this.accept(task, outcome.ids, outcome.finals, outcome.body);
			case 'failed':
				if (outcome.fatal) this.fatal = outcome.error;
				return this.fail(task, outcome.error);
			case 'ambiguous':
				// The job may exist on this account: keep its slot, send nothing until a lookup there decides.
				task.ambiguous = true;
				task.ambiguousAccount = account;
				task.ambiguousSince = Date.now();
				task.lookups = 0;
				task.lastFailure = outcome.failure;
				task.state = 'pending';
				task.nextAttemptAt = 0;
				return;
			case 'retry':
				this.retry(task, outcome.failure, outcome.immediate);
				// After retry() gave the slot back, so the block is not lifted by that release.
				if (outcome.accountFull)
					this.pool.markFull(
						account,
						Date.now() + backoffMs(task.attempts - 1, this.backoffBaseMs),
					);
				return;
			case 'accountOut':
				return this.moveAccount(task, account, outcome.failure);
			case 'stopped':
				return;
		}
	}

	/** Account out of credits (412) or on hold (596): drop it; unfixed items go to the other accounts. */
	private moveAccount(task: Task, account: string, failure: Failure): void {
		this.pool.remove(account, failure.statusCode, failure.body);
		this.pool.release(account);
		task.holdsSlot = false;
		task.lastFailure = failure;
		// pick() fails the task when no account is left (or when the account was fixed).
		task.state = 'pending';
		task.nextAttemptAt = 0;
	}

	/** Back to the queue after a backoff, unless the timeout would pass first. */
	private retry(task: Task, failure: Failure, immediate = false): void {
		task.lastFailure = failure;
		if (task.account !== undefined) this.pool.release(task.account);
		task.holdsSlot = false;
		const wait = backoffMs(Math.max(0, task.attempts - 1), this.backoffBaseMs);
		const at = Date.now() + (immediate ? 0 : wait);
		if (at > (task.deadline ?? Infinity))
			return this.fail(task, gaveUpError(this.ctx.getNode(), this.adapter, task, failure));
		task.state = 'pending';
		task.nextAttemptAt = at;
	}

	/** Runs a lookup for an ambiguous create and acts on it: adopt, send again, look again later, or fail. */
	private async recover(task: Task): Promise<void> {
		const verdict = await lookup(this, task);
		if (isCancelled(this.ctx)) return;
		this.applyVerdict(task, verdict);
	}

	private applyVerdict(task: Task, verdict: Verdict): void {
		task.lookups = (task.lookups ?? 0) + 1;
		if (verdict.kind === 'found') return this.accept(task, verdict.ids, {}, { recovered: true });
		if (verdict.kind === 'none') {
			// Proven: no job. Give the slot back; the next pick may use any account.
			this.releaseSlot(task);
			task.ambiguous = false;
			task.state = 'pending';
			task.nextAttemptAt = 0;
			return;
		}
		const final =
			verdict.kind === 'candidates' && (task.lookups >= CONFIRMATIONS || verdict.ids.length === 0);
		const wait = Math.max(
			settleMs(this) / 2,
			backoffMs(Math.min(task.lookups - 1, 4), this.backoffBaseMs),
		);
		if (final || Date.now() + wait > (task.deadline ?? Infinity)) {
			const candidates = verdict.kind === 'candidates' ? verdict.ids : [];
			return this.fail(task, mayExistError(this, task, candidates, verdict.reason));
		}
		task.state = 'pending';
		task.nextAttemptAt = Date.now() + wait;
	}

	/**
	 * One poll round: the listing says which tracked jobs still run; only the others get a single GET
	 * for their final record. If the listing fails, every running job gets its own GET this round.
	 */
	private async poll(): Promise<void> {
		const watched = watchedTasks(this.tasks);
		if (!watched.length) return;
		const known = new Set(watched.filter((t) => t.ids.length > 0));
		const listed = await this.adapter.listing.running(this.ctx);
		if (isCancelled(this.ctx)) return;
		for (const task of leftListing(known, listed)) this.releaseSlot(task);
		await Promise.all(
			toCheck(watched, listed).map(async ({ task, id }) =>
				this.applyCheck(task, id, await checkJob(this, task, id)),
			),
		);
		for (const task of watched) {
			if (task.state === 'running' && task.pending.size === 0) this.releaseSlot(task);
		}
	}

	private applyCheck(task: Task, id: string, outcome: CheckOutcome): void {
		if (isCancelled(this.ctx) || task.state !== 'running') return;
		if (outcome.type === 'record') {
			task.records[id] = outcome.record;
			if (outcome.final) task.pending.delete(id);
		} else if (outcome.type === 'failed') {
			if (outcome.fatal) this.fatal = outcome.error;
			this.fail(task, outcome.error);
		}
	}

	private startFinishes(): void {
		for (const task of this.tasks) {
			if (task.state !== 'running' || task.pending.size > 0) continue;
			task.state = 'finishing';
			task.finishedAt = Date.now();
			this.launch(
				finishTask(this.ctx, this.adapter, task).then((outcome) => this.applyFinish(task, outcome)),
			);
		}
	}

	private applyFinish(task: Task, outcome: FinishOutcome): void {
		if (outcome.type === 'failed') return this.fail(task, outcome.error);
		if (outcome.type === 'stopped') return;
		task.output = outcome.output;
		task.state = 'done';
	}

	/** The workflow was stopped: no more requests, except the optional cancel calls. */
	private async stop(): Promise<never> {
		const running = this.tasks.filter(
			(t) =>
				t.ids.length &&
				(t.state === 'running' || t.state === 'submitting' || t.state === 'finishing'),
		);
		const cancel = this.adapter.cancel;
		if (cancel) {
			const toCancel = running
				.filter((t) => t.settings.cancelOnStop)
				.flatMap((t) => [...t.pending]);
			await Promise.all(
				toCancel.map(
					async (id) =>
						await apiRequest.call(this.ctx, {
							...cancel(id),
							ignoreCancel: true,
							timeoutMs: 15_000,
						}),
				),
			);
		}
		const ids = running.flatMap((t) => [...t.pending]);
		throw operationError(
			this.ctx.getNode(),
			'The workflow was stopped while waiting for MiniMax jobs',
			{
				description: ids.length
					? `These jobs may still be running on the server: ${ids.join(', ')}`
					: undefined,
			},
		);
	}
	/** Output in input order; errors as items with continueOnFail, otherwise the first error is thrown. */
	collect(): INodeExecutionData[] {
		const continueOnFail = this.ctx.continueOnFail();
		if (this.fatal && !continueOnFail) throw this.withOthers(this.fatal);
		const out: INodeExecutionData[] = [];
		for (const task of this.tasks) {
			const error = task.error ?? (task.state !== 'done' ? this.fatal : undefined);
			if (error) {
				if (!continueOnFail) throw this.withOthers(error);
				out.push({ json: errorJson(error, task), pairedItem: { item: task.index } });
			} else out.push(...(task.output ?? []));
		}
		return out;
	}

	/** Names the other jobs of the batch that keep running, so nothing paid is lost silently. */
	private withOthers(error: Error): Error {
		const others = this.tasks
			.filter((t) => t.ids.length && t.state !== 'done')
			.flatMap((t) => t.ids);
		if (others.length) {
			const err = error as Error & { description?: string };
			err.description =
				`${err.description ?? ''} Other jobs of this run keep running on the server: ${others.join(', ')}`.trim();
		}
		return error;
	}
}

export function errorJson(error: Error, task: Task): IDataObject {
	const e = error as Error & { description?: string; httpCode?: string };
	return {
		error: e.message,
		...(e.description ? { description: e.description } : {}),
		...(e.httpCode ? { httpCode: e.httpCode } : {}),
		...(task.ids.length ? { id: task.ids[0], ids: task.ids } : {}),
		itemIndex: task.index,
	};
}
