import { checkId } from '../../shared/ids';
import { ACCEPTED_TEXT, uploadContentType, type MediaKind } from '../../shared/mime';
import { kindOfId } from '../../shared/status';

/** One thing wrong with a create request: the n8n parameter (display name) and what to do about it. */
export interface Problem {
	field: string;
	message: string;
}

export type { MediaKind };

/**
 * One media input as the user gave it. `mimeType` is filled by the reader from the item:
 * undefined = not looked up (pure tests), null = the binary property is missing on the item.
 */
export interface MediaRef {
	fileId?: string;
	binaryProperty?: string;
	/** A public http(s) URL: downloaded (without the token), checked and uploaded to the job's account. */
	url?: string;
	mimeType?: string | null;
	/** Binary properties the item does have, for the "missing" message. */
	present?: string[];
}

/** A media input placed in its request slot, with the parameter names used in problems. */
export interface MediaSlot {
	ref: MediaRef;
	kind: MediaKind;
	/** Request field, e.g. fileID2, videoFileID1, referenceFileId3. */
	bodyField: string;
	/** Parameter names to report against, e.g. "Image File ID" or "Reference Videos (#2)". */
	fileIdField: string;
	binaryField: string;
	/** Defaults to the File ID field's name with "URL" instead of "File ID". */
	urlField?: string;
}

/** The URL field's display name of a slot ("Image URL", "Reference Images (#2)"). */
export const urlFieldOf = (slot: MediaSlot) =>
	slot.urlField ?? slot.fileIdField.replace(/File ID$/, 'URL');

/** Id format, binary presence and MIME type of one slot. */
export function checkMediaSlot(slot: MediaSlot): Problem[] {
	const { ref } = slot;
	if (ref.url !== undefined) return checkMediaUrl(ref.url, urlFieldOf(slot), slot.kind);
	if (ref.binaryProperty !== undefined) {
		const name = ref.binaryProperty.trim();
		const field = slot.binaryField;
		if (!name)
			return [
				{
					field,
					message: `"${field}" is empty. Enter the name of the input item's binary field that holds the ${slot.kind} (often "data").`,
				},
			];
		if (ref.mimeType === null) {
			if (!ref.present?.length) {
				return [
					{
						field,
						message: `The input item has no file at all, so "${field}" ("${name}") finds nothing. Put a node before this one that reads or downloads the ${slot.kind} (for example HTTP Request or Read/Write Files from Disk), or switch the source to File ID or URL.`,
					},
				];
			}
			return [
				{
					field,
					message: `The input item has no binary field "${name}" (set in "${field}"). It has: ${ref.present.join(', ')}. Enter one of those names, or switch the source to File ID or URL.`,
				},
			];
		}
		if (ref.mimeType !== undefined && !uploadContentType(ref.mimeType, slot.kind)) {
			return [
				{
					field,
					message: `Binary field "${name}" (set in "${field}") is ${ref.mimeType || 'of unknown type'}, but ${slot.bodyField} needs ${ACCEPTED_TEXT[slot.kind]}. Convert the file first.`,
				},
			];
		}
		return [];
	}
	const field = slot.fileIdField;
	try {
		checkId(ref.fileId, field, 'file');
	} catch (error) {
		const id = String(ref.fileId ?? '').trim();
		const hint =
			kindOfId(id) === 'image'
				? ' For a generated image use its "fileID" field (from MiniMax (useapi.net) → Image → Get), not the imageId.'
				: kindOfId(id) === 'video'
					? ' A video id cannot be used as a file; upload the media with POST /files instead.'
					: '';
		return [{ field, message: `${(error as Error).message}${hint}` }];
	}
	return [];
}

/** A media URL must be absolute http(s) without credentials; the download itself checks type and size. */
export function checkMediaUrl(value: string, field: string, kind: MediaKind): Problem[] {
	const text = value.trim();
	if (!text)
		return [
			{
				field,
				message: `"${field}" is empty. Enter the public http(s) address of the ${kind}, or switch the source.`,
			},
		];
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return [
			{
				field,
				message: `"${field}" is not a web address (${text.slice(0, 80)}). Enter a full link such as https://example.com/photo.jpg`,
			},
		];
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return [
			{
				field,
				message: `"${field}" must start with https:// or http:// (it starts with ${url.protocol})`,
			},
		];
	}
	if (url.username || url.password) {
		return [
			{
				field,
				message: `"${field}" contains a user name or password. Use a public URL (for example a shared or signed link) without them.`,
			},
		];
	}
	return [];
}

export function checkPrompt(prompt: string, max: number, model: string): Problem[] {
	if (prompt.length <= max) return [];
	return [
		{
			field: 'Prompt',
			message: `The prompt is ${prompt.length} characters; model ${model} allows at most ${max}. Shorten it by ${prompt.length - max} characters.`,
		},
	];
}

export function checkIntRange(
	value: number | undefined,
	field: string,
	min: number,
	max: number,
): Problem[] {
	if (value === undefined) return [];
	if (!Number.isInteger(value) || value < min || value > max) {
		return [
			{
				field,
				message: `"${field}" is ${value}; it must be a whole number from ${min} to ${max}.`,
			},
		];
	}
	return [];
}

/** An enum value checked against a model's list; `what` names the parameter. */
export function checkChoice(
	value: string | undefined,
	allowed: readonly string[] | undefined,
	field: string,
	model: string,
): Problem[] {
	if (value === undefined || value === '') return [];
	if (!allowed)
		return [
			{
				field,
				message: `Model ${model} does not take "${field}". Remove it or pick another model.`,
			},
		];
	if (!allowed.includes(value)) {
		return [
			{
				field,
				message: `"${field}" ${value} is not available for model ${model}. Choose one of: ${allowed.join(', ')}.`,
			},
		];
	}
	return [];
}

/** No more refs in one slot family than the model takes (gaps cannot occur: lists fill slots in order). */
export function checkCount(
	count: number,
	max: number,
	field: string,
	model: string,
	what: string,
): Problem[] {
	if (count <= max) return [];
	return [
		{
			field,
			message:
				max === 0
					? `Model ${model} does not take ${what}. Remove them or pick another model.`
					: `${count} ${what} given; model ${model} takes at most ${max}. Remove ${count - max}.`,
		},
	];
}

/** Numbered slots of one list (fileID2…, videoFileID1…, referenceFileId1…); entry n is reported as "<label> (#n)". */
export function numberedSlots(
	refs: MediaRef[] | undefined,
	kind: MediaKind,
	label: string,
	bodyField: (n: number) => string,
): MediaSlot[] {
	return (refs ?? []).map((ref, i) => {
		const field = `${label} (#${i + 1})`;
		return { ref, kind, bodyField: bodyField(i + 1), fileIdField: field, binaryField: field };
	});
}

export function unknownModel(model: string, known: Record<string, unknown>): Problem[] {
	return [
		{
			field: 'Model',
			message: `Model "${model}" is not supported. Choose one of: ${Object.keys(known).join(', ')} (names are case-sensitive).`,
		},
	];
}

/** For a model picker: value = API model name. */
export function modelOptions(rules: Record<string, { displayName: string; description: string }>) {
	return Object.entries(rules).map(([value, rule]) => ({
		name: rule.displayName,
		value,
		description: rule.description,
	}));
}

/** Models whose rule passes `test`, for displayOptions. */
export function modelsWhere<R>(rules: Record<string, R>, test: (rule: R) => boolean): string[] {
	return Object.entries(rules)
		.filter(([, rule]) => test(rule))
		.map(([name]) => name);
}
