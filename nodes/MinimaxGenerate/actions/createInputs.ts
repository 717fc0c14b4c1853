import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { readAccount, readCallback, readOption } from '../descriptions/common';

import { operationError } from '../../shared/errors';
import { textOf } from '../../shared/params';
import {
	urlFieldOf,
	type MediaKind,
	type MediaRef,
	type MediaSlot,
	type Problem,
} from '../models/common';
import type { MediaInput, PreparedCreate } from '../types';

/** Helpers the video and image create operations share: media source fields, their readers, problems → error. */

export type Show = Record<string, Array<string | number | boolean>>;

const FILE_ID_PLACEHOLDER = 'e.g. user:1234-minimax:987654321-file:335577991133557799';
/** Largest media file fetched from an Image URL (the API's own upload limit is not documented). */
export const MAX_URL_MB = 50;
const KIND_TYPES: Record<MediaKind, string> = {
	image: 'PNG, JPEG or WebP',
	video: 'MP4, 2–15 seconds',
	audio: 'MP3 or WAV, 2–15 seconds',
};

const sourceChoices = (kind: MediaKind) => [
	{
		name: 'Binary File',
		value: 'binary',
		description:
			"A file of the input item (Input Binary Field); uploaded to the job's account first",
	},
	{
		name: 'File ID',
		value: 'fileId',
		description:
			'A fileID from File → Upload, or from MiniMax (useapi.net) → Image → Get (its fileID) or Video → Get Many Characters',
	},
	{
		name: `${kind === 'image' ? 'Image' : kind === 'video' ? 'Video' : 'Audio'} URL`,
		value: 'url',
		description: "A public link; downloaded, checked and uploaded to the job's account first",
	},
];

/**
 * One media input as four fields: `<prefix>Source` (None | Binary File | File ID | URL), `<prefix>FileId`,
 * `<prefix>BinaryProperty` and `<prefix>Url`. `show` covers every model that takes the input; `sources`
 * splits the Source field where some models need the input (no "None", marked required) or show it
 * only under extra conditions.
 */
export function mediaSourceFields(o: {
	prefix: string;
	displayName: string;
	description: string;
	show: Show;
	sources?: Array<{ show: Show; required: boolean }>;
	binaryDefault?: string;
}): INodeProperties[] {
	const choices = sourceChoices('image');
	const binaryDefault = o.binaryDefault ?? 'data';
	const sourceFields = (o.sources ?? [{ show: o.show, required: false }]).map(
		({ show, required }): INodeProperties => {
			const sourceDefault = required ? 'binary' : 'none';
			return {
				displayName: o.displayName,
				name: `${o.prefix}Source`,
				type: 'options',
				options: required
					? choices
					: [{ name: 'None', value: 'none', description: 'No image' }, ...choices],
				default: sourceDefault,
				required: true,
				description: o.description,
				displayOptions: { show },
			};
		},
	);
	return [
		...sourceFields,
		{
			displayName: `${o.displayName} File ID`,
			name: `${o.prefix}FileId`,
			type: 'string',
			default: '',
			placeholder: FILE_ID_PLACEHOLDER,
			description:
				'Full fileID including the "user:" prefix, uploaded to the same account the job runs on',
			displayOptions: { show: { ...o.show, [`${o.prefix}Source`]: ['fileId'] } },
		},
		{
			displayName: `${o.displayName} Input Binary Field`,
			name: `${o.prefix}BinaryProperty`,
			type: 'string',
			default: binaryDefault,
			placeholder: 'e.g. data',
			hint: `The name of the input item's binary field holding the image (${KIND_TYPES.image})`,
			description: "It is uploaded to the job's account first",
			displayOptions: { show: { ...o.show, [`${o.prefix}Source`]: ['binary'] } },
		},
		{
			displayName: `${o.displayName} URL`,
			name: `${o.prefix}Url`,
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/photo.jpg',
			description: `Public link to the image (${KIND_TYPES.image}, up to ${MAX_URL_MB} MB). Downloaded without your token, then uploaded to the job's account.`,
			displayOptions: { show: { ...o.show, [`${o.prefix}Source`]: ['url'] } },
		},
	];
}

/** Prompt Optimization, shown where `show` says (version 1) or inside Options (version 2, no show). */
export function promptOptimizationField(show?: Show): INodeProperties {
	return {
		displayName: 'Prompt Optimization',
		name: 'promptOptimization',
		type: 'boolean',
		default: true,
		description: 'Whether MiniMax may rewrite the prompt to improve the result',
		...(show ? { displayOptions: { show } } : {}),
	};
}

