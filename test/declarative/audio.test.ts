import type { IDataObject } from 'n8n-workflow';

import {
	ACCOUNT,
	api,
	jsonOf,
	pairsOf,
	picked,
	range,
	run,
	setupNock,
	TOKEN,
	VIDEO_ID,
} from './helpers';

const AUDIO_ID = 'user:1234-minimax:987654321-audio:556677889900112233';
const MUSIC_ID = 'user:1234-minimax:987654321-music:998877665544332211';
const VOICE_ID = 'user:1234-minimax:987654321-voice:445566778899';
const SECRET = TOKEN.slice('user:1234-'.length);

const recording = (n: number): IDataObject => ({
	audio_id: `user:1234-minimax:${ACCOUNT}-audio:${500000 + n}`,
	audio_review: 0,
	user_id: ACCOUNT,
	audio_title: `line ${n}`,
	audio_url: `https://cdn.hailuoai.video/speech/${500000 + n}.mp3`,
	update_time: 1756000000000 - n,
});
const builtIn = (n: number): IDataObject => ({
	voice_id: String(380426458095000 + n),
	voice_name: `Voice ${n}`,
	tag_list: ['English', 'Male'],
});
const cloned = (n: number): IDataObject => ({
	voice_id: `user:1234-minimax:${ACCOUNT}-voice:${700 + n}`,
	voice_name: `Clone ${n}`,
	tag_list: ['English'],
});
const song = (n: number): IDataObject => ({
	musicId: `user:1234-minimax:${ACCOUNT}-music:${900000 + n}`,
	title: `Song ${n}`,
	statusLabel: 'completed',
	duration: 140000,
	audio_url: `https://cdn.hailuoai.video/music/${900000 + n}.mp3`,
	typeLabel: 'song',
});
const songId = (n: number) => String(song(n).musicId);

