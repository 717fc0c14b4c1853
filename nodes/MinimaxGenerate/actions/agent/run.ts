import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationError } from '../../../shared/errors';
import { readText } from '../../../shared/params';
import { isLean, LEAN_VERSION } from '../../descriptions/common';
import { ACCOUNT_JOBS } from '../../engine/capacity';
import { AGENT_LISTING } from '../../engine/listing';
import { buildMultipart } from '../../engine/media';
import type { CreateOutcome, KindAdapter, ResultFile } from '../../engine/task';
import { checkMediaUrl } from '../../models/common';
import type { PreparedCreate } from '../../types';
import { MAX_URL_MB, prepareCreate } from '../createInputs';
import { createOperation } from '../operation';

const show = { resource: ['agent'], operation: ['run'] };

export const agentRunDescription: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'agentPrompt',
		type: 'string',
		required: true,
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'Generate a 16:9 video of a cat playing piano and a matching cover image',
		description:
			'Say explicitly what to make (a video, an image, a song from my lyrics); aspect ratio and resolution may go here too',
		displayOptions: { show },
	},
	{
		displayName: 'Models',
		name: 'agentModels',
		type: 'multiOptions',
		default: ['hailuo-2.3'],
		description: 'Models the agent may use. Add other model IDs below.',
		options: [
			{ name: 'Hailuo 2.3 (Video)', value: 'hailuo-2.3' },
			{ name: 'Nano Banana 2 (Image)', value: 'nano-banana-2' },
		],
		displayOptions: { show },
	},
	{ ...extraModelsField(), displayOptions: { show: { ...show, '@version': [1] } } },
	{
		displayName: 'Reference Files',
		name: 'agentFiles',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, image2',
		hint: 'Input Binary Fields, comma-separated; leave empty for none',
		description: "Names of the input item's binary fields to send to the agent as reference files",
		displayOptions: { show },
	},
	{
		displayName: 'File URLs',
		name: 'agentFileUrls',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. https://example.com/photo.jpg',
		hint: 'Public links, one per line or comma-separated; leave empty for none',
		description: `Reference files given as links (PNG, JPEG, WebP, MP4, MP3 or WAV, up to ${MAX_URL_MB} MB each), downloaded without your token and sent with the run`,
		displayOptions: { show: { ...show, '@version': [LEAN_VERSION] } },
	},
];

/** "a, b" or one per line; a comma inside a link stays (only a comma before the next http(s):// splits). */
export function splitUrls(text: string): string[] {
	return text
		.split(/\s+|,(?=\s*https?:\/\/)/i)
		.map((url) => url.trim().replace(/,$/, ''))
		.filter(Boolean);
}

function extraModelsField(): INodeProperties {
	return {
		displayName: 'Additional Model IDs',
		name: 'agentExtraModels',
		type: 'string',
		default: '',
		placeholder: 'e.g. nano-banana-pro, seedream-4.5',
		description: 'Comma-separated model IDs not in the Models list, as the agent names them',
	};
}

/** Version 2: the agent options inside "Options". */
export const agentRunOptions: INodeProperties[] = [extraModelsField()];

export function readAgentRun(this: IExecuteFunctions, itemIndex: number): PreparedCreate {
	const node = this.getNode();
	const prompt = readText.call(this, 'agentPrompt', itemIndex, 'Prompt').trim();
	if (!prompt)
		throw operationError(node, '"Prompt" is empty', {
			itemIndex,
			field: 'Prompt',
			description: 'Say what the agent should make.',
		});
	const picked = (this.getNodeParameter('agentModels', itemIndex, []) as string[]) ?? [];
	const extra = readText
		.call(
			this,
			isLean(this) ? 'options.agentExtraModels' : 'agentExtraModels',
			itemIndex,
			'Additional Model IDs',
		)
		.split(',')
		.map((m) => m.trim())
		.filter(Boolean);
	const models = [...new Set([...picked, ...extra])];
	if (!models.length) {
		throw operationError(node, 'No model selected', {
			itemIndex,
			field: 'Models',
			description:
				'Pick at least one model in "Models", or type one in "Additional Model IDs" (in the options).',
		});
	}
	const files = readText
		.call(this, 'agentFiles', itemIndex, 'Reference Files')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const urls = isLean(this)
		? splitUrls(readText.call(this, 'agentFileUrls', itemIndex, 'File URLs'))
		: [];
	const label = (i: number) => (urls.length > 1 ? `File URLs (#${i + 1})` : 'File URLs');
	return prepareCreate.call(this, itemIndex, {
		problems: urls.flatMap((url, i) => checkMediaUrl(url, label(i), 'image')),
		body: { prompt, models: models.join(',') },
		media: [
			...files.map((binaryProperty) => ({ field: 'file', binaryProperty })),
			// No kind: an image, video or audio file; sent as a part of the run (mediaAsParts).
			...urls.map((url, i) => ({ field: 'file', url, label: label(i) })),
		],
	});
}

