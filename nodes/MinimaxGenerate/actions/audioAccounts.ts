import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, networkError, type FailureContext } from '../../shared/errors';
import { isOk } from '../../shared/httpStatus';
import { backoffMs, UPLOAD_RETRY } from '../../shared/retry';
import { apiRequest, type ApiResponse } from '../../shared/transport';
import { sleepCancellable } from '../../shared/wait';
import { getWithRetry } from '../engine/capacity';
import { AUDIO_ACCOUNTS } from './audioJobs';

/** Accounts for the per-item audio calls (Voice → Clone, Music → Upload Reference), as the batches pick them. */
export async function audioAccounts(
	ctx: IExecuteFunctions,
	failure: FailureContext,
): Promise<string[]> {
	const response = await getWithRetry(ctx, AUDIO_ACCOUNTS.path);
	if (!isOk(response.statusCode))
		throw failureOf(ctx, response, { ...failure, resource: 'accounts' });
	return AUDIO_ACCOUNTS.rows(response.body).map((row) => String(row.account));
}

export function failureOf(ctx: IExecuteFunctions, response: ApiResponse, failure: FailureContext) {
	const context = { audio: true, ...failure };
	return response.statusCode === 0 && response.network
		? networkError(ctx.getNode(), response.network, context)
		: apiError(ctx.getNode(), response.statusCode, response.body, context);
}

/** Answers that prove the upload was not stored: sent again. A lost answer (status 0) is not. */
const RESEND = new Set([429, 502, 504]);

/**
 * A raw audio upload. Each stored upload is a permanent reference or sample on the account, so it is
 * sent again only after a 429/502/504 answer, never after a lost answer (it may have been stored).
 */
export async function uploadAudio(
	ctx: IExecuteFunctions,
	path: '/speech/upload-sample' | '/music/reference',
	qs: IDataObject,
	data: Buffer,
	mimeType: string,
): Promise<ApiResponse<IDataObject>> {
	const send = async () =>
		await apiRequest.call<
			IExecuteFunctions,
			Parameters<typeof apiRequest>,
			Promise<ApiResponse<IDataObject>>
		>(ctx, {
			method: 'POST',
			path,
			qs,
			body: data,
			json: false,
			headers: { 'Content-Type': mimeType },
			timeoutMs: 600_000,
		});
	let response = await send();
	for (
		let attempt = 1;
		attempt < UPLOAD_RETRY.tries && RESEND.has(response.statusCode);
		attempt++
	) {
		const ms = backoffMs(attempt - 1, UPLOAD_RETRY.baseMs, UPLOAD_RETRY.capMs);
		if (!(await sleepCancellable(ctx, ms))) break;
		response = await send();
	}
	return response;
}
