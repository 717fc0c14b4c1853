import type { IDataObject, INode } from 'n8n-workflow';

import { apiError, networkError, operationError } from '../../shared/errors';
import { isAccountOut, isOk, isTransient, mayHaveCreated } from '../../shared/httpStatus';
import { isWellFormedId } from '../../shared/ids';
import type { MediaKind } from '../../shared/mime';
import { tagReplyRef } from '../../shared/replyRef';
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
import { baselineFor } from './recover';
import { audioOf, type Engine, type KindAdapter, type Task, type Upload } from './task';

/** What went wrong with a call, kept for the next attempt's message. */
export type Failure = Pick<ApiResponse, 'statusCode' | 'body' | 'network'>;

/**
 * How one create attempt ended; the batch engine (batch.ts) changes the task accordingly.
 * `sent`: a create went out (counts as an attempt). `answered`: its HTTP status, which may prove
 * the account. `uploads`: files uploaded on the way, kept for the next attempt on that account.
 */
export type SubmitOutcome = (
	| { type: 'accepted'; ids: string[]; finals: Record<string, IDataObject>; body: IDataObject }
	| { type: 'failed'; error: Error; fatal?: boolean }
	/** No answer that proves the job was not made: look for it before anything is sent again. */
	| { type: 'ambiguous'; failure: Failure }
	/** Transient: back to the queue after a backoff (`immediate`: another account may take it now). */
	| { type: 'retry'; failure: Failure; immediate?: boolean; accountFull?: boolean }
	/** 412/596: the account is out; the item goes to another one (or fails when it was fixed). */
	| { type: 'accountOut'; failure: Failure }
	/** The execution was stopped: nothing changes. */
	| { type: 'stopped' }
) & { sent?: boolean; answered?: number; uploads?: Array<[string, Upload]> };

/**
 * One create attempt for a task on `account` (its slot is already reserved, the attempt begun by
 * the batch): upload binary inputs to that account, send the create, then map the answer. A task
 * whose earlier create is ambiguous never comes here: recover.ts looks for that job first.
 */
export async function submitTask(
	engine: Engine,
	task: Task,
	account: string,
): Promise<SubmitOutcome> {
	const { ctx, adapter } = engine;
	// Before this run's first create on the account: what a lost create could be told apart from.
	await baselineFor(engine, account);

	const uploads = new Map(task.uploads);
	const done = (outcome: SubmitOutcome): SubmitOutcome => ({
		...outcome,
		uploads: [...uploads].filter(([key]) => !task.uploads.has(key)),
	});
	const body: IDataObject = { ...task.prepared.body };
	const files: MultipartFile[] = [];
	for (const media of task.prepared.media) {
		if (media.fileId) {
			body[media.field] = media.fileId;
			continue;
		}
		if (!media.url && !media.binaryProperty) continue;
		if (media.url && adapter.mediaAsParts) {
			// The agent takes its files as parts of the create (kind undefined: any media type).
			const label = media.label ?? media.field;
			const part = await fetchFor(engine, task, { url: media.url, kind: media.kind, label });
			if ('type' in part) return done(part);
			files.push({ field: media.field, ...part });
			continue;
		}
		if (!media.url && adapter.mediaAsParts) {
			const property = media.binaryProperty as string;
			const input = checkBinary.call(ctx, task.index, property, true);
			const data = await ctx.helpers.getBinaryDataBuffer(task.index, property);
			files.push({ field: media.field, fileName: input.fileName, mimeType: input.mimeType, data });
			continue;
		}
		const source: UploadSource = media.url
			? { url: media.url, kind: media.kind ?? 'image', label: media.label ?? media.field }
			: { property: media.binaryProperty as string };
		const uploaded = await uploadFor(engine, task, account, source, uploads);
		if ('type' in uploaded) return done(uploaded);
		body[media.field] = uploaded.fileID;
		if (adapter.wantsOssPath && uploaded.ossPath) body.ossPath = uploaded.ossPath;
	}
	if (account !== API_PICKS) body.account = account;
	if (task.prepared.replyUrl) body.replyUrl = task.prepared.replyUrl;
	body.replyRef = tagReplyRef(task.prepared.replyRef, task.tag);

	if (isCancelled(ctx)) return done({ type: 'stopped' });
	// The account may have been taken out (412/596) while this item uploaded or waited for the snapshot.
	const trouble = engine.pool.troubleOf(account);
	if (trouble && account !== API_PICKS) return done({ type: 'accountOut', failure: trouble });
	const left = Math.max(10_000, (task.deadline ?? Date.now()) - Date.now());
	const { response, sent } = await sendCreate(engine, body, files, left);
	return done({ ...(await answerOf(engine, task, account, sent, response)), sent: true });
}

