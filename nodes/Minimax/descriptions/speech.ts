import type { INodeProperties } from 'n8n-workflow';

import { idPath } from '../hooks';
import { listIn } from '../output';
import { numberedPages } from '../pagination';
import { deleteAndGet, getManyFields, idField, listing, operationField } from './common';

const R = 'speech';
const AUDIO_ID = 'Audio ID';
const toPath = idPath('/speech/', 'audioId', AUDIO_ID, 'speech');
const ONE = { resource: 'speech recording', idParam: 'audioId', field: AUDIO_ID, audio: true };

export const speechProperties: INodeProperties[] = [
	operationField(
		R,
		[
			...deleteAndGet(
				{ toPath, ...ONE },
				{
					action: 'Delete a speech recording',
					description:
						'Delete a finished recording from the account for good. A generation still running cannot be deleted: stop it with Scheduler → Delete first.',
				},
				{
					action: 'Get a speech recording',
					description: 'Get the status, audio URL, text, voice and cost of a recording',
				},
			),
			listing({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many speech recordings',
				description: 'List recordings, newest first, including those made on minimax.io',
				url: '/speech',
				pagination: numberedPages({ sizeParam: 'page_size', pageSize: 100, idKey: 'audio_id' }),
				audio: true,
				shape: listIn('audio_list'),
			}),
		],
		'get',
	),
	idField(
		{
			displayName: AUDIO_ID,
			name: 'audioId',
			placeholder: 'user:1234-minimax:987654321-audio:556677889900112233',
			description:
				'The audioId returned by the create (it resolves for 7 days) or an audio_id from Speech → Get Many, including its "user:" prefix',
		},
		R,
		['get', 'delete'],
	),
	...getManyFields(R, { audio: true }),
];
