import {
	SPEECH_MODEL_RULES,
	speechBody,
	speechCredits,
	validateSpeech,
	type SpeechInput,
} from '../../nodes/MinimaxGenerate/models/speech';
import {
	durationSeconds,
	musicBody,
	validateMusic,
	type MusicInput,
} from '../../nodes/MinimaxGenerate/models/music';
import { checkSample, mp3Ms, validateClone, wavMs } from '../../nodes/MinimaxGenerate/models/voice';
import * as simulator from '../simulator';
import * as audioMedia from '../simulator/audio-media';
import * as audio from '../simulator/audio';

const { createSimulator } = simulator as unknown as {
	createSimulator: (o: object) => Promise<{
		apiUrl: string;
		token: string;
		reset(): void;
		close(): Promise<void>;
	}>;
};
const media = audioMedia as unknown as {
	makeMp3(ms: number, o?: object): Buffer;
	makeWav(ms: number, o?: object): Buffer;
};
const VOICE = (audio as unknown as { BUILT_IN: Array<{ voice_id: string }> }).BUILT_IN[0].voice_id;

let sim: Awaited<ReturnType<typeof createSimulator>>;
beforeAll(async () => {
	sim = await createSimulator({ jobMs: 2000 });
});
afterAll(async () => await sim.close());
afterEach(() => sim.reset());

