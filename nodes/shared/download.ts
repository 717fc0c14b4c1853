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

export interface UserUrlOptions {
	timeoutMs: number;
	/** Refused by its Content-Length before any byte is read, and ended once more than this arrived. */
	maxBytes: number;
}

/** The download outlived its time limit: retrying it would only spend the same time again. */
export class DownloadTimeLimitError extends Error {}

/** A user's file is larger than the cap. `declared`: its Content-Length said so, no body was read. */
export class DownloadSizeError extends Error {
	constructor(
		readonly bytes: number,
		readonly declared: boolean,
	) {
		super(`The file is ${declared ? '' : 'over '}${megabytes(bytes)} MB`);
	}
}

export const megabytes = (bytes: number) => (bytes / 1048576).toFixed(1);

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

type Bounds = { signal: AbortSignal; cancel?: AbortSignal; limitMs: number; jobId?: string };

/**
 * Runs a download under Stop (the execution's cancel signal goes with every hop) and the time limit:
 * AbortSignal.timeout bounds the whole download, however slowly the bytes trickle in.
 */
async function bounded<T>(
	ctx: DownloadContext,
	url: string,
	options: { timeoutMs?: number; jobId?: string },
	work: (bounds: Bounds) => Promise<T>,
): Promise<T> {
	const cancel = (ctx as IExecuteFunctions).getExecutionCancelSignal?.();
	const limitMs =
		options.timeoutMs !== undefined && options.timeoutMs > 0
			? options.timeoutMs
			: DOWNLOAD_TIME_LIMIT_MS;
	const limit = AbortSignal.timeout(limitMs);
	const signal = cancel ? AbortSignal.any([cancel, limit]) : limit;
	try {
		return await work({ signal, cancel, limitMs, jobId: options.jobId });
	} catch (error) {
		// A body destroyed by the time limit fails with a bare abort error: say what happened instead.
		if (limit.aborted && !cancel?.aborted) throw timeLimitError(url, limitMs, options.jobId);
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
}

/**
 * Downloads a result URL into n8n binary data, as a stream so hosts with filesystem or S3 binary
 * mode never hold the file in memory. The token is only sent to the API's own origin: redirects are
 * followed here, hop by hop, and a hop to any other origin (result CDNs) gets a plain request.
 * No size cap: results come from the API's own media hosts and a long 4K video is legitimately big;
 * the time limit bounds them.
 */
export async function downloadToBinary(
	this: DownloadContext,
	url: string,
	options: DownloadOptions = {},
): Promise<IBinaryData> {
	return await bounded(this, url, options, async (bounds) => {
		const response = await openDownload.call(this, url, bounds, false);
		const headerType = contentType(response);
		const mimeType = options.mimeType ?? (headerType || undefined);
		const fileName = options.fileName ?? fileNameFrom(url, 'result');
		// The signal went with the request: a stop or the time limit destroys the body stream, so this rejects.
		return await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
	});
}

/**
 * Downloads a user's link (a media input) into memory, never holding more than `maxBytes`: a
 * Content-Length over the cap is refused before the body is read, and the stream is ended as soon
 * as the received bytes pass the cap (no Content-Length, or a compressed body that inflates). No
 * token on any hop: a redirect onto the API's own origin is refused. Throws DownloadSizeError.
 */
export async function downloadUserUrl(
	this: IExecuteFunctions,
	url: string,
	options: UserUrlOptions,
): Promise<{ data: Buffer; mimeType: string; fileName: string }> {
	const got = await bounded(this, url, options, async (bounds): Promise<UserFile> => {
		const response = await openDownload.call(this, url, bounds, true);
		const declared = Number(response.headers?.['content-length']);
		if (Number.isFinite(declared) && declared > options.maxBytes) {
			destroyStream(response.body);
			return { tooLarge: new DownloadSizeError(declared, true) };
		}
		const data = await readCapped(response.body, options.maxBytes);
		if (!data) return { tooLarge: new DownloadSizeError(options.maxBytes, false) };
		return { data, mimeType: contentType(response), fileName: fileNameFrom(url, 'file') };
	});
	if ('tooLarge' in got) throw got.tooLarge;
	return got;
}

type UserFile =
	| { data: Buffer; mimeType: string; fileName: string }
	| { tooLarge: DownloadSizeError };

/** The body, or undefined (and the stream destroyed) as soon as more than maxBytes arrived. */
async function readCapped(body: unknown, maxBytes: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let total = 0;
	const source = Buffer.isBuffer(body) ? [body] : (body as AsyncIterable<Buffer | string>);
	for await (const chunk of source) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
		total += bytes.length;
		if (total > maxBytes) {
			destroyStream(body);
			return undefined;
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks, total);
}

const contentType = (response: Streamed) =>
	String(response.headers?.['content-type'] ?? '')
		.split(';')[0]
		.trim();

/** Follows redirects hop by hop and returns the first non-redirect answer, which must be a 2xx. */
async function openDownload(
	this: DownloadContext,
	url: string,
	{ signal, cancel, limitMs, jobId }: Bounds,
	userUrl: boolean,
): Promise<Streamed> {
	const stopped = () => {
		if (cancel?.aborted) throw new Error('The download was stopped with the execution');
		if (signal.aborted) throw timeLimitError(url, limitMs, jobId);
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
		const onApi = api !== undefined && originOf(current) === api;
		if (onApi && userUrl)
			throw new Error(`The link redirected to the useapi.net API itself (${api})`);
		response = (
			onApi
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
		const what = userUrl ? 'The link' : 'The result URL';
		throw new Error(`${what} answered ${response.statusCode} (${originOf(current)})`);
	}
	return response;
}
