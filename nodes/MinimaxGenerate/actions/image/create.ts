import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	IMAGE_FIELDS as F,
	IMAGE_MODEL_RULES,
	IMAGE_MODELS,
	imageModelsWhere,
	imageSlots,
	validateImage,
	type ImageInput,
	type ImageModelRule,
} from '../../models/image';
import { readText } from '../../../shared/params';
import type { CreateOutcome, KindAdapter } from '../../engine/task';
import type { PreparedCreate } from '../../types';
import { IMAGE_JOBS } from '../mediaJobs';
import { createOperation } from '../operation';
import {
	choiceField,
	fieldReader,
	mediaListField,
	promptField,
	promptOptimizationField,
	mediaSourceFields,
	modelCreateReader,
	modelPicker,
	modelShow,
	readMediaList,
	readMediaSource,
	type Show,
} from '../createInputs';

const BASE: Show = { resource: ['image'], operation: ['create'] };
const forModels = modelShow(BASE, 'imageModel');

/**
 * Models sharing one list of values share one parameter, so each list only offers valid values and a
 * value never carries over to a model that lacks it. Names are stable: saved workflows refer to them.
 */
const ASPECT_PARAMS: Record<string, string> = {
	'image-01': 'aspectRatioImage01',
	'gpt-image-1.5': 'aspectRatioGptImage15',
	'gpt-image-2': 'aspectRatioGptImage2',
};
const RESOLUTION_PARAMS: Record<string, string> = {
	'image-01': 'resolutionImage01',
	'nano-banana-2': 'resolutionNanoBanana2',
	'nano-banana-pro': 'resolution1K2K4K',
	'gpt-image-2': 'resolution1K2K4K',
	'gpt-image-1.5': 'resolutionGptImage15',
	'seedream-4.5': 'resolutionSeedream45',
	'seedream-5.0': 'resolutionSeedream50',
};
const aspectParamOf = (model: string) => ASPECT_PARAMS[model] ?? 'imageAspectRatio';
const resolutionParamOf = (model: string) => RESOLUTION_PARAMS[model];

/** One options parameter per distinct value list among the models. */
function groupedChoiceFields(
	displayName: string,
	description: string,
	listOf: (rule: ImageModelRule) => readonly string[] | undefined,
	paramOf: (model: string) => string | undefined,
	defaultOf: (rule: ImageModelRule) => string,
	withDefaultOption: boolean,
): INodeProperties[] {
	const groups = new Map<string, { values: readonly string[]; models: string[]; def: string }>();
	for (const [model, rule] of Object.entries(IMAGE_MODEL_RULES)) {
		const values = listOf(rule);
		const name = paramOf(model);
		if (!values || !name) continue;
		const group = groups.get(name) ?? { values, models: [], def: defaultOf(rule) };
		group.models.push(model);
		groups.set(name, group);
	}
	return [...groups].map(([name, { values, models, def }]) =>
		choiceField({
			displayName,
			name,
			default: def,
			description,
			options: [
				...(withDefaultOption ? [{ name: 'Default (Chosen by the API)', value: '' }] : []),
				...values.map((value) => ({ name: value, value })),
			],
			show: forModels(models),
		}),
	);
}

const REF_LISTS: Array<{ max: number; models: string[] }> = [16, 14, 3].map((max) => ({
	max,
	models: imageModelsWhere((r) => r.maxReferences === max),
}));

export const imageCreateDescription: INodeProperties[] = [
	modelPicker({
		name: 'imageModel',
		default: 'image-01',
		description: 'Which model generates the image; the fields below change with it',
		options: IMAGE_MODELS,
		show: BASE,
	}),
	promptField({
		required: true,
		placeholder: 'e.g. A watercolor lighthouse on a cliff at dawn, soft pastel colors',
		description:
			'What the image shows. Up to 2,000 characters (Image-01, GPT Image 1.5, Seedream), 5,000 (Midjourney) or 7,500 (GPT Image 2, Nano Banana). GPT Image 2, Nano Banana and Seedream can mention reference images as @Image1, @Image2, …',
		show: BASE,
	}),
	...mediaSourceFields({
		prefix: 'character',
		displayName: F.character,
		description: 'A clear, front-facing photo of the person to draw (characterFileId)',
		show: forModels(imageModelsWhere((r) => !!r.character)),
	}),
	...REF_LISTS.map(({ max, models }) =>
		mediaListField({
			name: 'referenceImages',
			displayName: F.references,
			itemName: 'Reference Image',
			description:
				'Images to draw from, sent as referenceFileId1, referenceFileId2, … in this order (@Image1, @Image2, … in the prompt where supported).',
			kind: 'image',
			max,
			show: forModels(models),
		}),
	),
	...groupedChoiceFields(
		F.aspectRatio,
		'Shape of the image',
		(r) => r.aspectRatios,
		aspectParamOf,
		(r) => r.defaultAspectRatio,
		false,
	),
	...groupedChoiceFields(
		F.resolution,
		'Output size or detail level',
		(r) => r.resolutions,
		resolutionParamOf,
		() => '',
		true,
	),
	{
		displayName: F.quality,
		name: 'quality',
		type: 'options',
		default: 'low',
		required: true,
		description:
			'Rendering quality; higher costs more credits (low 2–10, medium 8–40, high 30–160 by resolution)',
		options: [
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
			{ name: 'High', value: 'high' },
		],
		displayOptions: { show: forModels(imageModelsWhere((r) => !!r.qualities)) },
	},
	{
		displayName: F.quantity,
		name: 'quantity',
		type: 'number',
		default: 1,
		required: true,
		typeOptions: { minValue: 1, maxValue: 4, numberPrecision: 0 },
		description: 'How many images to make (1–4)',
		displayOptions: { show: forModels(imageModelsWhere((r) => !r.fixedQuantity)) },
	},
	promptOptimizationField({ ...BASE, '@version': [1] }),
];