async function post(path: string, json: object): Promise<number> {
	const r = await fetch(`${sim.apiUrl}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(json),
	});
	await r.arrayBuffer();
	return r.status;
}

const speech = (over: Partial<SpeechInput>): SpeechInput => ({
	model: 'speech-2.8-hd',
	voiceId: VOICE,
	text: 'Hello there.',
	...over,
});

const SPEECH_CASES: Array<[string, SpeechInput, boolean]> = [
	['defaults', speech({}), true],
	[
		'every option',
		speech({
			model: 'speech-2.6-turbo',
			emotion: 'sad',
			speed: 0.5,
			pitch: -12,
			volume: 3,
			languageBoost: 'English',
			deepenLighten: -100,
			strongerSofter: 100,
			nasalCrisp: 5,
			soundEffect: 'robotic',
		}),
		true,
	],
	['5,000 characters on hd', speech({ text: 'a'.repeat(5000) }), true],
	['5,001 characters on hd', speech({ text: 'a'.repeat(5001) }), false],
	[
		'10,000 characters on turbo',
		speech({ model: 'speech-2.8-turbo', text: 'a'.repeat(10000) }),
		true,
	],
	[
		'10,001 characters on turbo',
		speech({ model: 'speech-02-turbo', text: 'a'.repeat(10001) }),
		false,
	],
	[
		'markup: spans, sounds, pauses',
		speech({ text: '{happy}Great!{/happy} (chuckle) Wait <#0.5#> now.' }),
		true,
	],
	['16 emotion spans', speech({ text: '{sad}a{/sad} '.repeat(16) }), false],
	['unknown emotion span', speech({ text: '{giddy}hi{/giddy}' }), false],
	['pause of 100 s', speech({ text: 'Wait <#100#> now' }), false],
	['speed 2.5', speech({ speed: 2.5 }), false],
	['pitch 1.5', speech({ pitch: 1.5 }), false],
	['volume 0.5', speech({ volume: 0.5 }), false],
	['effect 101', speech({ nasalCrisp: 101 }), false],
	['unknown model', speech({ model: 'speech-3' }), false],
	['empty text', speech({ text: '  ' }), false],
];

describe('speech validation agrees with the simulator (which follows the reference)', () => {
	test.each(SPEECH_CASES)('%s', async (_name, input, valid) => {
		const problems = validateSpeech(input, 'create');
		expect(problems.length === 0).toBe(valid);
		expect(problems.every((p) => p.field && p.message.length > 20)).toBe(true);
		// Only well-typed bodies go to the simulator: the node never sends what it refuses.
		if (valid) expect(await post('/speech/create', speechBody(input))).toBe(201);
		else if (input.model in SPEECH_MODEL_RULES && input.text.trim())
			expect(await post('/speech/create', speechBody(input))).toBe(400);
	});

	test('Create MP3 takes 3,000 characters, whatever the model', async () => {
		const ok = speech({ model: 'speech-2.8-turbo', text: 'b'.repeat(3000) });
		expect(validateSpeech(ok, 'createMp3')).toEqual([]);
		expect(await post('/speech/create-mp3', speechBody(ok))).toBe(200);
		const long = speech({ model: 'speech-2.8-turbo', text: 'b'.repeat(3001) });
		expect(validateSpeech(long, 'createMp3')[0].message).toMatch(/Create MP3 takes at most 3000/);
		expect(await post('/speech/create-mp3', speechBody(long))).toBe(400);
	});

	test('voice ids: built-in numbers and wrapped clones pass; others are named', () => {
		expect(
			validateSpeech(
				speech({ voiceId: 'user:1234-minimax:987654321-voice:445566778899' }),
				'create',
			),
		).toEqual([]);
		for (const bad of ['', 'user:1234-minimax:987654321-audio:1', 'Calm Woman', 'user%3A1'])
			expect(validateSpeech(speech({ voiceId: bad }), 'create')[0].field).toBe('Voice ID');
	});

	test('the body leaves defaults out and maps names to the API', () => {
		expect(speechBody(speech({ speed: 1, pitch: 0, volume: 1, languageBoost: 'Auto' }))).toEqual({
			text: 'Hello there.',
			voice_id: VOICE,
		});
		expect(
			speechBody(
				speech({
					model: 'speech-2.8-turbo',
					volume: 2,
					soundEffect: 'lofi_telephone',
					deepenLighten: 7,
				}),
			),
		).toEqual({
			text: 'Hello there.',
			voice_id: VOICE,
			model: 'speech-2.8-turbo',
			vol: 2,
			lofi_telephone: true,
			deepen_lighten: 7,
		});
		expect(speechCredits('speech-2.8-turbo', '{happy}abcde{/happy}')).toBe(3);
	});
});

const song = (over: Partial<MusicInput>): MusicInput => ({
	model: 'music-3.0',
	prompt: 'a calm lo-fi beat',
	...over,
});

describe('music validation agrees with the simulator', () => {
	const CASES: Array<[string, MusicInput, boolean]> = [
		['prompt only', song({}), true],
		[
			'every field',
			song({ model: 'music-2.6', lyrics: '[Verse]\nla', title: 'T'.repeat(40) }),
			true,
		],
		['instrumental', song({ instrumental: true }), true],
		['no prompt, no reference', song({ prompt: '' }), false],
		['prompt 2,001', song({ prompt: 'p'.repeat(2001) }), false],
		['lyrics 3,501', song({ lyrics: 'l'.repeat(3501) }), false],
		['title 41', song({ title: 'T'.repeat(41) }), false],
		['unknown model', song({ model: 'music-4' }), false],
	];
	test.each(CASES)('%s', async (_name, input, valid) => {
		expect(validateMusic(input).length === 0).toBe(valid);
		if (input.model in { 'music-3.0': 1, 'music-2.6': 1 })
			expect(await post('/music/create', musicBody(input))).toBe(valid ? 201 : 400);
	});

	test('instrumental with lyrics and a malformed reference are refused before any call', () => {
		expect(validateMusic(song({ instrumental: true, lyrics: 'words' }))[0].field).toBe('Lyrics');
		expect(
			validateMusic(song({ referenceMusicId: 'user:1234-minimax:987654321-audio:1' }))[0].field,
		).toBe('Reference Music ID');
		expect(
			validateMusic(song({ prompt: '', referenceMusicId: 'user:1234-minimax:987654321-music:1' })),
		).toEqual([]);
	});

	test('duration: milliseconds (new API) and seconds (legacy) both become seconds', () => {
		expect(durationSeconds({ duration: 21408 })).toBe(21.4);
		expect(durationSeconds({ duration: 140 })).toBe(140);
		expect(durationSeconds({})).toBeUndefined();
	});
});

describe('voice samples and clones', () => {
	test('durations of MP3 and WAV made like real files; the 10–60 s rule', () => {
		expect(wavMs(media.makeWav(12000))).toBe(12000);
		expect(Math.round((mp3Ms(media.makeMp3(30000, { kbps: 64 })) ?? 0) / 1000)).toBe(30);
		expect(checkSample(media.makeWav(12000), 'audio/wav', 'x').problem).toBeUndefined();
		expect(checkSample(media.makeWav(5000), 'audio/wav', 'x').problem?.message).toMatch(
			/5\.0 s long; voice samples must be 10 to 60/,
		);
		expect(
			checkSample(media.makeMp3(61000, { kbps: 32 }), 'audio/mpeg', 'x').problem?.message,
		).toMatch(/61\.0 s long/);
		expect(checkSample(media.makeWav(12000), 'audio/mpeg', 'x').problem?.message).toMatch(
			/not a readable MP3/,
		);
		expect(checkSample(Buffer.from('hello'), 'audio/wav', 'x').problem?.message).toMatch(
			/not a readable WAV/,
		);
	});

	test('clone fields', () => {
		const ok = { voiceName: 'Narrator', languageTag: 'English', fileIds: [] };
		expect(validateClone(ok)).toEqual([]);
		expect(validateClone({ ...ok, voiceName: 'n'.repeat(31) })[0].field).toBe('Voice Name');
		expect(validateClone({ ...ok, languageTag: '' })[0].field).toBe('Language');
		expect(
			validateClone({ ...ok, fileIds: ['user:1234-minimax:987654321-video:1'] })[0].field,
		).toBe('Sample File IDs');
	});
});
