import type { INodeProperties } from 'n8n-workflow';

import { idPath } from '../hooks';
import { listIn } from '../output';
import { cursorPages } from '../pagination';
import {
	deleteAndGet,
	getManyFields,
	idField,
	listing,
	operationField,
	simplifyField,
} from './common';

const R = 'image';
const IMAGE_ID = 'Image ID';
const toPath = idPath('/images/', 'imageId', IMAGE_ID, 'image');

export const imageProperties: INodeProperties[] = [
	operationField(
		R,
		[
			...deleteAndGet(
				{ toPath, resource: R, idParam: 'imageId', field: IMAGE_ID },
				{
					action: 'Delete an image',
					description: 'Hide an image from the listing (it stays readable by ID)',
				},
				{
					action: 'Get an image',
					description: 'Get the status and result of an image',
					simplify: true,
				},
			),
			listing({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many images',
				description: 'List images, newest first',
				url: '/images',
				pagination: cursorPages('lastImageId', 'imageId'),
				shape: listIn('images'),
				simplify: true,
			}),
		],
		'get',
	),
	idField(
		{
			displayName: IMAGE_ID,
			name: 'imageId',
			placeholder: 'user:1234-minimax:987654321-image:357846312387492374',
			description:
				'The full imageId returned when the image was created, including its "user:" prefix',
		},
		R,
		['get', 'delete'],
	),
	...getManyFields(R),
	simplifyField(R, ['get', 'getAll']),
];
