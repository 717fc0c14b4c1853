import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { apiError, operationError } from '../../shared/errors';
import { apiRequest } from '../../shared/transport';
import { isCancelled, sleepCancellable } from '../../shared/wait';
import type { PreparedCreate } from '../types';
import { parkForCallback, planCallbackWait } from './callbackWait';
import { AccountPool } from './capacity';
import { finishTask, submittedItem } from './finish';
import { checkBinary } from './media';
import { asNodeError } from './nodeError';
import { pinAccount } from './pin';
import { pollOnce, releaseSlot } from './poll';
import { readSettings } from './settings';
import { recoverTask } from './recover';
import { submitTask } from './submit';
import { audioOf, type Engine, type KindAdapter, type Task } from './task';

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

/** Reads and validates every item before any HTTP call. */
function prepare(ctx: IExecuteFunctions, read: Reader, adapter: KindAdapter): Task[] {
	const items = ctx.getInputData();
	const tasks: Task[] = [];
	for (let index = 0; index < items.length; index++) {
		const task: Task = {
			index,
			prepared: undefined as unknown as PreparedCreate,
			settings: undefined as unknown as Task['settings'],
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
		};
		try {
			task.settings = readSettings.call(ctx, index, adapter.defaultPollSeconds);
			task.prepared = pinAccount(ctx.getNode(), index, read.call(ctx, index));
			for (const media of task.prepared.media) {
				if (!media.fileId && media.binaryProperty) {
					checkBinary.call(ctx, index, media.binaryProperty, adapter.mediaAsParts === true);
				}
			}
		} catch (error) {
			if (!ctx.continueOnFail()) throw asNodeError(ctx.getNode(), error, index);
			task.state = 'invalid';
			task.error = error as Error;
		}
		tasks.push(task);
	}
	return tasks;
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

	fail(task: Task, error: Error): void {
		if (task.state === 'done') return;
		task.error = error;
		task.state = 'done';
		task.finishedAt ??= Date.now();
		// A job that exists keeps its slot until the scheduler drops it; a rejected create gives it back.
		if (!task.ids.length) releaseSlot(this, task);
		if (!this.ctx.continueOnFail() && !this.fatal) this.fatal = error;
	}

	accept(task: Task, ids: string[], finals: Record<string, IDataObject>, body: IDataObject): void {
		task.ids = ids;
		task.ambiguous = false;
		task.createBody = body;
		task.submittedAt ??= Date.now();
		task.pending = new Set(ids.filter((id) => !finals[id]));
		Object.assign(task.records, finals);
		// Until Callback: the engine only submits; the execution then parks (callbackWait.ts).
		if (!task.settings.wait || task.settings.waitMode === 'callback') {
			task.output = submittedItem(this, task);
			task.state = 'done';
			return;
		}
		task.state = 'running';
		// First check one interval after the create, unless a round is already planned.
		if (this.nextPollAt <= Date.now()) this.nextPollAt = Date.now() + this.pollMs;
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
				this.launch(pollOnce(this).finally(() => (this.polling = false)));
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
				this.launch(recoverTask(this, task).catch((error: Error) => this.fail(task, error)));
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
			this.launch(
				submitTask(this, task, pick.account)
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

	private startFinishes(): void {
		for (const task of this.tasks) {
			if (task.state !== 'running' || task.pending.size > 0) continue;
			task.state = 'finishing';
			task.finishedAt = Date.now();
			this.launch(finishTask(this, task));
		}
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
			const ids = running.filter((t) => t.settings.cancelOnStop).flatMap((t) => [...t.pending]);
			await Promise.all(
				ids.map(
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
