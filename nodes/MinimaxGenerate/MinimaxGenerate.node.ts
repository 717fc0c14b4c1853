import {
	NodeConnectionTypes,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { agentRunDescription, agentRunOptions } from './actions/agent/run';
import { fileUploadDescription } from './actions/file/upload';
import { imageCreateDescription, imageCreateOptions } from './actions/image/create';
import { videoCreateDescription, videoCreateOptions } from './actions/video/create';
import { createFromTemplateDescription } from './actions/video/createFromTemplate';
import {
	createCommonFields,
	LEAN_VERSION,
	leanCommonFields,
	type LeanFeatures,
} from './descriptions/common';
import { actionSubtitle } from '../shared/subtitle';
import { noRemoteWebhook } from '../shared/webhookMethods';
import { route } from './router';
import { callbackWebhook } from './webhook';

/**
 * An operation's own fields, then the shared create fields: version 1's old layout, version 2's
 * Wait for Completion, Download Result and one Options collection.
 */
function withCommon(
	own: INodeProperties[],
	displayOptions: IDisplayOptions,
	features: LeanFeatures = {},
): INodeProperties[] {
	const names = new Set(own.map((p) => p.name));
	const v1 = createCommonFields(displayOptions, features.split).filter((p) => !names.has(p.name));
	return [...own, ...v1, ...leanCommonFields(displayOptions, features)];
}

const OPERATIONS: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'video',
		options: [
			{ name: 'Agent', value: 'agent' },
			{ name: 'File', value: 'file' },
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'create',
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a video',
				description: 'Generate a video from a prompt and/or images',
			},
			{
				name: 'Create From Template',
				value: 'createFromTemplate',
				action: 'Create a video from a template',
				description: 'Generate a video from a MiniMax agent template',
			},
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'create',
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an image',
				description: 'Generate images from a prompt',
			},
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'run',
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Run',
				value: 'run',
				action: 'Run the agent',
				description: 'Let the multi-model agent make videos, images or audio',
			},
		],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'upload',
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description: 'Upload an image, audio or video file for use in jobs',
			},
		],
	},
];

const on = (resource: string, operation: string): IDisplayOptions => ({
	show: { resource: [resource], operation: [operation] },
});

export class MinimaxGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax Generate (useapi.net)',
		name: 'minimaxGenerate',
		icon: { light: 'file:minimax.svg', dark: 'file:minimax.dark.svg' },
		group: ['transform'],
		// 2: lean panel (settings in Options), newest model first, output without repeated values.
		version: [1, LEAN_VERSION],
		defaultVersion: LEAN_VERSION,
		subtitle: actionSubtitle(OPERATIONS, {
			'video.create': 'videoModel',
			'image.create': 'imageModel',
		}),
		description:
			'Generate MiniMax (Hailuo, Veo, Sora, Seedance) videos, images and agent results through useapi.net, wait for them and download the files. Many items run in parallel across your accounts.',
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
		properties: [
			...OPERATIONS,
			...withCommon(videoCreateDescription, on('video', 'create'), {
				cancel: true,
				own: videoCreateOptions,
			}),
			...withCommon(createFromTemplateDescription, on('video', 'createFromTemplate'), {
				cancel: true,
			}),
			...withCommon(imageCreateDescription, on('image', 'create'), {
				split: true,
				own: imageCreateOptions,
			}),
			...withCommon(agentRunDescription, on('agent', 'run'), { split: true, own: agentRunOptions }),
			...fileUploadDescription,
		],
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
