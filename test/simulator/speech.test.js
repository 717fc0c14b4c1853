'use strict';
// Simulator: /speech/* as strict as https://useapi.net/docs/api-minimax-v1/post-minimax-speech-create and the other speech pages. Jobs run "forever" ([ms=…]) and the
// tests end them with sim.completeJob(), so no step depends on timing.
const { start, receiver, waitFor } = require('./test-helpers');
const { makeWav, makeMp3, mp3Info } = require('./audio-media');
const { BUILT_IN } = require('./audio');

const VOICE = BUILT_IN[0].voice_id;
const LONG = '[ms=600000] ';

describe('speech: create, poll, download, list, delete', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start()));
	afterAll(() => sim.close());
	afterEach(() => sim.reset());

	const create = (json) => api('POST', '/speech/create', { json: { voice_id: VOICE, ...json } });

	test('201 with only audioId; running GET shows labels only; completed GET is the recording; MP3 on the CDN origin', async () => {
		const r = await create({
			text: `${LONG}Hello there.`,
			model: 'speech-2.8-turbo',
			emotion: 'happy',
			speed: 1.2,
			pitch: -3,
			vol: 2,
		});
		expect(r.status).toBe(201);
		expect(Object.keys(r.body)).toEqual(['audioId']);
		expect(r.body.audioId).toMatch(/^user:1234-minimax:987654321-audio:\d{18}$/);
		const running = await api('GET', `/speech/${r.body.audioId}`);
		expect(running.body).toEqual({ statusLabel: 'pending', statusFinal: false });
		sim.completeJob(r.body.audioId);
		const done = (await api('GET', `/speech/${r.body.audioId}`)).body;
		expect(done).toMatchObject({
			audio_id: r.body.audioId,
			statusLabel: 'completed',
			statusFinal: true,
			model: 'speech-2.8-turbo',
			emotion: 'happy',
			speed: 1.2,
			pitch: -3,
			voice_info: { voice_id: VOICE, parent_voice_id: '0' },
		});
		// Billing: turbo 0.6 credit per character.
		expect(done.cost_credit).toBe(Math.ceil(`${LONG}Hello there.`.length * 0.6));
		expect(done.audio_url.startsWith(`${sim.cdnUrl}/cdn/speech/`)).toBe(true);
		const mp3 = await fetch(done.audio_url);
		expect(mp3.status).toBe(200);
		expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
		const info = mp3Info(Buffer.from(await mp3.arrayBuffer()));
		expect(info.frames).toBeGreaterThan(30);
		expect((await fetch(`${sim.url}${new URL(done.audio_url).pathname}`)).status).not.toBe(200);
	});

	test('failed job: statusLabel failed with code and error; nothing to download or delete', async () => {
		const r = await create({ text: `${LONG}[fail] no luck` });
		sim.completeJob(r.body.audioId);
		const failed = (await api('GET', `/speech/${r.body.audioId}`)).body;
		expect(failed).toEqual({
			audio_id: r.body.audioId,
			statusLabel: 'failed',
			statusFinal: true,
			code: 500,
			error: 'Speech generation failed',
		});
		const del = await api('DELETE', `/speech/${r.body.audioId}`);
		expect(del.status).toBe(400);
		expect(del.body).toEqual({
			error: 'Nothing was generated for this audioId, so there is nothing to delete',
		});
	});

	test('delete: running → 400 naming the scheduler cancel; completed → 200 empty, then 404 and gone from the list; unknown → 200', async () => {
		const r = await create({ text: `${LONG}delete me` });
		const running = await api('DELETE', `/speech/${r.body.audioId}`);
		expect(running.status).toBe(400);
		expect(running.body.error).toBe(
			`Generation is still running. Cancel it with DELETE /v1/minimax/scheduler/${r.body.audioId}`,
		);
		sim.completeJob(r.body.audioId);
		const ok = await api('DELETE', `/speech/${r.body.audioId}`);
		expect([ok.status, ok.text]).toEqual([200, '']);
		expect((await api('GET', `/speech/${r.body.audioId}`)).status).toBe(404);
		expect((await api('GET', '/speech')).body.audio_list).toEqual([]);
		expect(
			(await api('DELETE', '/speech/user:1234-minimax:987654321-audio:123456789012345678')).status,
		).toBe(200);
		expect(
			(await api('GET', '/speech/user:1234-minimax:987654321-video:123456789012345678')).status,
		).toBe(400);
	});

	test('list: newest first, page/page_size, total and has_more, documented fields only (user_id a string)', async () => {
		const ids = [];
		for (let i = 0; i < 5; i++) {
			ids.push((await create({ text: `line ${i}` })).body.audioId);
			sim.completeJob(ids[i]);
		}
		const first = (await api('GET', '/speech?page=1&page_size=2')).body;
		expect(first.total).toBe(5);
		expect(first.has_more).toBe(true);
		expect(first.audio_list.map((a) => a.audio_id)).toEqual([ids[4], ids[3]]);
		expect(Object.keys(first.audio_list[0]).sort()).toEqual([
			'audio_id',
			'audio_review',
			'audio_title',
			'audio_url',
			'update_time',
			'user_id',
		]);
		expect(first.audio_list[0].user_id).toBe('987654321');
		const last = (await api('GET', '/speech?page=3&page_size=2')).body;
		expect(last.audio_list.map((a) => a.audio_id)).toEqual([ids[0]]);
		expect(last.has_more).toBe(false);
		expect((await api('GET', '/speech?page_size=abc')).status).toBe(400);
		expect((await api('GET', '/speech?pageSize=2')).status).toBe(400);
	});

	test('create-mp3: synchronous 200 with the finished clip; 3,000 characters at most', async () => {
		const r = await api('POST', '/speech/create-mp3', {
			json: { text: 'Short line.', voice_id: VOICE },
		});
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			audio_id: expect.stringMatching(/-audio:\d+$/),
			audio_url: expect.stringContaining('/cdn/speech/'),
			statusLabel: 'completed',
			statusFinal: true,
		});
		expect(mp3Info(Buffer.from(await (await fetch(r.body.audio_url)).arrayBuffer()))).toBeDefined();
		const long = await api('POST', '/speech/create-mp3', {
			json: { text: 'x'.repeat(3001), voice_id: VOICE },
		});
		expect(long.status).toBe(400);
		expect(long.body.error).toMatch(/3000 characters/);
	});

	test('Scheduler: DELETE /scheduler/{audioId} cancels a running job (→ failed); available[] has executingAudio', async () => {
		const r = await create({ text: `${LONG}cancel me` });
		const cap = (await api('GET', '/scheduler/available')).body.available[0];
		expect(cap.executingAudio).toBe(1);
		expect((await api('DELETE', `/scheduler/${r.body.audioId}`)).status).toBe(204);
		expect((await api('GET', `/speech/${r.body.audioId}`)).body).toMatchObject({
			statusLabel: 'failed',
			statusFinal: true,
			code: 499,
		});
	});
});

