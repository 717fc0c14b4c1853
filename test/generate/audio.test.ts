import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { apiLog, ops, run, startSim, until, type Sim } from './helpers';
import * as audioMedia from '../simulator/audio-media';
import * as audio from '../simulator/audio';

const media = audioMedia as unknown as {
	makeMp3(ms: number, o?: object): Buffer;
	makeWav(ms: number, o?: object): Buffer;
	mp3Info(b: Buffer): { frames: number; ms: number } | undefined;
};
const VOICE = (audio as unknown as { BUILT_IN: Array<{ voice_id: string }> }).BUILT_IN[0].voice_id;
const LONG = '[ms=600000] ';
const FAST = { pollInterval: 0.1, timeout: 1 };
const V2 = { typeVersion: 2 };

const speechParams = (text: string, options: IDataObject = {}, extra: IDataObject = {}) => ({
	resource: 'speech',
	operation: 'create',
	voiceId: VOICE,
	text,
	options: { ...FAST, ...options },
	...extra,
});
const songParams = (prompt: string, options: IDataObject = {}) => ({
	resource: 'music',
	operation: 'create',
	musicPrompt: prompt,
	options: { ...FAST, ...options },
});
const items = (n: number): INodeExecutionData[] => Array.from({ length: n }, () => ({ json: {} }));
const bytesOf = (item: INodeExecutionData, key = 'data') =>
	Buffer.from(String(item.binary?.[key]?.data ?? ''), 'base64');
const created = (sim: Sim, op: string) =>
	ops(sim, op).filter((e) => Number(e.status) >= 200 && Number(e.status) < 300);
const jobsOf = (sim: Sim, kind: string) =>
	[...sim.jobs.values()].filter((j) => j.kind === kind) as Array<IDataObject & { id: string }>;
/** Ends every running job of a kind (tests drive the clock instead of sleeping). */
const completeAll = (sim: Sim, kind: string) =>
	jobsOf(sim, kind)
		.filter((j) => !j.final)
		.forEach((j) => sim.completeJob(j.id));

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ jobMs: 300 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.reset();
	sim.setFaults({ rate: 0, paths: undefined });
	Object.assign(sim.options, {
		speechSubtitles: false,
		musicCreateShape: 'object',
		schedulerListsAudio: true,
		createMp3Shape: 'record',
		cloneRefusalStatus: 400,
	});
	(sim as unknown as { state: IDataObject }).state.speechSubtitles = false;
	sim.setAccount('987654321', {
		supportAudio: true,
		audioOutOfCredits: false,
		speechSlots: 3,
		cloneSlots: 3,
		equityTotal: undefined,
	});
	(sim as unknown as { state: { clones?: Map<string, unknown> } }).state.clones?.clear();
});

