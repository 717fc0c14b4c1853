import {
	ACCOUNT,
	api,
	jsonOf,
	pairsOf,
	picked,
	range,
	run,
	setupNock,
	template,
	video,
	VIDEO_ID,
} from './helpers';

const videos = (from: number, count: number) => range(from, count).map((n) => video(n));
const idOf = (n: number) => String(video(n).videoId);

describe('Video', () => {
	setupNock();

	test('Get sends the id raw (with ":") and simplifies by default', async () => {
		const record = {
			...video(1, { videoId: VIDEO_ID }),
			modelID: '23000',
			createTime: 1700000000000,
		};
		api().get(`/v1/minimax/videos/${VIDEO_ID}`).reply(200, record);
		const result = await run({ resource: 'video', operation: 'get', videoId: `  ${VIDEO_ID}\n` });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{
				id: '100001',
				videoId: VIDEO_ID,
				status: 2,
				statusLabel: 'completed',
				statusFinal: true,
				percent: 100,
				prompt: 'prompt 1',
				downloadURL: record.downloadURL,
				videoURL: record.videoURL,
				coverURL: record.coverURL,
				width: 1280,
				height: 720,
				createTime: 1700000000000,
				model: '23000',
			},
		]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get with Simplify off returns the raw record; labels come from the status table when missing', async () => {
		const running = {
			id: '5',
			videoId: VIDEO_ID,
			status: 11,
			percent: 3,
			desc: 'p',
			originFiles: [],
		};
		api().get(`/v1/minimax/videos/${VIDEO_ID}`).reply(200, running);
		const raw = await run({
			resource: 'video',
			operation: 'get',
			videoId: VIDEO_ID,
			simplify: false,
		});
		expect(jsonOf(raw)).toEqual([running]);

		api().get(`/v1/minimax/videos/${VIDEO_ID}`).reply(200, running);
		const simple = await run({ resource: 'video', operation: 'get', videoId: VIDEO_ID });
		expect(jsonOf(simple)[0]).toMatchObject({
			statusLabel: 'queued',
			statusFinal: false,
			prompt: 'p',
		});
		expect(jsonOf(simple)[0]).not.toHaveProperty('originFiles');
	});

	test('Delete outputs {deleted: true} for the documented empty 200', async () => {
		api().delete(`/v1/minimax/videos/${VIDEO_ID}`).reply(200, '');
		const result = await run({ resource: 'video', operation: 'delete', videoId: VIDEO_ID });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Cancel posts {videoId} and reports success for any 2xx body', async () => {
		api().post('/v1/minimax/videos/cancel', { videoId: VIDEO_ID }).reply(200, { whatever: 1 });
		api().post('/v1/minimax/videos/cancel', { videoId: VIDEO_ID }).reply(204);
		const result = await run(
			{ resource: 'video', operation: 'cancel', videoId: '={{ $json.id }}' },
			{ items: [{ json: { id: VIDEO_ID } }, { json: { id: ` ${VIDEO_ID} ` } }] },
		);
		expect(jsonOf(result)).toEqual([
			{ cancelled: true, videoId: VIDEO_ID },
			{ cancelled: true, videoId: VIDEO_ID },
		]);
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Get Many, Return All: follows lastVideoId across 3 pages and stops on the short one', async () => {
		api()
			.get('/v1/minimax/videos')
			.query({ account: ACCOUNT, limit: '30' })
			.reply(200, videos(1, 30));
		api()
			.get('/v1/minimax/videos')
			.query({ account: ACCOUNT, limit: '30', lastVideoId: idOf(30) })
			.reply(200, videos(31, 30));
		api()
			.get('/v1/minimax/videos')
			.query({ account: ACCOUNT, limit: '30', lastVideoId: idOf(60) })
			.reply(200, videos(61, 7));
		const result = await run({
			resource: 'video',
			operation: 'getAll',
			account: picked(ACCOUNT),
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((j) => j.videoId)).toEqual(range(1, 67).map(idOf));
		expect(jsonOf(result)[0]).toHaveProperty('prompt', 'prompt 1');
		expect(pairsOf(result).every((p) => JSON.stringify(p) === '{"item":0}')).toBe(true);
	});

	test('Get Many, Limit 45: asks for 30 then 15 and stops', async () => {
		api().get('/v1/minimax/videos').query({ limit: '30' }).reply(200, videos(1, 30));
		api()
			.get('/v1/minimax/videos')
			.query({ limit: '15', lastVideoId: idOf(30) })
			.reply(200, videos(31, 15));
		const result = await run({
			resource: 'video',
			operation: 'getAll',
			returnAll: false,
			limit: 45,
			simplify: false,
		});
		expect(result.items).toHaveLength(45);
		expect(jsonOf(result)[44]).toEqual(video(45));
	});

	test('Get Many stops on an empty page', async () => {
		api().get('/v1/minimax/videos').query({ limit: '30' }).reply(200, videos(1, 30));
		api()
			.get('/v1/minimax/videos')
			.query({ limit: '30', lastVideoId: idOf(30) })
			.reply(200, []);
		const result = await run({ resource: 'video', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(30);
	});

	test('Get Many pairs each listing with its own input item', async () => {
		api().get('/v1/minimax/videos').query({ account: '111', limit: '2' }).reply(200, videos(1, 2));
		api().get('/v1/minimax/videos').query({ account: '222', limit: '2' }).reply(200, videos(3, 1));
		const result = await run(
			{ resource: 'video', operation: 'getAll', account: picked('={{ $json.a }}', 'id'), limit: 2 },
			{ items: [{ json: { a: '111' } }, { json: { a: '222' } }] },
		);
		expect(jsonOf(result).map((j) => j.videoId)).toEqual([idOf(1), idOf(2), idOf(3)]);
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
	});

	test('Get Many Characters pages with page/pageSize and stops on a short page', async () => {
		const chars = (from: number, count: number) =>
			range(from, count).map((n) => ({
				characterID: String(n),
				characterType: 1,
				file: { fileID: `f${n}` },
			}));
		api()
			.get('/v1/minimax/videos/characters')
			.query({ account: ACCOUNT, page: '1', pageSize: '50' })
			.reply(200, chars(1, 50));
		api()
			.get('/v1/minimax/videos/characters')
			.query({ account: ACCOUNT, page: '2', pageSize: '50' })
			.reply(200, chars(51, 50));
		api()
			.get('/v1/minimax/videos/characters')
			.query({ account: ACCOUNT, page: '3', pageSize: '50' })
			.reply(200, chars(101, 2));
		const all = await run({
			resource: 'video',
			operation: 'getCharacters',
			account: picked(ACCOUNT),
			returnAll: true,
		});
		expect(jsonOf(all).map((j) => j.characterID)).toEqual(range(1, 102).map(String));

		api()
			.get('/v1/minimax/videos/characters')
			.query({ page: '1', pageSize: '20' })
			.reply(200, chars(1, 20));
		const limited = await run({
			resource: 'video',
			operation: 'getCharacters',
			returnAll: false,
			limit: 20,
		});
		expect(limited.items).toHaveLength(20);
	});

	test('Get Many Templates: items from videoList, lastId cursor over 3 pages', async () => {
		const page = (from: number, count: number) => ({ videoList: range(from, count).map(template) });
		api().get('/v1/minimax/videos/agent-templates').query({ limit: '30' }).reply(200, page(1, 30));
		api()
			.get('/v1/minimax/videos/agent-templates')
			.query({ limit: '30', lastId: '300030' })
			.reply(200, page(31, 30));
		api()
			.get('/v1/minimax/videos/agent-templates')
			.query({ limit: '30', lastId: '300060' })
			.reply(200, page(61, 4));
		const result = await run({ resource: 'video', operation: 'getTemplates', returnAll: true });
		expect(jsonOf(result).map((j) => j.id)).toEqual(range(1, 64).map((n) => String(300000 + n)));
		expect(jsonOf(result)[0]).toEqual(template(1));
	});

	test('Get Many Templates stops when hasMore is false, and Limit caps the result', async () => {
		api()
			.get('/v1/minimax/videos/agent-templates')
			.query({ limit: '30' })
			.reply(200, { videoList: range(1, 30).map(template), hasMore: false });
		const all = await run({ resource: 'video', operation: 'getTemplates', returnAll: true });
		expect(all.items).toHaveLength(30);

		api()
			.get('/v1/minimax/videos/agent-templates')
			.query({ limit: '3' })
			.reply(200, { videoList: range(1, 3).map(template) });
		const limited = await run({ resource: 'video', operation: 'getTemplates', limit: 3 });
		expect(jsonOf(limited).map((j) => j.id)).toEqual(['300001', '300002', '300003']);
	});

	test('Get Template sends templateId (trimmed) and account', async () => {
		const detail = { id: '1122334455667788', inputs: [{ type: 'image' }] };
		api()
			.get('/v1/minimax/videos/agent-templates')
			.query({ account: ACCOUNT, templateId: '1122334455667788' })
			.reply(200, detail);
		const result = await run({
			resource: 'video',
			operation: 'getTemplate',
			templateId: ' 1122334455667788 ',
			account: picked(ACCOUNT),
		});
		expect(jsonOf(result)).toEqual([detail]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});
});
