import { ops, run, startSim, type Sim } from './helpers';
import * as audio from '../simulator/audio';
import * as audioMedia from '../simulator/audio-media';

const VOICE = (audio as unknown as { BUILT_IN: Array<{ voice_id: string }> }).BUILT_IN[0].voice_id;
const FAST = { pollInterval: 0.1, timeout: 1 };
const V2 = { typeVersion: 2, continueOnFail: true };

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ jobMs: 300 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.reset();
	Object.assign(sim.options, { createMp3Shape: 'record' });
});

describe('review2: wrong types reach paid audio creates', () => {
	it.each([
		['lyrics', { a: 1 }],
		['title', ['a', 'b']],
	])(
		'Music → Create: an expression giving %s an object/array is refused before the create',
		async (field, value) => {
			const result = await run(
				sim,
				{
					resource: 'music',
					operation: 'create',
					musicPrompt: 'a calm lo-fi beat',
					options: { ...FAST, [field]: value },
				},
				undefined,
				V2,
			);
			// Today "[object Object]" / "a,b" is sent as the song's lyrics/title and the song is paid for.
			expect(ops(sim, 'music.create')).toHaveLength(0);
			expect(String(result.items[0].json.error)).toMatch(/must be text/);
		},
	);
	it.each([
		['emotion', ['happy']],
		['languageBoost', { name: 'English' }],
		['soundEffect', ['robotic']],
		['pitch', []],
	])(
		'Speech → Create: an expression giving %s a non-text value is refused, not silently dropped',
		async (field, value) => {
			const result = await run(
				sim,
				{
					resource: 'speech',
					operation: 'create',
					voiceId: VOICE,
					text: 'Hello.',
					options: { ...FAST, [field]: value },
				},
				undefined,
				V2,
			);
			// Today the setting is dropped (or [] becomes 0) and the speech is paid for without it.
			expect(ops(sim, 'speech.create')).toHaveLength(0);
			expect(String(result.items[0].json.error)).toMatch(
				new RegExp(field === 'pitch' ? 'Pitch' : '.'),
			);
		},
	);
});

describe('review2: Music → Upload Reference after a lost answer', () => {
	it('an upload stored upstream whose answer was reset is not sent again (one permanent reference, not 4)', async () => {
		const mp3 = (audioMedia as unknown as { makeMp3(ms: number): Buffer }).makeMp3(8000);
		sim.setFaults({ rate: 1, kinds: ['resetAfter'], paths: ['music.uploadReference'] });
		try {
			await run(
				sim,
				{ resource: 'music', operation: 'uploadReference' },
				[
					{
						json: {},
						binary: {
							data: { data: mp3.toString('base64'), mimeType: 'audio/mpeg', fileName: 'r.mp3' },
						},
					},
				],
				V2,
			);
		} finally {
			sim.setFaults({ rate: 0, paths: undefined });
		}
		// Today withRetry sends it again after each reset: every try stores another reference.
		expect(ops(sim, 'music.uploadReference')).toHaveLength(1);
	}, 60_000);

	it('a 502 answer (nothing stored) is still sent again, up to 4 tries', async () => {
		const mp3 = (audioMedia as unknown as { makeMp3(ms: number): Buffer }).makeMp3(8000);
		sim.setFaults({ rate: 1, kinds: ['502'], paths: ['music.uploadReference'] });
		let result;
		try {
			result = await run(
				sim,
				{ resource: 'music', operation: 'uploadReference' },
				[
					{
						json: {},
						binary: {
							data: { data: mp3.toString('base64'), mimeType: 'audio/mpeg', fileName: 'r.mp3' },
						},
					},
				],
				V2,
			);
		} finally {
			sim.setFaults({ rate: 0, paths: undefined });
		}
		expect(ops(sim, 'music.uploadReference')).toHaveLength(4);
		expect(String(result.items[0].json.error)).toMatch(/502/);
	}, 60_000);
});
