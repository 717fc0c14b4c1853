'use strict';
// Simulator: the speech/music [gap] switches the Generate node is tested against (create-mp3 body,
// subtitles, scheduler listing of speech jobs) and the sample files the examples download.
const { start } = require('./test-helpers');
const { mp3Info, wavInfo } = require('./audio-media');
const { BUILT_IN } = require('./audio');

const VOICE = BUILT_IN[0].voice_id;
const LONG = '[ms=600000] ';

describe('speech [gap] shapes', () => {
	test('create-mp3: the clip record by default, the MP3 bytes with createMp3Shape "mp3"', async () => {
		for (const shape of ['record', 'mp3']) {
			const { sim, api } = await start({ createMp3Shape: shape });
			try {
				const json = { voice_id: VOICE, text: 'Short and sweet.' };
				if (shape === 'record') {
					const r = await api('POST', '/speech/create-mp3', { json });
					expect(r.status).toBe(200);
					expect(r.body).toMatchObject({ statusLabel: 'completed', statusFinal: true });
					expect(r.body.audio_url).toMatch(/\/cdn\/speech\/\d+\.mp3$/);
				} else {
					const r = await fetch(`${sim.apiUrl}/speech/create-mp3`, {
						method: 'POST',
						headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
						body: JSON.stringify(json),
					});
					expect(r.status).toBe(200);
					expect(r.headers.get('content-type')).toBe('audio/mpeg');
					expect(mp3Info(Buffer.from(await r.arrayBuffer())).frames).toBeGreaterThan(10);
				}
			} finally {
				await sim.close();
			}
		}
		await expect(require('./index').createSimulator({ createMp3Shape: 'xml' })).rejects.toThrow(
			/createMp3Shape/,
		);
	});

	test('subtitles: only with speechSubtitles, an SRT on the CDN whose cues follow the sentences', async () => {
		const { sim, api } = await start({ speechSubtitles: true });
		try {
			const r = await api('POST', '/speech/create', {
				json: { voice_id: VOICE, text: `${LONG}One. {happy}Two!{/happy} Three?` },
			});
			sim.completeJob(r.body.audioId);
			const rec = (await api('GET', `/speech/${r.body.audioId}`)).body;
			expect(rec.subtitle_url).toBe(rec.audio_url.replace(/\.mp3$/, '.srt'));
			const srt = await fetch(rec.subtitle_url);
			expect(srt.headers.get('content-type')).toBe('application/x-subrip');
			const text = await srt.text();
			expect(text).toMatch(/^1\n00:00:00,000 --> 00:00:\d\d,\d{3}\n\[ms=600000\] One\.\n/);
			expect(text).toContain('\nTwo!\n');
			expect(text).toContain('3\n');
		} finally {
			await sim.close();
		}
		const plain = await start();
		try {
			const r = await plain.api('POST', '/speech/create', {
				json: { voice_id: VOICE, text: `${LONG}One.` },
			});
			plain.sim.completeJob(r.body.audioId);
			const rec = (await plain.api('GET', `/speech/${r.body.audioId}`)).body;
			expect(rec.subtitle_url).toBeUndefined();
		} finally {
			await plain.sim.close();
		}
	});

	test('GET /scheduler lists running speech jobs with their replyRef (schedulerListsAudio), never music', async () => {
		for (const lists of [true, false]) {
			const { sim, api } = await start({ schedulerListsAudio: lists });
			try {
				const s = await api('POST', '/speech/create', {
					json: { voice_id: VOICE, text: `${LONG}Hi.`, replyRef: 'r|n8n:tag1' },
				});
				await api('POST', '/music/create', { json: { prompt: `${LONG}a song` } });
				const listed = (await api('GET', '/scheduler')).body;
				if (lists) {
					expect(listed).toEqual([
						expect.objectContaining({ audioId: s.body.audioId, replyRef: 'r|n8n:tag1' }),
					]);
				} else expect(listed).toEqual([]);
				sim.completeJob(s.body.audioId);
				expect((await api('GET', '/scheduler')).body).toEqual([]);
			} finally {
				await sim.close();
			}
		}
	});
});

describe('sample files on the media origin (examples 08, 09)', () => {
	let sim;
	beforeAll(async () => ({ sim } = await start()));
	afterAll(() => sim.close());

	test('voice samples of 12 s (WAV and MP3), a 5 s one, an 8 s reference MP3', async () => {
		const get = async (name) => {
			const r = await fetch(`${sim.cdnUrl}/cdn/sample/${name}`);
			return { type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
		};
		const wav = await get('voice-sample.wav');
		expect(wav.type).toBe('audio/wav');
		expect(wavInfo(wav.bytes).ms).toBe(12000);
		const mp3 = await get('voice-sample.mp3');
		expect(mp3.type).toBe('audio/mpeg');
		expect(Math.round(mp3Info(mp3.bytes).ms / 1000)).toBe(12);
		expect(wavInfo((await get('short-sample.wav')).bytes).ms).toBe(5000);
		expect(Math.round(mp3Info((await get('reference.mp3')).bytes).ms / 1000)).toBe(8);
		expect((await fetch(`${sim.cdnUrl}/cdn/sample/nope.wav`)).status).toBe(404);
	});
});
