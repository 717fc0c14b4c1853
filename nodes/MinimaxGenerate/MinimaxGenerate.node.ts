import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { LEAN_VERSION } from './descriptions/common';
import { noRemoteWebhook } from '../shared/webhookMethods';
import { PROPERTIES, SUBTITLE } from './actions';
import { route } from './router';
import { callbackWebhook } from './webhook';

export class MinimaxGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Generate (useapi.net)',
		name: 'minimaxGenerate',
		icon: { light: 'file:minimax.svg', dark: 'file:minimax.dark.svg' },
		group: ['transform'],
		// 2: lean panel (settings in Options), newest model first, output without repeated values.
		version: [1, LEAN_VERSION],
		defaultVersion: LEAN_VERSION,
		subtitle: SUBTITLE,
		description:
			'Generate MiniMax (Hailuo, Veo, Sora, Seedance) videos, images, agent results, speech and songs through useapi.net, wait for them and download the files. Many items run in parallel across your accounts.',
		defaults: { name: 'MiniMax Generate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'useApiMinimaxApi', required: true }],
		// Wait Mode "Until Callback": useapi.net posts to this execution's resume URL (webhook.ts).
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
			},
		],
		// Resource, Operation and every operation's fields: generated from actions/index.ts.
		properties: PROPERTIES,
	};

	// Wait Mode "Until Callback" only: nothing to register on useapi.net.
	webhookMethods = noRemoteWebhook;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await callbackWebhook.call(this);
	}
}
