import type { INodeProperties } from 'n8n-workflow';

import { voiceDeleteBody, voiceFilters, wantedVoice } from '../audio';
import { listIn, deleted } from '../output';
import { numberedPages } from '../pagination';
import { getManyFields, idField, listing, operation, operationField } from './common';

const R = 'voice';
const VOICE_ID = 'Voice ID';

export const voiceProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Delete',
				value: 'delete',
				action: 'Delete a cloned voice',
				description:
					'Delete a cloned voice and free its clone slot (built-in voices cannot be deleted)',
				method: 'POST',
				url: '/speech/delete-voice',
				preSend: [voiceDeleteBody],
				resource: 'voice',
				idParam: 'voiceId',
				field: VOICE_ID,
				audio: true,
				shape: deleted,
			}),
			listing({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many voices',
				description:
					"List the built-in voices (600+) and the account's cloned voices, filtered by tags",
				url: '/speech/voices',
				preSend: [voiceFilters],
				pagination: numberedPages({
					sizeParam: 'page_size',
					pageSize: 100,
					filtered: true,
					idKey: 'voice_id',
				}),
				audio: true,
				shape: listIn('voice_list'),
				filter: wantedVoice,
			}),
		],
		'getAll',
	),
	idField(
		{
			displayName: VOICE_ID,
			name: 'voiceId',
			placeholder: 'user:1234-minimax:987654321-voice:445566778899',
			description:
				'The wrapped voice_id of a cloned voice (it names its account, so no Account is needed)',
		},
		R,
		['delete'],
	),
	...getManyFields(R, {
		audio: true,
		filters: [
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. English,Female',
				description:
					'Comma-separated voice tags, matched exactly including case (e.g. "Middle-aged", not "Middle-Aged"). Unknown tags are silently ignored by the API; Speech Setting → Get lists the valid ones.',
			},
			{
				displayName: 'Voice Type',
				name: 'voiceType',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{
						name: 'Built-In',
						value: 'builtIn',
						description: "MiniMax's own voices (numeric voice_id)",
					},
					{
						name: 'Cloned',
						value: 'cloned',
						description: 'Voices cloned on this account (voice_id "user:…-voice:…")',
					},
				],
				default: 'all',
				description:
					'Which voices to return. Filtered by the node, as the API has no documented switch for it.',
			},
		],
	}),
];
