import type { IBinaryData, IExecuteFunctions, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './constants';
import { getBaseUrl } from './transport';

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
async function isApiOrigin(ctx: DownloadContext, url: string): Promise<boolean> {
	let base: string;
	try {
		base = await getBaseUrl(ctx);
	} catch {
		return false;
	}
	return new URL(url).origin === new URL(base).origin;
}

/**
 * Downloads a result URL into n8n binary data, as a stream so hosts with filesystem or S3 binary
 * mode never hold the file in memory. The token is only sent to the API's own origin; result
 * CDNs get a plain request, so the token never leaves useapi.net.
 */
export async function downloadToBinary(
	this: DownloadContext,
	url: string,
	options: DownloadOptions = {},
): Promise<IBinaryData> {
	const request: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		timeout: options.timeoutMs ?? 600_000,
	};
	const sameOrigin = await isApiOrigin(this, url);
	const response = (sameOrigin
		? await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request)
		: await this.helpers.httpRequest(request)) as { body: Buffer; headers: Record<string, string> };
	const headerType = String(response.headers?.['content-type'] ?? '').split(';')[0].trim();
	const mimeType = options.mimeType ?? (headerType || undefined);
	const fileName = options.fileName ?? fileNameFrom(url, 'result');
	return await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
}
