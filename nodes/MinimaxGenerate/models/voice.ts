import { checkId } from '../../shared/ids';
import type { Problem } from './common';

/** Parameter display names of Voice → Clone. */
export const VOICE_FIELDS = {
	source: 'Sample Source',
	binary: 'Input Binary Field',
	fileIds: 'Sample File IDs',
	voiceName: 'Voice Name',
	languageTag: 'Language',
	noiseReduction: 'Noise Reduction',
} as const;

export const VOICE_NAME_MAX = 30;
/** Samples per clone ([inferred] from the legacy page: up to 10). */
export const MAX_SAMPLES = 10;
export const SAMPLE_MIN_MS = 10_000;
export const SAMPLE_MAX_MS = 60_000;

/** Content-Type POST /speech/upload-sample takes for a binary's MIME type (aliases folded). */
const SAMPLE_TYPES: Record<string, string> = {
	'audio/mpeg': 'audio/mpeg',
	'audio/mp3': 'audio/mpeg',
	'audio/wav': 'audio/wav',
	'audio/wave': 'audio/wav',
	'audio/x-wav': 'audio/wav',
};

export function sampleContentType(mimeType: string | undefined): string | undefined {
	return SAMPLE_TYPES[
		String(mimeType ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase()
	];
}

export interface CloneInput {
	voiceName: string;
	languageTag: string;
	/** Already uploaded samples (fileIDs of POST /speech/upload-sample). */
	fileIds: string[];
}

export function validateClone(input: CloneInput): Problem[] {
	const F = VOICE_FIELDS;
	const problems: Problem[] = [];
	const name = input.voiceName.trim();
	if (!name)
		problems.push({
			field: F.voiceName,
			message: `"${F.voiceName}" is empty. Name the new voice.`,
		});
	else if (name.length > VOICE_NAME_MAX)
		problems.push({
			field: F.voiceName,
			message: `"${F.voiceName}" is ${name.length} characters; at most ${VOICE_NAME_MAX} are allowed.`,
		});
	if (!/^[A-Za-z][A-Za-z ()-]{0,40}$/.test(input.languageTag.trim()))
		problems.push({
			field: F.languageTag,
			message: `"${F.languageTag}" (${input.languageTag.slice(0, 60) || 'empty'}) is not a language name. Use a language from MiniMax (useapi.net) → Speech Settings → Get, e.g. English.`,
		});
	if (input.fileIds.length > MAX_SAMPLES)
		problems.push({
			field: F.fileIds,
			message: `${input.fileIds.length} samples given; a clone takes at most ${MAX_SAMPLES}.`,
		});
	for (const id of input.fileIds) {
		try {
			checkId(id, F.fileIds, 'file');
		} catch (error) {
			problems.push({
				field: F.fileIds,
				message: `${(error as Error).message} Use the fileID that Voice → Clone or POST /speech/upload-sample returned.`,
			});
		}
	}
	return problems;
}

// MPEG audio frame tables (MPEG-1 / MPEG-2 / 2.5, Layer III), for the sample duration check.
const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = {
	3: [44100, 48000, 32000],
	2: [22050, 24000, 16000],
	0: [11025, 12000, 8000],
};

function id3Length(data: Buffer): number {
	if (data.length < 10 || data.toString('latin1', 0, 3) !== 'ID3') return 0;
	return (
		10 +
		((data[6] & 0x7f) << 21) +
		((data[7] & 0x7f) << 14) +
		((data[8] & 0x7f) << 7) +
		(data[9] & 0x7f)
	);
}

/** Milliseconds of an MP3 (Layer III frames counted), or undefined when the bytes are not one. */
export function mp3Ms(data: Buffer): number | undefined {
	let pos = id3Length(data);
	let seconds = 0;
	let frames = 0;
	while (pos + 4 <= data.length) {
		const h = data.readUInt32BE(pos);
		const version = (h >>> 19) & 3;
		if (h >>> 21 !== 0x7ff || version === 1 || ((h >>> 17) & 3) !== 1) break;
		const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[(h >>> 12) & 15];
		const rate = RATES[version]?.[(h >>> 10) & 3];
		if (!kbps || !rate) break;
		const samples = version === 3 ? 1152 : 576;
		const length = Math.floor(((samples / 8) * kbps * 1000) / rate) + ((h >>> 9) & 1);
		if (length < 4) break;
		frames += 1;
		seconds += samples / rate;
		pos += length;
	}
	return frames >= 2 ? Math.round(seconds * 1000) : undefined;
}

/** Milliseconds of a PCM (or any fixed byte rate) WAV, or undefined when the bytes are not one. */
export function wavMs(data: Buffer): number | undefined {
	if (data.length < 12 || data.toString('latin1', 0, 4) !== 'RIFF') return undefined;
	if (data.toString('latin1', 8, 12) !== 'WAVE') return undefined;
	let pos = 12;
	let byteRate = 0;
	while (pos + 8 <= data.length) {
		const id = data.toString('latin1', pos, pos + 4);
		const size = data.readUInt32LE(pos + 4);
		if (id === 'fmt ' && pos + 20 <= data.length) byteRate = data.readUInt32LE(pos + 16);
		if (id === 'data' && byteRate > 0)
			return Math.round((Math.min(size, data.length - pos - 8) / byteRate) * 1000);
		pos += 8 + size + (size & 1);
	}
	return undefined;
}

/** The sample's length, or a problem (wrong format, shorter than 10 s, longer than 60 s). */
export function checkSample(
	data: Buffer,
	contentType: string,
	label: string,
): { ms?: number; problem?: Problem } {
	const ms = contentType === 'audio/wav' ? wavMs(data) : mp3Ms(data);
	const field = VOICE_FIELDS.binary;
	if (ms === undefined)
		return {
			problem: {
				field,
				message: `${label} is not a readable ${contentType === 'audio/wav' ? 'WAV' : 'MP3'} file, as its MIME type ${contentType} says. Convert it to MP3 or PCM WAV first.`,
			},
		};
	if (ms < SAMPLE_MIN_MS || ms > SAMPLE_MAX_MS)
		return {
			ms,
			problem: {
				field,
				message: `${label} is ${(ms / 1000).toFixed(1)} s long; voice samples must be 10 to 60 seconds. ${ms < SAMPLE_MIN_MS ? 'Use a longer recording' : 'Trim it'} (one speaker, little background noise).`,
			},
		};
	return { ms };
}
