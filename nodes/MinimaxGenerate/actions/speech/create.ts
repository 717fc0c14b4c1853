import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readText } from '../../../shared/params';
import { readOption, withShow } from '../../descriptions/common';
import type { CreateOutcome, KindAdapter } from '../../engine/task';
import {
	DEFAULT_SPEECH_MODEL,
	EMOTIONS,
	SOUND_EFFECTS,
	SPEECH_FIELDS as F,
	SPEECH_MODELS,
	speechBody,
	validateSpeech,
	type SpeechInput,
	type SpeechMode,
} from '../../models/speech';
import type { PreparedCreate } from '../../types';
import { SPEECH_JOBS, speechIdsOf } from '../audioJobs';
import { prepareCreate } from '../createInputs';
import { createOperation } from '../operation';

const show = (operation: string) => ({ resource: ['speech'], operation: [operation] });

/** Model, voice and text: the top-level fields of Speech → Create and Create MP3. */
export function speechFields(operation: string, maxNote: string): INodeProperties[] {
	const displayOptions = { show: show(operation) };
	return [
		{
			displayName: F.model,
			name: 'speechModel',
			type: 'options',
			default: DEFAULT_SPEECH_MODEL,
			required: true,
			description: 'Which speech model reads the text',
			options: SPEECH_MODELS,
			displayOptions,
		},
		{
			displayName: F.voice,
			name: 'voiceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 209533299589184',
			description:
				'A voice_id from MiniMax (useapi.net) → Voice → Get Many: a built-in voice (a number) or one you cloned with Voice → Clone (user:…-voice:…)',
			displayOptions,
		},
		{
			displayName: F.text,
			name: 'text',
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			required: true,
			placeholder: 'e.g. {happy}Welcome back!{/happy} Today we talk about rivers. <#0.5#> Ready?',
			description: `The words to speak (${maxNote}). Markup: {happy}…{/happy} emotion spans (up to 15, free), sounds such as (chuckle) or (sighs), pauses such as &lt;#0.5#&gt; seconds.`,
			displayOptions,
		},
	];
}

/** Voice settings: version 2 in "Options", version 1 in "Speech Options". */
export const SPEECH_OPTIONS: INodeProperties[] = [
	{
		displayName: F.emotion,
		name: 'emotion',
		type: 'options',
		default: '',
		description: 'Tone of the whole text; inline {emotion} spans override it for parts',
		options: [
			{ name: 'Default (From the Voice)', value: '' },
			...EMOTIONS.map((value) => ({ name: `${value[0].toUpperCase()}${value.slice(1)}`, value })),
		],
	},
	{
		displayName: F.languageBoost,
		name: 'languageBoost',
		type: 'string',
		default: '',
		placeholder: 'e.g. English',
		description:
			'Language to favour when reading, as named by Speech Settings → Get (e.g. English, Japanese); empty = Auto',
	},
	{
		displayName: F.pitch,
		name: 'pitch',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -12, maxValue: 12, numberPrecision: 0 },
		description: 'Semitones up or down (−12 to 12)',
	},
	{
		displayName: F.speed,
		name: 'speed',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0.5, maxValue: 2, numberPrecision: 2 },
		description: 'Reading speed (0.5 to 2; 1 = normal)',
	},
	{
		displayName: F.volume,
		name: 'volume',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		description: 'Loudness, 1 or more (1 = normal)',
	},
	{
		displayName: F.deepenLighten,
		name: 'deepenLighten',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -100, maxValue: 100, numberPrecision: 0 },
		description: 'Voice effect: negative deepens, positive lightens (−100 to 100)',
	},
	{
		displayName: F.strongerSofter,
		name: 'strongerSofter',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -100, maxValue: 100, numberPrecision: 0 },
		description: 'Voice effect: negative stronger, positive softer (−100 to 100)',
	},
	{
		displayName: F.nasalCrisp,
		name: 'nasalCrisp',
		type: 'number',
		default: 0,
		typeOptions: { minValue: -100, maxValue: 100, numberPrecision: 0 },
		description: 'Voice effect: negative more nasal, positive crisper (−100 to 100)',
	},
	{
		displayName: F.soundEffect,
		name: 'soundEffect',
		type: 'options',
		default: '',
		description: 'A room or device effect on the whole clip',
		options: [...SOUND_EFFECTS],
	},
];

/** Version 1 has no Options collection: the voice settings get their own. */
export function speechOptionsV1(operation: string): INodeProperties {
	return {
		displayName: 'Speech Options',
		name: 'speechOptions',
		type: 'collection',
		placeholder: 'Add Speech Option',
		default: {},
		options: SPEECH_OPTIONS,
		displayOptions: withShow({ show: show(operation) }, { '@version': [1] }),
	};
}

const NUMBERS = [
	'speed',
	'pitch',
	'volume',
	'deepenLighten',
	'strongerSofter',
	'nasalCrisp',
] as const;

export function readSpeechInput(this: IExecuteFunctions, i: number): SpeechInput {
	const option = (name: string) =>
		readOption.call(this, i, name, `speechOptions.${name}`, null as unknown);
	const input: SpeechInput = {
		model: readText.call(this, 'speechModel', i, F.model, DEFAULT_SPEECH_MODEL),
		voiceId: readText.call(this, 'voiceId', i, F.voice),
		text: readText.call(this, 'text', i, F.text),
	};
	for (const name of NUMBERS) {
		const value = option(name);
		if (value !== undefined && value !== '' && value !== null)
			input[name] = typeof value === 'number' ? value : Number(value);
	}
	for (const name of ['emotion', 'languageBoost', 'soundEffect'] as const) {
		const value = option(name);
		if (typeof value === 'string' && value.trim()) input[name] = value.trim();
	}
	return input;
}

export function readSpeech(this: IExecuteFunctions, i: number, mode: SpeechMode): PreparedCreate {
	const input = readSpeechInput.call(this, i);
	return prepareCreate.call(this, i, {
		problems: validateSpeech(input, mode),
		body: speechBody(input),
		slots: [],
	});
}

function readSpeechCreate(this: IExecuteFunctions, i: number): PreparedCreate {
	return readSpeech.call(this, i, 'create');
}

/** POST /speech/create → 201 {audioId}; then GET /speech/{audioId} until statusFinal. */
export const speechAdapter: KindAdapter = {
	kind: 'speech',
	...SPEECH_JOBS,
	createPath: '/speech/create',
	parseCreate(body): CreateOutcome {
		return { ids: speechIdsOf(body).slice(0, 1), finals: {} };
	},
};

export const speechCreate = createOperation({
	resource: 'speech',
	operation: 'create',
	name: 'Create',
	action: 'Create speech',
	description: 'Turn text into speech (MP3), wait for it and download it',
	fields: [
		...speechFields('create', 'up to 5,000 characters on HD models, 10,000 on Turbo'),
		speechOptionsV1('create'),
	],
	features: { own: SPEECH_OPTIONS },
	subtitleParameter: 'speechModel',
	read: readSpeechCreate,
	adapter: speechAdapter,
});
