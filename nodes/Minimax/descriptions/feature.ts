import type { INodeProperties } from 'n8n-workflow';

import { whole } from '../output';
import { accountField, operation, operationField } from './common';

const R = 'feature';

export const featureProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Get',
				value: 'get',
				action: 'Get plan and credits',
				description:
					'Get the hailuoai.video plan, credits, queue sizes and per-model costs of an account',
				method: 'GET',
				url: '/features',
				resource: 'account',
				shape: whole,
			}),
		],
		'get',
	),
	accountField(R, ['get'], false),
];
