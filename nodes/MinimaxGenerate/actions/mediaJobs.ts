import type { IDataObject } from 'n8n-workflow';

import { outcomeOf, resultUrl, statusLabelOf } from '../../shared/status';
import { ACCOUNT_JOBS, VIDEO_SLOTS } from '../engine/capacity';
import { IMAGE_LISTING, VIDEO_LISTING } from '../engine/listing';
import type { KindAdapter, ResultFile } from '../engine/task';

/** What video and image jobs share: their GET path, listing, slot policy, result file and summary. */

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

/** 404 while polling: MiniMax removed the result after post-moderation. */
const removed = (idField: string) => (id: string) => ({
	[idField]: id,
	status: 404,
	statusLabel: 'moderated',
	statusFinal: true,
	removed: true,
	message: 'Not found (404): MiniMax removed the result after post-moderation',
});

type JobParts = Pick<
	KindAdapter,
	'idField' | 'capacity' | 'listing' | 'getPath' | 'gone' | 'resultFiles' | 'summarize'
>;

/** Videos (Create and Create From Template): GET /videos/{videoId}, video slots, cancellable. */
export const VIDEO_JOBS: JobParts & Pick<KindAdapter, 'label' | 'getOperation' | 'cancel'> = {
	label: 'video',
	getOperation: 'MiniMax (useapi.net) → Video → Get',
	idField: 'videoId',
	capacity: VIDEO_SLOTS,
	listing: VIDEO_LISTING,
	getPath: (id) => `/videos/${id}`,
	gone: removed('videoId'),
	resultFiles: mediaFiles,
	summarize: (record) => summarizeMedia(record, 'videoId'),
	cancel: (videoId) => ({ method: 'POST', path: '/videos/cancel', body: { videoId } }),
};

/** Images: GET /images/{imageId}, no video slot; one create may make several images. */
export const IMAGE_JOBS: JobParts & Pick<KindAdapter, 'label' | 'getOperation' | 'idsField'> = {
	label: 'image',
	getOperation: 'MiniMax (useapi.net) → Image → Get',
	idField: 'imageId',
	idsField: 'imageIds',
	capacity: ACCOUNT_JOBS,
	listing: IMAGE_LISTING,
	getPath: (id) => `/images/${id}`,
	gone: removed('imageId'),
	resultFiles: mediaFiles,
	summarize: (record) => summarizeMedia(record, 'imageId'),
};
