import {
	NodeOperationError,
	type IBinaryData,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './constants';
import {
	destroyStream,
	getBaseUrl,
	NO_CROSS_ORIGIN_CREDENTIALS,
	redirectTarget,
} from './transport';

type DownloadContext = IExecuteFunctions | IWebhookFunctions;

/** Default bound on a whole download (every hop and the whole body), documented in the README. */
export const DOWNLOAD_TIME_LIMIT_MS = 600_000;

export interface DownloadOptions {
	fileName?: string;
	mimeType?: string;
	/** The whole download must end within this (a socket idle timeout alone resets on every byte). */
	timeoutMs?: number;
	/** Named in the time-limit error. */
	jobId?: string;
}

/** The download outlived its time limit: retrying it would only spend the same time again. */
export class DownloadTimeLimitError extends Error {}

function timeLimitError(url: string, limitMs: number, jobId?: string): DownloadTimeLimitError {
	const minutes = Math.round((limitMs / 60_000) * 100) / 100;
	const whose = jobId ? `job ${jobId}'s result` : 'the result';
	return new DownloadTimeLimitError(
		`The download of ${whose} did not finish within ${minutes} min (${originOf(url)} sent it too slowly); the download was ended`,
	);
}

function fileNameFrom(url: string, fallback: string): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : fallback;
	} catch {
		return fallback;
	}
}

/** Without a credential (optional on the trigger) there is no token to send, so every URL is plain. */
async function apiOrigin(ctx: DownloadContext): Promise<string | undefined> {
	try {
		return new URL(await getBaseUrl(ctx)).origin;
	} catch {
		return undefined;
	}
}

const originOf = (url: string) => new URL(url).origin;
const MAX_HOPS = 5;

type Streamed = { statusCode: number; body: Buffer; headers: Record<string, string> };

/**
 * Downloads a result URL into n8n binary data, as a stream so hosts with filesystem or S3 binary
 * mode never hold the file in memory. The token is only sent to the API's own origin: redirects are
 * followed here, hop by hop, and a hop to any other origin (result CDNs) gets a plain request.
 * Stop aborts the download (the execution's cancel signal goes with every hop), and so does the
 * time limit: AbortSignal.timeout bounds the whole download, however slowly the bytes trickle in.
 */
export async function downloadToBinary(
	this: DownloadContext,
	url: string,
	options: DownloadOptions = {},
): Promise<IBinaryData> {
	const cancel = (this as IExecuteFunctions).getExecutionCancelSignal?.();
	const limitMs =
		options.timeoutMs !== undefined && options.timeoutMs > 0
			? options.timeoutMs
			: DOWNLOAD_TIME_LIMIT_MS;
	const limit = AbortSignal.timeout(limitMs);
	const signal = cancel ? AbortSignal.any([cancel, limit]) : limit;
	try {
		return await fetchToBinary.call(this, url, options, signal, cancel, limitMs);
	} catch (error) {
		// A body destroyed by the time limit fails with a bare abort error: say what happened instead.
		if (limit.aborted && !cancel?.aborted) throw timeLimitError(url, limitMs, options.jobId);
		throw new NodeOperationError(this.getNode(), error as Error);
	}
}

async function fetchToBinary(
	this: DownloadContext,
	url: string,
	options: DownloadOptions,
	signal: AbortSignal,
	cancel: AbortSignal | undefined,
	limitMs: number,
): Promise<IBinaryData> {
	const stopped = () => {
		if (cancel?.aborted) throw new Error('The download was stopped with the execution');
		if (signal.aborted) throw timeLimitError(url, limitMs, options.jobId);
	};
	const api = await apiOrigin(this);
	let current = url;
	let response: Streamed;
	for (let hop = 0; ; hop++) {
		const request: IHttpRequestOptions = {
			method: 'GET',
			url: current,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			// Statuses are checked here, so no n8n error (with the request inside) is built for them.
			ignoreHttpStatusErrors: true,
			timeout: limitMs,
			...NO_CROSS_ORIGIN_CREDENTIALS,
			abortSignal: signal,
		};
		stopped();
		const withToken = api !== undefined && originOf(current) === api;
		response = (
			withToken
				? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request)
				: await this.helpers.httpRequest(request)
		) as Streamed;
		const next = redirectTarget(response.statusCode, response.headers, current);
		if (!next) break;
		destroyStream(response.body);
		stopped();
		if (hop >= MAX_HOPS) throw new Error(`More than ${MAX_HOPS} redirects downloading ${url}`);
		current = next;
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		destroyStream(response.body);
		throw new Error(`The result URL answered ${response.statusCode} (${originOf(current)})`);
	}
	const headerType = String(response.headers?.['content-type'] ?? '')
		.split(';')[0]
		.trim();
	const mimeType = options.mimeType ?? (headerType || undefined);
	const fileName = options.fileName ?? fileNameFrom(url, 'result');
	// The signal went with the request: a stop or the time limit destroys the body stream, so this rejects.
	return await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
}