/** POST the adapter's create path; a 2-minute limit unless the adapter shapes the request itself. */
async function sendCreate(
	engine: Engine,
	body: IDataObject,
	files: MultipartFile[],
	timeLeftMs: number,
): Promise<{ response: ApiResponse; sent: IDataObject }> {
	const { adapter, ctx } = engine;
	const request = adapter.createRequest?.(body, files, timeLeftMs) ?? { body, timeoutMs: 120_000 };
	const response = await apiRequest.call(ctx, {
		method: 'POST',
		path: adapter.createPath,
		...request,
	});
	// What was sent (a multipart body has no fields to read): the replyRef the messages name.
	const sent =
		request.body && !Buffer.isBuffer(request.body) && typeof request.body === 'object'
			? (request.body as IDataObject)
			: body;
	return { response, sent };
}

/** What the create's answer means for the task. */
async function answerOf(
	engine: Engine,
	task: Task,
	account: string,
	body: IDataObject,
	response: ApiResponse,
): Promise<SubmitOutcome> {
	const { ctx, adapter } = engine;
	const code = response.statusCode;
	const answered = { answered: code };
	if (isCancelled(ctx)) {
		// Keep what we learnt so a stop can still cancel the job.
		if (!isOk(code)) return { type: 'stopped', ...answered };
		const ids = adapter.parseCreate(response.body).ids;
		return { type: 'accepted', ids, finals: {}, body: {}, ...answered };
	}
	if (!isOk(code)) return { ...failureOutcome(engine, task, account, response), ...answered };
	const parsed = adapter.parseCreate(response.body);
	const where = { itemIndex: task.index, account: account || undefined };
	const malformed = parsed.ids.find((id) => !isWellFormedId(id));
	if (malformed) {
		const error = operationError(
			ctx.getNode(),
			`useapi.net accepted the ${adapter.label} but returned a malformed id ("${malformed.slice(0, 80)}")`,
			{
				...where,
				description: `The job may be running; it is not polled, since the id is not of the documented form. Look for replyRef "${body.replyRef as string}" in GET /scheduler.`,
			},
		);
		return { type: 'failed', error, ...answered };
	}
	if (!parsed.ids.length) {
		// Accepted, but the id is not in the answer (e.g. a stream cut short): the listing knows it.
		const found = await findByTag(engine, task);
		if (found?.length)
			return {
				type: 'accepted',
				ids: found,
				finals: {},
				body: asObject(response.body),
				...answered,
			};
		const error = operationError(
			ctx.getNode(),
			`useapi.net accepted the ${adapter.label} but its ID could not be found`,
			{
				...where,
				// Create MP3 sends no replyRef: then there is nothing to look for in GET /scheduler.
				description:
					typeof body.replyRef === 'string'
						? `The job may still be running on the server; look for replyRef "${body.replyRef}" in GET /scheduler or your MiniMax library.`
						: `It may have been made (and paid for); look for it in your MiniMax library${adapter.getOperation ? ` (${adapter.getOperation})` : ''} before running this item again.`,
			},
		);
		return { type: 'failed', error, ...answered };
	}
	return {
		type: 'accepted',
		ids: parsed.ids,
		finals: parsed.finals,
		body: asObject(response.body),
		...answered,
	};
}

const asObject = (body: unknown): IDataObject =>
	body && typeof body === 'object' && !Array.isArray(body)
		? (body as IDataObject)
		: { response: body as string };

