import type { IDataObject } from 'n8n-workflow';

import { checkId } from '../../shared/ids';
import { modelOptions, unknownModel, type Problem } from './common';

/** Parameter display names, shared by the panel (actions/speech/*) and the problems below. */
export const SPEECH_FIELDS = {
	model: 'Model',
	voice: 'Voice ID',
	text: 'Text',
	emotion: 'Emotion',
	speed: 'Speed',
	pitch: 'Pitch',
	volume: 'Volume',
	languageBoost: 'Language Boost',
	deepenLighten: 'Deepen / Lighten',
	strongerSofter: 'Stronger / Softer',
	nasalCrisp: 'Nasal / Crisp',
	soundEffect: 'Sound Effect',
} as const;

export interface SpeechModelRule {
	displayName: string;
	description: string;
	/** Characters POST /speech/create takes (https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create, Model Comparison). */
	maxChars: number;
	creditsPerChar: number;
}

const hd = (displayName: string, note: string): SpeechModelRule => ({
	displayName,
	description: `${note}. Up to 5,000 characters, 1 credit per character.`,
	maxChars: 5000,
	creditsPerChar: 1,
});
const turbo = (displayName: string, note: string): SpeechModelRule => ({
	displayName,
	description: `${note}. Up to 10,000 characters, 0.6 credit per character.`,
	maxChars: 10000,
	creditsPerChar: 0.6,
});

/** Newest first; the vendor recommends speech-2.8-hd (the API's default). */
export const SPEECH_MODEL_RULES: Record<string, SpeechModelRule> = {
	'speech-2.8-hd': hd('Speech 2.8 HD', 'Current, best quality (default)'),
	'speech-2.8-turbo': turbo('Speech 2.8 Turbo', 'Current, faster and cheaper'),
	'speech-2.6-hd': hd('Speech 2.6 HD', 'Previous generation'),
	'speech-2.6-turbo': turbo('Speech 2.6 Turbo', 'Previous generation'),
	'speech-2.5-hd-preview': hd('Speech 2.5 HD Preview', 'Superseded by 2.6'),
	'speech-2.5-turbo-preview': turbo('Speech 2.5 Turbo Preview', 'Superseded by 2.6'),
	'speech-02-hd': hd('Speech 02 HD', 'Legacy, to re-render older audio'),
	'speech-02-turbo': turbo('Speech 02 Turbo', 'Legacy, to re-render older audio'),
	'speech-01-hd': hd('Speech 01 HD', 'Legacy, to re-render older audio'),
	'speech-01-turbo': turbo('Speech 01 Turbo', 'Legacy, to re-render older audio'),
};
export const DEFAULT_SPEECH_MODEL = 'speech-2.8-hd';
export const SPEECH_MODELS = modelOptions(SPEECH_MODEL_RULES);

/** POST /speech/create-mp3 holds the connection until the audio is done, hence its lower cap. */
export const CREATE_MP3_MAX_CHARS = 3000;

export const EMOTIONS = [
	'happy',
	'sad',
	'angry',
	'fearful',
	'disgusted',
	'surprised',
	'neutral',
	'fluent',
] as const;
const MAX_EMOTION_SPANS = 15;

/** Voice effects ([inferred] names: the legacy /audio set; useapi/minimax-api speech/README.md only says "the voice effects"). */
export const SLIDER_EFFECTS = {
	deepenLighten: 'deepen_lighten',
	strongerSofter: 'stronger_softer',
	nasalCrisp: 'nasal_crisp',
} as const;
export const SOUND_EFFECTS = [
	{ name: 'None', value: '' },
	{ name: 'Auditorium Echo', value: 'auditorium_echo' },
	{ name: 'Lo-Fi Telephone', value: 'lofi_telephone' },
	{ name: 'Robotic', value: 'robotic' },
	{ name: 'Spacious Echo', value: 'spacious_echo' },
] as const;

export type SpeechMode = 'create' | 'createMp3';

export interface SpeechInput {
	model: string;
	voiceId: string;
	text: string;
	emotion?: string;
	speed?: number;
	pitch?: number;
	volume?: number;
	languageBoost?: string;
	deepenLighten?: number;
	strongerSofter?: number;
	nasalCrisp?: number;
	soundEffect?: string;
}

/** Characters as a reader counts them (code points: an emoji is one). */
export const charCount = (text: string) => [...text].length;

