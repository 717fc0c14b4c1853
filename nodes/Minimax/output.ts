import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/constants';
import { apiError, type FailureContext } from '../shared/errors';
import { redactDeep, secretsOf } from '../shared/redact';
import { accountOfId, isFinal, statusLabelOf } from '../shared/status';

/** Turns a 2xx body into output records. */
export type Shape = (body: unknown, ctx: IExecuteSingleFunctions) => IDataObject[];

export interface Respond {
	/** Names the thing in error messages: 'video', 'image', 'account', … */
	resource: string;
	shape: Shape;
	/** The id parameter, so errors can name the job and its account. */
	idParam?: string;
	/** The field to point at on a 400. */
	field?: string;
	/** Offer the "Simplify" switch's reduced record. */
	simplify?: boolean;
	/** A 404 here means "nothing configured", i.e. an empty list. */
	notFoundIsEmpty?: boolean;
	/** Speech and music: a 412 means no MiniMax Audio credit. */
	audio?: boolean;
	/** Keeps only some records (client-side filter); paging still sees the page's full size. */
	filter?: (record: IDataObject, ctx: IExecuteSingleFunctions) => boolean;
}

/**
 * Page facts the pagination function needs but the items no longer carry: images' hasNext, speech's
 * has_more, and the page's size before a client-side filter.
 * Per process and safe to lose: keyed by the items array of the request in progress, which only
 * exists in this process; without the entry pagination stops on a short or repeated page instead.
 */
export const pageInfo = new WeakMap<INodeExecutionData[], { hasMore?: boolean; size: number }>();

const asObject = (body: unknown): IDataObject =>
	body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};

const asList = (value: unknown): IDataObject[] =>
	Array.isArray(value)
		? value.filter((x) => x && typeof x === 'object').map((x) => x as IDataObject)
		: [];

export const whole: Shape = (body) => [asObject(body)];
export const list: Shape = (body) => asList(body);
export const listIn =
	(property: string): Shape =>
	(body) =>
		asList(asObject(body)[property]);

/** An undocumented list envelope: a bare array, or the first of `properties` that holds an array. */
export const listInAny =
	(properties: string[]): Shape =>
	(body) => {
		if (Array.isArray(body)) return asList(body);
		const object = asObject(body);
		const key = properties.find((property) => Array.isArray(object[property]));
		return key ? asList(object[key]) : [];
	};
export const mapValues: Shape = (body) => asList(Object.values(asObject(body)));
export const deleted: Shape = () => [{ deleted: true }];

/** GET /agent/jobs: `executing` is {account: [{jobId, elapsed}]}; one item per running job. */
export const runningAgentJobs: Shape = (body) =>
	Object.entries(asObject(asObject(body).executing)).flatMap(([account, jobs]) =>
		asList(jobs).map((job) => ({ account, jobId: job.jobId, elapsed: job.elapsed })),
	);

/**
 * GET /scheduler/available: one item per account from `available`, each with `executingJobs`, the
 * entries of `executing` whose id belongs to that account (ids carry their account). Running jobs of
 * accounts missing from `available` still come out, as their own items.
 */
export const capacity: Shape = (body) => {
	const { available, executing } = asObject(body);
	const byAccount = new Map<string, IDataObject>();
	for (const entry of asList(available)) {
		byAccount.set(String(entry.account), { ...entry, executingJobs: [] });
	}
	for (const job of asList(executing)) {
		const account = accountOfId(String(job.videoId ?? job.imageId ?? '')) ?? '';
		if (!byAccount.has(account)) byAccount.set(account, { account, executingJobs: [] });
		(byAccount.get(account)!.executingJobs as IDataObject[]).push(job);
	}
	return [...byAccount.values()];
};

const SIMPLE_KEYS = ['id', 'videoId', 'imageId', 'status', 'statusLabel', 'statusFinal', 'percent'];
const URL_KEYS = ['downloadURL', 'videoURL', 'coverURL', 'width', 'height', 'createTime'];

/** The few fields most workflows need from a video or image record. */
export function simplifyRecord(record: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of SIMPLE_KEYS) if (record[key] !== undefined) out[key] = record[key];
	if (record.status !== undefined) {
		out.statusLabel = statusLabelOf(record);
		out.statusFinal = isFinal(record);
	}
	if (record.desc !== undefined) out.prompt = record.desc;
	for (const key of URL_KEYS) if (record[key] !== undefined) out[key] = record[key];
	if (record.modelID !== undefined) out.model = record.modelID;
	return out;
}

function failureContext(ctx: IExecuteSingleFunctions, options: Respond): FailureContext {
	const jobId = options.idParam
		? String(ctx.getNodeParameter(options.idParam, '') ?? '').trim()
		: undefined;
	let account: string | undefined;
	try {
		account = String(ctx.getNodeParameter('account', '', { extractValue: true }) ?? '').trim();
	} catch {
		account = undefined;
	}
	return {
		itemIndex: ctx.getItemIndex(),
		resource: options.resource,
		field: options.field,
		jobId: jobId || undefined,
		account: account || (jobId ? accountOfId(jobId) : undefined),
		audio: options.audio,
	};
}

/**
 * The one postReceive of every operation. Requests run with ignoreHttpStatusErrors, so this sees
 * every status: a non-2xx becomes the shared apiError (built from a clean object, so no request
 * header and no token rides along); a 2xx is shaped into items paired with the input item. 204 and
 * the empty 200s of deletes are never parsed: the shape decides what they mean.
 */
export function respond(options: Respond): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		full: IN8nHttpFullResponse,
	) {
		// A server may echo the Authorization header: the token never reaches an error or an output.
		const secrets = secretsOf((await this.getCredentials(CREDENTIAL_TYPE)).apiToken);
		const response = { ...full, body: redactDeep(full.body, secrets) };
		const { statusCode } = response;
		const empty = statusCode === 404 && options.notFoundIsEmpty;
		if (!empty && (statusCode < 200 || statusCode >= 300)) {
			throw apiError(this.getNode(), statusCode, response.body, failureContext(this, options));
		}
		let records =
			empty || statusCode === 204
				? options.shape(undefined, this)
				: options.shape(response.body, this);
		const size = records.length;
		if (options.filter) records = records.filter((record) => options.filter!(record, this));
		if (options.simplify && this.getNodeParameter('simplify', true))
			records = records.map(simplifyRecord);
		const pairedItem = { item: this.getItemIndex() };
		const items = records.map((json) => ({ json, pairedItem }));
		const body = asObject(response.body);
		const more = [body.hasNext, body.hasMore, body.has_more].find(
			(flag) => typeof flag === 'boolean',
		) as boolean | undefined;
		pageInfo.set(items, { hasMore: more, size });
		return items;
	};
}
