import type { INodeProperties } from 'n8n-workflow';

import { idPath } from '../hooks';
import { runningAgentJobs, whole } from '../output';
import { idField, operation, operationField, returnAllAndLimit } from './common';

const R = 'agentJob';
const JOB_ID = 'Job ID';

export const agentJobProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Get',
				value: 'get',
				action: 'Get an agent job',
				description: 'Get the status and result of a MiniMax agent job (kept for 31 days)',
				method: 'GET',
				preSend: [idPath('/agent/', 'jobId', JOB_ID, 'agent')],
				resource: 'agent job',
				idParam: 'jobId',
				field: JOB_ID,
				shape: whole,
			}),
			operation({
				name: 'Get Many Running',
				value: 'getRunning',
				action: 'Get many running agent jobs',
				description:
					'List the agent jobs still running, one item per job with its account and elapsed time',
				method: 'GET',
				url: '/agent/jobs',
				resource: 'agent job',
				shape: runningAgentJobs,
			}),
		],
		'get',
	),
	idField(
		{
			displayName: JOB_ID,
			name: 'jobId',
			placeholder: 'p123456789-u12345-a67890-bot:minimax',
			description: 'The agent jobId, ending in "-bot:minimax"',
		},
		R,
		['get'],
	),
	...returnAllAndLimit(R, ['getRunning']),
];
