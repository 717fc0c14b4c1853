import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	VIDEO_FIELDS as F,
	VIDEO_MODEL_RULES,
	VIDEO_MODELS,
	validateVideo,
	videoModelsWhere,
	videoSlots,
	type VideoInput,
	type VideoModelRule,
} from '../../models/video';
import { readText } from '../../../shared/params';
import type { CreateOutcome, KindAdapter } from '../../engine/task';
import { VIDEO_JOBS } from '../mediaJobs';
import { createOperation } from '../operation';
import { isLean, readOption } from '../../descriptions/common';
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

const BASE: Show = { resource: ['video'], operation: ['create'] };
const forModels = modelShow(BASE, 'videoModel');

/** Each model family's `options` values live in their own parameter, so the list only offers valid ones. */
const OPTIONS_PARAMS: Array<{ name: string; models: string[] }> = [
	{ name: 'hailuo02Options', models: ['02'] },
	{ name: 'hailuo23Options', models: ['T2V-2.3', 'I2V-2.3', 'I2V-2.3-Fast'] },
	{ name: 'soraOptions', models: ['Sora-2'] },
	{ name: 'veoOptions', models: ['Veo-3.1', 'Veo-3.1-Fast', 'Veo-3.1-S2V', 'Veo-3.1-S2V-Fast'] },
];
const optionsParamOf = (model: string) =>
	OPTIONS_PARAMS.find((p) => p.models.includes(model))?.name;

const OPTION_LABELS: Record<string, string> = {
	'veo-720p-8sec': '720p, 8 s',
	'veo-1080p-8sec': '1080p, 8 s',
	'veo-4k-8sec': '4K, 8 s',
};
const optionLabel = (value: string) =>
	OPTION_LABELS[value] ?? value.replace('-', ', ').replace(/(\d+)sec$/, '$1 s');
const RESOLUTION_LABELS: Record<string, string> = {
	'480': '480p',
	'720': '720p',
	'1080': '1080p',
	'4K': '4K',
};

const aspectParamOf = (rule: VideoModelRule) =>
	rule.resolutions ? 'seedanceAspectRatio' : 'aspectRatio';

const imageOptional = videoModelsWhere((r) => r.image === 'optional');
const imageRequired = videoModelsWhere((r) => r.image === 'required');
const withImage = [...imageOptional, ...imageRequired];
const seedance = videoModelsWhere((r) => !!r.mediaRefs);
const endFrameModels = videoModelsWhere((r) => !!r.endFrame);
const END_FRAME_02 = VIDEO_MODEL_RULES['02'].endFrame?.needsOptions ?? [];
const veoSubject = videoModelsWhere((r) => r.maxImages === 14);
const IMAGE_HELP =
	'First frame; the subject for S2V-01; @Image1 for Seedance; the first reference for Veo 3.1 Subject Reference. Sora 2 images must be exactly 1280×720 or 720×1280.';

function optionsField({ name, models }: { name: string; models: string[] }): INodeProperties {
	const values = VIDEO_MODEL_RULES[models[0]].options ?? [];
	return {
		displayName: F.options,
		name,
		type: 'options',
		default: '',
		description:
			'Resolution and length of the video. Hailuo 02 needs 768p or 1080p for an end frame.',
		options: [
			{ name: 'Default (Chosen by the API)', value: '' },
			...values.map((value) => ({ name: optionLabel(value), value })),
		],
		displayOptions: { show: forModels(models) },
	};
}

function modelChoice(
	name: string,
	displayName: string,
	models: string[],
	values: readonly string[],
	def: string,
	label = (v: string) => v,
): INodeProperties {
	return choiceField({
		displayName,
		name,
		default: def,
		options: values.map((value) => ({ name: label(value), value })),
		show: forModels(models),
	});
}

const textOnly = videoModelsWhere((r) => r.image === 'forbidden');
const PROMPT_HELP =
	'What the video shows. Up to 2,000 characters, 7,500 for Seedance (which can mention @Image1–9, @Video1–3, @Audio1–3).';
const PROMPT_PLACEHOLDER =
	'e.g. A red fox trotting through fresh snow at sunrise, cinematic slow motion';

const modelField = (version: number, def: string): INodeProperties =>
	modelPicker({
		name: 'videoModel',
		default: def,
		description:
			'Which model generates the video; the fields below change with it. Legacy models are listed last.',
		options: VIDEO_MODELS,
		show: { ...BASE, '@version': [version] },
	});

