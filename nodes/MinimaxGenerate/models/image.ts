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

/** Parameter display names, shared by the UI (actions/image/create.ts) and the problems below. */
export const IMAGE_FIELDS = {
	model: 'Model',
	prompt: 'Prompt',
	aspectRatio: 'Aspect Ratio',
	resolution: 'Resolution',
	quality: 'Quality',
	quantity: 'Quantity',
	character: 'Character Reference',
	references: 'Reference Images',
} as const;

export interface ImageModelRule {
	displayName: string;
	description: string;
	promptMax: number;
	/** Whether @Image1…@Image16 mentions are allowed in the prompt (others are rejected by the API). */
	mentions: boolean;
	/** referenceFileId1… slots; image-01 has none and takes characterFileId instead. */
	maxReferences: number;
	character?: boolean;
	aspectRatios: readonly string[];
	defaultAspectRatio: string;
	/** Absent = the model takes no resolution (Midjourney). Defaults are not documented. */
	resolutions?: readonly string[];
	/** gpt-image-2 only. */
	qualities?: readonly string[];
	defaultQuality?: string;
	/** Midjourney always makes 4 images; quantity does not apply. */
	fixedQuantity?: number;
}

const AR_IMAGE01 = ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'] as const;
const AR_GPT15 = ['auto', '1:1', '3:2', '2:3'] as const;
const AR_GPT2 = ['16:9', '21:9', '5:4', '4:3', '3:2', '1:1', '2:3', '3:4', '4:5', '9:16'] as const;
const AR_OTHER = [
	'auto',
	'16:9',
	'9:16',
	'1:1',
	'4:3',
	'3:4',
	'3:2',
	'2:3',
	'5:4',
	'4:5',
	'21:9',
] as const;

const other = (
	displayName: string,
	description: string,
	promptMax: number,
	mentions: boolean,
	resolutions?: readonly string[],
): ImageModelRule => ({
	displayName,
	description,
	promptMax,
	mentions,
	maxReferences: 14,
	aspectRatios: AR_OTHER,
	defaultAspectRatio: 'auto',
	resolutions,
	fixedQuantity: resolutions ? undefined : 4,
});

/** Every model of https://useapi.net/docs/api-minimax-v1/post-minimax-images-create, keyed by the exact API name. */
export const IMAGE_MODEL_RULES: Record<string, ImageModelRule> = {
	'image-01': {
		displayName: 'MiniMax Image-01',
		description: 'Optional character reference photo.',
		promptMax: 2000,
		mentions: false,
		maxReferences: 0,
		character: true,
		aspectRatios: AR_IMAGE01,
		defaultAspectRatio: '16:9',
		resolutions: ['HD'],
	},
	'nano-banana-2': other(
		'Nano Banana 2',
		'Up to 14 reference images, @Image mentions.',
		7500,
		true,
		['512P', '1K', '2K', '4K'],
	),
	'nano-banana-pro': other(
		'Nano Banana Pro',
		'Up to 14 reference images, @Image mentions.',
		7500,
		true,
		['1K', '2K', '4K'],
	),
	'gpt-image-1.5': {
		displayName: 'GPT Image 1.5',
		description: 'Up to 3 reference images.',
		promptMax: 2000,
		mentions: false,
		maxReferences: 3,
		aspectRatios: AR_GPT15,
		defaultAspectRatio: 'auto',
		resolutions: ['Low', 'Medium', 'High'],
	},
	'gpt-image-2': {
		displayName: 'GPT Image 2',
		description: 'Up to 16 reference images, @Image mentions, quality setting.',
		promptMax: 7500,
		mentions: true,
		maxReferences: 16,
		aspectRatios: AR_GPT2,
		defaultAspectRatio: '16:9',
		resolutions: ['1K', '2K', '4K'],
		qualities: ['low', 'medium', 'high'],
		defaultQuality: 'low',
	},
	'seedream-4.5': other('Seedream 4.5', 'Up to 14 reference images, @Image mentions.', 2000, true, [
		'2K',
		'4K',
	]),
	'seedream-5.0': other('Seedream 5.0', 'Up to 14 reference images, @Image mentions.', 2000, true, [
		'2K',
		'3K',
	]),
	'midjourney-v7': other(
		'Midjourney V7',
		'Always 4 images; up to 14 reference images.',
		5000,
		false,
	),
	'midjourney-niji7': other(
		'Midjourney Niji 7',
		'Always 4 images; up to 14 reference images.',
		5000,
		false,
	),
};

