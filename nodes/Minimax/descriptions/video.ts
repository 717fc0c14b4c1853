import type { INodeProperties } from 'n8n-workflow';

import { cancelBody, idOf, idPath, sendTemplateId } from '../hooks';
import { list, listIn, whole, type Shape } from '../output';
import { cursorPages, numberedPages } from '../pagination';
import {
	accountField,
	deleteAndGet,
	idField,
	listing,
	operation,
	operationField,
	returnAllAndLimit,
	simplifyField,
} from './common';

const R = 'video';
const VIDEO_ID = 'Video ID';

/** The cancel answer's 200 body is undocumented, so any 2xx is reported the same way. */
const cancelled: Shape = (_body, ctx) => [
	{ cancelled: true, videoId: idOf(ctx, 'videoId', VIDEO_ID, 'video') },
];

export const videoProperties: INodeProperties[] = [
	operationField(
		R,
		[
			operation({
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a video',
				description: 'Try to cancel a running video generation',
				method: 'POST',
				url: '/videos/cancel',
				preSend: [cancelBody],
				resource: R,
				idParam: 'videoId',
				field: VIDEO_ID,
				shape: cancelled,
			}),
			...deleteAndGet(
				{
					toPath: idPath('/videos/', 'videoId', VIDEO_ID, 'video'),
					resource: R,
					idParam: 'videoId',
					field: VIDEO_ID,
				},
				{ action: 'Delete a video', description: 'Delete a video from the hailuoai.video account' },
				{
					action: 'Get a video',
					description: 'Get the status and result of a video',
					simplify: true,
				},
			),
			listing({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many videos',
				description: 'List videos, newest first, including those started on the website',
				url: '/videos',
				pagination: cursorPages('lastVideoId', 'videoId'),
				shape: list,
				simplify: true,
			}),
			listing({
				name: 'Get Many Characters',
				value: 'getCharacters',
				action: 'Get many characters',
				description: 'List the "My Characters" subject references of an account',
				url: '/videos/characters',
				pagination: numberedPages({ sizeParam: 'pageSize', pageSize: 50 }),
				shape: list,
			}),
			listing({
				name: 'Get Many Templates',
				value: 'getTemplates',
				action: 'Get many video templates',
				description: 'List the video templates (for Video → Create From Template)',
				url: '/videos/agent-templates',
				pagination: cursorPages('lastId', 'id'),
				shape: listIn('videoList'),
			}),
			operation({
				name: 'Get Template',
				value: 'getTemplate',
				action: 'Get a video template',
				description: 'Get the details and input requirements of one video template',
				method: 'GET',
				url: '/videos/agent-templates',
				preSend: [sendTemplateId],
				resource: 'template',
				field: 'Template ID',
				shape: whole,
			}),
		],
		'get',
	),
	idField(
		{
			displayName: VIDEO_ID,
			name: 'videoId',
			placeholder: 'user:1234-minimax:987654321-video:998877665544332211',
			description:
				'The full videoId returned when the video was created, including its "user:" prefix',
		},
		R,
		['get', 'delete', 'cancel'],
	),
	idField(
		{
			displayName: 'Template ID',
			name: 'templateId',
			placeholder: '1122334455667788',
			description: 'The "id" of a template from Video → Get Many Templates',
		},
		R,
		['getTemplate'],
	),
	accountField(R, ['getAll', 'getCharacters', 'getTemplates', 'getTemplate'], false),
	...returnAllAndLimit(R, ['getAll', 'getCharacters', 'getTemplates']),
	simplifyField(R, ['get', 'getAll']),
];