describe('Speech → Create', () => {
	it('sends every field, answers 201, waits and downloads the MP3', async () => {
		const result = await run(
			sim,
			speechParams(
				'{happy}Hello there!{/happy} (chuckle) <#0.5#> Bye.',
				{
					emotion: 'sad',
					speed: 1.5,
					pitch: -2,
					volume: 2,
					languageBoost: 'English',
					deepenLighten: -10,
					strongerSofter: 20,
					nasalCrisp: 30,
					soundEffect: 'robotic',
					replyRef: 'ep-1',
				},
				{ speechModel: 'speech-2.8-turbo' },
			),
			undefined,
			V2,
		);
		expect(result.error).toBeUndefined();
		const [create] = ops(sim, 'speech.create');
		expect(create.status).toBe(201);
		expect(create.body).toMatchObject({
			model: 'speech-2.8-turbo',
			voice_id: VOICE,
			emotion: 'sad',
			speed: 1.5,
			pitch: -2,
			vol: 2,
			language_boost: 'English',
			deepen_lighten: -10,
			stronger_softer: 20,
			nasal_crisp: 30,
			robotic: true,
			account: '987654321',
		});
		expect(String((create.body as IDataObject).replyRef)).toMatch(/^ep-1\|n8n:/);
		const item = result.items[0];
		expect(item.json).toMatchObject({
			kind: 'speech',
			status: 'completed',
			model: 'speech-2.8-turbo',
			voiceId: VOICE,
			replyRef: 'ep-1',
			account: '987654321',
		});
		expect(String(item.json.audioId)).toMatch(/-audio:\d+$/);
		expect(item.binary?.data.mimeType).toBe('audio/mpeg');
		expect(item.binary?.data.fileName).toMatch(/\.mp3$/);
		expect(media.mp3Info(bytesOf(item))?.frames).toBeGreaterThan(10);
		expect(item.binary?.data_1).toBeUndefined();
	});

	it('[gap] subtitles: an SRT linked from the record becomes a second binary and subtitleUrl', async () => {
		(sim as unknown as { state: IDataObject }).state.speechSubtitles = true;
		const result = await run(sim, speechParams('One sentence. Two sentences.'), undefined, V2);
		const item = result.items[0];
		expect(String(item.json.subtitleUrl)).toMatch(/\.srt$/);
		expect(item.binary?.data_1.mimeType).toBe('application/x-subrip');
		expect(bytesOf(item, 'data_1').toString()).toMatch(/^1\n00:00:00,000 --> .*\nOne sentence\.\n/);
	});

	it('checks the text length per model before any call', async () => {
		const result = await run(sim, speechParams('a'.repeat(5001)), undefined, {
			...V2,
			continueOnFail: true,
		});
		expect(String(result.items[0].json.error)).toMatch(
			/5001 characters; model speech-2.8-hd takes at most 5000/,
		);
		expect(apiLog(sim)).toHaveLength(0);
		// The same text fits a turbo model.
		const turbo = await run(
			sim,
			speechParams('a'.repeat(5001), {}, { speechModel: 'speech-2.8-turbo' }),
			undefined,
			V2,
		);
		expect(turbo.items[0].json.status).toBe('completed');
	});

	it('runs a batch on the audio accounts only, at most 3 speech jobs per account, no 429', async () => {
		sim.setAccount('111111111', { maxJobs: 1, supportAudio: true });
		sim.setAccount('222222222', { maxJobs: 1, supportAudio: false });
		try {
			const pending = run(sim, speechParams(`${LONG}batch`), items(7), V2);
			await until(() => jobsOf(sim, 'speech').length === 6);
			// 3 per audio account; the account without MiniMax Audio got none.
			const per = (a: string) => jobsOf(sim, 'speech').filter((j) => j.account === a).length;
			expect([per('987654321'), per('111111111'), per('222222222')]).toEqual([3, 3, 0]);
			completeAll(sim, 'speech');
			await until(() => jobsOf(sim, 'speech').length === 7);
			completeAll(sim, 'speech');
			const result = await pending;
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.pairedItem)).toEqual(
				[0, 1, 2, 3, 4, 5, 6].map((item) => ({ item })),
			);
			expect(result.items.every((i) => i.json.status === 'completed' && i.binary?.data)).toBe(true);
			expect(sim.stats().rejected[429]).toBeUndefined();
			expect(sim.stats().duplicateCreates).toBe(0);
		} finally {
			sim.reset();
			(sim as unknown as { state: { accounts: Map<string, unknown> } }).state.accounts.delete(
				'111111111',
			);
			(sim as unknown as { state: { accounts: Map<string, unknown> } }).state.accounts.delete(
				'222222222',
			);
		}
	});

	it('429 (MiniMax allows fewer speech jobs): waits for one of ours, then submits, never twice', async () => {
		sim.setAccount('987654321', { speechSlots: 1 });
		const pending = run(sim, speechParams(`${LONG}busy`), items(2), V2);
		await until(() => (sim.stats().rejected[429] ?? 0) >= 1);
		expect(jobsOf(sim, 'speech')).toHaveLength(1);
		completeAll(sim, 'speech');
		await until(() => jobsOf(sim, 'speech').length === 2);
		completeAll(sim, 'speech');
		const result = await pending;
		expect(result.items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		expect(created(sim, 'speech.create')).toHaveLength(2);
	});

	it('412: "no MiniMax Audio credit"; unpinned items move to another account, pinned ones fail', async () => {
		sim.setAccount('333333333', { maxJobs: 1, supportAudio: true });
		sim.setAccount('987654321', { audioOutOfCredits: true });
		try {
			const moved = await run(sim, speechParams('move me'), items(2), V2);
			expect(moved.items.map((i) => i.json.account)).toEqual(['333333333', '333333333']);
			// One create proved the account empty; nothing more went there.
			expect(ops(sim, 'speech.create').filter((e) => e.account === '987654321')).toHaveLength(1);
			sim.reset();
			const pinned = await run(sim, speechParams('stay', { account: '987654321' }), undefined, {
				...V2,
				continueOnFail: true,
			});
			expect(String(pinned.items[0].json.error)).toMatch(
				/^Account 987654321 has no MiniMax Audio credit \(412\)/,
			);
			expect(String(pinned.items[0].json.description)).toMatch(/MiniMax Audio plan/);
		} finally {
			sim.reset();
			(sim as unknown as { state: { accounts: Map<string, unknown> } }).state.accounts.delete(
				'333333333',
			);
		}
	});

	it('ambiguous create: adopted by its replyRef tag from GET /scheduler, not sent again', async () => {
		sim.setFaults({ rate: 1, kinds: ['resetAfter'], paths: ['speech.create'] });
		const pending = run(sim, speechParams(`${LONG}lost answer`), undefined, V2);
		await until(() => jobsOf(sim, 'speech').length === 1);
		await until(() => ops(sim, 'scheduler.list').length >= 1);
		sim.setFaults({ rate: 0 });
		completeAll(sim, 'speech');
		const result = await pending;
		expect(result.items[0].json.status).toBe('completed');
		expect(ops(sim, 'speech.create')).toHaveLength(1);
		expect(result.items[0].json.audioId).toBe(jobsOf(sim, 'speech')[0].id);
	});

	it('ambiguous create that no listing can show: fails naming the tag, never resent', async () => {
		sim.options.schedulerListsAudio = false;
		sim.setFaults({ rate: 1, kinds: ['resetAfter'], paths: ['speech.create'] });
		const result = await run(sim, speechParams('lost again'), undefined, {
			...V2,
			continueOnFail: true,
		});
		expect(String(result.items[0].json.error)).toMatch(/may have been created.*no second paid job/);
		expect(String(result.items[0].json.description)).toMatch(/n8n:/);
		expect(ops(sim, 'speech.create')).toHaveLength(1);
	});

	it('Stop: ends the wait at once, no second create, no download', async () => {
		let stop: () => void = () => {};
		const pending = run(sim, speechParams(`${LONG}stop me`), undefined, {
			...V2,
			onStart: (cancel) => (stop = cancel),
		});
		await until(() => created(sim, 'speech.create').length === 1);
		stop();
		const result = await pending;
		expect(result.canceled).toBe(true);
		// No second create, no download of a job that never finished.
		expect(created(sim, 'speech.create')).toHaveLength(1);
		expect(ops(sim, 'cdn.speech')).toHaveLength(0);
	});

	it('a failed speech job is an error, or a status item with Return Item', async () => {
		const failed = await run(sim, speechParams('[fail] nope'), undefined, {
			...V2,
			continueOnFail: true,
		});
		expect(String(failed.items[0].json.error)).toMatch(/^The speech failed/);
		const returned = await run(
			sim,
			speechParams('[fail] nope', { onFailure: 'returnItem' }),
			undefined,
			V2,
		);
		expect(returned.items[0].json).toMatchObject({ status: 'failed', kind: 'speech' });
		expect(returned.items[0].binary).toBeUndefined();
	});
});