describe('speech: the request is checked like the reference says', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start()));
	afterAll(() => sim.close());
	afterEach(() => sim.reset());

	test.each([
		['unknown field', { text: 'hi', voice_id: VOICE, voice: 'x' }, /Unknown parameter voice/],
		[
			'speed as a string',
			{ text: 'hi', voice_id: VOICE, speed: '1.5' },
			/speed .* must be a number/,
		],
		[
			'speed out of range',
			{ text: 'hi', voice_id: VOICE, speed: 2.5 },
			/speed \(2.5\) must be between 0.5 and 2/,
		],
		[
			'pitch not an integer',
			{ text: 'hi', voice_id: VOICE, pitch: 1.5 },
			/pitch .* must be an integer/,
		],
		[
			'unknown emotion',
			{ text: 'hi', voice_id: VOICE, emotion: 'joyful' },
			/emotion .* is not one of/,
		],
		['unknown model', { text: 'hi', voice_id: VOICE, model: 'speech-3' }, /model .* is not one of/],
		[
			'voice effect out of range',
			{ text: 'hi', voice_id: VOICE, deepen_lighten: 101 },
			/deepen_lighten/,
		],
		[
			'voice effect not boolean',
			{ text: 'hi', voice_id: VOICE, robotic: 'true' },
			/robotic .* JSON boolean/,
		],
		['null field', { text: 'hi', voice_id: VOICE, emotion: null }, /emotion is null/],
		['no text', { voice_id: VOICE }, /text is required/],
		['no voice', { text: 'hi' }, /voice_id is required/],
		['unknown voice', { text: 'hi', voice_id: '123' }, /not a voice of account 987654321/],
		[
			'hd text over 5,000',
			{ text: 'x'.repeat(5001), voice_id: VOICE },
			/too long for speech-2.8-hd \(5001 > 5000/,
		],
		[
			'turbo text over 10,000',
			{ text: 'x'.repeat(10001), voice_id: VOICE, model: 'speech-2.8-turbo' },
			/10000/,
		],
		[
			'16 emotion spans',
			{ text: '{happy}a{/happy}'.repeat(16), voice_id: VOICE },
			/16 emotion spans; at most 15/,
		],
		[
			'unknown emotion span',
			{ text: '{joyful}a{/joyful}', voice_id: VOICE },
			/unknown emotion span/,
		],
		['pause over 99.99 s', { text: 'wait <#100#> now', voice_id: VOICE }, /pause <#100#>/],
		['vol under 1', { text: 'hi', voice_id: VOICE, vol: 0.5 }, /vol \(0.5\) must be 1 or more/],
		[
			'unknown language_boost',
			{ text: 'hi', voice_id: VOICE, language_boost: 'Klingon' },
			/language_boost/,
		],
		['stream mode', { text: 'hi', voice_id: VOICE, stream: true }, /streaming is not simulated/],
		[
			'replyUrl over 1,024',
			{ text: 'hi', voice_id: VOICE, replyUrl: `https://x/${'a'.repeat(1020)}` },
			/replyUrl is too long/,
		],
	])('400: %s', async (_name, json, message) => {
		const r = await api('POST', '/speech/create', { json });
		expect(r.status).toBe(400);
		expect(r.body.code).toBe(400);
		expect(r.body.error).toMatch(message);
		expect(sim.stats().creates.speech || 0).toBe(0);
	});

	test('turbo takes 10,000 characters; markup within limits is fine; multipart carries numbers as text', async () => {
		expect(
			(
				await api('POST', '/speech/create', {
					json: { text: 'x'.repeat(10000), voice_id: VOICE, model: 'speech-2.8-turbo' },
				})
			).status,
		).toBe(201);
		const marked = `${'{happy}a{/happy}'.repeat(15)} (chuckle) <#0.5#> <#99.99#>`;
		expect(
			(
				await api('POST', '/speech/create', {
					json: { text: marked, voice_id: VOICE, language_boost: 'English' },
				})
			).status,
		).toBe(201);
		const form = new FormData();
		form.append('text', 'multipart');
		form.append('voice_id', VOICE);
		form.append('speed', '1.5');
		const res = await fetch(`${sim.apiUrl}/speech/create`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim.token}` },
			body: form,
		});
		expect(res.status).toBe(201);
		const plain = await api('POST', '/speech/create', {
			body: 'text=hi',
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(plain.status).toBe(400);
	});

	test('gates: no Audio plan 412, no audio credit 412, 3 running 429, on hold 596, [moderate] 422', async () => {
		sim.setAccount('987654321', { supportAudio: false });
		let r = await api('POST', '/speech/create', { json: { text: 'hi', voice_id: VOICE } });
		expect([r.status, r.body]).toEqual([
			412,
			{ error: 'Account has no audio subscription', code: 412 },
		]);
		sim.setAccount('987654321', { supportAudio: true, audioOutOfCredits: true });
		r = await api('POST', '/speech/create', { json: { text: 'hi', voice_id: VOICE } });
		expect([r.status, r.body.error]).toEqual([412, 'Insufficient credits']);
		sim.setAccount('987654321', { audioOutOfCredits: false });
		for (let i = 0; i < 3; i++)
			expect(
				(await api('POST', '/speech/create', { json: { text: `${LONG}${i}`, voice_id: VOICE } }))
					.status,
			).toBe(201);
		r = await api('POST', '/speech/create', { json: { text: 'fourth', voice_id: VOICE } });
		expect([r.status, r.body]).toEqual([429, { error: 'Too many speech generations', code: 429 }]);
		r = await api('POST', '/speech/create', {
			json: { text: '[moderate] x', voice_id: VOICE, model: 'speech-2.8-hd' },
		});
		expect(r.status).toBe(429);
		expect(sim.stats().creates.speech).toBe(3);
		sim.reset();
		expect(
			(await api('POST', '/speech/create', { json: { text: '[moderate] x', voice_id: VOICE } }))
				.status,
		).toBe(422);
		sim.setAccount('987654321', { onHold: true });
		expect(
			(await api('POST', '/speech/create', { json: { text: 'hi', voice_id: VOICE } })).status,
		).toBe(596);
		expect((await api('GET', '/speech/config')).status).toBe(596);
		sim.setAccount('987654321', { onHold: false });
		const account = (await api('GET', '/accounts/987654321')).body;
		expect(account.supportAudio).toBe(true);
	});

	test('several accounts: account is required, except that a cloned voice names its own', async () => {
		const two = await start({ accounts: [{ account: '111' }, { account: '222' }] });
		try {
			const r = await two.api('POST', '/speech/create', { json: { text: 'hi', voice_id: VOICE } });
			expect([r.status, r.body.error]).toEqual([
				400,
				'Parameter account is required when several accounts are configured',
			]);
			expect(
				(
					await two.api('POST', '/speech/create', {
						json: { text: 'hi', voice_id: VOICE, account: '222' },
					})
				).body.audioId,
			).toContain('-minimax:222-audio:');
			expect((await two.api('GET', '/speech/voices')).status).toBe(400);
		} finally {
			await two.sim.close();
		}
	});
});

describe('speech: voices, config, quota, samples and clones', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start({ cloneMs: 0 })));
	afterAll(() => sim.close());

	const upload = (bytes, type, query = '') =>
		api('POST', `/speech/upload-sample${query}`, {
			body: bytes,
			headers: { 'Content-Type': type },
		});
	const sample = async () => (await upload(makeWav(12000), 'audio/wav')).body.fileID;
	const clone = (files, extra = {}) =>
		api('POST', '/speech/clone-voice', {
			json: { files, voice_name: 'My Voice', language_tag: 'English', ...extra },
		});

	test('voices: exact, case-sensitive tags; unknown tags ignored; page/page_size; total and has_more', async () => {
		const female = (await api('GET', '/speech/voices?tag_list=Female&page_size=1000')).body;
		expect(female.total).toBe(306);
		expect(female.voice_list.every((v) => v.tag_list.includes('Female'))).toBe(true);
		expect(female.has_more).toBe(false);
		expect((await api('GET', '/speech/voices?tag_list=Female,Middle-Aged')).body.total).toBe(306);
		const narrowed = (await api('GET', '/speech/voices?tag_list=Female,Middle-aged')).body;
		expect(narrowed.total).toBeLessThan(306);
		expect(narrowed.total).toBeGreaterThan(0);
		expect((await api('GET', '/speech/voices?tag_list=female')).body.total).toBe(612);
		const page = (await api('GET', '/speech/voices?page=2&page_size=10')).body;
		expect(page.voice_list).toHaveLength(10);
		expect(page.voice_list[0]).toEqual(BUILT_IN[10]);
		expect(page.has_more).toBe(true);
		expect((await api('GET', '/speech/voices?is_system=false')).status).toBe(400);
	});

	test('config: the five vocabularies; equity: used/total slots', async () => {
		const config = (await api('GET', '/speech/config')).body;
		expect(Object.keys(config).sort()).toEqual([
			't2a_emotion',
			'voice_tag_accent',
			'voice_tag_age',
			'voice_tag_gender',
			'voice_tag_language',
		]);
		expect(config.t2a_emotion.map((e) => e.value)).toEqual([
			'happy',
			'sad',
			'angry',
			'fearful',
			'disgusted',
			'surprised',
			'neutral',
			'fluent',
		]);
		expect(config.voice_tag_accent[0]).toEqual({
			language: 'English',
			tag_name: 'EN-US (General)',
		});
		expect((await api('GET', '/speech/equity')).body).toEqual({
			used: 0,
			total: 3,
			voice_clone_preview_free_quota: 'inf',
			srt_download: false,
			base_resp: {},
		});
	});

	test('upload-sample: raw MP3/WAV of 10–60 s whose bytes match Content-Type; ossPath serves them back', async () => {
		const wav = makeWav(12000);
		const ok = await upload(wav, 'audio/wave');
		expect(ok.status).toBe(200);
		expect(ok.body.fileID).toMatch(/^user:1234-minimax:987654321-file:\d{18}$/);
		expect(ok.body.ossPath.startsWith(`${sim.cdnUrl}/cdn/`)).toBe(true);
		expect(Buffer.from(await (await fetch(ok.body.ossPath)).arrayBuffer()).equals(wav)).toBe(true);
		expect((await upload(makeMp3(15000, { kbps: 32, mono: true }), 'audio/mpeg')).status).toBe(200);
		for (const [bytes, type, message] of [
			[makeWav(5000), 'audio/wav', /5.0 s long; samples must be 10 to 60 seconds/],
			[makeWav(61000), 'audio/wav', /61.0 s long/],
			[makeMp3(12000), 'audio/wav', /not a WAV file/],
			[makeWav(12000), 'audio/mpeg', /not an MP3 file/],
			[makeWav(12000), 'audio/x-wav', /Content-Type audio\/x-wav is not supported/],
			[Buffer.alloc(0), 'audio/wav', /empty/],
		]) {
			const r = await upload(bytes, type);
			expect(r.status).toBe(400);
			expect(r.body.error).toMatch(message);
		}
		expect((await upload(wav, 'audio/wav', '?account=987654321&name=x')).status).toBe(400);
	});

	test('clone-voice: a wrapped voice usable on create, counted in equity; slots full → 2600010; delete-voice frees it', async () => {
		const files = `${await sample()},${await sample()}`;
		const r = await clone(files, { need_noise_reduction: false });
		expect(r.status).toBe(200);
		expect(r.body).toEqual({
			voice_id: expect.stringMatching(/^user:1234-minimax:987654321-voice:\d+$/),
			voice_name: 'My Voice',
		});
		expect((await api('GET', '/speech/equity')).body.used).toBe(1);
		const listed = (await api('GET', '/speech/voices?page_size=5')).body.voice_list;
		expect(listed[0]).toEqual({
			voice_id: r.body.voice_id,
			voice_name: 'My Voice',
			tag_list: ['English'],
		});
		expect(
			(
				await api('POST', '/speech/create', {
					json: { text: 'in my voice', voice_id: r.body.voice_id },
				})
			).status,
		).toBe(201);
		const more = [await clone(await sample()), await clone(await sample())];
		expect(more.map((m) => m.status)).toEqual([200, 200]);
		const full = await clone(await sample());
		expect(full.status).toBe(400);
		expect(full.body.base_resp.status_code).toBe(2600010);
		expect(full.body.error).toMatch(/2600010/);
		const withAccount = await api('POST', '/speech/delete-voice', {
			json: { voice_id: r.body.voice_id, account: '987654321' },
		});
		expect(withAccount.status).toBe(400);
		expect((await api('POST', '/speech/delete-voice', { json: { voice_id: VOICE } })).status).toBe(
			400,
		);
		const del = await api('POST', '/speech/delete-voice', { json: { voice_id: r.body.voice_id } });
		expect([del.status, del.text]).toEqual([200, '']);
		expect((await api('GET', '/speech/equity')).body.used).toBe(2);
		expect(
			(await api('POST', '/speech/delete-voice', { json: { voice_id: r.body.voice_id } })).status,
		).toBe(200);
		for (const m of more)
			await api('POST', '/speech/delete-voice', { json: { voice_id: m.body.voice_id } });
	});

	test('clone-voice checks: required fields, ≤ 30-char name, config language, real samples', async () => {
		const s = await sample();
		expect((await clone(s, { voice_name: 'x'.repeat(31) })).body.error).toMatch(
			/voice_name is too long/,
		);
		expect((await clone(s, { language_tag: 'Elvish' })).body.error).toMatch(/language_tag/);
		expect((await api('POST', '/speech/clone-voice', { json: { files: s } })).body.error).toMatch(
			/voice_name is required/,
		);
		const image = await api('POST', '/files', {
			body: makeWav(12000),
			headers: { 'Content-Type': 'audio/wav' },
		});
		expect((await clone(image.body.fileID)).body.error).toMatch(
			/not a sample uploaded with POST \/speech\/upload-sample/,
		);
		expect((await clone(s, { account: '555' })).body.error).toMatch(
			/belong to account 987654321, not 555/,
		);
	});

	test.each([429, 200])(
		'cloneRefusalStatus %s: the other plausible wrappings of 2600010',
		async (cloneRefusalStatus) => {
			const other = await start({
				cloneMs: 0,
				cloneRefusalStatus,
				accounts: [{ account: '987654321', cloneSlots: 0 }],
			});
			try {
				const s = (
					await other.api('POST', '/speech/upload-sample', {
						body: makeWav(12000),
						headers: { 'Content-Type': 'audio/wav' },
					})
				).body.fileID;
				const r = await other.api('POST', '/speech/clone-voice', {
					json: { files: s, voice_name: 'V', language_tag: 'English' },
				});
				expect(r.status).toBe(cloneRefusalStatus);
				expect(r.body.base_resp).toEqual({
					status_code: 2600010,
					status_msg: 'voice clone quota exceeded',
				});
				expect(r.body.voice_id).toBeUndefined();
			} finally {
				await other.sim.close();
			}
		},
	);

	test('at most 2 clones run at once per account: a third concurrent one gets 429', async () => {
		// Clones hold 5 s here, so three requests sent together always overlap.
		const slow = await start({
			cloneMs: 5000,
			accounts: [{ account: '987654321', cloneSlots: 5 }],
		});
		try {
			const samples = [];
			for (let i = 0; i < 3; i++)
				samples.push(
					(
						await slow.api('POST', '/speech/upload-sample', {
							body: makeWav(12000),
							headers: { 'Content-Type': 'audio/wav' },
						})
					).body.fileID,
				);
			const three = await Promise.all(
				samples.map((files) =>
					slow.api('POST', '/speech/clone-voice', {
						json: { files, voice_name: 'V', language_tag: 'English' },
					}),
				),
			);
			expect(three.map((t) => t.status).sort()).toEqual([200, 200, 429]);
			expect(three.find((t) => t.status === 429).body).toEqual({
				error: 'Only 2 voice clones can run at once on an account',
				code: 429,
			});
		} finally {
			await slow.sim.close();
		}
	});
});

describe('speech and music: injected faults', () => {
	it('a 429 fault on a speech or music create has the audio text and creates nothing', async () => {
		const { sim, api } = await start({
			faults: { rate: 1, kinds: ['429', '429queue'], paths: ['speech.create', 'music.create'] },
		});
		try {
			for (let i = 0; i < 4; i++) {
				const s = await api('POST', '/speech/create', { json: { text: 'hi', voice_id: VOICE } });
				expect([s.status, s.body]).toEqual([
					429,
					{ error: 'Too many speech generations', code: 429 },
				]);
				const m = await api('POST', '/music/create', { json: { prompt: 'x' } });
				expect([m.status, m.body.error]).toEqual([
					429,
					'Another music generation is already running on this account',
				]);
			}
			expect(sim.stats().creates.speech || 0).toBe(0);
			expect(sim.stats().creates.music || 0).toBe(0);
		} finally {
			await sim.close();
		}
	});
});

describe('speech: replyUrl callbacks', () => {
	it.each(['record', 'wrapped', 'partial'])(
		'shape "%s": progress then one final POST carrying audio_id and the MP3 URL',
		async (callbackShape) => {
			const { sim, api } = await start({ callbackShape, jobMs: 300 });
			const hook = await receiver();
			try {
				const r = await api('POST', '/speech/create', {
					json: { text: 'call me back', voice_id: VOICE, replyUrl: hook.url, replyRef: 'line-1' },
				});
				await waitFor(() =>
					hook.hits.some((h) => JSON.stringify(h.body).includes('"statusFinal":true')),
				);
				const bodies = hook.hits.map((h) => (callbackShape === 'wrapped' ? h.body.data : h.body));
				const final = bodies.filter((b) => b.statusFinal);
				expect(final).toHaveLength(1);
				expect(final[0]).toMatchObject({
					audio_id: r.body.audioId,
					statusLabel: 'completed',
					replyRef: 'line-1',
				});
				if (callbackShape !== 'partial') expect(final[0].audio_url).toContain('/cdn/speech/');
				expect(
					bodies.filter((b) => !b.statusFinal).every((b) => b.audio_id === r.body.audioId),
				).toBe(true);
			} finally {
				await hook.close();
				await sim.close();
			}
		},
	);
});