describe('Speech', () => {
	setupNock();

	test('Get sends the raw audioId (with ":") and returns the record, paired', async () => {
		const record = {
			...recording(1),
			audio_id: AUDIO_ID,
			statusLabel: 'completed',
			statusFinal: true,
			cost_credit: 12,
		};
		api().get(`/v1/minimax/speech/${AUDIO_ID}`).reply(200, record);
		const result = await run({ resource: 'speech', operation: 'get', audioId: ` ${AUDIO_ID} ` });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([record]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get of a running job is returned as is (no audio_url yet)', async () => {
		api()
			.get(`/v1/minimax/speech/${AUDIO_ID}`)
			.reply(200, { statusLabel: 'pending', statusFinal: false });
		const result = await run({ resource: 'speech', operation: 'get', audioId: AUDIO_ID });
		expect(jsonOf(result)).toEqual([{ statusLabel: 'pending', statusFinal: false }]);
	});

	test('Get Many, Return All: page/page_size=100 until has_more is false', async () => {
		api()
			.get('/v1/minimax/speech')
			.query({ account: ACCOUNT, page: '1', page_size: '100' })
			.reply(200, { audio_list: range(1, 100).map(recording), total: 230, has_more: true });
		api()
			.get('/v1/minimax/speech')
			.query({ account: ACCOUNT, page: '2', page_size: '100' })
			.reply(200, { audio_list: range(101, 100).map(recording), total: 230, has_more: true });
		api()
			.get('/v1/minimax/speech')
			.query({ account: ACCOUNT, page: '3', page_size: '100' })
			.reply(200, { audio_list: range(201, 30).map(recording), total: 230, has_more: false });
		const result = await run({
			resource: 'speech',
			operation: 'getAll',
			account: picked(ACCOUNT),
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((j) => j.audio_id)).toEqual(
			range(1, 230).map((n) => recording(n).audio_id),
		);
		expect(new Set(pairsOf(result).map((p) => JSON.stringify(p)))).toEqual(new Set(['{"item":0}']));
	});

	test('Get Many stops on has_more false even with a full page, and Limit sets page_size', async () => {
		api()
			.get('/v1/minimax/speech')
			.query({ page: '1', page_size: '5' })
			.reply(200, { audio_list: range(1, 5).map(recording), total: 5, has_more: false });
		const result = await run({ resource: 'speech', operation: 'getAll', limit: 5 });
		expect(result.items).toHaveLength(5);
	});

	test('Get Many stops when the server repeats a page (ignores "page")', async () => {
		const same = { audio_list: range(1, 100).map(recording), has_more: true };
		api().get('/v1/minimax/speech').query({ page: '1', page_size: '100' }).reply(200, same);
		api().get('/v1/minimax/speech').query({ page: '2', page_size: '100' }).reply(200, same);
		const result = await run({ resource: 'speech', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(100);
	});

	test('Get Many with Limit over one page: 2 pages of 100, trimmed to the Limit', async () => {
		api()
			.get('/v1/minimax/speech')
			.query({ page: '1', page_size: '100' })
			.reply(200, { audio_list: range(1, 100).map(recording), has_more: true });
		api()
			.get('/v1/minimax/speech')
			.query({ page: '2', page_size: '100' })
			.reply(200, { audio_list: range(101, 100).map(recording), has_more: true });
		const result = await run({ resource: 'speech', operation: 'getAll', limit: 150 });
		expect(result.items).toHaveLength(150);
	});

	test('Delete sends DELETE with the raw id; the empty 200 is {deleted: true}', async () => {
		api().delete(`/v1/minimax/speech/${AUDIO_ID}`).reply(200, '');
		const result = await run({ resource: 'speech', operation: 'delete', audioId: AUDIO_ID });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test("Delete of a running generation: the API's 400 text (how to cancel) reaches the user", async () => {
		const text = `Generation is still running. Cancel it with DELETE /v1/minimax/scheduler/${AUDIO_ID}`;
		api().delete(`/v1/minimax/speech/${AUDIO_ID}`).reply(400, { error: text });
		const result = await run({ resource: 'speech', operation: 'delete', audioId: AUDIO_ID });
		expect(result.error?.message).toBe(`useapi.net rejected the request (400): ${text}`);
		expect(result.error?.description).toContain('"Audio ID"');
	});

	test('Scheduler → Delete takes a running audioId raw (the documented cancel)', async () => {
		api().delete(`/v1/minimax/scheduler/${AUDIO_ID}`).reply(204);
		const result = await run({ resource: 'scheduler', operation: 'delete', schedulerId: AUDIO_ID });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
	});

	test('a failure on page 2 fails Get Many with the mapped error; a listing 404 names the account', async () => {
		api()
			.get('/v1/minimax/speech')
			.query({ page: '1', page_size: '100' })
			.reply(200, { audio_list: range(1, 100).map(recording), has_more: true });
		api()
			.get('/v1/minimax/speech')
			.query({ page: '2', page_size: '100' })
			.reply(502, { error: 'Bad Gateway', code: 502 });
		const broken = await run({ resource: 'speech', operation: 'getAll', returnAll: true });
		expect(broken.error?.message).toBe('hailuoai.video or useapi.net failed (502): Bad Gateway');

		api()
			.get('/v1/minimax/speech')
			.query({ account: '555', page: '1', page_size: '100' })
			.reply(404, { error: 'Configuration not found', code: 404 });
		const missing = await run({
			resource: 'speech',
			operation: 'getAll',
			returnAll: true,
			account: picked('555', 'id'),
		});
		expect(missing.error?.message).toBe(
			'Account 555 is not configured at useapi.net (404): Configuration not found',
		);
		expect(missing.error?.description).toContain('Account: 555');
	});

	test('continueOnFail on Delete: the running one fails with the API text, the others are deleted, all paired', async () => {
		const running = AUDIO_ID.replace(/\d+$/, '42');
		api().delete(`/v1/minimax/speech/${AUDIO_ID}`).reply(200);
		api()
			.delete(`/v1/minimax/speech/${running}`)
			.reply(400, { error: 'Generation is still running' });
		const result = await run(
			{ resource: 'speech', operation: 'delete', audioId: '={{ $json.id }}' },
			{
				continueOnFail: true,
				items: [{ json: { id: AUDIO_ID } }, { json: { id: running } }, { json: { id: MUSIC_ID } }],
			},
		);
		expect(result.status).toBe('success');
		const json = jsonOf(result);
		expect(json[0]).toEqual({ deleted: true });
		expect(json[1]).toEqual({
			error: 'useapi.net rejected the request (400): Generation is still running',
		});
		expect(String(json[2].error)).toContain('"Audio ID" is not a speech (audio) id');
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('404 names the recording and the 7-day audioId rule', async () => {
		api().get(`/v1/minimax/speech/${AUDIO_ID}`).reply(404, { error: 'Not found.', code: 404 });
		const result = await run({ resource: 'speech', operation: 'get', audioId: AUDIO_ID });
		expect(result.error?.message).toBe('The speech recording was not found (404): Not found.');
		expect(result.error?.description).toMatch(
			new RegExp(`7 days.*Job: ${AUDIO_ID}\\. Account: ${ACCOUNT}`),
		);
	});
});

describe('Voice', () => {
	setupNock();

	test('Get Many sends tag_list (trimmed, exact case) and pages with page/page_size', async () => {
		api()
			.get('/v1/minimax/speech/voices')
			.query({ account: ACCOUNT, tag_list: 'English,Middle-aged', page: '1', page_size: '100' })
			.reply(200, { voice_list: range(1, 100).map(builtIn), total: 130, has_more: true });
		api()
			.get('/v1/minimax/speech/voices')
			.query({ account: ACCOUNT, tag_list: 'English,Middle-aged', page: '2', page_size: '100' })
			.reply(200, {
				voice_list: [...range(101, 28).map(builtIn), cloned(1), cloned(2)],
				total: 130,
				has_more: false,
			});
		const result = await run({
			resource: 'voice',
			operation: 'getAll',
			account: picked(ACCOUNT, 'id'),
			returnAll: true,
			filters: { tags: ' English , Middle-aged ,' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		expect(pairsOf(result)[129]).toEqual({ item: 0 });
	});

	test('Voice Type "Cloned" keeps only wrapped ids (and legacy is_system false / clone), paging on full pages', async () => {
		const legacyClone = { voice_id: 'abc-123', voice_name: 'Old clone', is_system: false };
		const withClone = {
			voice_id: '555',
			voice_name: 'Clone obj',
			clone: { voice_name: 'x', files: [] },
		};
		api()
			.get('/v1/minimax/speech/voices')
			.query({ page: '1', page_size: '100' })
			.reply(200, {
				voice_list: [...range(1, 98).map(builtIn), cloned(1), legacyClone],
				has_more: true,
			});
		api()
			.get('/v1/minimax/speech/voices')
			.query({ page: '2', page_size: '100' })
			.reply(200, { voice_list: [withClone, builtIn(200)], has_more: false });
		const result = await run({
			resource: 'voice',
			operation: 'getAll',
			limit: 3,
			filters: { voiceType: 'cloned' },
		});
		expect(jsonOf(result)).toEqual([cloned(1), legacyClone, withClone]);
	});

	test('Voice Type "Built-In" drops the clones; no tag_list is sent without tags', async () => {
		api()
			.get('/v1/minimax/speech/voices')
			.query({ page: '1', page_size: '100' })
			.reply(200, { voice_list: [builtIn(1), cloned(1), builtIn(2)], has_more: false });
		const result = await run({
			resource: 'voice',
			operation: 'getAll',
			returnAll: true,
			filters: { voiceType: 'builtIn', tags: ' ' },
		});
		expect(jsonOf(result)).toEqual([builtIn(1), builtIn(2)]);
	});

	test('Get Many without has_more stops on a short page', async () => {
		api()
			.get('/v1/minimax/speech/voices')
			.query({ page: '1', page_size: '100' })
			.reply(200, { voice_list: range(1, 4).map(builtIn) });
		const result = await run({ resource: 'voice', operation: 'getAll', limit: 10 });
		expect(result.items).toHaveLength(4);
	});

	test('Delete posts only {voice_id} as JSON (no account, as documented)', async () => {
		api()
			.post(
				'/v1/minimax/speech/delete-voice',
				(body) => JSON.stringify(body) === JSON.stringify({ voice_id: VOICE_ID }),
			)
			.matchHeader('content-type', /application\/json/)
			.reply(200, '');
		const result = await run({ resource: 'voice', operation: 'delete', voiceId: `  ${VOICE_ID}` });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Delete: a MiniMax error passed through (no longer "always succeeds") is a clear 400', async () => {
		api()
			.post('/v1/minimax/speech/delete-voice')
			.reply(400, { error: 'voice is in use', code: 400 });
		const result = await run({ resource: 'voice', operation: 'delete', voiceId: VOICE_ID });
		expect(result.error?.message).toBe('useapi.net rejected the request (400): voice is in use');
		expect(result.error?.description).toMatch(
			new RegExp(`"Voice ID".*Job: ${VOICE_ID}\\. Account: ${ACCOUNT}`),
		);
	});

	test.each([
		[
			'a built-in (numeric) voice',
			'380426458095854',
			'"Voice ID" is a built-in voice (380426458095854); only cloned voices can be deleted',
		],
		['a video id', VIDEO_ID, '"Voice ID" is not a voice id'],
		['URL-encoded', encodeURIComponent(VOICE_ID), '"Voice ID" looks URL-encoded'],
		['empty', '={{ "" }}', '"Voice ID" is empty'],
	])('Delete refuses %s before any request', async (_name, voiceId, message) => {
		const result = await run({ resource: 'voice', operation: 'delete', voiceId });
		expect(result.error?.message).toContain(message);
	});

	test('Get Many refuses a Voice Type set by expression to something else', async () => {
		const result = await run({
			resource: 'voice',
			operation: 'getAll',
			limit: 5,
			filters: { voiceType: '={{ "mine" }}' },
		});
		expect(result.error?.message).toContain(
			'"Voice Type" must be All, Built-In or Cloned (got "mine")',
		);
	});
});

describe('Speech Setting', () => {
	setupNock();

	test('Get reads /speech/config with the account', async () => {
		const config = {
			t2a_emotion: [{ label: 'Happy', value: 'happy' }],
			voice_tag_accent: [{ language: 'English', tag_name: 'EN-US (General)' }],
			voice_tag_age: [{ tag_name: 'Young' }],
			voice_tag_gender: [{ tag_name: 'Male' }],
			voice_tag_language: [{ tag_name: 'English' }],
		};
		api().get('/v1/minimax/speech/config').query({ account: ACCOUNT }).reply(200, config);
		const result = await run({
			resource: 'speechSettings',
			operation: 'get',
			account: picked(ACCOUNT),
		});
		expect(jsonOf(result)).toEqual([config]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get Quota reads /speech/equity (no account with one configured)', async () => {
		const quota = {
			used: 3,
			total: 3,
			voice_clone_preview_free_quota: 'inf',
			srt_download: false,
			base_resp: {},
		};
		api().get('/v1/minimax/speech/equity').query({}).reply(200, quota);
		const result = await run({ resource: 'speechSettings', operation: 'getQuota' });
		expect(jsonOf(result)).toEqual([quota]);
	});

	test('596 on an audio route: the documented pending-error text, and how to fix it at useapi.net', async () => {
		const text =
			'Your minimax account has pending error. Please address this issue at https://useapi.net/docs/api-minimax-v1/post-minimax-accounts-account before making any new API calls.';
		api()
			.get('/v1/minimax/speech/config')
			.query({ account: ACCOUNT })
			.reply(596, { error: text, code: 596 });
		const result = await run({
			resource: 'speechSettings',
			operation: 'get',
			account: picked(ACCOUNT),
		});
		expect(result.error?.message).toBe(
			`Account ${ACCOUNT} has a pending error at useapi.net (596): ${text}`,
		);
		expect(result.error?.description).toMatch(/Account → Create or Update/);
	});

	test('412 says "no MiniMax Audio credit" in plain words, naming the account', async () => {
		api()
			.get('/v1/minimax/speech/equity')
			.query({ account: ACCOUNT })
			.reply(412, { error: 'Account has no audio subscription', code: 412 });
		const result = await run({
			resource: 'speechSettings',
			operation: 'getQuota',
			account: picked(ACCOUNT),
		});
		expect(result.error?.message).toBe(
			`Account ${ACCOUNT} has no MiniMax Audio credit (412): Account has no audio subscription`,
		);
		expect(result.error?.description).toMatch(
			/MiniMax Audio plan \(minimax\.io\/audio\), not Hailuo video credits/,
		);
		expect(result.error?.httpCode).toBe('412');
		expect(JSON.stringify(result.execution)).not.toContain(SECRET);
	});
});

describe('Music', () => {
	setupNock();

	test('Get sends the raw musicId', async () => {
		const record = { ...song(1), musicId: MUSIC_ID, statusFinal: true, lyrics: '' };
		api().get(`/v1/minimax/music/${MUSIC_ID}`).reply(200, record);
		const result = await run({ resource: 'music', operation: 'get', musicId: MUSIC_ID });
		expect(jsonOf(result)).toEqual([record]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get Many (bare array): lastMusicId cursor with limit 30, filters in the query', async () => {
		api()
			.get('/v1/minimax/music')
			.query({ account: ACCOUNT, type: 'all', favorite: 'true', limit: '30' })
			.reply(200, range(1, 30).map(song));
		api()
			.get('/v1/minimax/music')
			.query({
				account: ACCOUNT,
				type: 'all',
				favorite: 'true',
				limit: '30',
				lastMusicId: songId(30),
			})
			.reply(200, range(31, 12).map(song));
		const result = await run({
			resource: 'music',
			operation: 'getAll',
			account: picked(ACCOUNT),
			returnAll: true,
			filters: { type: 'all', favorite: true },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((j) => j.musicId)).toEqual(range(1, 42).map(songId));
	});

	test.each([
		['items', (list: IDataObject[]) => ({ items: list, hasMore: false })],
		['music', (list: IDataObject[]) => ({ music: list, has_more: false })],
		['musicList', (list: IDataObject[]) => ({ musicList: list })],
		['data', (list: IDataObject[]) => ({ data: list, total: 3 })],
	])('Get Many accepts an object envelope (%s)', async (_name, wrap) => {
		api()
			.get('/v1/minimax/music')
			.query({ limit: '3' })
			.reply(200, wrap(range(1, 3).map(song)));
		const result = await run({ resource: 'music', operation: 'getAll', limit: 3 });
		expect(jsonOf(result).map((j) => j.musicId)).toEqual(range(1, 3).map(songId));
	});

	test('Get Many stops on hasMore false, and never sends favorite=false or the default type', async () => {
		api()
			.get('/v1/minimax/music')
			.query({ type: 'reference', limit: '30' })
			.reply(200, { items: range(1, 30).map(song), hasMore: false });
		const result = await run({
			resource: 'music',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'reference', favorite: false },
		});
		expect(result.items).toHaveLength(30);
	});

	test('Return All stops at the newest 1000 songs (the cursor cannot reach further)', async () => {
		const scope = api();
		for (let p = 0; p < 34; p++) {
			const from = p * 30 + 1;
			const count = Math.min(30, 1000 - p * 30);
			scope
				.get('/v1/minimax/music')
				.query(
					p === 0
						? { limit: String(count) }
						: { limit: String(count), lastMusicId: songId(from - 1) },
				)
				.reply(200, range(from, count).map(song));
		}
		const result = await run({ resource: 'music', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
	});

	test('Delete (inferred route) sends DELETE /music/{musicId}; its description says it is unverified', async () => {
		api().delete(`/v1/minimax/music/${MUSIC_ID}`).reply(200);
		const result = await run({ resource: 'music', operation: 'delete', musicId: MUSIC_ID });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
		const { Minimax } = await import('../../nodes/Minimax/Minimax.node');
		const operation = new Minimax().description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'music',
		);
		const del = (operation?.options as IDataObject[]).find((o) => o.value === 'delete');
		expect(String(del?.description)).toMatch(
			/Unverified: useapi\.net has not documented this route/,
		);
	});

	test.each([
		['a speech id', { operation: 'get', musicId: AUDIO_ID }, '"Music ID" is not a music id'],
		[
			'a bare number',
			{ operation: 'delete', musicId: '998877665544332211' },
			'"Music ID" is a bare number',
		],
		[
			'a bad Type',
			{ operation: 'getAll', limit: 5, filters: { type: '={{ "songs" }}' } },
			'"Type" must be Song, Reference or All (got "songs")',
		],
	])('refuses %s before any request', async (_name, parameters, message) => {
		const result = await run({ resource: 'music', ...parameters } as IDataObject);
		expect(result.error?.message).toContain(message);
	});

	test('404 names the song; 412 says no MiniMax Audio credit', async () => {
		api().get(`/v1/minimax/music/${MUSIC_ID}`).reply(404, { error: 'Not found.', code: 404 });
		const missing = await run({ resource: 'music', operation: 'get', musicId: MUSIC_ID });
		expect(missing.error?.message).toBe('The song was not found (404): Not found.');
		expect(missing.error?.description).toContain(`Job: ${MUSIC_ID}`);

		api()
			.get('/v1/minimax/music')
			.query({ limit: '30' })
			.reply(412, { error: 'Insufficient credits', code: 412 });
		const broke = await run({ resource: 'music', operation: 'getAll', returnAll: true });
		expect(broke.error?.message).toBe(
			'The MiniMax account has no MiniMax Audio credit (412): Insufficient credits',
		);
	});

	test('continueOnFail: one error item per failing song, the others succeed, all paired', async () => {
		const other = MUSIC_ID.replace(/\d+$/, '111');
		api().get(`/v1/minimax/music/${MUSIC_ID}`).reply(200, song(1));
		api()
			.get(`/v1/minimax/music/${other}`)
			.reply(412, { error: 'Insufficient credits', code: 412 });
		const result = await run(
			{ resource: 'music', operation: 'get', musicId: '={{ $json.id }}' },
			{
				continueOnFail: true,
				items: [{ json: { id: MUSIC_ID } }, { json: { id: other } }, { json: { id: VOICE_ID } }],
			},
		);
		expect(result.status).toBe('success');
		const json = jsonOf(result);
		expect(json[0]).toEqual(song(1));
		expect(json[1]).toEqual({
			error: `Account ${ACCOUNT} has no MiniMax Audio credit (412): Insufficient credits`,
		});
		expect(String(json[2].error)).toContain('"Music ID" is not a music id');
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
