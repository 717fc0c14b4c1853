import type { IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';

import { operationError } from '../shared/errors';
import { checkAccount, checkId } from '../shared/ids';
import { kindOfId, type JobKind } from '../shared/status';

export const MAX_LIMIT = 1000;

/** A validation failure for this item, as a NodeOperationError naming the field (continueOnFail-able). */
function invalid(ctx: IExecuteSingleFunctions, message: string, description?: string) {
	return operationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });
}

/** The picked account (resource locator or plain string), trimmed and checked (digits only); '' when none. */
export function accountOf(ctx: IExecuteSingleFunctions): string {
	const value = ctx.getNodeParameter('account', '', { extractValue: true }) as unknown;
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
		return '';
	try {
		return checkAccount(value);
	} catch (error) {
		throw invalid(
			ctx,
			(error as Error).message,
			'Pick the account from the list, or enter its numeric id as shown by Account → Get Many (e.g. 987654321).',
		);
	}
}

/** Sends the optional account in the query string, or nothing so the API picks its default. */
export const sendAccount: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	const account = accountOf(this);
	if (account) request.qs = { ...request.qs, account };
	return request;
};

/** Puts the (required) account into the path: `/accounts/{account}`. */
export const accountPath: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	const account = accountOf(this);
	if (!account)
		throw invalid(this, '"Account" is empty', 'Pick the account from the list or enter its id.');
	request.url = `/accounts/${account}`;
	return request;
};

/** The id parameter, trimmed and checked; an InvalidIdError becomes a NodeOperationError for this item. */
export function idOf(
	ctx: IExecuteSingleFunctions,
	param: string,
	field: string,
	kind: JobKind | 'any',
): string {
	try {
		return checkId(ctx.getNodeParameter(param, ''), field, kind);
	} catch (error) {
		// checkId only throws InvalidIdError, whose message names the field.
		throw invalid(ctx, (error as Error).message);
	}
}

/**
 * Validates an id and puts it raw into the path (`prefix` + id). Ids contain ':' and the API
 * matches paths literally, so they are never URL-encoded.
 */
export function idPath(
	prefix: string,
	param: string,
	field: string,
	kind: JobKind | 'any',
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, request: IHttpRequestOptions) {
		request.url = `${prefix}${idOf(this, param, field, kind)}`;
		return request;
	};
}

/** The scheduler tracks videos, images and (since August 2026) speech jobs, so its id must be one of those. */
export const schedulerPath: PreSendAction = async function (
	this: IExecuteSingleFunctions,
	request,
) {
	const id = idOf(this, 'schedulerId', 'ID', 'any');
	const kind = kindOfId(id);
	if (kind !== 'video' && kind !== 'image' && kind !== 'speech') {
		throw invalid(
			this,
			`"ID" must be a video, image or speech id (got "${id}")`,
			'Use the videoId, imageId or audioId of a running job.',
		);
	}
	request.url = `/scheduler/${id}`;
	return request;
};

/** POST /videos/cancel takes the id in the body. */
export const cancelBody: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	request.body = { videoId: idOf(this, 'videoId', 'Video ID', 'video') };
	return request;
};

/** Template ids are raw MiniMax numbers (not useapi ids): digits only. */
export const sendTemplateId: PreSendAction = async function (
	this: IExecuteSingleFunctions,
	request,
) {
	const raw = this.getNodeParameter('templateId', '') as unknown;
	const templateId =
		typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '[not text]';
	if (!templateId || !/^\d{1,24}$/.test(templateId)) {
		throw invalid(
			this,
			`"Template ID" is ${templateId ? `not valid (got "${templateId}")` : 'empty'}`,
			'Use the "id" of a template from Video → Get Many Templates, e.g. 1122334455667788.',
		);
	}
	request.qs = { ...request.qs, templateId };
	return request;
};

/** Limit must be 1…1000; the editor enforces it, but an expression can still send anything. */
export function limitOf(ctx: IExecuteSingleFunctions): number {
	const raw = ctx.getNodeParameter('limit', 50) as unknown;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		throw invalid(
			ctx,
			`"Limit" must be a whole number from 1 to ${MAX_LIMIT} (got ${JSON.stringify(raw)})`,
			'Set "Limit" to how many results you want, or turn on "Return All".',
		);
	}
	return limit;
}

export const checkLimit: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	limitOf(this);
	return request;
};

/** POST /accounts: the hailuoai.video url, JWT and maxJobs, trimmed and range-checked. */
export const accountBody: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	const url = String(this.getNodeParameter('url', '') ?? '').trim();
	const token = String(this.getNodeParameter('token', '') ?? '').trim();
	const maxJobs = Number(this.getNodeParameter('maxJobs', 3));
	if (!/^https?:\/\//.test(url)) {
		throw invalid(
			this,
			'"Hailuoai URL" must be the full https://hailuoai.video/… request URL',
			'Copy it from the browser DevTools as described at useapi.net → Setup MiniMax.',
		);
	}
	if (!token)
		throw invalid(
			this,
			'"Hailuoai Token" is empty',
			'Paste the JWT from the "Token" request header on hailuoai.video.',
		);
	if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > 10) {
		throw invalid(this, `"Max Jobs" must be a whole number from 1 to 10 (got ${maxJobs})`);
	}
	request.body = { url, token, maxJobs };
	return request;
};
