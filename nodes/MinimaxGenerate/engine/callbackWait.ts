import { createHmac } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../shared/constants';
import { operationError } from '../../shared/errors';
import type { JobSettings } from './settings';
import type { KindAdapter, Task } from './task';

/**
 * Wait Mode "Until Callback", execute side (see docs/until-callback.md): the replyUrl is this
 * execution's resume URL plus a signed state, the engine only submits, then the execution parks.
 * n8n never runs a parked node again: the webhook builds the result, and on timeout the parked
 * input (replaced here by a timeout item) is what the node outputs.
 */

/** Query parameters the node adds to the resume URL. */
export const STATE_PARAM = 'mmx';
export const SECRET_PARAM = 'mmxh';
const MAX_REPLY_URL = 1024;

/** What the webhook needs to build the same output as Poll mode, carried (signed) in the replyUrl. */
export interface CallbackState {
	/** The adapter's kind: picks the adapter on resume. */
	k: string;
	/** The replyRef tag of the job: callbacks of other jobs are ignored. */
	t: string;
	/** Input item index. */
	i: number;
	/** Submit time (ms), for submittedAt / elapsedSeconds. */
	s: number;
	/** The user's replyRef. */
	r?: string;
	/** Output options: download, binary property, raw, split, onFailure "returnItem", lean output (version 2). */
	o: { d: 0 | 1; b: string; w: 0 | 1; p: 0 | 1; f: 0 | 1; l?: 0 | 1 };
}

export interface CallbackPlan {
	task: Task;
	/** The create's replyUrl: this execution's resume URL with the signed state. */
	replyUrl: string;
}

export const encodeState = (state: CallbackState) =>
	Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');

export function decodeState(text: string): CallbackState | undefined {
	try {
		const state = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as CallbackState;
		return typeof state?.k === 'string' &&
			typeof state.t === 'string' &&
			typeof state.o === 'object'
			? state
			: undefined;
	} catch {
		return undefined;
	}
}

/** Keyed with the API token, over this execution's id and the state: stateless and unforgeable. */
export function signState(token: string, executionId: string, state: string): string {
	return createHmac('sha256', token)
		.update(`minimax-callback\n${executionId}\n${state}`)
		.digest('hex')
		.slice(0, 40);
}

export async function apiTokenOf(ctx: IExecuteFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return String(credentials.apiToken ?? '').trim();
}

export function settingsOf(state: CallbackState): JobSettings {
	return {
		wait: true,
		waitMode: 'callback',
		pollMs: 0,
		timeoutMs: 0,
		onFailure: state.o.f ? 'returnItem' : 'error',
		cancelOnStop: false,
		download: state.o.d === 1,
		binaryProperty: state.o.b,
		includeRaw: state.o.w === 1,
		splitIntoItems: state.o.p === 1,
		lean: state.o.l === 1,
	};
}

const HOW =
	'Use Wait Mode "Poll", or put a Loop Over Items node (batch size 1) in front so each execution waits for one job.';

/**
 * Before the engine runs: in callback mode checks one item / one job and points the create's
 * replyUrl at this execution's resume URL. Returns undefined in Poll mode.
 */
export async function planCallbackWait(
	this: IExecuteFunctions,
	tasks: Task[],
	adapter: KindAdapter,
): Promise<CallbackPlan | undefined> {
	const callback = tasks.filter((t) => t.settings?.waitMode === 'callback');
	if (!callback.length) return undefined;
	const node = this.getNode();
	if (tasks.length > 1) {
		throw operationError(
			node,
			`Wait Mode "Until Callback" waits for one job per execution, but ${tasks.length} items came in`,
			{
				description: HOW,
			},
		);
	}
	const task = callback[0];
	if (task.state === 'invalid') return undefined;
	const itemIndex = task.index;
	if (task.prepared.replyUrl) {
		throw operationError(
			node,
			'Wait Mode "Until Callback" sets the Reply URL itself; clear "Reply URL" in the options',
			{ itemIndex },
		);
	}
	const jobs = adapter.jobsPerCreate?.(task.prepared) ?? 1;
	if (jobs > 1) {
		throw operationError(
			node,
			`Wait Mode "Until Callback" waits for one job, but this image create makes ${jobs} images`,
			{
				itemIndex,
				description: `Set Quantity to 1 (Midjourney always makes 4), or ${HOW}`,
			},
		);
	}
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex) ?? '');
	if (!/^https?:\/\//.test(resumeUrl)) {
		throw operationError(
			node,
			'This n8n did not provide a resume URL for Wait Mode "Until Callback"',
			{ itemIndex, description: HOW },
		);
	}
	const settings = task.settings;
	const state = encodeState({
		k: adapter.kind,
		t: task.tag,
		i: itemIndex,
		s: Date.now(),
		...(task.prepared.replyRef ? { r: task.prepared.replyRef } : {}),
		o: {
			d: settings.download ? 1 : 0,
			b: settings.binaryProperty,
			w: settings.includeRaw ? 1 : 0,
			p: settings.splitIntoItems ? 1 : 0,
			f: settings.onFailure === 'returnItem' ? 1 : 0,
			...(settings.lean ? { l: 1 as const } : {}),
		},
	});
	const url = new URL(resumeUrl);
	url.searchParams.set(STATE_PARAM, state);
	url.searchParams.set(
		SECRET_PARAM,
		signState(await apiTokenOf(this), this.getExecutionId(), state),
	);
	const replyUrl = url.toString();
	if (replyUrl.length > MAX_REPLY_URL) {
		throw operationError(
			node,
			`The callback URL would be ${replyUrl.length} characters; useapi.net allows ${MAX_REPLY_URL}`,
			{
				itemIndex,
				description: `Shorten "Reply Ref" or the binary property name, or use Wait Mode "Poll".`,
			},
		);
	}
	return { task, replyUrl };
}

/** The node's output if no final callback comes before the timeout (n8n then passes the parked input on). */
export function timeoutItem(task: Task, label: string): INodeExecutionData {
	const minutes = Math.round((task.settings.timeoutMs / 60_000) * 100) / 100;
	const json: IDataObject = {
		error: `Timed out after ${minutes} min waiting for the callback of ${label} ${task.ids.join(', ')}`,
		description:
			'The job may still be running on the server; get it later by its ID, or raise "Timeout (Minutes)".',
		id: task.ids[0],
		ids: task.ids,
		status: 'timeout',
		statusLabel: 'timeout',
		outcome: 'timeout',
		timedOut: true,
		itemIndex: task.index,
		replyRef: task.prepared.replyRef,
	};
	return { json, pairedItem: { item: task.index } };
}

/**
 * After the engine submitted: parks the execution until the callback or the timeout. A create that
 * failed (error item with continueOnFail) is returned as is, without parking.
 */
export async function parkForCallback(
	this: IExecuteFunctions,
	plan: CallbackPlan,
	label: string,
	output: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { task } = plan;
	if (task.error || !task.ids.length) return output;
	if (task.ids.length > 1) {
		throw operationError(
			this.getNode(),
			`Wait Mode "Until Callback" waits for one job, but the create started ${task.ids.length}`,
			{
				itemIndex: task.index,
				description: `These jobs keep running on the server: ${task.ids.join(', ')}. ${HOW}`,
			},
		);
	}
	// getInputData() is the parked stack entry's own array: what n8n outputs on timeout.
	const parked = this.getInputData();
	parked.splice(0, parked.length, timeoutItem(task, label));
	const deadline = (task.submittedAt ?? Date.now()) + task.settings.timeoutMs;
	await this.putExecutionToWait(new Date(deadline));
	return output;
}
