import type { INodeProperties } from 'n8n-workflow';

import { musicFilters } from '../audio';
import { idPath } from '../hooks';
import { listInAny } from '../output';
import { cursorPages } from '../pagination';
import { deleteAndGet, getManyFields, idField, listing, operationField } from './common';

const R = 'music';
const MUSIC_ID = 'Music ID';
const toPath = idPath('/music/', 'musicId', MUSIC_ID, 'music');
const ONE = { resource: 'song', idParam: 'musicId', field: MUSIC_ID, audio: true };
/** The lastMusicId cursor is looked up among the newest 1000 songs; pages after that answer 400. */
const REACHABLE = 1000;

export const musicProperties: INodeProperties[] = [
	operationField(
		R,
		[
			...deleteAndGet(
				{ toPath, ...ONE },
				{
					action: 'Delete a song',
					description:
						'Delete a song or reference from the account. Unverified: useapi.net has not documented this route (DELETE /music/{musicId} is inferred from the speech delete).',
				},
				{
					action: 'Get a song',
					description:
						'Get the status, audio URL, title, lyrics and duration (milliseconds) of a song or reference',
				},
			),
			listing({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many songs',
				description:
					'List songs, newest first, including songs made on minimax.io and tracks still rendering (at most the newest 1000)',
				url: '/music',
				preSend: [musicFilters],
				pagination: cursorPages('lastMusicId', 'musicId', REACHABLE),
				audio: true,
				// [gap] the envelope: a bare array (legacy) or an object holding the list.
				shape: listInAny(['items', 'music', 'musicList', 'music_list', 'songs', 'list', 'data']),
			}),
		],
		'get',
	),
	idField(
		{
			displayName: MUSIC_ID,
			name: 'musicId',
			placeholder: 'user:1234-minimax:987654321-music:998877665544332211',
			description:
				'The musicId returned by the create or the reference upload, including its "user:" prefix',
		},
		R,
		['get', 'delete'],
	),
	...getManyFields(R, {
		audio: true,
		filters: [
			{
				displayName: 'Favorites Only',
				name: 'favorite',
				type: 'boolean',
				default: false,
				description: 'Whether to return only the songs marked as favourites on the MiniMax account',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{
						name: 'Reference',
						value: 'reference',
						description: 'Uploaded reference tracks (for covers)',
					},
					{ name: 'Song', value: 'song', description: 'Generated songs, covers included' },
				],
				default: 'song',
				description: "Which tracks to list (the API's default is Song)",
			},
		],
	}),
];
