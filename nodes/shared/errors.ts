import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type JsonObject,
} from 'n8n-workflow';

/** What we know about the failing call, so the message can name the job, account or field. */
export interface FailureContext {
	itemIndex?: number;
	jobId?: string;
	account?: string;
	field?: string;
	/** e.g. 'video', 'image', 'agent job', 'account', 'file' */
	resource?: string;
	/** Speech and music routes: they bill the account's MiniMax Audio plan, not Hailuo credits. */
	audio?: boolean;
}

/** The API's own error text: `error` (string or {message}), then `statusInfo.message`, then `message`. */
export function apiMessageOf(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 500) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const b = body as IDataObject;
	if (typeof b.error === 'string') return b.error;
	const err = b.error as IDataObject | undefined;
	if (err && typeof err.message === 'string') return err.message;
	const info = b.statusInfo as IDataObject | undefined;
	if (info && typeof info.message === 'string') return info.message;
	return typeof b.message === 'string' ? b.message : undefined;
}

const tail = (ctx: FailureContext) =>
	[ctx.jobId ? `Job: ${ctx.jobId}` : '', ctx.account ? `Account: ${ctx.account}` : '']
		.filter(Boolean)
		.join('. ');

const ADD_ACCOUNT =
	'Add one in n8n with MiniMax (useapi.net) → Account → Create or Update, using the url and token captured from hailuoai.video (useapi.net → Setup MiniMax).';

/**
 * 404 from GET /accounts: the token is fine but no hailuoai.video account is configured yet. Shared by
 * the credential test and the runtime errors, so both say the same.
 */
export const NO_ACCOUNT_CONFIGURED = {
	message: 'The token works, but no hailuoai.video account is configured at useapi.net yet (404)',
	description: ADD_ACCOUNT,
};

/** One wording per status code: what happened, then how to fix it. */
export function describeHttpFailure(
	statusCode: number,
	body: unknown,
	ctx: FailureContext = {},
): { message: string; description: string } {
	const api = apiMessageOf(body);
	const said = api ? `: ${api}` : '';
	const what = ctx.resource ?? 'item';
	const account = ctx.account
		? `account ${ctx.account}`
		: ctx.audio
			? 'the MiniMax account'
			: 'the hailuoai.video account';
	let message: string;
	let fix: string;
	switch (statusCode) {
		case 400:
			message = `useapi.net rejected the request (400)${said}`;
			fix = ctx.field
				? `Check the "${ctx.field}" parameter.`
				: 'Check the parameters named in the message against the model you picked.';
			break;
		case 401:
			message = 'The useapi.net API token was rejected (401 Unauthorized)';
			fix =
				'Open the "useapi.net MiniMax API" credential and paste the whole API token from useapi.net, including its "user:" prefix.';
			break;
		case 402:
			message = `The useapi.net subscription is missing or expired (402)${said}`;
			fix = 'Renew the subscription at useapi.net.';
			break;
		case 404:
			if (ctx.audio && what !== 'account') {
				message = `The ${what} was not found (404)${said}`;
				fix = what.startsWith('speech')
					? 'Check the id. An audioId from a create resolves for 7 days; after that use the audio_id that Speech → Get Many lists.'
					: `Check the id; Get Many lists the ${what}s still on the account.`;
				break;
			}
			if (what === 'accounts' || what === 'account') {
				message = ctx.account
					? `Account ${ctx.account} is not configured at useapi.net (404)${said}`
					: NO_ACCOUNT_CONFIGURED.message;
				fix = ctx.account
					? `Check "Account" (leave it empty to use any configured account), or add it: ${ADD_ACCOUNT}`
					: ADD_ACCOUNT;
				break;
			}
			message =
				what === 'video' || what === 'image'
					? `The ${what} was not found or was removed after moderation (404)`
					: `The ${what} was not found (404)${said}`;
			fix =
				what === 'video' || what === 'image'
					? 'MiniMax deletes some results after post-moderation; generate it again with a different prompt or image.'
					: 'Check the id or account; useapi keeps agent jobs for 31 days.';
			break;
		case 412:
			if (ctx.audio) {
				message = `${capitalise(account)} has no MiniMax Audio credit (412)${said}`;
				fix =
					'Speech and music bill the MiniMax Audio plan (minimax.io/audio), not Hailuo video credits. Buy or top up that plan, or pick an account with "supportAudio" (Account → Get Many).';
				break;
			}
			message = `${capitalise(account)} has run out of credits (412)${said}`;
			fix =
				'Top up the hailuoai.video account, or leave "Account" empty so jobs go to accounts with credits.';
			break;
		case 422:
			message = `MiniMax moderated the request (422)${said}`;
			fix =
				'Change the prompt or the images. Sending the same input again will be moderated again.';
			break;
		case 429:
			message = `All job slots are busy (429)${said}`;
			fix = 'Wait for running jobs to finish, raise "Max Jobs" on the account, or add accounts.';
			break;
		case 596:
			if (ctx.audio) {
				// The speech pages document this text: the account record at useapi.net needs attention.
				message = `${capitalise(account)} has a pending error at useapi.net (596)${said}`;
				fix =
					'Update the account at useapi.net (Account → Create or Update, or POST /accounts/{account}) before any new call; use another account meanwhile.';
				break;
			}
			message = `${capitalise(account)} is on hold at hailuoai.video (596)${said}`;
			fix =
				'Log in to hailuoai.video to see why; holds often last a few hours. Use another account meanwhile.';
			break;
		default:
			if (statusCode >= 300 && statusCode < 400) {
				message = `useapi.net answered with a redirect (${statusCode})${said}`;
				fix =
					'Set the Base URL in the credential to the API origin itself (e.g. https://api.useapi.net). Redirects to another host are never followed, so the API token cannot leave it.';
			} else if (statusCode >= 500) {
				message = `hailuoai.video or useapi.net failed (${statusCode})${said}`;
				fix = 'This is usually temporary; try again in a minute.';
			} else {
				message = `useapi.net answered ${statusCode}${said}`;
				fix = 'See the message from the API.';
			}
	}
	return { message, description: [fix, tail(ctx)].filter(Boolean).join(' ') };
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A NodeApiError built from a clean object only, so no request header (the token) can ride along. */
export function apiError(
	node: INode,
	statusCode: number,
	body: unknown,
	ctx: FailureContext = {},
): NodeApiError {
	const { message, description } = describeHttpFailure(statusCode, body, ctx);
	const response: JsonObject = {
		httpCode: String(statusCode),
		message: apiMessageOf(body) ?? message,
	};
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex: ctx.itemIndex,
	});
}

export function operationError(
	node: INode,
	message: string,
	ctx: FailureContext & { description?: string } = {},
) {
	return new NodeOperationError(node, message, {
		itemIndex: ctx.itemIndex,
		description: [ctx.description, tail(ctx)].filter(Boolean).join(' ') || undefined,
	});
}

/** No HTTP answer at all. For creates the job may exist anyway, so the message says so. */
export function networkError(
	node: INode,
	failure: { code: string; message: string; ambiguous: boolean },
	ctx: FailureContext = {},
): NodeApiError {
	const maybe = failure.ambiguous ? ' The server may still have received the request.' : '';
	return new NodeApiError(
		node,
		{ message: failure.message, code: failure.code },
		{
			message: `${failure.message}.${maybe}`,
			description: ['Check the Base URL in the credential and the network, then retry.', tail(ctx)]
				.filter(Boolean)
				.join(' '),
			itemIndex: ctx.itemIndex,
		},
	);
}
