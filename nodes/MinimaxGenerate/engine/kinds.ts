import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { outcomeOf, resultUrl, statusLabelOf } from '../../shared/status';
import { apiRequest } from '../../shared/transport';
import type { CreateOutcome, KindAdapter, ResultFile } from './task';

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Output fields of a video or image record. */
export function summarizeMedia(record: IDataObject, idField: 'videoId' | 'imageId'): IDataObject {
	const url = resultUrl(record);
	return {
		[idField]: record[idField] ?? record.videoId ?? record.imageId,
		status: record.status,
		statusLabel: statusLabelOf(record),
		outcome: outcomeOf(record),
		message: record.message,
		url,
		downloadURL: str(record.downloadURL),
		videoURL: str(record.videoURL),
		coverURL: str(record.coverURL),
		fileID: record.fileID,
		width: record.width,
		height: record.height,
	};
}

function mediaFiles(record: IDataObject): ResultFile[] {
	const url = resultUrl(record);
	return url && outcomeOf(record) === 'completed' ? [{ url }] : [];
}

async function postJson(
	this: IExecuteFunctions,
	path: string,
	body: IDataObject,
	timeoutMs: number,
) {
	return await apiRequest.call(this, { method: 'POST', path, body, timeoutMs });
}

export const videoAdapter: KindAdapter = {
	kind: 'video',
	label: 'video',
	videoSlots: true,
	cancellable: true,
	listing: 'scheduler',
	async create(body) {
		return await postJson.call(this, '/videos/create', body, 120_000);
	},
	parseCreate(body): CreateOutcome {
		const id = str((body as IDataObject)?.videoId);
		return { ids: id ? [id] : [], finals: {} };
	},
	getPath: (id) => `/videos/${id}`,
	resultFiles: mediaFiles,
	summarize: (record) => summarizeMedia(record, 'videoId'),
};

export const imageAdapter: KindAdapter = {
	kind: 'image',
	label: 'image',
	videoSlots: false,
	cancellable: false,
	listing: 'scheduler',
	async create(body) {
		return await postJson.call(this, '/images/create', body, 120_000);
	},
	parseCreate(body): CreateOutcome {
		const ids = (body as IDataObject)?.imageIds;
		return {
			ids: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
			finals: {},
		};
	},
	getPath: (id) => `/images/${id}`,
	resultFiles: mediaFiles,
	summarize: (record) => summarizeMedia(record, 'imageId'),
};
