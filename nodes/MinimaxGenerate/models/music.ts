import type { IDataObject } from 'n8n-workflow';

import { checkId } from '../../shared/ids';
import { modelOptions, unknownModel, type Problem } from './common';

/** Parameter display names, shared by the panel (actions/music/*) and the problems below. */
export const MUSIC_FIELDS = {
	model: 'Model',
	prompt: 'Prompt',
	lyrics: 'Lyrics',
	instrumental: 'Instrumental',
	title: 'Title',
	reference: 'Reference Music ID',
	name: 'Name',
} as const;

export interface MusicModelRule {
	displayName: string;
	description: string;
	promptMax: number;
	lyricsMax: number;
	titleMax: number;
}

/** https://useapi.net/docs/api-minimax-v1/post-minimax-music-create: both models share the limits; requests use the lower-case ids. */
export const MUSIC_MODEL_RULES: Record<string, MusicModelRule> = {
	'music-3.0': {
		displayName: 'Music 3.0',
		description: 'Newest (default). MP3 256 kbps, 44.1 kHz stereo.',
		promptMax: 2000,
		lyricsMax: 3500,
		titleMax: 40,
	},
	'music-2.6': {
		displayName: 'Music 2.6',
		description: 'Previous generation. MP3 256 kbps, 44.1 kHz stereo.',
		promptMax: 2000,
		lyricsMax: 3500,
		titleMax: 40,
	},
};
export const DEFAULT_MUSIC_MODEL = 'music-3.0';
export const MUSIC_MODELS = modelOptions(MUSIC_MODEL_RULES);

/** POST /music/reference: the stored title. */
export const REFERENCE_NAME_MAX = 40;
/** MIME types POST /music/reference takes; POST /speech/upload-sample takes the first three. */
export const REFERENCE_MIMES = [
	'audio/mpeg',
	'audio/mp3',
	'audio/wav',
	'audio/wave',
	'audio/x-wav',
];

export interface MusicInput {
	model: string;
	prompt: string;
	lyrics?: string;
	instrumental?: boolean;
	title?: string;
	referenceMusicId?: string;
}

const tooLong = (field: string, length: number, max: number, model: string): Problem => ({
	field,
	message: `"${field}" is ${length} characters; ${model} takes at most ${max}. Shorten it by ${length - max}.`,
});

/** Every problem of a song request, without any HTTP call. */
export function validateMusic(input: MusicInput): Problem[] {
	const F = MUSIC_FIELDS;
	const rule = MUSIC_MODEL_RULES[input.model];
	if (!rule) return unknownModel(input.model, MUSIC_MODEL_RULES);
	const problems: Problem[] = [];
	const prompt = input.prompt.trim();
	const reference = input.referenceMusicId?.trim();
	// [gap] prompt required-ness: every example sends one; a cover can live from its reference.
	if (!prompt && !reference)
		problems.push({
			field: F.prompt,
			message: `"${F.prompt}" is empty. Describe the style and the subject (e.g. "a playful pop duet about texting too late at night"), or give a "${F.reference}" for a cover.`,
		});
	if (prompt.length > rule.promptMax)
		problems.push(tooLong(F.prompt, prompt.length, rule.promptMax, input.model));
	const lyrics = input.lyrics?.trim() ?? '';
	if (lyrics.length > rule.lyricsMax)
		problems.push(tooLong(F.lyrics, lyrics.length, rule.lyricsMax, input.model));
	if (input.instrumental && lyrics)
		problems.push({
			field: F.lyrics,
			message: `"${F.instrumental}" is on, so the song has no words, but "${F.lyrics}" is set. Clear one of them.`,
		});
	const title = input.title?.trim() ?? '';
	if (title.length > rule.titleMax)
		problems.push(tooLong(F.title, title.length, rule.titleMax, input.model));
	if (reference) {
		try {
			checkId(reference, F.reference, 'music');
		} catch (error) {
			problems.push({
				field: F.reference,
				message: `${(error as Error).message} Use the musicId from Music → Upload Reference, or any song on the account.`,
			});
		}
	}
	return problems;
}

/** Request body without account and callback; values left at the API's defaults are left out. */
export function musicBody(input: MusicInput): IDataObject {
	const body: IDataObject = {};
	if (input.model !== DEFAULT_MUSIC_MODEL) body.model = input.model;
	const prompt = input.prompt.trim();
	if (prompt) body.prompt = prompt;
	const lyrics = input.lyrics?.trim();
	if (lyrics) body.lyrics = lyrics;
	// Must be true for a wordless track: empty lyrics alone make the model write its own (https://useapi.net/docs/api-minimax-v1/post-minimax-music-create).
	if (input.instrumental) body.instrumental = true;
	const title = input.title?.trim();
	if (title) body.title = title;
	const reference = input.referenceMusicId?.trim();
	if (reference) body.referenceMusicId = reference;
	return body;
}

/** The stored name of a reference upload (query `name`), or a problem. */
export function checkReferenceName(name: string): Problem[] {
	const text = name.trim();
	if (text.length <= REFERENCE_NAME_MAX) return [];
	return [
		{
			field: MUSIC_FIELDS.name,
			message: `"${MUSIC_FIELDS.name}" is ${text.length} characters; at most ${REFERENCE_NAME_MAX} are stored. Shorten it by ${text.length - REFERENCE_NAME_MAX}.`,
		},
	];
}

/** The duration of a song record in seconds: the new API reports milliseconds (useapi.net/blog/260821), legacy seconds. */
export function durationSeconds(record: IDataObject): number | undefined {
	const value = Number(record.duration);
	if (!Number.isFinite(value) || value <= 0) return undefined;
	// A song of 1,000+ "seconds" (17 min) is not one: such values are milliseconds.
	return value >= 1000 ? Math.round(value / 100) / 10 : value;
}