/** The job in a 200/201 answer, wherever it sits: `jobId`, `job.jobId`, `data.jobId`, or `id`. */
export function agentJobOf(body: unknown): IDataObject | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const b = body as IDataObject;
	for (const candidate of [b, b.job, b.data] as unknown[]) {
		const c = candidate as IDataObject | undefined;
		if (c && typeof c === 'object' && typeof c.jobId === 'string') return c;
	}
	return typeof b.id === 'string' ? { ...b, jobId: b.id } : undefined;
}

export function parseAgentCreate(body: unknown): CreateOutcome {
	const job = agentJobOf(body);
	if (!job) return { ids: [], finals: {} };
	const id = job.jobId as string;
	const done = job.status === 'completed' || job.status === 'failed';
	return { ids: [id], finals: done ? { [id]: job } : {} };
}

function attachmentsOf(record: IDataObject): IDataObject[] {
	const list = (record.response as IDataObject | undefined)?.attachments;
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

/** Prefer the no-watermark URL, then the file URL. */
function attachmentFile(attachment: IDataObject): ResultFile | undefined {
	const file = (attachment.file ?? {}) as IDataObject;
	const extra = (file.extra ?? {}) as IDataObject;
	const url = [extra.no_watermark_url, file.fileUrl].find((u) => typeof u === 'string' && u) as
		| string
		| undefined;
	if (!url) return undefined;
	return {
		url,
		fileName: typeof file.fileName === 'string' ? file.fileName : undefined,
		mimeType: typeof file.type === 'string' && file.type.includes('/') ? file.type : undefined,
	};
}

export function summarizeAgent(record: IDataObject): IDataObject {
	const status = String(record.status ?? '');
	const error = record.error as IDataObject | string | undefined;
	const failure = typeof error === 'string' ? error : error?.message;
	const outcome =
		status === 'completed'
			? 'completed'
			: status === 'failed'
				? Number((error as IDataObject | undefined)?.status) === 422
					? 'moderated'
					: 'failed'
				: 'running';
	const attachments = attachmentsOf(record).map((a) => {
		const file = (a.file ?? {}) as IDataObject;
		return {
			attachmentID: a.attachmentID,
			type: a.type,
			fileName: file.fileName,
			mimeType: file.type,
			url: attachmentFile(a)?.url,
			fileUrl: file.fileUrl,
		};
	});
	const response = (record.response ?? {}) as IDataObject;
	return {
		jobId: record.jobId,
		status,
		statusLabel: status,
		outcome,
		message: failure ?? response.msg_content,
		url: attachments[0]?.url,
		attachments,
	};
}

/** One record's result file entries, or [] until it completed. */
function agentFiles(record: IDataObject): ResultFile[] {
	if (record.status !== 'completed') return [];
	return attachmentsOf(record)
		.map(attachmentFile)
		.filter((f): f is ResultFile => !!f);
}

/** POST /agent (multipart, async); its job is read at GET /agent/{jobId} and listed at GET /agent/jobs. */
export const agentAdapter: KindAdapter = {
	kind: 'agent',
	label: 'agent job',
	getOperation: 'MiniMax (useapi.net) → Agent Job → Get',
	idField: 'jobId',
	capacity: ACCOUNT_JOBS,
	listing: AGENT_LISTING,
	mediaAsParts: true,
	createPath: '/agent',
	createRequest(body, files) {
		// async=true always: the engine polls, so no HTTP request is held open for minutes.
		const { body: data, contentType } = buildMultipart({ ...body, async: 'true' }, files);
		return { body: data, json: false, headers: { 'Content-Type': contentType } };
	},
	parseCreate: parseAgentCreate,
	getPath: (id) => `/agent/${id}`,
	// 404 while polling: the job is gone.
	gone: (id) => ({
		jobId: id,
		status: 'failed',
		error: { message: 'Job not found or expired (404)', status: 404 },
	}),
	resultFiles: agentFiles,
	summarize: summarizeAgent,
};

export const agentRun = createOperation({
	resource: 'agent',
	operation: 'run',
	name: 'Run',
	action: 'Run the agent',
	description: 'Let the multi-model agent make videos, images or audio',
	fields: agentRunDescription,
	features: { split: true, own: agentRunOptions },
	read: readAgentRun,
	adapter: agentAdapter,
});
