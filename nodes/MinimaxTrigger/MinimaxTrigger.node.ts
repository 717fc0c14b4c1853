import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { decodeBody, isParseError, parseCallback, type ParsedCallback } from '../shared/callback';
import { CREDENTIAL_TYPE } from '../shared/constants';
import { webhookBody } from '../shared/webhookBody';
import { noRemoteWebhook } from '../shared/webhookMethods';
import { triggerProperties } from './description';
import { secretMatches } from '../shared/secret';
import { givenSecret, isDuplicateFinal } from './guard';
import { pathSecretOf, secretInPath, WEBHOOK_PATH } from './url';
import { simplified, withDownloads, withResultUrls } from './output';

type Reply = IDataObject;

/** 4xx answers are written directly: webhookResponse always goes out with the description's 200. */
function refuse(ctx: IWebhookFunctions, statusCode: number, error: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(statusCode, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify({ received: false, error }));
	return { noWebhookResponse: true };
}

function answer(ctx: IWebhookFunctions): void {
	const res = ctx.getResponseObject();
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify({ received: true }));
}

/**
 * Answers 200 now and starts the workflow with `items`. Answering first (noWebhookResponse) is
 * what makes n8n save the dedupe record: with webhookResponse + workflowData, n8n 2.41 starts the
 * run before it saves the static data, and starting the run resets the static data's changed flag
 * (WorkflowRunner.establishContextForPersistence builds a second Workflow over the same object),
 * so the record would never reach the database. See README "Scaling: queue mode".
 */
function accept(
	ctx: IWebhookFunctions,
	items: INodeExecutionData[],
	answered = false,
): IWebhookResponseData {
	if (!answered) answer(ctx);
	return { noWebhookResponse: true, workflowData: [items] };
}

/** Answered 200 so useapi does not retry, but no execution starts. */
const ignore = (reason: string): IWebhookResponseData => ({
	webhookResponse: { received: true, ignored: reason },
});

const EVENT_OF = {
	running: 'progress',
	completed: 'completed',
	failed: 'failed',
	moderated: 'moderated',
} as const;

function filteredOut(ctx: IWebhookFunctions, parsed: ParsedCallback): string | undefined {
	const events = ctx.getNodeParameter('events', ['completed']) as string[];
	if (!events.includes(EVENT_OF[parsed.outcome]))
		return `event "${EVENT_OF[parsed.outcome]}" not selected`;
	const kinds = ctx.getNodeParameter('kinds', []) as string[];
	if (!kinds.includes(parsed.kind)) return `kind "${parsed.kind}" not selected`;
	const mode = ctx.getNodeParameter('replyRefFilter', 'any') as string;
	const wanted = String(ctx.getNodeParameter('replyRefValue', '') ?? '');
	if (mode === 'equals' && parsed.replyRef !== wanted) return 'replyRef does not match';
	if (mode === 'startsWith' && !parsed.replyRef.startsWith(wanted))
		return 'replyRef does not match';
	return undefined;
}

export class MinimaxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax (useapi.net) Trigger',
		name: 'minimaxTrigger',
		icon: { light: 'file:minimax.svg', dark: 'file:minimax.dark.svg' },
		group: ['trigger'],
		// 2: the secret is part of the webhook path, so the Production URL is the complete Reply URL.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		// n8n's node panel merges "X Trigger" into "X" and shows this text for both: it describes both.
		description:
			'MiniMax (Hailuo, Veo, Sora, Seedance) through useapi.net: manage accounts, videos, images and jobs, or start a workflow when a job finishes (replyUrl callback)',
		defaults: { name: 'MiniMax Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Only needed to download results from the API's own origin; CDN downloads need none.
		credentials: [{ name: CREDENTIAL_TYPE, required: false }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: WEBHOOK_PATH,
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = noRemoteWebhook;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = new Date().toISOString();
		if (this.getNodeParameter('requireSecret', true) as boolean) {
			const expected = String(this.getNodeParameter('secret', '') ?? '');
			if (!expected)
				return refuse(
					this,
					403,
					'The trigger has no Secret set. Set "Secret" in the MiniMax Trigger node.',
				);
			const inPath =
				this.getNode().typeVersion >= 2 &&
				secretMatches(secretInPath(this.getRequestObject()), pathSecretOf(expected));
			if (
				!inPath &&
				!secretMatches(
					givenSecret(this.getQueryData() as IDataObject, this.getHeaderData() as IDataObject),
					expected,
				)
			) {
				return refuse(
					this,
					403,
					"Missing or wrong secret. Use the trigger's Production URL as the replyUrl, as n8n shows it.",
				);
			}
		}

		const body = webhookBody(this);
		const parsed = parseCallback(body);
		if (isParseError(parsed)) return refuse(this, 400, `Not a useapi callback: ${parsed.error}.`);

		const reason = filteredOut(this, parsed);
		if (reason) return ignore(reason);

		// Test URLs receive hand-made repeats on purpose; only production calls are deduplicated.
		const scope = `${this.getWorkflow().id ?? ''}/${this.getNode().name}`;
		if (
			parsed.final &&
			this.getMode() !== 'manual' &&
			isDuplicateFinal(this.getWorkflowStaticData('node'), scope, parsed.id)
		) {
			return ignore('duplicate final callback');
		}

		// Parsed already (BOM dropped): parseCallback succeeded on the same text.
		const raw = decodeBody(body);
		const json: Reply = this.getNodeParameter('simplify', true)
			? simplified(parsed, receivedAt)
			: ((raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : { body: raw }) as Reply);
		let item: INodeExecutionData = { json };

		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (options.downloadResult && parsed.outcome === 'completed') {
			// Answer first: useapi must not wait for a download of several megabytes.
			answer(this);
			const complete = await withResultUrls.call(this, parsed);
			if (complete !== parsed && this.getNodeParameter('simplify', true))
				item = { json: simplified(complete, receivedAt) };
			item = await withDownloads.call(this, complete, item);
			return accept(this, [item], true);
		}
		return accept(this, this.helpers.returnJsonArray([item.json]));
	}
}
