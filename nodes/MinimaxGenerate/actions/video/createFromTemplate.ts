import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationError } from '../../../shared/errors';
import { checkId } from '../../../shared/ids';
import { readText } from '../../../shared/params';
import { isFinal } from '../../../shared/status';
import { prepareCreate } from '../createInputs';
import type { CreateOutcome, KindAdapter } from '../../engine/task';
import type { MediaInput, PreparedCreate } from '../../types';
import { checkMediaUrl } from '../../models/common';
import { MAX_URL_MB, throwIfProblems } from '../createInputs';
import { VIDEO_JOBS } from '../mediaJobs';
import { createOperation } from '../operation';

const show = { resource: ['video'], operation: ['createFromTemplate'] };

export const createFromTemplateDescription: INodeProperties[] = [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1122334455667788',
		description: 'ID of the video template, from MiniMax (useapi.net) → Video → Get Many Templates',
		displayOptions: { show },
	},
	{
		displayName: 'Prompt',
		name: 'templatePrompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Text for templates that need it (see the template details)',
		displayOptions: { show },
	},
	{
		displayName: 'Image Source',
		name: 'templateImageSource',
		type: 'options',
		default: 'none',
		required: true,
		description: 'Image for templates that need one',
		options: [
			{ name: 'None', value: 'none' },
			{
				name: 'Binary File',
				value: 'binary',
				description: "A file of the input item; uploaded to the job's account first",
			},
			{ name: 'File ID and OSS Path', value: 'fileId' },
			{
				name: 'Image URL',
				value: 'url',
				description: "A public link; downloaded, checked and uploaded to the job's account first",
			},
		],
		displayOptions: { show },
	},
	{
		displayName: 'Image URL',
		name: 'templateImageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description: `Public link to the image (PNG, JPEG or WebP, up to ${MAX_URL_MB} MB). Downloaded without your token, then uploaded to the job's account.`,
		displayOptions: { show: { ...show, templateImageSource: ['url'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'templateImageBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description:
			'Binary field of the input item holding the image (PNG or JPEG); it is uploaded to the same account first',
		displayOptions: { show: { ...show, templateImageSource: ['binary'] } },
	},
	{
		displayName: 'File ID',
		name: 'templateImageFileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. user:1234-minimax:987654321-file:335577991133557799',
		description: 'A fileID from File → Upload (on the same account as the job)',
		displayOptions: { show: { ...show, templateImageSource: ['fileId'] } },
	},
	{
		displayName: 'OSS Path',
		name: 'templateImageOssPath',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-06-01/user-file-…',
		description: 'The ossPath File → Upload returned with that fileID',
		displayOptions: { show: { ...show, templateImageSource: ['fileId'] } },
	},
];

export function readCreateFromTemplate(this: IExecuteFunctions, itemIndex: number): PreparedCreate {
	const node = this.getNode();
	const templateId = readText.call(this, 'templateId', itemIndex, 'Template ID').trim();
	if (!templateId) {
		throw operationError(node, '"Template ID" is empty', {
			itemIndex,
			field: 'Template ID',
			description: 'Enter a template ID from MiniMax (useapi.net) → Video → Get Many Templates.',
		});
	}
	if (!/^\d{1,24}$/.test(templateId)) {
		throw operationError(node, `"Template ID" is not valid (got "${templateId.slice(0, 60)}")`, {
			itemIndex,
			description:
				'Template ids are numbers, e.g. 1122334455667788: use the "id" from MiniMax (useapi.net) → Video → Get Many Templates.',
		});
	}
	const body: IDataObject = { templateId };
	const prompt = readText.call(this, 'templatePrompt', itemIndex, 'Prompt').trim();
	if (prompt) body.prompt = prompt;
	const media: MediaInput[] = [];
	const source = this.getNodeParameter('templateImageSource', itemIndex, 'none') as string;
	if (source === 'binary') {
		const property = readText
			.call(this, 'templateImageBinaryProperty', itemIndex, 'Image Binary Property', 'data')
			.trim();
		media.push({ field: 'fileID', binaryProperty: property });
	} else if (source === 'fileId') {
		const fileId = readText.call(this, 'templateImageFileId', itemIndex, 'File ID').trim();
		const ossPath = readText.call(this, 'templateImageOssPath', itemIndex, 'OSS Path').trim();
		if (!fileId || !ossPath) {
			throw operationError(node, `"${fileId ? 'OSS Path' : 'File ID'}" is empty`, {
				itemIndex,
				description:
					'A template image needs both the fileID and the ossPath that File → Upload returned.',
			});
		}
		try {
			checkId(fileId, 'File ID', 'file');
		} catch (error) {
			throw operationError(node, (error as Error).message, { itemIndex });
		}
		media.push({ field: 'fileID', fileId });
		body.ossPath = ossPath;
	} else if (source === 'url') {
		const url = readText.call(this, 'templateImageUrl', itemIndex, 'Image URL').trim();
		throwIfProblems.call(this, itemIndex, checkMediaUrl(url, 'Image URL', 'image'));
		// The engine uploads it like a binary file; the upload's ossPath goes with the fileID.
		media.push({ field: 'fileID', url, kind: 'image', label: 'Image URL' });
	}
	return prepareCreate.call(this, itemIndex, { body, media });
}

/** `data:` lines of a text/event-stream body, parsed as JSON (others skipped). */
export function parseEventStream(text: string): IDataObject[] {
	const events: IDataObject[] = [];
	for (const block of text.split(/\r?\n\r?\n/)) {
		const data = block
			.split(/\r?\n/)
			.filter((line) => line.startsWith('data:'))
			.map((line) => line.slice(5).trimStart())
			.join('\n');
		if (!data) continue;
		try {
			const parsed = JSON.parse(data) as unknown;
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
				events.push(parsed as IDataObject);
		} catch {
			// a keep-alive or plain-text event
		}
	}
	return events;
}

/**
 * The answer is JSON (older API) or an event stream [gap: the vendor docs do not describe it]. Its final event
 * (statusFinal, or a final status) ends the job; otherwise the videoId from any event is polled.
 */
export function parseTemplateCreate(body: unknown): CreateOutcome {
	const events =
		typeof body === 'string'
			? parseEventStream(body)
			: body && typeof body === 'object'
				? [body as IDataObject]
				: [];
	let videoId: string | undefined;
	let final: IDataObject | undefined;
	for (const event of events) {
		const record = (
			event.data && typeof event.data === 'object' && (event.data as IDataObject).videoId
				? event.data
				: event
		) as IDataObject;
		if (typeof record.videoId === 'string') videoId = record.videoId;
		const hasStatus = typeof record.statusFinal === 'boolean' || typeof record.status === 'number';
		if (hasStatus && isFinal(record) && typeof record.videoId === 'string') final = record;
	}
	if (!videoId) return { ids: [], finals: {} };
	return { ids: [videoId], finals: final ? { [videoId]: final } : {} };
}

/**
 * Video → Create From Template, kind 'template': a video from a MiniMax video template. The API
 * calls the route /videos/agent-create ("agent" there is not the multi-model agent of Agent → Run);
 * everywhere else this package says "template". The answer is JSON or an event stream; the job is
 * a video like any other.
 */
export const templateAdapter: KindAdapter = {
	kind: 'template',
	...VIDEO_JOBS,
	wantsOssPath: true,
	createPath: '/videos/agent-create',
	createRequest: (body, _files, timeLeftMs) => ({
		body,
		headers: { Accept: 'text/event-stream, application/json' },
		timeoutMs: timeLeftMs,
	}),
	parseCreate: parseTemplateCreate,
};

export const videoCreateFromTemplate = createOperation({
	resource: 'video',
	operation: 'createFromTemplate',
	name: 'Create From Template',
	action: 'Create a video from a template',
	description: 'Generate a video from a MiniMax video template',
	fields: createFromTemplateDescription,
	features: { cancel: true },
	read: readCreateFromTemplate,
	adapter: templateAdapter,
});