/** A list of media inputs (fixedCollection) filling numbered request slots in order. */
export function mediaListField(o: {
	name: string;
	displayName: string;
	itemName: string;
	description: string;
	kind: MediaKind;
	max: number;
	show: Show;
}): INodeProperties {
	return {
		displayName: o.displayName,
		name: o.name,
		type: 'fixedCollection',
		typeOptions: {
			multipleValues: true,
			sortable: true,
			multipleValueButtonText: `Add ${o.itemName}`,
		},
		placeholder: `Add ${o.itemName}`,
		default: {},
		description: `${o.description} At most ${o.max}`,
		displayOptions: { show: o.show },
		options: [
			{
				displayName: o.itemName,
				name: 'items',
				values: [
					{
						displayName: 'Source',
						name: 'source',
						type: 'options',
						options: sourceChoices(o.kind),
						default: 'binary',
					},
					{
						displayName: 'File ID',
						name: 'fileId',
						type: 'string',
						default: '',
						placeholder: FILE_ID_PLACEHOLDER,
						displayOptions: { show: { source: ['fileId'] } },
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryProperty',
						type: 'string',
						default: 'data',
						description: `Name of the input item's binary field (${KIND_TYPES[o.kind]})`,
						displayOptions: { show: { source: ['binary'] } },
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/file',
						description: `Public link (${KIND_TYPES[o.kind]}, up to ${MAX_URL_MB} MB), downloaded without your token`,
						displayOptions: { show: { source: ['url'] } },
					},
				],
			},
		],
	};
}

/** For a binary ref, what the item holds: the MIME type, or null (and the names present) when missing. */
function withBinaryInfo(this: IExecuteFunctions, itemIndex: number, ref: MediaRef): MediaRef {
	if (ref.binaryProperty === undefined) return ref;
	const binary = this.getInputData()[itemIndex]?.binary ?? {};
	const data = binary[ref.binaryProperty.trim()];
	if (!data) return { ...ref, mimeType: null, present: Object.keys(binary) };
	return { ...ref, mimeType: String(data.mimeType ?? '') };
}

function refFrom(
	this: IExecuteFunctions,
	itemIndex: number,
	source: unknown,
	fileId: unknown,
	binary: unknown,
	url?: unknown,
): MediaRef | undefined {
	if (source === 'fileId') return { fileId: textOf(this, fileId, 'File ID', itemIndex).trim() };
	if (source === 'url') return { url: textOf(this, url, 'URL', itemIndex).trim() };
	if (source === 'binary')
		return withBinaryInfo.call(this, itemIndex, {
			binaryProperty: textOf(this, binary, 'Input Binary Field', itemIndex).trim(),
		});
	return undefined;
}

/**
 * Whether to read a model-specific field: always when the chosen model uses it; otherwise only when
 * the model comes from an expression (the editor then cannot hide other models' fields) and the
 * field holds a value — so the validator rejects it instead of it being dropped silently.
 */
export function fieldReader(this: IExecuteFunctions, modelParam: string) {
	const parameters = this.getNode().parameters;
	const modelIsExpression = String(parameters[modelParam] ?? '').startsWith('=');
	return (used: boolean, ...names: string[]) =>
		used || (modelIsExpression && names.some((name) => parameters[name] !== undefined));
}

/** Reads the three fields of `mediaSourceFields`; undefined when the source is None. */
export function readMediaSource(
	this: IExecuteFunctions,
	itemIndex: number,
	prefix: string,
	fallbackSource = 'none',
): MediaRef | undefined {
	const source = this.getNodeParameter(`${prefix}Source`, itemIndex, fallbackSource);
	if (source === 'none') return undefined;
	return refFrom.call(
		this,
		itemIndex,
		source,
		source === 'fileId' ? this.getNodeParameter(`${prefix}FileId`, itemIndex, '') : undefined,
		source === 'binary'
			? this.getNodeParameter(`${prefix}BinaryProperty`, itemIndex, 'data')
			: undefined,
		source === 'url' ? this.getNodeParameter(`${prefix}Url`, itemIndex, '') : undefined,
	);
}

/** Reads a `mediaListField`, in order. */
export function readMediaList(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
): MediaRef[] {
	const items = this.getNodeParameter(`${name}.items`, itemIndex, []) as IDataObject[];
	return (Array.isArray(items) ? items : [])
		.map((entry) =>
			refFrom.call(
				this,
				itemIndex,
				entry.source ?? 'binary',
				entry.fileId,
				entry.binaryProperty ?? 'data',
				entry.url,
			),
		)
		.filter((ref): ref is MediaRef => ref !== undefined);
}

