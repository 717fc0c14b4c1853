'use strict';
// Simulator: /music/* as strict as https://useapi.net/docs/api-minimax-v1/post-minimax-music-create and post-minimax-music-reference (songs, covers, references, listing, the
// inferred delete). Jobs run "forever" ([ms=…]) and end with sim.completeJob().
const { start, receiver, waitFor } = require('./test-helpers');
const { makeWav, makeMp3, mp3Info } = require('./audio-media');

const LONG = '[ms=600000] ';

describe('music: create, poll, download', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start()));
	afterAll(() => sim.close());
	afterEach(() => sim.reset());

	const create = (json) => api('POST', '/music/create', { json });

	test('201 {musicId}; running record; completed record with ms duration and a 256 kbps MP3 of that length on the CDN origin', async () => {
		const r = await create({
			prompt: `${LONG}a playful pop duet`,
			model: 'music-2.6',
			title: 'Late Texts',
			lyrics: '[Verse]\nhello\n[Chorus]\nhi',
			replyRef: 'song-7',
		});
		expect(r.status).toBe(201);
		expect(r.body).toEqual({
			musicId: expect.stringMatching(/^user:1234-minimax:987654321-music:\d{18}$/),
			replyRef: 'song-7',
		});
		expect((await api('GET', `/music/${r.body.musicId}`)).body).toEqual({
			musicId: r.body.musicId,
			statusLabel: 'processing',
			statusFinal: false,
		});
		sim.completeJob(r.body.musicId);
		const done = (await api('GET', `/music/${r.body.musicId}`)).body;
		expect(done).toMatchObject({
			musicId: r.body.musicId,
			title: 'Late Texts',
			lyrics: '[Verse]\nhello\n[Chorus]\nhi',
			statusLabel: 'completed',
			statusFinal: true,
			typeLabel: 'song',
		});
		expect(done.audio_url.startsWith(`${sim.cdnUrl}/cdn/music/`)).toBe(true);
		const bytes = Buffer.from(await (await fetch(done.audio_url)).arrayBuffer());
		const info = mp3Info(bytes);
		expect(Math.abs(info.ms - done.duration)).toBeLessThan(30);
		expect(bytes[2] >> 4).toBe(13); // bitrate index 13 = 256 kbps
	});

	test('instrumental: no lyrics; the model titles it when no title is given; [fail] ends failed', async () => {
		const r = await create({ prompt: `${LONG}rain on sixth street`, instrumental: true });
		sim.completeJob(r.body.musicId);
		expect((await api('GET', `/music/${r.body.musicId}`)).body).toMatchObject({
			lyrics: '',
			title: '[ms=600000] rain on sixth',
		});
		const bad = await create({ prompt: `${LONG}[fail] nope` });
		sim.completeJob(bad.body.musicId);
		expect((await api('GET', `/music/${bad.body.musicId}`)).body).toEqual({
			musicId: bad.body.musicId,
			statusLabel: 'failed',
			statusFinal: true,
			error: 'Music generation failed',
		});
		expect(
			(await fetch(`${sim.cdnUrl}/cdn/music/${bad.body.musicId.split(':').pop()}.mp3`)).status,
		).toBe(404);
	});

	test('one song at a time per account (429), then the next one is accepted', async () => {
		const first = await create({ prompt: `${LONG}one` });
		const second = await create({ prompt: 'two' });
		expect([second.status, second.body]).toEqual([
			429,
			{ error: 'Another music generation is already running on this account', code: 429 },
		]);
		sim.completeJob(first.body.musicId);
		expect((await create({ prompt: 'two' })).status).toBe(201);
	});

	test('gates: no Audio plan / no audio credit 412 "Insufficient credits", on hold 596, [moderate] 422', async () => {
		sim.setAccount('987654321', { supportAudio: false });
		expect(await create({ prompt: 'x' })).toMatchObject({
			status: 412,
			body: { error: 'Insufficient credits', code: 412 },
		});
		sim.setAccount('987654321', { supportAudio: true, audioOutOfCredits: true });
		expect((await create({ prompt: 'x' })).status).toBe(412);
		sim.setAccount('987654321', { audioOutOfCredits: false, onHold: true });
		expect((await create({ prompt: 'x' })).status).toBe(596);
		sim.setAccount('987654321', { onHold: false });
		expect(await create({ prompt: '[moderate] x' })).toMatchObject({
			status: 422,
			body: { error: 'Moderated prompt' },
		});
		expect(sim.stats().creates.music || 0).toBe(0);
	});

	test.each([
		['unknown field', { prompt: 'x', duration: 30 }, /Unknown parameter duration/],
		['unknown model', { prompt: 'x', model: 'Music-3.0' }, /model .* is not one of/],
		['prompt over 2,000', { prompt: 'x'.repeat(2001) }, /prompt is too long/],
		['lyrics over 3,500', { prompt: 'x', lyrics: 'x'.repeat(3501) }, /lyrics is too long/],
		['title over 40', { prompt: 'x', title: 'x'.repeat(41) }, /title is too long/],
		['instrumental as text', { prompt: 'x', instrumental: 'true' }, /instrumental .* JSON boolean/],
		[
			'no prompt and no reference',
			{ lyrics: 'la' },
			/prompt is required \(unless referenceMusicId/,
		],
		['stream mode', { prompt: 'x', stream: true }, /streaming is not simulated/],
		[
			'an unknown reference',
			{ prompt: 'x', referenceMusicId: 'user:1234-minimax:987654321-music:123456789012345678' },
			/not a finished song or reference/,
		],
	])('400: %s', async (_name, json, message) => {
		const r = await create(json);
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(message);
	});

	test('musicCreateShape "array": the 201 body is an array whose first item has musicId', async () => {
		const other = await start({ musicCreateShape: 'array' });
		try {
			const r = await other.api('POST', '/music/create', { json: { prompt: 'x' } });
			expect(r.status).toBe(201);
			expect(r.body).toEqual([{ musicId: expect.stringContaining('-music:') }]);
		} finally {
			await other.sim.close();
		}
	});

	test('legacy GET /music/create and /music/styles stay decommissioned (410)', async () => {
		expect((await api('GET', '/music/create?prompt=x')).status).toBe(410);
		expect((await api('GET', '/music/styles')).status).toBe(410);
	});
});

