import {
	checkChoice,
	checkCount,
	checkIntRange,
	checkMediaSlot,
	checkPrompt,
	modelOptions,
	modelsWhere,
	numberedSlots,
	unknownModel,
	type MediaRef,
	type MediaSlot,
	type Problem,
} from './common';

/** Parameter display names, shared by the UI (actions/video/create.ts) and the problems below. */
export const VIDEO_FIELDS = {
	model: 'Model',
	prompt: 'Prompt',
	options: 'Resolution and Duration',
	aspectRatio: 'Aspect Ratio',
	resolution: 'Resolution',
	duration: 'Duration (Seconds)',
	image: 'Image',
	endFrame: 'End Frame',
	references: 'Additional Reference Images',
	videos: 'Reference Videos',
	audios: 'Reference Audios',
	maxJobs: 'Max Jobs',
} as const;

export type ImageRule = 'required' | 'optional' | 'forbidden';

export interface VideoModelRule {
	displayName: string;
	description: string;
	/** T2V-2.3 is text-only and I2V-2.3* image-only (https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create); the 01-series and S2V rules follow their names [inferred]. */
	image: ImageRule;
	/** Values of `options`; absent = the model takes no `options`. */
	options?: readonly string[];
	aspectRatios?: readonly string[];
	defaultAspectRatio?: string;
	/** Seedance only: `resolution` and `duration`. */
	resolutions?: readonly string[];
	defaultResolution?: string;
	duration?: { min: number; max: number; default: number };
	/** end_frame_fileID allowed; `needsOptions` = only with these `options` values (02: 768p/1080p). */
	endFrame?: { needsOptions?: readonly string[] };
	/** Image slots in total: fileID plus fileID2… */
	maxImages: number;
	/** Seedance: videoFileID1..3 and audioFileID1..3. */
	mediaRefs?: { videos: number; audios: number };
	promptMax: number;
}

