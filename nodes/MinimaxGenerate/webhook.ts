import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { isParseError, parseCallback, type ParsedCallback } from '../shared/callback';
import { apiRequest } from '../shared/transport';
import { webhookBody } from '../shared/webhookBody';
// Constant-time comparison shared with the trigger's own secret check.
import { secretMatches } from '../shared/secret';
import { adapterOfKind } from './actions';
import { errorJson, newTask } from './engine/batch';
import {
	apiTokenOf,
	decodeState,
	SECRET_PARAM,
	settingsOf,
	signState,
	STATE_PARAM,
	type CallbackState,
} from './engine/callbackWait';
import { finishTask, type FinishOutcome } from './engine/finish';
import type { KindAdapter } from './engine/task';

/**
 * Wait Mode "Until Callback", webhook side: useapi.net POSTs progress and the final record to the
 * parked execution's resume URL. Progress and wrong callers leave it parked; the final record
 * resumes it with the same output as Poll mode. Never throws: n8n would then run the following
 * nodes with an empty item (see docs/until-callback.md).
 */

const stayParked = (body: IDataObject): IWebhookResponseData => ({ webhookResponse: body });

function reply(ctx: IWebhookFunctions, code: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(code).json(body);
	return { noWebhookResponse: true };
}

export async function callbackWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const query = this.getQueryData() as IDataObject;
	const stateText = typeof query[STATE_PARAM] === 'string' ? query[STATE_PARAM] : '';
	const given = typeof query[SECRET_PARAM] === 'string' ? query[SECRET_PARAM] : '';
	const expected = signState(await apiTokenOf(this), this.getExecutionId() ?? '', stateText);
	const state = decodeState(stateText);
	if (!stateText || !secretMatches(given, expected) || !state || !adapterOfKind(state.k)) {
		return reply(this, 403, {
			error: 'Forbidden: this URL only accepts the callback of the job this execution waits for',
		});
	}
	const parsed = parseCallback(webhookBody(this));
	if (isParseError(parsed))
		return reply(this, 400, { error: `Not a MiniMax callback: ${parsed.error}` });
	// The secret proves the URL; only this execution's replyRef tag proves the job. A callback
	// without it (or with another tag) is some other job's and must not resume this execution.
	if (parsed.replyRefTag !== state.t) {
		return stayParked({
			received: true,
			ignored: parsed.replyRefTag ? 'another job' : 'no replyRef tag of this execution',
		});
	}
	if (!parsed.final)
		return stayParked({ received: true, final: false, status: parsed.statusLabel });

	// Answer at once; the download may take longer than the caller waits.
	this.getResponseObject().status(200).json({ received: true, final: true });
	const items = await resultItems(this, state, parsed);
	return { noWebhookResponse: true, workflowData: [items] };
}

/** The final record, re-read when the callback is a partial one (no result URL). */
async function finalRecord(
	ctx: IWebhookFunctions,
	adapter: KindAdapter,
	parsed: ParsedCallback,
): Promise<IDataObject> {
	if (parsed.outcome !== 'completed' || adapter.resultFiles(parsed.record).length)
		return parsed.record;
	const response = await apiRequest.call(ctx, { method: 'GET', path: adapter.getPath(parsed.id) });
	const body = response.body;
	const ok =
		response.statusCode >= 200 && response.statusCode < 300 && body && typeof body === 'object';
	return ok ? (body as IDataObject) : parsed.record;
}

/** Builds the output with the engine's own finish step, so fields and binaries match Poll mode. */
async function resultItems(
	ctx: IWebhookFunctions,
	state: CallbackState,
	parsed: ParsedCallback,
): Promise<INodeExecutionData[]> {
	const adapter = adapterOfKind(state.k) as KindAdapter;
	// The task as the parked execution left it: submitted, one job, now final.
	const resumed = (records: Record<string, IDataObject>) =>
		newTask(state.i, { body: {}, media: [], replyRef: state.r }, settingsOf(state), {
			tag: state.t,
			state: 'finishing',
			account: parsed.account ?? undefined,
			attempts: 1,
			submittedAt: state.s,
			finishedAt: Date.now(),
			ids: [parsed.id],
			records,
		});
	let task = resumed({});
	let outcome: FinishOutcome;
	try {
		task = resumed({ [parsed.id]: await finalRecord(ctx, adapter, parsed) });
		outcome = await finishTask(ctx, adapter, task);
	} catch (error) {
		outcome = { type: 'failed', error: error as Error };
	}
	if (outcome.type === 'output') return outcome.output;
	const error =
		outcome.type === 'failed'
			? outcome.error
			: new Error(`The ${adapter.label} ${parsed.id} ended without a result`);
	return [
		{
			json: { ...errorJson(error, task), outcome: parsed.outcome, status: parsed.status },
			pairedItem: { item: state.i },
		},
	];
}
