import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { accountProperties } from './descriptions/account';
import { agentJobProperties } from './descriptions/agentJob';
import { featureProperties } from './descriptions/feature';
import { fileProperties } from './descriptions/file';
import { imageProperties } from './descriptions/image';
import { musicProperties } from './descriptions/music';
import { schedulerProperties } from './descriptions/scheduler';
import { speechProperties } from './descriptions/speech';
import { speechSettingsProperties } from './descriptions/speechSettings';
import { videoProperties } from './descriptions/video';
import { voiceProperties } from './descriptions/voice';
import { searchAccounts, searchAudioAccounts } from './methods';
import { actionSubtitle } from '../shared/subtitle';

const properties: INodeTypeDescription['properties'] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Agent Job', value: 'agentJob' },
			{ name: 'Feature', value: 'feature' },
			{ name: 'File', value: 'file' },
			{ name: 'Image', value: 'image' },
			{ name: 'Music', value: 'music' },
			{ name: 'Scheduler', value: 'scheduler' },
			{ name: 'Speech', value: 'speech' },
			{ name: 'Speech Setting', value: 'speechSettings' },
			{ name: 'Video', value: 'video' },
			{ name: 'Voice', value: 'voice' },
		],
		default: 'video',
	},
	...accountProperties,
	...featureProperties,
	...videoProperties,
	...imageProperties,
	...fileProperties,
	...agentJobProperties,
	...schedulerProperties,
	...speechProperties,
	...voiceProperties,
	...speechSettingsProperties,
	...musicProperties,
];

/**
 * Declarative node: every operation is routing only (no execute()). Requests run with
 * ignoreHttpStatusErrors and RoutingNode always asks for the full response, so each operation's
 * postReceive (output.ts) sees the status code and throws the shared, token-free apiError; this
 * also holds per page inside the pagination functions (pagination.ts), which call
 * makeRoutingRequest and so run the same postReceive.
 */
export class Minimax implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MiniMax (useapi.net)',
		name: 'minimax',
		icon: { light: 'file:minimax.svg', dark: 'file:minimax.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description:
			'Manage MiniMax (Hailuo) accounts, videos, images, files, agent jobs, the scheduler, speech, voices and music via useapi.net',
		defaults: { name: 'MiniMax (useapi.net)' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'useApiMinimaxApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v1/minimax',
			headers: { Accept: 'application/json' },
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			// n8n-core would re-add Authorization on a cross-origin redirect; a 3xx becomes the mapped error instead.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		properties,
	};

	methods = { listSearch: { searchAccounts, searchAudioAccounts } };
}