function failureOutcome(
	engine: Engine,
	task: Task,
	account: string,
	response: ApiResponse,
): SubmitOutcome {
	const { ctx, adapter } = engine;
	const code = response.statusCode;
	const failure = {
		itemIndex: task.index,
		account: account || undefined,
		resource: adapter.label,
		...audioOf(adapter),
	};
	if (code === 401)
		return {
			type: 'failed',
			error: apiError(ctx.getNode(), code, response.body, failure),
			fatal: true,
		};
	// The job may exist on this account: keep its slot, send nothing until a lookup there decides.
	if (mayHaveCreated(response)) return { type: 'ambiguous', failure: response };
	if (code === 0 || code === 429)
		return {
			type: 'retry',
			failure: response,
			immediate: code === 429 && !task.prepared.account,
			accountFull: code === 429,
		};
	if (isAccountOut(code)) return { type: 'accountOut', failure: response };
	return { type: 'failed', error: apiError(ctx.getNode(), code, response.body, failure) };
}

/** The error when a retry would pass the item's timeout. */
export function gaveUpError(
	node: INode,
	adapter: KindAdapter,
	task: Task,
	failure: Failure,
): Error {
	const context = {
		itemIndex: task.index,
		account: task.account || undefined,
		resource: adapter.label,
		...audioOf(adapter),
	};
	const error =
		failure.statusCode === 0 && failure.network
			? networkError(node, failure.network, context)
			: failure.statusCode
				? apiError(node, failure.statusCode, failure.body, context)
				: operationError(node, `Could not check whether the ${adapter.label} was created`, context);
	error.message = `${error.message} — gave up after ${task.attempts} attempt(s) within "Timeout (Minutes)"`;
	return error;
}

type UrlSource = { url: string; kind?: MediaKind; label: string };
type UploadSource = { property: string } | UrlSource;

/** A URL input downloaded (no token, size capped, type checked); a link that fails fails the item. */
async function fetchFor(
	engine: Engine,
	task: Task,
	source: UrlSource,
): Promise<UrlMedia | SubmitOutcome> {
	const { ctx } = engine;
	try {
		const media = await fetchUrlMedia.call(ctx, task.index, source.url, source.kind, source.label);
		return isCancelled(ctx) ? { type: 'stopped' } : media;
	} catch (error) {
		return isCancelled(ctx) ? { type: 'stopped' } : { type: 'failed', error: error as Error };
	}
}

/**
 * Uploads one media input (an item's binary, or a URL downloaded first) to the account, once per
 * account (`uploads` caches them), mapping failures like a create. A URL that cannot be fetched or
 * has the wrong type fails the item.
 */
async function uploadFor(
	engine: Engine,
	task: Task,
	account: string,
	source: UploadSource,
	uploads: Map<string, Upload>,
): Promise<Upload | SubmitOutcome> {
	const key = 'url' in source ? `${account}|url:${source.url}` : `${account}|${source.property}`;
	const cached = uploads.get(key);
	if (cached) return cached;
	const { ctx } = engine;
	let response: ApiResponse;
	if ('url' in source) {
		const media = await fetchFor(engine, task, source);
		if ('type' in media) return media;
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
	if (isCancelled(ctx)) return { type: 'stopped' };
	const body = response.body as IDataObject;
	if (isOk(response.statusCode) && typeof body?.fileID === 'string') {
		const uploaded = {
			fileID: body.fileID,
			ossPath: typeof body.ossPath === 'string' ? body.ossPath : undefined,
		};
		uploads.set(key, uploaded);
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
	if (code === 401)
		return {
			type: 'failed',
			error: apiError(ctx.getNode(), code, response.body, failure),
			fatal: true,
		};
	if (isAccountOut(code)) return { type: 'accountOut', failure: response };
	// A repeated upload costs nothing.
	if (isTransient(code)) return { type: 'retry', failure: response };
	const error = apiError(ctx.getNode(), code, response.body, failure);
	error.message = `Uploading ${'url' in source ? 'the file from' : 'binary field'} "${property}" failed: ${error.message}`;
	return { type: 'failed', error };
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
