import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { API_PREFIX, CREDENTIAL_TYPE, DEFAULT_BASE_URL } from './constants';
import { operationError } from './errors';
import { isSafePath } from './ids';
import { redactDeep, redactText, secretsOf } from './redact';

export type ApiContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IWebhookFunctions
	| IHookFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Relative to /v1/minimax, ids raw (never URL-encoded). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer | string;
	headers?: IDataObject;
	/** false for raw uploads and streams. */
	json?: boolean;
	encoding?: IHttpRequestOptions['encoding'];
	timeoutMs?: number;
	/** Send even after the execution was stopped (the optional cancel calls on stop). */
	ignoreCancel?: boolean;
}

/** A failure with no HTTP answer (reset, timeout, refused). `ambiguous`: the server may have acted on it. */
export interface NetworkFailure {
	code: string;
	ambiguous: boolean;
	message: string;
}

export interface ApiResponse<T = unknown> {
	/** 0 when no HTTP answer arrived; `network` then says why. */
	statusCode: number;
	body: T;
	headers: IDataObject;
	network?: NetworkFailure;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_CANCELED',
];

function codeOf(error: unknown): string {
	const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
	for (const candidate of [e?.code, e?.cause?.code]) {
		if (typeof candidate === 'string' && NETWORK_CODES.includes(candidate)) return candidate;
	}
	const text = `${String(e?.message ?? '')} ${String((e?.cause as { message?: unknown })?.message ?? '')}`;
	if (/socket hang up|aborted/i.test(text)) return 'ECONNRESET';
	if (/timeout/i.test(text)) return 'ETIMEDOUT';
	if (/cancel/i.test(text)) return 'ERR_CANCELED';
	return NETWORK_CODES.find((code) => text.includes(code)) ?? 'UNKNOWN';
}

export async function getBaseUrl(ctx: ApiContext): Promise<string> {
	return (await credentialInfo(ctx)).baseUrl;
}

/** The credential's base URL and the strings to redact from anything the server sends back. */
export async function credentialInfo(
	ctx: ApiContext,
): Promise<{ baseUrl: string; secrets: string[] }> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const base = String(credentials.baseUrl || DEFAULT_BASE_URL).trim();
	return { baseUrl: base.replace(/\/+$/, ''), secrets: secretsOf(credentials.apiToken) };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

const originOf = (url: string): string | undefined => {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
};

/** Where a 3xx answer points, resolved against the request URL; undefined when it is not a redirect. */
export function redirectTarget(
	statusCode: number,
	headers: IDataObject | undefined,
	from: string,
): string | undefined {
	if (!REDIRECTS.has(statusCode)) return undefined;
	const location = headers?.location ?? headers?.Location;
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string' || !text) return undefined;
	try {
		return new URL(text, from).href;
	} catch {
		return undefined;
	}
}

/**
 * Redirects are never followed by n8n-core (it would re-add Authorization on a cross-origin hop
 * by default, and follow-redirects keeps it for subdomains): this follows same-origin hops with the
 * credential and refuses any other, so the token never leaves the credential's origin.
 */
async function sendFollowingSameOrigin(
	ctx: ApiContext,
	options: IHttpRequestOptions,
): Promise<{ statusCode: number; body: unknown; headers: IDataObject; refused?: string }> {
	const origin = originOf(options.url);
	let current = options;
	for (let hop = 0; ; hop++) {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			current,
		)) as {
			statusCode: number;
			body: unknown;
			headers: IDataObject;
		};
		const next = redirectTarget(response.statusCode, response.headers, current.url);
		if (!next) return response;
		destroyStream(response.body);
		if (originOf(next) !== origin)
			return { ...response, body: undefined, refused: originOf(next) ?? 'an invalid URL' };
		if (hop >= MAX_REDIRECTS)
			return {
				...response,
				body: undefined,
				refused: `${origin} (more than ${MAX_REDIRECTS} redirects)`,
			};
		const asGet =
			response.statusCode === 303 ||
			((response.statusCode === 301 || response.statusCode === 302) && current.method !== 'GET');
		current = {
			...current,
			url: next,
			qs: undefined,
			...(asGet ? { method: 'GET', body: undefined } : {}),
		};
	}
}

export function destroyStream(body: unknown): void {
	const stream = body as { destroy?: () => void; pipe?: unknown } | undefined;
	if (stream && typeof stream.pipe === 'function' && typeof stream.destroy === 'function')
		stream.destroy();
}

/** Request options every call shares: no redirect following, and never credentials across origins. */
export const NO_CROSS_ORIGIN_CREDENTIALS = {
	disableFollowRedirect: true,
	sendCredentialsOnCrossOriginRedirect: false,
} as const;

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (!text) return undefined;
	if (text.startsWith('{') || text.startsWith('[')) {
		try {
			return JSON.parse(text);
		} catch {
			return body;
		}
	}
	return body;
}

/**
 * One authenticated request. Never throws on an HTTP status: the caller decides what a status
 * means. A network failure comes back as statusCode 0 with `network`, carrying no request data
 * (and so no token).
 */
export async function apiRequest<T = unknown>(
	this: ApiContext,
	request: ApiRequest,
): Promise<ApiResponse<T>> {
	if (!isSafePath(request.path)) {
		// Ids are validated where they are read; this only catches one that slipped through.
		throw operationError(
			this.getNode(),
			`Refused to send a request with an unsafe path ("${request.path.slice(0, 80)}")`,
			{
				description:
					'An id or account contains characters no useapi id has. Check the ids given to the node.',
			},
		);
	}
	const { baseUrl, secrets } = await credentialInfo(this);
	const signal = request.ignoreCancel
		? undefined
		: (this as IExecuteFunctions).getExecutionCancelSignal?.();
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${API_PREFIX}${request.path}`,
		qs: compact(request.qs),
		headers: { Accept: 'application/json', ...request.headers },
		json: request.json ?? true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? 120_000,
		...NO_CROSS_ORIGIN_CREDENTIALS,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.encoding) options.encoding = request.encoding;
	if (signal) options.abortSignal = signal;
	let response: Awaited<ReturnType<typeof sendFollowingSameOrigin>>;
	try {
		// The cancel calls after a stop go through a view of the context without the cancel signal.
		const self = request.ignoreCancel
			? (Object.create(this, {
					getExecutionCancelSignal: { value: () => undefined },
				}) as ApiContext)
			: this;
		response = await sendFollowingSameOrigin(self, options);
	} catch (error) {
		const code = codeOf(error);
		const network = {
			code,
			ambiguous: !NOT_SENT.has(code),
			message: `No answer from ${baseUrl} (${code})`,
		};
		return { statusCode: 0, body: undefined as T, headers: {}, network };
	}
	const headers = redactDeep(response.headers ?? {}, secrets);
	if (response.refused) {
		const error = `Redirect to ${redactText(response.refused, secrets)} not followed: the API token is only ever sent to ${originOf(baseUrl) ?? baseUrl}`;
		return { statusCode: response.statusCode, body: { error } as T, headers };
	}
	const body =
		request.encoding === 'stream' ? response.body : redactDeep(parseBody(response.body), secrets);
	return { statusCode: response.statusCode, body: body as T, headers };
}

function compact(qs?: IDataObject): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined && value !== null && value !== '') out[key] = value;
	}
	return out;
}