describe('music: references and covers', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start()));
	afterAll(() => sim.close());

	const upload = (bytes, type, query = '') =>
		api('POST', `/music/reference${query}`, { body: bytes, headers: { 'Content-Type': type } });

	test('reference: raw MP3/WAV, synchronous, its measured duration in ms; a cover names it', async () => {
		const ref = await upload(makeWav(21408), 'audio/x-wav', '?name=Stadium%20Reference');
		expect(ref.status).toBe(200);
		expect(ref.body).toMatchObject({
			musicId: expect.stringContaining('-music:'),
			title: 'Stadium Reference',
			duration: 21408,
			statusLabel: 'completed',
			typeLabel: 'reference',
			lyrics: '',
		});
		expect(ref.body.audio_url).toContain('/cdn/music/');
		for (const type of ['audio/mpeg', 'audio/mp3'])
			expect((await upload(makeMp3(4000), type)).status).toBe(200);
		const cover = await api('POST', '/music/create', {
			json: { referenceMusicId: ref.body.musicId, lyrics: '[Verse]\nmine' },
		});
		expect(cover.status).toBe(201);
		sim.completeJob(cover.body.musicId);
		expect((await api('GET', `/music/${cover.body.musicId}`)).body).toMatchObject({
			referenceMusicId: ref.body.musicId,
			typeLabel: 'song',
			statusLabel: 'completed',
		});
	});

	test.each([
		['a WAV sent as MP3', makeWav(3000), 'audio/mpeg', '', /not an MP3 file/],
		[
			'JSON instead of audio',
			Buffer.from('{"a":1}'),
			'application/json',
			'',
			/Content-Type application\/json is not supported/,
		],
		['no body', Buffer.alloc(0), 'audio/wav', '', /empty/],
		[
			'a name over 40 characters',
			makeWav(3000),
			'audio/wav',
			`?name=${'n'.repeat(41)}`,
			/name is too long/,
		],
		[
			'an unknown query field',
			makeWav(3000),
			'audio/wav',
			'?title=x',
			/Unknown query parameter title/,
		],
	])('400: %s', async (_name, bytes, type, query, message) => {
		const r = await upload(bytes, type, query);
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(message);
	});

	test('referenceStatus 201: the other plausible success status', async () => {
		const other = await start({ referenceStatus: 201 });
		try {
			const r = await other.api('POST', '/music/reference', {
				body: makeWav(3000),
				headers: { 'Content-Type': 'audio/wav' },
			});
			expect(r.status).toBe(201);
			expect(r.body.typeLabel).toBe('reference');
		} finally {
			await other.sim.close();
		}
	});

	test('a reference of another account cannot be covered from this one', async () => {
		const two = await start({ accounts: [{ account: '111' }, { account: '222' }] });
		try {
			const ref = await two.api('POST', '/music/reference?account=111', {
				body: makeWav(3000),
				headers: { 'Content-Type': 'audio/wav' },
			});
			const r = await two.api('POST', '/music/create', {
				json: { referenceMusicId: ref.body.musicId, account: '222' },
			});
			expect([r.status, r.body.error]).toEqual([
				400,
				`Parameter referenceMusicId belongs to account 111, not 222`,
			]);
			const own = await two.api('POST', '/music/create', {
				json: { referenceMusicId: ref.body.musicId },
			});
			expect(own.body.musicId).toContain('-minimax:111-music:');
			expect((await two.api('POST', '/music/create', { json: { prompt: 'x' } })).status).toBe(400);
		} finally {
			await two.sim.close();
		}
	});
});