describe('Speech → Create MP3', () => {
	it('one call, the MP3 straight to binary, no replyRef sent', async () => {
		const result = await run(
			sim,
			{ resource: 'speech', operation: 'createMp3', voiceId: VOICE, text: 'Quick one.' },
			undefined,
			V2,
		);
		expect(result.error).toBeUndefined();
		expect(ops(sim, 'speech.createMp3')).toHaveLength(1);
		expect((ops(sim, 'speech.createMp3')[0].body as IDataObject).replyRef).toBeUndefined();
		expect(ops(sim, 'speech.get')).toHaveLength(0);
		expect(result.items[0].json.status).toBe('completed');
		expect(media.mp3Info(bytesOf(result.items[0]))?.frames).toBeGreaterThan(10);
	});

	it('refuses more than 3,000 characters before any call, whatever the model', async () => {
		const result = await run(
			sim,
			{
				resource: 'speech',
				operation: 'createMp3',
				speechModel: 'speech-2.8-turbo',
				voiceId: VOICE,
				text: 'x'.repeat(3001),
			},
			undefined,
			{ ...V2, continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toMatch(/Create MP3 takes at most 3000/);
		expect(apiLog(sim)).toHaveLength(0);
	});
});

describe('Music → Create', () => {
	it.each(['object', 'array'])('[gap] %s answer: waits and downloads the song', async (shape) => {
		sim.options.musicCreateShape = shape;
		const result = await run(
			sim,
			songParams('a calm lo-fi beat', { lyrics: '[Verse]\nla la', title: 'Night Owl' }),
			undefined,
			V2,
		);
		expect(result.error).toBeUndefined();
		const [create] = ops(sim, 'music.create');
		expect(create.status).toBe(201);
		expect(create.body).toMatchObject({
			prompt: 'a calm lo-fi beat',
			lyrics: '[Verse]\nla la',
			title: 'Night Owl',
		});
		const item = result.items[0];
		expect(item.json).toMatchObject({
			kind: 'music',
			status: 'completed',
			title: 'Night Owl',
			typeLabel: 'song',
		});
		expect(String(item.json.musicId)).toMatch(/-music:\d+$/);
		expect(item.json.durationSeconds).toBeGreaterThan(2);
		expect(media.mp3Info(bytesOf(item))?.frames).toBeGreaterThan(10);
	});

	it('one song per account at a time, without provoking a 429', async () => {
		const pending = run(sim, songParams(`${LONG}two songs`), items(2), V2);
		await until(() => jobsOf(sim, 'music').length === 1);
		await until(() => ops(sim, 'music.get').length >= 2);
		expect(jobsOf(sim, 'music')).toHaveLength(1);
		completeAll(sim, 'music');
		await until(() => jobsOf(sim, 'music').length === 2);
		completeAll(sim, 'music');
		const result = await pending;
		expect(result.items.map((i) => i.json.status)).toEqual(['completed', 'completed']);
		expect(sim.stats().rejected[429]).toBeUndefined();
	});

	it('instrumental is sent as true; a song already rendering (429) is waited for', async () => {
		// A song started elsewhere (minimax.io) holds the account.
		const other = await fetch(`${sim.url}/v1/minimax/music/create`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ prompt: `${LONG}someone else` }),
		});
		const otherId = ((await other.json()) as IDataObject).musicId as string;
		const pending = run(sim, songParams('drums only', { instrumental: true }), undefined, V2);
		await until(() => (sim.stats().rejected[429] ?? 0) >= 1);
		sim.completeJob(otherId);
		const result = await pending;
		expect(result.items[0].json.status).toBe('completed');
		expect(created(sim, 'music.create').map((e) => (e.body as IDataObject).instrumental)).toEqual([
			undefined,
			true,
		]);
	});

	it('ambiguous create: the new song on the account is named, nothing is sent again', async () => {
		sim.setFaults({ rate: 1, kinds: ['resetAfter'], paths: ['music.create'] });
		const result = await run(sim, songParams(`${LONG}lost song`), undefined, {
			...V2,
			continueOnFail: true,
		});
		const id = jobsOf(sim, 'music')[0].id;
		expect(String(result.items[0].json.error)).toMatch(/song may have been created/);
		expect(String(result.items[0].json.description)).toContain(id);
		expect(ops(sim, 'music.create')).toHaveLength(1);
	});

	it('412 on the only account: the music wording, one create', async () => {
		sim.setAccount('987654321', { audioOutOfCredits: true });
		const result = await run(sim, songParams('no credit'), undefined, {
			...V2,
			continueOnFail: true,
		});
		expect(String(result.items[0].json.error)).toMatch(/no MiniMax Audio credit \(412\)/);
		expect(ops(sim, 'music.create')).toHaveLength(1);
	});
});