export const IMAGE_MODELS = modelOptions(IMAGE_MODEL_RULES);

export const imageModelsWhere = (test: (rule: ImageModelRule) => boolean): string[] =>
	modelsWhere(IMAGE_MODEL_RULES, test);

/** An images/create request as the user set it, before uploads. Empty strings mean "left at default". */
export interface ImageInput {
	model: string;
	prompt?: string;
	aspectRatio?: string;
	resolution?: string;
	quality?: string;
	quantity?: number;
	/** characterFileId (image-01). */
	character?: MediaRef;
	/** referenceFileId1… in order. */
	references?: MediaRef[];
}

/** @Image1, @image02, @ImAgE001 … (case-insensitive, leading zeros allowed). */
const MENTION = /@image0*\d+/i;

export function imageSlots(input: ImageInput): MediaSlot[] {
	const slots: MediaSlot[] = [];
	if (input.character) {
		slots.push({
			ref: input.character,
			kind: 'image',
			bodyField: 'characterFileId',
			fileIdField: 'Character Reference File ID',
			binaryField: 'Character Reference Input Binary Field',
		});
	}
	slots.push(
		...numberedSlots(
			input.references,
			'image',
			IMAGE_FIELDS.references,
			(n) => `referenceFileId${n}`,
		),
	);
	return slots;
}

/** Every rule of post-minimax-images-create for one request; an empty list means the request is valid. No HTTP. */
export function validateImage(input: ImageInput): Problem[] {
	const F = IMAGE_FIELDS;
	const model = input.model;
	const rule = IMAGE_MODEL_RULES[model];
	if (!rule) return unknownModel(model, IMAGE_MODEL_RULES);
	const problems: Problem[] = [];
	const prompt = input.prompt ?? '';
	if (!prompt.trim())
		problems.push({
			field: F.prompt,
			message: 'The prompt is empty. Images always need a prompt; enter one.',
		});
	problems.push(...checkPrompt(prompt, rule.promptMax, model));
	const mention = MENTION.exec(prompt);
	if (mention && !rule.mentions) {
		problems.push({
			field: F.prompt,
			message: `Model ${model} rejects @Image mentions (found "${mention[0]}"). Describe the reference in words, or pick GPT Image 2, Nano Banana 2/Pro or Seedream, which support them.`,
		});
	}
	problems.push(...checkChoice(input.aspectRatio, rule.aspectRatios, F.aspectRatio, model));
	problems.push(...checkChoice(input.resolution, rule.resolutions, F.resolution, model));
	if (input.quality) {
		problems.push(
			...(rule.qualities
				? checkChoice(input.quality, rule.qualities, F.quality, model)
				: [
						{
							field: F.quality,
							message: `"${F.quality}" is for GPT Image 2 only, not ${model}. Remove it.`,
						},
					]),
		);
	}
	if (input.quantity !== undefined) {
		if (rule.fixedQuantity) {
			if (input.quantity !== rule.fixedQuantity) {
				problems.push({
					field: F.quantity,
					message: `Model ${model} always makes ${rule.fixedQuantity} images; leave "${F.quantity}" out.`,
				});
			}
		} else {
			problems.push(...checkIntRange(input.quantity, F.quantity, 1, 4));
		}
	}
	if (input.character && !rule.character) {
		problems.push({
			field: F.character,
			message: `"${F.character}" (characterFileId) is for MiniMax Image-01 only, not ${model}. Use "${F.references}" instead.`,
		});
	}
	const references = input.references ?? [];
	if (references.length) {
		problems.push(
			...(rule.maxReferences === 0
				? [
						{
							field: F.references,
							message: `Model ${model} takes no reference images. Use "${F.character}" for a person, or pick another model.`,
						},
					]
				: checkCount(
						references.length,
						rule.maxReferences,
						F.references,
						model,
						'reference images',
					)),
		);
	}
	for (const slot of imageSlots(input)) problems.push(...checkMediaSlot(slot));
	return problems;
}
