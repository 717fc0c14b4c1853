/**
 * The one MIME table: what POST /files accepts per kind of media, plus common aliases; the value
 * is the Content-Type to upload with (https://useapi.net/docs/api-minimax-v1/post-minimax-files).
 */
export type MediaKind = 'image' | 'video' | 'audio';

const UPLOAD_TYPES: Record<MediaKind, Record<string, string>> = {
	image: {
		'image/png': 'image/png',
		'image/jpeg': 'image/jpeg',
		'image/jpg': 'image/jpeg',
		// The API takes .webp sent as image/jpeg.
		'image/webp': 'image/jpeg',
	},
	audio: {
		'audio/mpeg': 'audio/mpeg',
		'audio/mp3': 'audio/mpeg',
		'audio/wav': 'audio/wav',
		'audio/x-wav': 'audio/wav',
		'audio/wave': 'audio/wav',
	},
	video: { 'video/mp4': 'video/mp4' },
};

/** Every Content-Type POST /files is sent with. */
export const UPLOAD_MIMES = [
	...new Set(Object.values(UPLOAD_TYPES).flatMap((types) => Object.values(types))),
];

/** What each kind accepts, in words, for messages. */
export const ACCEPTED_TEXT: Record<MediaKind, string> = {
	image: 'PNG, JPEG or WebP (image/png, image/jpeg, image/webp)',
	video: 'MP4 (video/mp4)',
	audio: 'MP3 or WAV (audio/mpeg, audio/wav)',
};

/** "IMAGE/PNG; charset=binary" → "image/png". */
export function bareMime(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

/** Content-Type to send to POST /files for a file of this MIME type, or undefined when the API refuses it. */
export function uploadContentType(
	mimeType: string | undefined,
	kind?: MediaKind,
): string | undefined {
	if (!mimeType) return undefined;
	const mime = bareMime(mimeType);
	const kinds = kind ? [kind] : (Object.keys(UPLOAD_TYPES) as MediaKind[]);
	for (const k of kinds) if (UPLOAD_TYPES[k][mime]) return UPLOAD_TYPES[k][mime];
	return undefined;
}