describe('Music → Upload Reference, then a cover', () => {
	it('uploads the raw MP3 with its type, then covers it on that account', async () => {
		const mp3 = media.makeMp3(8000, { kbps: 128 });
		const upload = await run(
			sim,
			{ resource: 'music', operation: 'uploadReference', options: { name: 'My Ref' } },
			[
				{
					json: {},
					binary: {
						data: { data: mp3.toString('base64'), mimeType: 'audio/mpeg', fileName: 'ref.mp3' },
					},
				},
			],
			V2,
		);
		expect(upload.error).toBeUndefined();
		const [call] = ops(sim, 'music.uploadReference');
		expect(call.body).toMatchObject({ bytes: mp3.length, contentType: 'audio/mpeg' });
		const ref = upload.items[0].json;
		expect(ref).toMatchObject({ title: 'My Ref', typeLabel: 'reference', account: '987654321' });
		expect(ref.durationSeconds).toBe(8);
		const cover = await run(sim, songParams('', { referenceMusicId: ref.musicId }), undefined, V2);
		expect(cover.items[0].json).toMatchObject({
			status: 'completed',
			referenceMusicId: ref.musicId,
		});
		expect(ops(sim, 'music.create')[0].body).toMatchObject({
			referenceMusicId: ref.musicId,
			account: '987654321',
		});
	});

	it('refuses a binary that is not MP3 or WAV before any call', async () => {
		const result = await run(
			sim,
			{ resource: 'music', operation: 'uploadReference' },
			[{ json: {}, binary: { data: { data: 'aGk=', mimeType: 'text/plain', fileName: 'x.txt' } } }],
			{ ...V2, continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toMatch(
			/text\/plain; a reference must be MP3 or WAV/,
		);
		expect(apiLog(sim)).toHaveLength(0);
	});
});

describe('Voice → Clone', () => {
	const wavItem = (ms: number): INodeExecutionData => ({
		json: {},
		binary: {
			data: {
				data: media.makeWav(ms).toString('base64'),
				mimeType: 'audio/wav',
				fileName: 's.wav',
			},
		},
	});
	const cloneParams = {
		resource: 'voice',
		operation: 'clone',
		voiceName: 'Narrator',
		languageTag: 'English',
	};

	it('checks the quota, uploads the raw sample with its MIME type, clones; the voice then speaks', async () => {
		const result = await run(sim, cloneParams, [wavItem(12000)], V2);
		expect(result.error).toBeUndefined();
		expect(apiLog(sim).map((e) => e.op)).toEqual([
			'accounts.list',
			'speech.voiceQuota',
			'speech.uploadSample',
			'speech.cloneVoice',
		]);
		expect(ops(sim, 'speech.uploadSample')[0].body).toMatchObject({ contentType: 'audio/wav' });
		const voice = result.items[0].json;
		expect(voice).toMatchObject({
			voiceName: 'Narrator',
			account: '987654321',
			clonesUsed: 1,
			cloneSlots: 3,
		});
		expect(String(voice.voiceId)).toMatch(/-voice:/);
		const speech = await run(
			sim,
			speechParams('In my own voice.', {}, { voiceId: voice.voiceId }),
			undefined,
			V2,
		);
		expect(speech.items[0].json).toMatchObject({ status: 'completed', voiceId: voice.voiceId });
	});

	it('no free slot: a clear error, nothing uploaded', async () => {
		sim.setAccount('987654321', { cloneSlots: 0 });
		const result = await run(sim, cloneParams, [wavItem(12000)], { ...V2, continueOnFail: true });
		expect(String(result.items[0].json.error)).toBe(
			'No free voice clone slot: 987654321 (0 of 0 used)',
		);
		expect(ops(sim, 'speech.uploadSample')).toHaveLength(0);
		expect(ops(sim, 'speech.cloneVoice')).toHaveLength(0);
	});

	it.each([400, 429, 200])(
		'[gap] refusal 2600010 as %s (quota said free): a clear error',
		async (status) => {
			sim.options.cloneRefusalStatus = status;
			sim.setAccount('987654321', { cloneSlots: 0, equityTotal: 5 });
			const result = await run(sim, cloneParams, [wavItem(12000)], { ...V2, continueOnFail: true });
			expect(String(result.items[0].json.error)).toMatch(
				/^No free voice clone slot: 987654321 \(refused with MiniMax error 2600010\)/,
			);
			expect(ops(sim, 'speech.cloneVoice')).toHaveLength(1);
		},
	);

	it('a 5 s sample, a wrong format or a missing binary: refused before any call', async () => {
		const cases: INodeExecutionData[] = [
			wavItem(5000),
			{
				json: {},
				binary: {
					data: {
						data: media.makeWav(12000).toString('base64'),
						mimeType: 'audio/mpeg',
						fileName: 'x.mp3',
					},
				},
			},
			{ json: {} },
		];
		const result = await run(sim, cloneParams, cases, { ...V2, continueOnFail: true });
		const errors = result.items.map((i) => String(i.json.error));
		expect(errors[0]).toMatch(/5\.0 s long; voice samples must be 10 to 60 seconds/);
		expect(errors[1]).toMatch(/not a readable MP3/);
		expect(errors[2]).toMatch(/no binary field "data"/);
		expect(apiLog(sim)).toHaveLength(0);
	});
});

describe('speech and music: more shapes and versions', () => {
	it('version 1 nodes read the voice settings from Speech Options', async () => {
		const result = await run(sim, {
			resource: 'speech',
			operation: 'create',
			voiceId: VOICE,
			text: 'Old layout.',
			speechOptions: { emotion: 'happy', pitch: 3 },
			waitOptions: FAST,
		});
		expect(result.error).toBeUndefined();
		expect(ops(sim, 'speech.create')[0].body).toMatchObject({ emotion: 'happy', pitch: 3 });
		expect(result.items[0].json).toMatchObject({ outcome: 'completed', kind: 'speech' });
	});

	it('[gap] Create MP3 answered with the MP3 bytes: a clear error, not a second call', async () => {
		sim.options.createMp3Shape = 'mp3';
		const result = await run(
			sim,
			{ resource: 'speech', operation: 'createMp3', voiceId: VOICE, text: 'Bytes back.' },
			undefined,
			{ ...V2, continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toMatch(
			/accepted the speech but its ID could not be found/,
		);
		expect(ops(sim, 'speech.createMp3')).toHaveLength(1);
	});

	it('Voice → Clone from File IDs: no upload, the samples go to clone-voice on their account', async () => {
		const up = await fetch(`${sim.url}/v1/minimax/speech/upload-sample?account=987654321`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'audio/wav' },
			body: media.makeWav(15000),
		});
		const fileID = ((await up.json()) as IDataObject).fileID as string;
		sim.log.length = 0;
		const result = await run(
			sim,
			{
				resource: 'voice',
				operation: 'clone',
				sampleSource: 'fileId',
				sampleFileIds: ` ${fileID} `,
				voiceName: 'From Files',
				languageTag: 'English',
				options: { noiseReduction: false },
			},
			undefined,
			V2,
		);
		expect(result.error).toBeUndefined();
		expect(ops(sim, 'speech.uploadSample')).toHaveLength(0);
		expect(ops(sim, 'speech.cloneVoice')[0].body).toMatchObject({
			files: fileID,
			need_noise_reduction: false,
			account: '987654321',
		});
		expect(result.items[0].json).toMatchObject({ voiceName: 'From Files', fileIds: [fileID] });
	});

	it("a cover's reference names its account: another fixed Account is refused before any call", async () => {
		const result = await run(
			sim,
			songParams('cover', {
				referenceMusicId: 'user:1234-minimax:111111111-music:123456',
				account: '987654321',
			}),
			undefined,
			{ ...V2, continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toMatch(
			/belongs to account 111111111, but "Account" is 987654321/,
		);
		expect(apiLog(sim)).toHaveLength(0);
	});

	it('[gap] word timings in the record are passed on', async () => {
		const { summarize } = (await import('../../nodes/MinimaxGenerate/actions/audioJobs'))
			.SPEECH_JOBS;
		const words = [{ word: 'Hi', start: 0, end: 300 }];
		expect(
			summarize({ audio_id: 'x', statusFinal: true, statusLabel: 'completed', words }),
		).toMatchObject({
			wordTimings: words,
			status: 'completed',
			outcome: 'completed',
		});
	});
});

describe('speech and music under injected faults', () => {
	it('music: a create stored upstream whose answer was lost is not sent again; its song is named', async () => {
		sim.setFaults({ rate: 1, kinds: ['resetAfter'], paths: ['music.create'] });
		const result = await run(sim, songParams('lost answer'), items(1), {
			...V2,
			continueOnFail: true,
		});
		sim.setFaults({ rate: 0 });
		expect(ops(sim, 'music.create')).toHaveLength(1);
		const [song] = jobsOf(sim, 'music');
		const json = JSON.stringify(result.items[0].json);
		expect(json).toMatch(/song may have been created/);
		expect(json).toContain(song.id);
		expect(json).toMatch(/account 987654321/);
	});

	it.each([
		['speech', 'speech.create'],
		['music', 'music.create'],
	])(
		'%s: every item ends completed or named as "may have been created", never a duplicate job',
		async (kind, op) => {
			sim.setFaults({
				rate: 0.35,
				seed: 7,
				paths: [op, `${kind}.get`, 'scheduler.list', 'music.list'],
			});
			const params = kind === 'speech' ? speechParams('faults') : songParams('faults');
			const result = await run(sim, params, items(5), { ...V2, continueOnFail: true });
			sim.setFaults({ rate: 0 });
			expect(result.items).toHaveLength(5);
			expect(sim.stats().duplicateCreates).toBe(0);
			const done = result.items.filter((i) => i.json.status === 'completed');
			const unproven = result.items.filter((i) =>
				/may have been created/.test(String(i.json.error)),
			);
			expect(done.length + unproven.length).toBe(5);
			// A create stored upstream whose answer was lost is never sent again: for songs (no tag to
			// adopt) each such item ends named, with the account to look in.
			const lost = apiLog(sim).filter((e) => e.op === op && e.fault === 'resetAfter').length;
			if (kind === 'music') expect(unproven.length).toBeGreaterThanOrEqual(lost);
			for (const item of unproven) expect(JSON.stringify(item.json)).toMatch(/account:? \d+/i);
			// Each accepted create is one item's job: completed, or named in that item's error.
			expect(jobsOf(sim, kind).length).toBeGreaterThanOrEqual(done.length);
			expect(jobsOf(sim, kind).length).toBeLessThanOrEqual(5);
			expect(new Set(done.map((i) => i.json[kind === 'speech' ? 'audioId' : 'musicId'])).size).toBe(
				done.length,
			);
		},
	);
});
