import type { IDataObject } from 'n8n-workflow';

import { apiError, networkError, operationError } from '../../shared/errors';
import { isAccountOut, isOk, isTransient, mayHaveCreated } from '../../shared/httpStatus';
import { isWellFormedId } from '../../shared/ids';
import { tagReplyRef } from '../../shared/replyRef';
import { backoffMs } from '../../shared/retry';
import { apiRequest, type ApiResponse } from '../../shared/transport';
import { isCancelled } from '../../shared/wait';
import { API_PICKS } from './capacity';
import {
	checkBinary,
	fetchUrlMedia,
	uploadBinary,
	uploadBytes,
	type MultipartFile,
	type UrlMedia,
} from './media';
import type { MediaKind } from '../models/common';
import { baselineFor } from './recover';
import { audioOf, type Engine, type Task } from './task';

/**
 * One create attempt for a task on `account` (its slot is already reserved): upload binary inputs
 * to that account, send the create, then map the answer. A task whose earlier create is ambiguous
 * never comes here: recover.ts looks for that job first (batch.ts).
 */
export async function submitTask(engine: Engine, task: Task, account: string): Promise<void> {
	const { ctx } = engine;
	const now = Date.now();
	task.account = account;
	task.firstAttemptAt ??= now;
	task.deadline ??= now + task.settings.timeoutMs;
	// Before this run's first create on the account: what a lost create could be told apart from.
	await baselineFor(engine, account);

	const body: IDataObject = { ...task.prepared.body };
	const files: MultipartFile[] = [];
	for (const media of task.prepared.media) {
		if (media.fileId) {
			body[media.field] = media.fileId;
			continue;
		}
		if (media.url && engine.adapter.mediaAsParts) {
			// The agent takes its files as parts of the create: downloaded once, sent with each attempt.
			const part = await downloadFor(engine, task, {
				url: media.url,
				kind: media.kind,
				label: media.label ?? media.field,
			});
			if (!part) return;
			files.push({ field: media.field, ...part });
			continue;
		}
		if (media.url) {
			const uploaded = await uploadFor(engine, task, account, {
				url: media.url,
				kind: media.kind ?? 'image',
				label: media.label ?? media.field,
			});
			if (!uploaded) return;
			body[media.field] = uploaded.fileID;
			if (engine.adapter.wantsOssPath && uploaded.ossPath) body.ossPath = uploaded.ossPath;
			continue;
		}
		if (!media.binaryProperty) continue;
		if (engine.adapter.mediaAsParts) {
			const input = checkBinary.call(ctx, task.index, media.binaryProperty, true);
			const data = await ctx.helpers.getBinaryDataBuffer(task.index, media.binaryProperty);
			files.push({ field: media.field, fileName: input.fileName, mimeType: input.mimeType, data });
			continue;
		}
		const uploaded = await uploadFor(engine, task, account, { property: media.binaryProperty });
		if (!uploaded) return;
		body[media.field] = uploaded.fileID;
		if (engine.adapter.wantsOssPath && uploaded.ossPath) body.ossPath = uploaded.ossPath;
	}
	if (account !== API_PICKS) body.account = account;
	if (task.prepared.replyUrl) body.replyUrl = task.prepared.replyUrl;
	body.replyRef = tagReplyRef(task.prepared.replyRef, task.tag);

	if (isCancelled(ctx)) return;
	// The account may have been taken out (412/596) while this item uploaded or waited for the snapshot.
	const trouble = engine.pool.troubleOf(account);
	if (trouble && account !== API_PICKS)
		return moveOrFail(engine, task, account, { ...trouble, headers: {} });
	task.attempts += 1;
	const left = Math.max(10_000, (task.deadline ?? now) - Date.now());
	const response = await sendCreate(engine, body, files, left);
	engine.pool.answered(account, response.statusCode);
	if (isCancelled(ctx)) {
		// Keep what we learnt so a stop can still cancel the job.
		if (isOk(response.statusCode))
			engine.accept(task, engine.adapter.parseCreate(response.body).ids, {}, {});
		return;
	}
	if (isOk(response.statusCode)) {
		const parsed = engine.adapter.parseCreate(response.body);
		const malformed = parsed.ids.find((id) => !isWellFormedId(id));
		if (malformed) {
			return engine.fail(
				task,
				operationError(
					ctx.getNode(),
					`useapi.net accepted the ${engine.adapter.label} but returned a malformed id ("${malformed.slice(0, 80)}")`,
					{
						itemIndex: task.index,
						account: account || undefined,
						description: `The job may be running; it is not polled, since the id is not of the documented form. Look for replyRef "${body.replyRef as string}" in GET /scheduler.`,
					},
				),
			);
		}
		if (!parsed.ids.length) {
			// Accepted, but the id is not in the answer (e.g. a stream cut short): the scheduler knows it.
			const found = await findByTag(engine, task);
			if (found?.length) return engine.accept(task, found, {}, asObject(response.body));
			return engine.fail(
				task,
				operationError(
					ctx.getNode(),
					`useapi.net accepted the ${engine.adapter.label} but its ID could not be found`,
					{
						itemIndex: task.index,
						account: account || undefined,
						description: `The job may still be running on the server; look for replyRef "${body.replyRef as string}" in GET /scheduler or your MiniMax library.`,
					},
				),
			);
		}
		return engine.accept(task, parsed.ids, parsed.finals, asObject(response.body));
	}
	await handleFailure(engine, task, account, response);
}

