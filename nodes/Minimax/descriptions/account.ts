import type { INodeProperties } from 'n8n-workflow';

import { accountBody, accountPath } from '../hooks';
import { deleted, mapValues, whole } from '../output';
import { accountField, operation, operationField, returnAllAndLimit } from './common';

const R = 'account';

export const accountProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update an account',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				method: 'POST',
				url: '/accounts',
				preSend: [accountBody],
				resource: R,
				shape: whole,
			}),
			operation({
				name: 'Delete',
				value: 'delete',
				action: 'Delete an account',
				description: 'Remove a hailuoai.video account from useapi.net',
				method: 'DELETE',
				preSend: [accountPath],
				resource: R,
				shape: deleted,
			}),
			operation({
				name: 'Get',
				value: 'get',
				action: 'Get an account',
				description: 'Get one configured hailuoai.video account',
				method: 'GET',
				preSend: [accountPath],
				resource: R,
				shape: whole,
			}),
			operation({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many accounts',
				description: 'List the configured hailuoai.video accounts, one item each',
				method: 'GET',
				url: '/accounts',
				resource: R,
				shape: mapValues,
				// No account configured yet answers 404: that is an empty list, not a failure.
				notFoundIsEmpty: true,
			}),
		],
		'getAll',
	),
	accountField(R, ['get', 'delete'], true),
	{
		displayName: 'Hailuoai URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://hailuoai.video/v3/api/multimodal/video/my/cursor?device_platform=web&…',
		description:
			'The hailuoai.video request URL captured in the browser DevTools (see useapi.net → Setup MiniMax). The account ID is taken from the token.',
		displayOptions: { show: { resource: [R], operation: ['upsert'] } },
	},
	{
		displayName: 'Hailuoai Token',
		name: 'token',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description:
			'The hailuoai.video JWT from the "Token" request header (not your useapi.net API token)',
		displayOptions: { show: { resource: [R], operation: ['upsert'] } },
	},
	{
		displayName: 'Max Jobs',
		name: 'maxJobs',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		required: true,
		default: 3,
		description:
			'How many jobs may run at once on this account (1–10). Free plans render one video at a time, paid plans two; one spare slot helps.',
		displayOptions: { show: { resource: [R], operation: ['upsert'] } },
	},
	...returnAllAndLimit(R, ['getAll']),
];