describe('music: listing and the inferred delete', () => {
	let sim;
	let api;
	let songs;
	let reference;
	beforeAll(async () => {
		({ sim, api } = await start());
		songs = [];
		for (let i = 0; i < 4; i++) {
			const r = await api('POST', '/music/create', { json: { prompt: `song ${i}` } });
			sim.completeJob(r.body.musicId);
			songs.push(r.body.musicId);
		}
		reference = (
			await api('POST', '/music/reference', {
				body: makeWav(3000),
				headers: { 'Content-Type': 'audio/wav' },
			})
		).body.musicId;
	});
	afterAll(() => sim.close());

	test('bare array, newest first, songs by default; type reference / all; limit; lastMusicId cursor', async () => {
		const list = (await api('GET', '/music')).body;
		expect(Array.isArray(list)).toBe(true);
		expect(list.map((s) => s.musicId)).toEqual([...songs].reverse());
		expect(Object.keys(list[0]).sort()).toEqual([
			'audio_url',
			'duration',
			'musicId',
			'statusLabel',
			'title',
			'typeLabel',
		]);
		expect((await api('GET', '/music?type=reference')).body.map((s) => s.musicId)).toEqual([
			reference,
		]);
		expect((await api('GET', '/music?type=all')).body).toHaveLength(5);
		const page = (await api('GET', `/music?limit=2&lastMusicId=${songs[3]}`)).body;
		expect(page.map((s) => s.musicId)).toEqual([songs[2], songs[1]]);
		expect((await api('GET', '/music?favorite=true')).body).toEqual([]);
	});

	test.each([
		['limit 0', '?limit=0', /limit/],
		['limit 101', '?limit=101', /limit/],
		['an unknown type', '?type=songs', /type \(songs\) must be song, reference or all/],
		['favorite as yes', '?favorite=yes', /favorite/],
		[
			'an unknown cursor',
			'?lastMusicId=user:1234-minimax:987654321-music:1',
			/not among the newest 1000 songs/,
		],
		['an unknown query field', '?lastId=x', /Unknown query parameter lastId/],
	])('400: %s', async (_name, query, message) => {
		const r = await api('GET', `/music${query}`);
		expect(r.status).toBe(400);
		expect(r.body.error).toMatch(message);
	});

	test('musicListShape "object": {items, total}', async () => {
		const other = await start({ musicListShape: 'object' });
		try {
			expect((await other.api('GET', '/music')).body).toEqual({ items: [], total: 0 });
		} finally {
			await other.sim.close();
		}
	});

	test('delete ([inferred]): 200 empty, then 404 and out of the list; unknown → 200; running → 400', async () => {
		const r = await api('DELETE', `/music/${songs[0]}`);
		expect([r.status, r.text]).toEqual([200, '']);
		expect((await api('GET', `/music/${songs[0]}`)).status).toBe(404);
		expect((await api('GET', '/music')).body.map((s) => s.musicId)).not.toContain(songs[0]);
		expect((await api('DELETE', `/music/${songs[0]}`)).status).toBe(200);
		const running = await api('POST', '/music/create', { json: { prompt: `${LONG}busy` } });
		expect((await api('DELETE', `/music/${running.body.musicId}`)).status).toBe(400);
		sim.completeJob(running.body.musicId);
	});
});

describe('music: replyUrl callbacks', () => {
	it('progress, then one final POST with musicId, audio_url and replyRef', async () => {
		const { sim, api } = await start({ jobMs: 300 });
		const hook = await receiver();
		try {
			const r = await api('POST', '/music/create', {
				json: { prompt: 'call me', replyUrl: hook.url, replyRef: 'song-7' },
			});
			await waitFor(() => hook.hits.some((h) => h.body.statusFinal === true));
			const final = hook.hits.filter((h) => h.body.statusFinal);
			expect(final).toHaveLength(1);
			expect(final[0].body).toMatchObject({
				musicId: r.body.musicId,
				statusLabel: 'completed',
				typeLabel: 'song',
				replyRef: 'song-7',
			});
			expect(final[0].body.audio_url).toContain('/cdn/music/');
			expect(
				hook.hits
					.filter((h) => !h.body.statusFinal)
					.every((h) => h.body.musicId === r.body.musicId),
			).toBe(true);
		} finally {
			await hook.close();
			await sim.close();
		}
	});
});