/** Version 2: the image options inside "Options". */
export const imageCreateOptions: INodeProperties[] = [promptOptimizationField()];

/** The user's settings for this item: the fields the chosen model shows, plus stray ones (see fieldReader). */
export function readImageInput(this: IExecuteFunctions, i: number): ImageInput {
	const model = readText.call(this, 'imageModel', i, 'Model', 'image-01');
	const rule = IMAGE_MODEL_RULES[model];
	const input: ImageInput = { model, prompt: readText.call(this, 'prompt', i, 'Prompt') };
	if (!rule) return input;
	const read = fieldReader.call(this, 'imageModel');
	input.aspectRatio = readText.call(
		this,
		aspectParamOf(model),
		i,
		'Aspect Ratio',
		rule.defaultAspectRatio,
	);
	const resolutionParam =
		(rule.resolutions && resolutionParamOf(model)) ||
		[...new Set(Object.values(RESOLUTION_PARAMS))].find((name) => read(false, name));
	if (resolutionParam) input.resolution = readText.call(this, resolutionParam, i, 'Resolution');
	if (read(!!rule.qualities, 'quality'))
		input.quality = readText.call(this, 'quality', i, 'Quality', rule.defaultQuality ?? 'low');
	if (read(!rule.fixedQuantity, 'quantity'))
		input.quantity = Number(this.getNodeParameter('quantity', i, 1));
	if (read(!!rule.character, 'characterFileId', 'characterBinaryProperty'))
		input.character = readMediaSource.call(this, i, 'character');
	if (read(rule.maxReferences > 0, 'referenceImages'))
		input.references = readMediaList.call(this, i, 'referenceImages');
	return input;
}

/** Request body without media, account and callback; fields left at their default are left out. */
export function imageBody(input: ImageInput, promptOptimization: boolean): IDataObject {
	const rule = IMAGE_MODEL_RULES[input.model];
	const body: IDataObject = { model: input.model, prompt: (input.prompt ?? '').trim() };
	if (!promptOptimization) body.promptOptimization = false;
	if (input.aspectRatio && input.aspectRatio !== rule?.defaultAspectRatio)
		body.aspectRatio = input.aspectRatio;
	if (input.resolution) body.resolution = input.resolution;
	if (input.quality && input.quality !== rule?.defaultQuality) body.quality = input.quality;
	if (input.quantity !== undefined && input.quantity !== 1) body.quantity = input.quantity;
	return body;
}

export const readImageCreate = modelCreateReader({
	input: readImageInput,
	validate: validateImage,
	body: imageBody,
	slots: imageSlots,
});

/** Jobs one create makes: `quantity`, or the model's fixed count (Midjourney makes 4). */
function imagesPerCreate(prepared: PreparedCreate): number {
	const body = prepared.body;
	const rule = IMAGE_MODEL_RULES[String(body.model ?? '')];
	return Number(body.quantity ?? rule?.fixedQuantity ?? 1) || 1;
}

/** POST /images/create; its jobs are images (GET /images/{imageId}, several per create). */
export const imageAdapter: KindAdapter = {
	kind: 'image',
	...IMAGE_JOBS,
	createPath: '/images/create',
	jobsPerCreate: imagesPerCreate,
	parseCreate(body): CreateOutcome {
		const ids = (body as IDataObject)?.imageIds;
		return {
			ids: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
			finals: {},
		};
	},
};

export const imageCreate = createOperation({
	resource: 'image',
	operation: 'create',
	name: 'Create',
	action: 'Create an image',
	description: 'Generate images from a prompt',
	fields: imageCreateDescription,
	features: { split: true, own: imageCreateOptions },
	subtitleParameter: 'imageModel',
	read: readImageCreate,
	adapter: imageAdapter,
});