/** Inline markup (https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create, Text markup): at most 15 emotion spans of the 8 emotions, pauses of 0.01–99.99 s. */
export function checkMarkup(text: string): Problem[] {
	const field = SPEECH_FIELDS.text;
	const problems: Problem[] = [];
	const spans = [...text.matchAll(/\{\/?([A-Za-z]+)\}/g)];
	const opening = spans.filter((m) => !m[0].startsWith('{/'));
	if (opening.length > MAX_EMOTION_SPANS)
		problems.push({
			field,
			message: `The text has ${opening.length} emotion spans like {happy}…{/happy}; at most ${MAX_EMOTION_SPANS} are allowed per request. Split the text into several items.`,
		});
	const unknown = spans.find((m) => !(EMOTIONS as readonly string[]).includes(m[1]));
	if (unknown)
		problems.push({
			field,
			message: `The text contains ${unknown[0]}, which is not an emotion span. Use one of: ${EMOTIONS.join(', ')} (lower case), e.g. {happy}Great news!{/happy}.`,
		});
	for (const [, seconds] of text.matchAll(/<#([^#>]*)#>/g)) {
		const n = Number(seconds);
		if (!/^\d+(\.\d+)?$/.test(seconds) || n < 0.01 || n > 99.99)
			problems.push({
				field,
				message: `The pause <#${seconds}#> in the text must be 0.01 to 99.99 seconds, e.g. <#0.5#>.`,
			});
	}
	return problems;
}

/** Built-in voices are numeric strings; clones are wrapped ids naming their account. */
export function checkVoiceId(value: string): Problem[] {
	const field = SPEECH_FIELDS.voice;
	const id = value.trim();
	if (!id)
		return [
			{
				field,
				message: `"${field}" is empty. Use a voice_id from MiniMax (useapi.net) → Voice → Get Many: a built-in voice (e.g. 209533299589184) or a cloned one (user:…-voice:…).`,
			},
		];
	if (/^\d{1,24}$/.test(id)) return [];
	try {
		checkId(id, field, 'voice');
		return [];
	} catch (error) {
		return [
			{
				field,
				message: `${(error as Error).message} Built-in voices are plain numbers (e.g. 209533299589184).`,
			},
		];
	}
}

function checkNumber(
	value: number | undefined,
	field: string,
	min: number,
	max: number,
	integer: boolean,
): Problem[] {
	if (value === undefined) return [];
	const bad =
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value < min ||
		value > max ||
		(integer && !Number.isInteger(value));
	if (!bad) return [];
	const range = Number.isFinite(max) ? `from ${min} to ${max}` : `${min} or more`;
	return [
		{
			field,
			message: `"${field}" is ${String(value)}; it must be ${integer ? 'a whole number' : 'a number'} ${range}.`,
		},
	];
}

/** Every problem of a speech request, without any HTTP call. */
export function validateSpeech(input: SpeechInput, mode: SpeechMode): Problem[] {
	const F = SPEECH_FIELDS;
	const rule = SPEECH_MODEL_RULES[input.model];
	if (!rule) return unknownModel(input.model, SPEECH_MODEL_RULES);
	const problems: Problem[] = [...checkVoiceId(input.voiceId)];
	const text = input.text;
	if (!text.trim()) {
		problems.push({ field: F.text, message: `"${F.text}" is empty. Enter the words to speak.` });
	} else {
		const max =
			mode === 'createMp3' ? Math.min(CREATE_MP3_MAX_CHARS, rule.maxChars) : rule.maxChars;
		const length = charCount(text);
		if (length > max) {
			const why =
				mode === 'createMp3'
					? `Create MP3 takes at most ${max} characters (the connection stays open while it renders); use Speech → Create for longer texts`
					: `model ${input.model} takes at most ${max} characters${rule.maxChars < 10000 ? '; a turbo model takes 10,000' : ''}`;
			problems.push({
				field: F.text,
				message: `The text is ${length} characters; ${why}. Shorten it by ${length - max} characters or split it into several items.`,
			});
		}
		problems.push(...checkMarkup(text));
	}
	if (input.emotion && !(EMOTIONS as readonly string[]).includes(input.emotion))
		problems.push({
			field: F.emotion,
			message: `"${F.emotion}" ${input.emotion} is not one of: ${EMOTIONS.join(', ')}.`,
		});
	problems.push(
		...checkNumber(input.speed, F.speed, 0.5, 2, false),
		...checkNumber(input.pitch, F.pitch, -12, 12, true),
		...checkNumber(input.volume, F.volume, 1, Infinity, false),
		...checkNumber(input.deepenLighten, F.deepenLighten, -100, 100, true),
		...checkNumber(input.strongerSofter, F.strongerSofter, -100, 100, true),
		...checkNumber(input.nasalCrisp, F.nasalCrisp, -100, 100, true),
	);
	if (
		input.languageBoost !== undefined &&
		!/^[A-Za-z][A-Za-z ()-]{0,40}$/.test(input.languageBoost)
	)
		problems.push({
			field: F.languageBoost,
			message: `"${F.languageBoost}" (${input.languageBoost.slice(0, 60)}) is not a language name. Use a name from MiniMax (useapi.net) → Speech Settings → Get (e.g. English), or Auto.`,
		});
	const effects = SOUND_EFFECTS.map((e) => e.value as string);
	if (input.soundEffect && !effects.includes(input.soundEffect))
		problems.push({
			field: F.soundEffect,
			message: `"${F.soundEffect}" ${input.soundEffect} is not one of: ${effects.filter(Boolean).join(', ')}.`,
		});
	return problems;
}

/** Request body without account and callback; values left at the API's defaults are left out. */
export function speechBody(input: SpeechInput): IDataObject {
	const body: IDataObject = { text: input.text, voice_id: input.voiceId.trim() };
	if (input.model !== DEFAULT_SPEECH_MODEL) body.model = input.model;
	if (input.emotion) body.emotion = input.emotion;
	if (input.speed !== undefined && input.speed !== 1) body.speed = input.speed;
	if (input.pitch !== undefined && input.pitch !== 0) body.pitch = input.pitch;
	if (input.volume !== undefined && input.volume !== 1) body.vol = input.volume;
	if (input.languageBoost && input.languageBoost !== 'Auto')
		body.language_boost = input.languageBoost;
	for (const [key, apiName] of Object.entries(SLIDER_EFFECTS)) {
		const value = input[key as keyof typeof SLIDER_EFFECTS];
		if (value !== undefined && value !== 0) body[apiName] = value;
	}
	if (input.soundEffect) body[input.soundEffect] = true;
	return body;
}

/** What a speech job costs in credits, as the model table says (emotion tags are free). */
export function speechCredits(model: string, text: string): number | undefined {
	const rule = SPEECH_MODEL_RULES[model];
	if (!rule) return undefined;
	return Math.ceil(charCount(text.replace(/\{\/?[a-z]+\}/gi, '')) * rule.creditsPerChar);
}