const OPT_02 = ['512p-6sec', '512p-10sec', '768p-6sec', '768p-10sec', '1080p-6sec'] as const;
const OPT_23 = ['768p-6sec', '768p-10sec', '1080p-6sec'] as const;
const OPT_SORA = ['720p-4sec', '720p-8sec', '720p-12sec'] as const;
const OPT_VEO = ['veo-720p-8sec', 'veo-1080p-8sec', 'veo-4k-8sec'] as const;
const AR_WIDE = ['16:9', '9:16'] as const;
const AR_SEEDANCE = ['Auto', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'] as const;
const SEEDANCE_DURATION = { min: 4, max: 15, default: 5 };

const legacy = (displayName: string, description: string, image: ImageRule): VideoModelRule => ({
	displayName: `${displayName} (Legacy)`,
	description: `${description} Legacy 720p, 6 seconds.`,
	image,
	maxImages: image === 'forbidden' ? 0 : 1,
	promptMax: 2000,
});

const veo = (displayName: string, description: string, subject: boolean): VideoModelRule => ({
	displayName,
	description,
	image: subject ? 'required' : 'optional',
	options: OPT_VEO,
	aspectRatios: AR_WIDE,
	defaultAspectRatio: '16:9',
	endFrame: subject ? undefined : {},
	maxImages: subject ? 14 : 1,
	promptMax: 2000,
});

const seedance = (
	displayName: string,
	description: string,
	resolutions: readonly string[],
): VideoModelRule => ({
	displayName,
	description,
	image: 'optional',
	aspectRatios: AR_SEEDANCE,
	defaultAspectRatio: 'Auto',
	resolutions,
	defaultResolution: '720',
	duration: SEEDANCE_DURATION,
	maxImages: 9,
	mediaRefs: { videos: 3, audios: 3 },
	promptMax: 7500,
});

/**
 * Every model of https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create, keyed by the exact (case-sensitive) API name, in picker order: the
 * recommended Hailuo 2.3 first, then the other current families, the legacy 01 series last.
 */
export const VIDEO_MODEL_RULES: Record<string, VideoModelRule> = {
	'T2V-2.3': {
		displayName: 'Hailuo 2.3 Text to Video (T2V-2.3)',
		description: 'Recommended. Text only, up to 1080p.',
		image: 'forbidden',
		options: OPT_23,
		maxImages: 0,
		promptMax: 2000,
	},
	'I2V-2.3': {
		displayName: 'Hailuo 2.3 Image to Video (I2V-2.3)',
		description: 'Needs an image; up to 1080p.',
		image: 'required',
		options: OPT_23,
		maxImages: 1,
		promptMax: 2000,
	},
	'I2V-2.3-Fast': {
		displayName: 'Hailuo 2.3 Fast Image to Video (I2V-2.3-Fast)',
		description: 'Needs an image; faster and cheaper.',
		image: 'required',
		options: OPT_23,
		maxImages: 1,
		promptMax: 2000,
	},
	'Seedance-2.0': seedance('Seedance 2.0', 'Up to 4K; image, video and audio references.', [
		'480',
		'720',
		'1080',
		'4K',
	]),
	'Seedance-2.0-Fast': seedance(
		'Seedance 2.0 Fast',
		'480p or 720p; image, video and audio references.',
		['480', '720'],
	),
	'Seedance-2.0-Mini': seedance(
		'Seedance 2.0 Mini',
		'480p or 720p; image, video and audio references.',
		['480', '720'],
	),
	'Veo-3.1': veo('Veo 3.1', 'Native audio; optional first and end frame.', false),
	'Veo-3.1-Fast': veo('Veo 3.1 Fast', 'Native audio; optional first and end frame.', false),
	'Veo-3.1-S2V': veo(
		'Veo 3.1 Subject Reference (Veo-3.1-S2V)',
		'Up to 14 reference images, no end frame.',
		true,
	),
	'Veo-3.1-S2V-Fast': veo(
		'Veo 3.1 Fast Subject Reference (Veo-3.1-S2V-Fast)',
		'Up to 14 reference images, no end frame.',
		true,
	),
	'Sora-2': {
		displayName: 'Sora 2',
		description: 'Text or image to video; an image must be exactly 1280×720 or 720×1280.',
		image: 'optional',
		options: OPT_SORA,
		aspectRatios: AR_WIDE,
		defaultAspectRatio: '16:9',
		maxImages: 1,
		promptMax: 2000,
	},
	'02': {
		displayName: 'Hailuo 02',
		description: 'Text or image to video, up to 1080p; end frame with 768p/1080p.',
		image: 'optional',
		options: OPT_02,
		endFrame: { needsOptions: ['768p-6sec', '768p-10sec', '1080p-6sec'] },
		maxImages: 1,
		promptMax: 2000,
	},
	'T2V-01': legacy('Hailuo 01 Text to Video (T2V-01)', 'Text to video.', 'forbidden'),
	'T2V-01-Director': legacy(
		'Hailuo 01 Director Text to Video (T2V-01-Director)',
		'Text to video with camera directions in the prompt.',
		'forbidden',
	),
	'I2V-01': legacy('Hailuo 01 Image to Video (I2V-01)', 'Image to video.', 'required'),
	'I2V-01-Director': legacy(
		'Hailuo 01 Director Image to Video (I2V-01-Director)',
		'Image to video with camera directions in the prompt.',
		'required',
	),
	'I2V-01-live': legacy(
		'Hailuo 01 Live Image to Video (I2V-01-live)',
		'Animates illustrations.',
		'required',
	),
	'S2V-01': legacy(
		'Hailuo 01 Subject Reference (S2V-01)',
		'Video of the subject (character) in the image.',
		'required',
	),
};

/** For the model picker: value = API model name. */
export const VIDEO_MODELS = modelOptions(VIDEO_MODEL_RULES);

/** Models grouped by a predicate, for displayOptions. */
export const videoModelsWhere = (test: (rule: VideoModelRule) => boolean): string[] =>
	modelsWhere(VIDEO_MODEL_RULES, test);

/** A videos/create request as the user set it, before uploads. Empty strings mean "left at default". */
export interface VideoInput {
	model: string;
	prompt?: string;
	options?: string;
	aspectRatio?: string;
	resolution?: string;
	duration?: number;
	/** fileID: first frame, subject image, or @Image1. */
	image?: MediaRef;
	/** end_frame_fileID. A ref given (even with an empty id) counts as set. */
	endFrame?: MediaRef;
	/** fileID2, fileID3, … in order. */
	references?: MediaRef[];
	videos?: MediaRef[];
	audios?: MediaRef[];
	maxJobs?: number;
}

/** Request slots of every media input, in request order. */
export function videoSlots(input: VideoInput): MediaSlot[] {
	const slots: MediaSlot[] = [];
	if (input.image) {
		slots.push({
			ref: input.image,
			kind: 'image',
			bodyField: 'fileID',
			fileIdField: 'Image File ID',
			binaryField: 'Image Input Binary Field',
		});
	}
	slots.push(
		...numberedSlots(input.references, 'image', VIDEO_FIELDS.references, (n) => `fileID${n + 1}`),
	);
	if (input.endFrame) {
		slots.push({
			ref: input.endFrame,
			kind: 'image',
			bodyField: 'end_frame_fileID',
			fileIdField: 'End Frame File ID',
			binaryField: 'End Frame Input Binary Field',
		});
	}
	slots.push(
		...numberedSlots(input.videos, 'video', VIDEO_FIELDS.videos, (n) => `videoFileID${n}`),
	);
	slots.push(
		...numberedSlots(input.audios, 'audio', VIDEO_FIELDS.audios, (n) => `audioFileID${n}`),
	);
	return slots;
}

/** Every rule of post-minimax-videos-create for one request; an empty list means the request is valid. No HTTP. */
export function validateVideo(input: VideoInput): Problem[] {
	const F = VIDEO_FIELDS;
	const model = input.model;
	const rule = VIDEO_MODEL_RULES[model];
	if (!rule) return unknownModel(model, VIDEO_MODEL_RULES);
	const problems: Problem[] = [];
	const prompt = input.prompt ?? '';
	const hasImage = input.image !== undefined;
	const references = input.references ?? [];
	const videos = input.videos ?? [];
	const audios = input.audios ?? [];
	const hasEnd = input.endFrame !== undefined;

	if (!prompt.trim() && !hasImage) {
		problems.push({
			field: F.prompt,
			message:
				rule.image === 'forbidden'
					? `The prompt is empty. Model ${model} makes video from text only, so enter a prompt.`
					: `The prompt is empty and no image is set. Enter a prompt or set "${F.image}".`,
		});
	}
	problems.push(...checkPrompt(prompt, rule.promptMax, model));

	if (rule.image === 'forbidden' && hasImage) {
		problems.push({
			field: F.image,
			message: `Model ${model} is text-to-video only and takes no image. Remove the image or pick an image-to-video model.`,
		});
	}
	if (rule.image === 'required' && !hasImage) {
		problems.push({
			field: F.image,
			message: `Model ${model} needs an image. Set "${F.image}" to a file from the input item, a File ID or an image URL, or pick a text-to-video model such as T2V-2.3.`,
		});
	}

	problems.push(...checkChoice(input.options, rule.options, F.options, model));
	problems.push(...checkChoice(input.aspectRatio, rule.aspectRatios, F.aspectRatio, model));
	problems.push(...checkChoice(input.resolution, rule.resolutions, F.resolution, model));
	if (input.duration !== undefined) {
		if (!rule.duration)
			problems.push({
				field: F.duration,
				message: `Model ${model} does not take "${F.duration}"; only Seedance models do. Use "${F.options}" instead.`,
			});
		else
			problems.push(
				...checkIntRange(input.duration, F.duration, rule.duration.min, rule.duration.max),
			);
	}
	problems.push(...checkIntRange(input.maxJobs, F.maxJobs, 1, 10));

	if (references.length) {
		if (rule.maxImages < 2) {
			problems.push({
				field: F.references,
				message: `Model ${model} takes no extra reference images; only Veo 3.1 Subject Reference (up to fileID14) and Seedance (up to fileID9) do. Remove them.`,
			});
		} else if (!hasImage) {
			problems.push({
				field: F.references,
				message: `Extra reference images fill fileID2 onwards, so "${F.image}" (fileID) must be set first. Move the first reference into "${F.image}".`,
			});
		} else {
			problems.push(
				...checkCount(
					1 + references.length,
					rule.maxImages,
					F.references,
					model,
					'reference images in total (Image plus additional)',
				),
			);
		}
	}
	if ((videos.length || audios.length) && !rule.mediaRefs) {
		problems.push({
			field: videos.length ? F.videos : F.audios,
			message: `Reference videos and audios are for Seedance models only, not ${model}. Remove them or pick a Seedance model.`,
		});
	} else if (rule.mediaRefs) {
		problems.push(
			...checkCount(videos.length, rule.mediaRefs.videos, F.videos, model, 'reference videos'),
		);
		problems.push(
			...checkCount(audios.length, rule.mediaRefs.audios, F.audios, model, 'reference audios'),
		);
	}

	if (hasEnd)
		problems.push(...checkEndFrame(input, rule, hasImage, videos.length + audios.length > 0));

	for (const slot of videoSlots(input)) problems.push(...checkMediaSlot(slot));
	return problems;
}

function checkEndFrame(
	input: VideoInput,
	rule: VideoModelRule,
	hasImage: boolean,
	hasMediaRefs: boolean,
): Problem[] {
	const F = VIDEO_FIELDS;
	const model = input.model;
	if (hasMediaRefs) {
		return [
			{
				field: F.endFrame,
				message: `"${F.endFrame}" cannot be combined with reference videos or audios. Remove one of them.`,
			},
		];
	}
	if (!rule.endFrame) {
		return [
			{
				field: F.endFrame,
				message: `Model ${model} takes no end frame; only Hailuo 02 (768p/1080p), Veo 3.1 and Veo 3.1 Fast do. Remove it or pick one of those.`,
			},
		];
	}
	const needs = rule.endFrame.needsOptions;
	if (needs && !needs.includes(input.options ?? '')) {
		return [
			{
				field: F.options,
				message: `An end frame on model ${model} needs "${F.options}" set to one of: ${needs.join(', ')}.`,
			},
		];
	}
	if (!hasImage) {
		return [{ field: F.image, message: `An end frame needs a first frame too. Set "${F.image}".` }];
	}
	const first = input.image?.fileId?.trim();
	if (first && first === input.endFrame?.fileId?.trim()) {
		return [
			{
				field: 'End Frame File ID',
				message:
					'The end frame must not be the same fileID as the first frame. To use the same picture, upload it again and use the new fileID (or pass it as a binary property).',
			},
		];
	}
	return [];
}
