import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiError, networkError, type FailureContext } from '../../shared/errors';
import { isOk } from '../../shared/httpStatus';
import { UPLOAD_RETRY, withRetry } from '../../shared/retry';
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

/** A raw audio upload (free, so transient failures are simply sent again, with backoff). */
export async function uploadAudio(
	ctx: IExecuteFunctions,
	path: '/speech/upload-sample' | '/music/reference',
	qs: IDataObject,
	data: Buffer,
	mimeType: string,
): Promise<ApiResponse<IDataObject>> {
	return await withRetry(
		async () =>
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
			}),
		UPLOAD_RETRY,
		async (ms) => await sleepCancellable(ctx, ms),
	);
}
