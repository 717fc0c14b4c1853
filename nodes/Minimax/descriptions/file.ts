import type { IExecuteSingleFunctions, INodeProperties, PreSendAction } from 'n8n-workflow';

import { idPath, limitOf, MAX_LIMIT } from '../hooks';
import { deleted, list } from '../output';
import { getManyFields, idField, listing, operation, operationField } from './common';

const R = 'file';
const FILE_ID = 'File ID';

/** GET /files has no cursor, only `limit`: Return All asks for the most the node allows. */
const filesLimit: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	const limit = this.getNodeParameter('returnAll', false) ? MAX_LIMIT : limitOf(this);
	request.qs = { ...request.qs, limit };
	return request;
};

export const fileProperties: INodeProperties[] = [
	{
		displayName:
			'hailuoai.video retired its file listing: Get Many may return nothing even when files exist. Keep the fileID from the upload instead.',
		name: 'filesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [R], operation: ['getAll'] } },
	},
	operationField(
		R,
		[
			operation({
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file',
				description: 'Delete an uploaded file',
				method: 'DELETE',
				preSend: [idPath('/files/', 'fileId', FILE_ID, 'file')],
				resource: R,
				idParam: 'fileId',
				field: FILE_ID,
				shape: deleted,
			}),
			listing({
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many files',
				description:
					'List files used in generations (often empty: hailuoai.video retired this listing)',
				url: '/files',
				preSend: [filesLimit],
				shape: list,
			}),
		],
		'getAll',
	),
	idField(
		{
			displayName: FILE_ID,
			name: 'fileId',
			placeholder: 'user:1234-minimax:987654321-file:335577991133557799',
			description: 'The full fileID returned by the upload, including its "user:" prefix',
		},
		R,
		['delete'],
	),
	...getManyFields(R),
];