export const videoCreateDescription: INodeProperties[] = [
	// Version 1 defaulted to Hailuo 02; saved workflows that never set the model keep it.
	modelField(1, '02'),
	modelField(2, 'T2V-2.3'),
	promptField({
		required: true,
		placeholder: PROMPT_PLACEHOLDER,
		description: `${PROMPT_HELP} Required: this model makes video from text only`,
		show: forModels(textOnly),
	}),
	promptField({
		placeholder: PROMPT_PLACEHOLDER,
		description: `${PROMPT_HELP} May be empty when an image is given`,
		show: forModels(videoModelsWhere((r) => r.image !== 'forbidden')),
	}),
	...mediaSourceFields({
		prefix: 'image',
		displayName: F.image,
		description: IMAGE_HELP,
		show: forModels(withImage),
		sources: [
			{ show: forModels(imageOptional), required: false },
			{ show: forModels(imageRequired), required: true },
		],
	}),
	...mediaSourceFields({
		prefix: 'endFrame',
		displayName: F.endFrame,
		description:
			'Last frame of the video. Must be a different fileID from the first frame (upload the picture again to reuse it).',
		show: forModels(endFrameModels),
		sources: [
			{ show: forModels(['02'], { hailuo02Options: [...END_FRAME_02] }), required: false },
			{ show: forModels(endFrameModels.filter((m) => m !== '02')), required: false },
		],
		binaryDefault: '',
	}),
	mediaListField({
		name: 'referenceImages',
		displayName: F.references,
		itemName: 'Reference Image',
		description:
			'More subject images after Image, sent as fileID2, fileID3, … in this order (14 in total with Image).',
		kind: 'image',
		max: 13,
		show: forModels(veoSubject),
	}),
	mediaListField({
		name: 'referenceImages',
		displayName: F.references,
		itemName: 'Reference Image',
		description:
			'More images after Image (@Image1), sent as fileID2… and mentioned in the prompt as @Image2…@Image9.',
		kind: 'image',
		max: 8,
		show: forModels(seedance),
	}),
	mediaListField({
		name: 'referenceVideos',
		displayName: F.videos,
		itemName: 'Reference Video',
		description:
			'MP4 clips of 2–15 s, mentioned as @Video1…@Video3. Video and audio references together may last at most 15 s; a clearly visible real face gets the job moderated. Not combinable with an end frame.',
		kind: 'video',
		max: 3,
		show: forModels(seedance),
	}),
	mediaListField({
		name: 'referenceAudios',
		displayName: F.audios,
		itemName: 'Reference Audio',
		description:
			'MP3 or WAV clips of 2–15 s, mentioned as @Audio1…@Audio3. To hear a voice, say so in the prompt. Not combinable with an end frame.',
		kind: 'audio',
		max: 3,
		show: forModels(seedance),
	}),
	...OPTIONS_PARAMS.map(optionsField),
	modelChoice(
		'aspectRatio',
		F.aspectRatio,
		videoModelsWhere((r) => !!r.aspectRatios && !r.resolutions),
		['16:9', '9:16'],
		'16:9',
	),
	modelChoice(
		'seedanceAspectRatio',
		F.aspectRatio,
		seedance,
		VIDEO_MODEL_RULES['Seedance-2.0'].aspectRatios!,
		'Auto',
	),
	modelChoice(
		'seedanceResolution',
		F.resolution,
		['Seedance-2.0'],
		VIDEO_MODEL_RULES['Seedance-2.0'].resolutions!,
		'720',
		(v) => RESOLUTION_LABELS[v],
	),
	modelChoice(
		'seedanceResolution',
		F.resolution,
		['Seedance-2.0-Fast', 'Seedance-2.0-Mini'],
		VIDEO_MODEL_RULES['Seedance-2.0-Fast'].resolutions!,
		'720',
		(v) => RESOLUTION_LABELS[v],
	),
	{
		displayName: F.duration,
		name: 'seedanceDuration',
		type: 'number',
		default: 5,
		required: true,
		typeOptions: { minValue: 4, maxValue: 15, numberPrecision: 0 },
		description: 'Length of the video in seconds (4–15). Seedance is charged per second.',
		displayOptions: { show: forModels(seedance) },
	},
	promptOptimizationField({ ...BASE, '@version': [1] }),
	{ ...maxJobsField(0, 0), displayOptions: { show: { ...BASE, '@version': [1] } } },
];

function maxJobsField(def: number, min: number): INodeProperties {
	return {
		displayName: F.maxJobs,
		name: 'maxJobs',
		type: 'number',
		default: def,
		typeOptions: { minValue: min, maxValue: 10, numberPrecision: 0 },
		description: min
			? "Job slots (1–10) to allow on the account for this call, overriding the account's setting"
			: "Job slots (1–10) to allow on the account for this call, overriding the account's setting. 0 keeps the account's setting.",
	};
}

/** Version 2: the video options inside "Options". */
export const videoCreateOptions: INodeProperties[] = [
	maxJobsField(1, 1),
	promptOptimizationField(),
];

