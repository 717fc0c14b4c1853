import type { INodeProperties } from 'n8n-workflow';

import { schedulerPath } from '../hooks';
import { capacity, deleted, list } from '../output';
import { idField, operation, operationField, returnAllAndLimit } from './common';

const R = 'scheduler';

export const schedulerProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Delete',
				value: 'delete',
				action: 'Stop tracking a job',
				description:
					'Stop tracking a running video or image job (frees its slot and stops its replyUrl callbacks); for a running speech job (audioId) this cancels it, best-effort',
				method: 'DELETE',
				preSend: [schedulerPath],
				resource: 'scheduled job',
				idParam: 'schedulerId',
				field: 'ID',
				shape: deleted,
			}),
			operation({
				name: 'Get Capacity',
				value: 'getCapacity',
				action: 'Get free job slots',
				description:
					'One item per account with maxJobs, executing and available video slots, plus executingJobs: the running jobs of that account',
				method: 'GET',
				url: '/scheduler/available',
				resource: 'scheduler',
				shape: capacity,
			}),
			operation({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tracked jobs',
				description:
					'List the video and image jobs started through the API that useapi.net is tracking',
				method: 'GET',
				url: '/scheduler',
				resource: 'scheduler',
				shape: list,
			}),
		],
		'getAll',
	),
	idField(
		{
			displayName: 'ID',
			name: 'schedulerId',
			placeholder: 'user:1234-minimax:987654321-video:998877665544332211',
			description: 'The videoId, imageId or audioId of the running job',
		},
		R,
		['delete'],
	),
	...returnAllAndLimit(R, ['getAll']),
];
