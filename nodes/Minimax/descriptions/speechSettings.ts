import type { INodeProperties } from 'n8n-workflow';

import { whole } from '../output';
import { accountField, operation, operationField } from './common';

const R = 'speechSettings';

export const speechSettingsProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Get',
				value: 'get',
				action: 'Get speech settings',
				description:
					'Get the vocabularies for speech: emotions, and the language, accent, age and gender tags used by voices, language boost and cloning',
				method: 'GET',
				url: '/speech/config',
				resource: 'account',
				audio: true,
				shape: whole,
			}),
			operation({
				name: 'Get Quota',
				value: 'getQuota',
				action: 'Get the voice clone quota',
				description:
					'Get the clone slots: used (clones stored) and total (slots of the plan). Advisory: MiniMax may let used exceed total; the clone itself gives the real refusal.',
				method: 'GET',
				url: '/speech/equity',
				resource: 'account',
				audio: true,
				shape: whole,
			}),
		],
		'get',
	),
	accountField(R, ['get', 'getQuota'], false, true),
];