/** POST the adapter's create path; a 2-minute limit unless the adapter shapes the request itself. */
async function sendCreate(
	engine: Engine,
	body: IDataObject,
	files: MultipartFile[],
	timeLeftMs: number,
): Promise<ApiResponse> {
	const { adapter, ctx } = engine;
	const request = adapter.createRequest?.(body, files, timeLeftMs) ?? { body, timeoutMs: 120_000 };
	return await apiRequest.call(ctx, { method: 'POST', path: adapter.createPath, ...request });
}

const asObject = (body: unknown): IDataObject =>
	body && typeof body === 'object' && !Array.isArray(body)
		? (body as IDataObject)
		: { response: body as string };

async function handleFailure(
	engine: Engine,
	task: Task,
	account: string,
	response: ApiResponse,
): Promise<void> {
	const { ctx, adapter, pool } = engine;
	const code = response.statusCode;
	const failure = {
		itemIndex: task.index,
		account: account || undefined,
		resource: adapter.label,
		...audioOf(adapter),
	};
	if (code === 401) {
		engine.fatal = apiError(ctx.getNode(), code, response.body, failure);
		return engine.fail(task, engine.fatal);
	}
	if (mayHaveCreated(response)) {
		// The job may exist on this account: keep its slot, send nothing until a lookup there decides.
		task.ambiguous = true;
		task.ambiguousAccount = account;
		task.ambiguousSince = Date.now();
		task.lookups = 0;
		task.lastFailure = { statusCode: response.statusCode, body: response.body };
		task.state = 'pending';
		task.nextAttemptAt = 0;
		return;
	}
	if (code === 0 || code === 429) {
		retry(engine, task, response, code === 429 && !task.prepared.account);
		// After retry() gave the slot back, so the block is not lifted by that release.
		if (code === 429)
			pool.markFull(account, Date.now() + backoffMs(task.attempts - 1, engine.backoffBaseMs));
		return;
	}
	if (isAccountOut(code)) return moveOrFail(engine, task, account, response);
	return engine.fail(task, apiError(ctx.getNode(), code, response.body, failure));
}

/** Account out of credits (412) or on hold (596): drop it; unfixed items go to the other accounts. */
function moveOrFail(engine: Engine, task: Task, account: string, response: ApiResponse): void {
	engine.pool.remove(account, response.statusCode, response.body);
	engine.pool.release(account);
	task.holdsSlot = false;
	task.lastFailure = { statusCode: response.statusCode, body: response.body };
	// pick() fails the task when no account is left (or when the account was fixed).
	task.state = 'pending';
	task.nextAttemptAt = 0;
}