/** Throws one NodeOperationError naming the first problem's parameter and listing the rest. */
export function throwIfProblems(
	this: IExecuteFunctions,
	itemIndex: number,
	problems: Problem[],
): void {
	if (!problems.length) return;
	// Prefix the parameter name unless the message already quotes it.
	const text = (p: Problem) =>
		p.message.includes(`"${p.field}"`) ? p.message : `${p.field}: ${p.message}`;
	const [first, ...rest] = problems;
	throw operationError(this.getNode(), text(first), {
		itemIndex,
		field: first.field,
		description: rest.length ? `Also: ${rest.map(text).join(' ')}` : undefined,
	});
}

/** Media slots → the engine's MediaInput list (file ids trimmed, binaries by field name, URLs to fetch). */
export function toMediaInputs(slots: MediaSlot[]): MediaInput[] {
	return slots.map((slot) => {
		const { ref, bodyField, kind } = slot;
		if (ref.url !== undefined)
			return { field: bodyField, url: ref.url.trim(), kind, label: urlFieldOf(slot) };
		if (ref.binaryProperty !== undefined)
			return { field: bodyField, binaryProperty: ref.binaryProperty.trim() };
		return { field: bodyField, fileId: String(ref.fileId ?? '').trim() };
	});
}

/**
 * Validates, then assembles the engine's request: account and callback stay out of the body.
 * Media come as request slots (checked by the model rules) or, already checked, as `media`.
 */
export function prepareCreate(
	this: IExecuteFunctions,
	itemIndex: number,
	request: Pick<PreparedCreate, 'body'> & {
		slots?: MediaSlot[];
		problems?: Problem[];
		media?: MediaInput[];
	},
): PreparedCreate {
	throwIfProblems.call(this, itemIndex, request.problems ?? []);
	const prepared: PreparedCreate = {
		body: request.body,
		media: request.media ?? toMediaInputs(request.slots ?? []),
	};
	const account = readAccount.call(this, itemIndex);
	const { replyUrl, replyRef } = readCallback.call(this, itemIndex);
	if (account) prepared.account = account;
	if (replyUrl) prepared.replyUrl = replyUrl;
	if (replyRef) prepared.replyRef = replyRef;
	return prepared;
}

/** The Prompt field of a model-based create; models differ in whether it is required and in the help. */
export function promptField(o: {
	required?: boolean;
	placeholder: string;
	description: string;
	show: Show;
}): INodeProperties {
	return {
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		...(o.required ? { required: true } : {}),
		placeholder: o.placeholder,
		description: o.description,
		displayOptions: { show: o.show },
	};
}

/** A model setting picked from a list (Aspect Ratio, Resolution…), shown for the models that take it. */
export function choiceField(o: {
	displayName: string;
	name: string;
	default: string;
	description?: string;
	options: INodePropertyOptions[];
	show: Show;
}): INodeProperties {
	const selected = o.default;
	return {
		displayName: o.displayName,
		name: o.name,
		type: 'options',
		default: selected,
		// Always set when it has a default; '' means "the model's default" and must stay choosable.
		...(selected ? { required: true } : {}),
		...(o.description ? { description: o.description } : {}),
		options: o.options,
		displayOptions: { show: o.show },
	};
}

/** `show` conditions for the fields of some models of one picker (`modelParameter`). */
export const modelShow =
	(base: Show, modelParameter: string) =>
	(models: string[], extra: Show = {}): Show => ({ ...base, [modelParameter]: models, ...extra });

/** The model picker of a create operation (video and image). */
export function modelPicker(o: {
	name: string;
	default: string;
	description: string;
	options: INodePropertyOptions[];
	show: Show;
}): INodeProperties {
	const selected = o.default;
	return {
		displayName: 'Model',
		name: o.name,
		type: 'options',
		default: selected,
		required: true,
		description: o.description,
		options: o.options,
		displayOptions: { show: o.show },
	};
}

/**
 * The reader of a model-based create (video and image): the user's input, checked by the model
 * rules, sent as body plus media slots, with Prompt Optimization from the options.
 */
export function modelCreateReader<I>(o: {
	input: (this: IExecuteFunctions, itemIndex: number) => I;
	validate: (input: I) => Problem[];
	body: (input: I, promptOptimization: boolean) => IDataObject;
	slots: (input: I) => MediaSlot[];
}): (this: IExecuteFunctions, itemIndex: number) => PreparedCreate {
	return function (this: IExecuteFunctions, itemIndex: number): PreparedCreate {
		const input = o.input.call(this, itemIndex);
		const promptOptimization =
			readOption.call(this, itemIndex, 'promptOptimization', 'promptOptimization', true) !== false;
		return prepareCreate.call(this, itemIndex, {
			problems: o.validate(input),
			body: o.body(input, promptOptimization),
			slots: o.slots(input),
		});
	};
}
