import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './constants';
import { destroyStream, getBaseUrl, NO_CROSS_ORIGIN_CREDENTIALS, redirectTarget } from './transport';

type DownloadContext = IExecuteFunctions | IWebhookFunctions;

export interface DownloadOptions {
	fileName?: string;
	mimeType?: string;
	timeoutMs?: number;
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
 * Stop aborts the download (the execution's cancel signal goes with every hop).
 */
export async function downloadToBinary(
	this: DownloadContext,
	url: string,
	options: DownloadOptions = {},
): Promise<IBinaryData> {
	const signal = (this as IExecuteFunctions).getExecutionCancelSignal?.();
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
			timeout: options.timeoutMs ?? 600_000,
			...NO_CROSS_ORIGIN_CREDENTIALS,
			...(signal ? { abortSignal: signal } : {}),
		};
		if (signal?.aborted) throw new Error('The download was stopped with the execution');
		const withToken = api !== undefined && originOf(current) === api;
		response = (withToken
			? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request)
			: await this.helpers.httpRequest(request)) as Streamed;
		const next = redirectTarget(response.statusCode, response.headers, current);
		if (!next) break;
		destroyStream(response.body);
		if (signal?.aborted) throw new Error('The download was stopped with the execution');
		if (hop >= MAX_HOPS) throw new Error(`More than ${MAX_HOPS} redirects downloading ${url}`);
		current = next;
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		destroyStream(response.body);
		throw new Error(`The result URL answered ${response.statusCode} (${originOf(current)})`);
	}
	const headerType = String(response.headers?.['content-type'] ?? '').split(';')[0].trim();
	const mimeType = options.mimeType ?? (headerType || undefined);
	const fileName = options.fileName ?? fileNameFrom(url, 'result');
	// The cancel signal went with the request: a stop destroys the body stream, so this rejects.
	return await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
}