/** Back to the queue after a backoff, unless the timeout would pass first. */
function retry(engine: Engine, task: Task, response: ApiResponse, immediate = false): void {
	const { ctx } = engine;
	task.lastFailure = { statusCode: response.statusCode, body: response.body };
	if (task.account !== undefined) engine.pool.release(task.account);
	task.holdsSlot = false;
	const wait = backoffMs(Math.max(0, task.attempts - 1), engine.backoffBaseMs);
	const at = Date.now() + (immediate ? 0 : wait);
	if (at > (task.deadline ?? Infinity)) {
		const failure = {
			itemIndex: task.index,
			account: task.account || undefined,
			resource: engine.adapter.label,
			...audioOf(engine.adapter),
		};
		const error =
			response.statusCode === 0 && response.network
				? networkError(ctx.getNode(), response.network, failure)
				: response.statusCode
					? apiError(ctx.getNode(), response.statusCode, response.body, failure)
					: operationError(
							ctx.getNode(),
							`Could not check whether the ${engine.adapter.label} was created`,
							failure,
						);
		error.message = `${error.message} — gave up after ${task.attempts} attempt(s) within "Timeout (Minutes)"`;
		return engine.fail(task, error);
	}
	task.state = 'pending';
	task.nextAttemptAt = at;
}

type UrlSource = { url: string; kind?: MediaKind; label: string };
type UploadSource = { property: string } | UrlSource;

/**
 * A URL input downloaded (no token, size capped, type checked) once per task: a retried create on
 * another account does not fetch it again. A link that fails fails the item; undefined then.
 */
async function downloadFor(
	engine: Engine,
	task: Task,
	source: UrlSource,
): Promise<UrlMedia | undefined> {
	const { ctx } = engine;
	task.downloads ??= new Map();
	const cached = task.downloads.get(source.url);
	if (cached) return cached;
	try {
		const media = await fetchUrlMedia.call(ctx, task.index, source.url, source.kind, source.label);
		if (isCancelled(ctx)) return undefined;
		task.downloads.set(source.url, media);
		return media;
	} catch (error) {
		if (!isCancelled(ctx)) engine.fail(task, error as Error);
		return undefined;
	}
}

/**
 * Uploads one media input (an item's binary, or a URL downloaded first) to the account, once per
 * account, mapping failures like a create. A URL that cannot be fetched or has the wrong type fails the item.
 */
async function uploadFor(
	engine: Engine,
	task: Task,
	account: string,
	source: UploadSource,
): Promise<{ fileID: string; ossPath?: string } | undefined> {
	const key = 'url' in source ? `${account}|url:${source.url}` : `${account}|${source.property}`;
	const cached = task.uploads.get(key);
	if (cached) return cached;
	const { ctx } = engine;
	let response: ApiResponse;
	if ('url' in source) {
		const media = await downloadFor(engine, task, source);
		if (!media) return undefined;
		response = await uploadBytes.call(ctx, media.data, media.mimeType, account || undefined);
	} else {
		response = await uploadBinary.call(
			ctx,
			task.index,
			checkBinary.call(ctx, task.index, source.property),
			account || undefined,
		);
	}
	const property = 'url' in source ? source.url : source.property;
	if (isCancelled(ctx)) return undefined;
	const body = response.body as IDataObject;
	if (isOk(response.statusCode) && typeof body?.fileID === 'string') {
		const uploaded = {
			fileID: body.fileID,
			ossPath: typeof body.ossPath === 'string' ? body.ossPath : undefined,
		};
		task.uploads.set(key, uploaded);
		return uploaded;
	}
	const code = response.statusCode;
	const failure = {
		itemIndex: task.index,
		account: account || undefined,
		resource: 'file',
		field: property,
		...audioOf(engine.adapter),
	};
	if (code === 401) {
		engine.fatal = apiError(ctx.getNode(), code, response.body, failure);
		engine.fail(task, engine.fatal);
	} else if (isAccountOut(code)) {
		moveOrFail(engine, task, account, response);
	} else if (isTransient(code)) {
		retry(engine, task, response); // a repeated upload costs nothing
	} else {
		const error = apiError(ctx.getNode(), code, response.body, failure);
		error.message = `Uploading ${'url' in source ? 'the file from' : 'binary field'} "${property}" failed: ${error.message}`;
		engine.fail(task, error);
	}
	return undefined;
}

/**
 * Ids of running jobs created with this task's replyRef tag: [] when none, undefined when the
 * listing could not be read (an accepted create whose answer carried no id).
 */
export async function findByTag(engine: Engine, task: Task): Promise<string[] | undefined> {
	if (isCancelled(engine.ctx)) return undefined;
	const known = new Set(engine.tasks.flatMap((t) => t.ids));
	return (await engine.adapter.listing.tagged(engine.ctx, task.tag, known))?.mine;
}