/** The user's settings for this item: the fields the chosen model shows, plus stray ones (see fieldReader). */
export function readVideoInput(this: IExecuteFunctions, i: number): VideoInput {
	const model = readText.call(this, 'videoModel', i, 'Model', isLean(this) ? 'T2V-2.3' : '02');
	const rule = VIDEO_MODEL_RULES[model];
	const input: VideoInput = { model, prompt: readText.call(this, 'prompt', i, 'Prompt') };
	if (!rule) return input;
	const read = fieldReader.call(this, 'videoModel');
	const ownOptions = optionsParamOf(model);
	const optionsParam = ownOptions ?? OPTIONS_PARAMS.find((p) => read(false, p.name))?.name;
	if (optionsParam) input.options = readText.call(this, optionsParam, i, 'Options');
	const aspectParam = rule.aspectRatios
		? aspectParamOf(rule)
		: ['aspectRatio', 'seedanceAspectRatio'].find((n) => read(false, n));
	if (aspectParam)
		input.aspectRatio = readText.call(
			this,
			aspectParam,
			i,
			'Aspect Ratio',
			rule.defaultAspectRatio ?? '',
		);
	if (read(!!rule.resolutions, 'seedanceResolution')) {
		input.resolution = readText.call(
			this,
			'seedanceResolution',
			i,
			'Resolution',
			rule.defaultResolution ?? '',
		);
	}
	if (read(!!rule.duration, 'seedanceDuration')) {
		input.duration = Number(
			this.getNodeParameter('seedanceDuration', i, rule.duration?.default ?? 5),
		);
	}
	if (read(rule.image !== 'forbidden', 'imageFileId', 'imageBinaryProperty')) {
		input.image = readMediaSource.call(
			this,
			i,
			'image',
			rule.image === 'required' ? 'binary' : 'none',
		);
	}
	const needs = rule.endFrame?.needsOptions;
	if (
		read(
			!!rule.endFrame && (!needs || needs.includes(input.options ?? '')),
			'endFrameFileId',
			'endFrameBinaryProperty',
		)
	) {
		input.endFrame = readMediaSource.call(this, i, 'endFrame');
	}
	if (read(rule.maxImages > 1, 'referenceImages'))
		input.references = readMediaList.call(this, i, 'referenceImages');
	if (read(!!rule.mediaRefs, 'referenceVideos'))
		input.videos = readMediaList.call(this, i, 'referenceVideos');
	if (read(!!rule.mediaRefs, 'referenceAudios'))
		input.audios = readMediaList.call(this, i, 'referenceAudios');
	const maxJobs = Number(readOption.call(this, i, 'maxJobs', 'maxJobs', 0));
	if (maxJobs !== 0) input.maxJobs = maxJobs;
	return input;
}

/** Request body without media, account and callback; fields left at their default are left out. */
export function videoBody(input: VideoInput, promptOptimization: boolean): IDataObject {
	const rule = VIDEO_MODEL_RULES[input.model];
	const body: IDataObject = { model: input.model };
	const prompt = (input.prompt ?? '').trim();
	if (prompt) body.prompt = prompt;
	if (!promptOptimization) body.promptOptimization = false;
	if (input.options) body.options = input.options;
	if (input.aspectRatio && input.aspectRatio !== rule?.defaultAspectRatio)
		body.aspectRatio = input.aspectRatio;
	if (input.resolution && input.resolution !== rule?.defaultResolution)
		body.resolution = input.resolution;
	if (input.duration !== undefined && input.duration !== rule?.duration?.default)
		body.duration = input.duration;
	if (input.maxJobs !== undefined) body.maxJobs = input.maxJobs;
	return body;
}

export const readVideoCreate = modelCreateReader({
	input: readVideoInput,
	validate: validateVideo,
	body: videoBody,
	slots: videoSlots,
});

/** POST /videos/create; the job is a video (GET /videos/{videoId}, video slots, cancellable). */
export const videoAdapter: KindAdapter = {
	kind: 'video',
	...VIDEO_JOBS,
	createPath: '/videos/create',
	parseCreate(body): CreateOutcome {
		const id = (body as IDataObject)?.videoId;
		return { ids: typeof id === 'string' && id ? [id] : [], finals: {} };
	},
};

export const videoCreate = createOperation({
	resource: 'video',
	operation: 'create',
	name: 'Create',
	action: 'Create a video',
	description: 'Generate a video from a prompt and/or images',
	fields: videoCreateDescription,
	features: { cancel: true, own: videoCreateOptions },
	subtitleParameter: 'videoModel',
	read: readVideoCreate,
	adapter: videoAdapter,
});
