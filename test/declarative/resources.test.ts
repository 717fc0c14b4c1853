import {
	ACCOUNT,
	api,
	FILE_ID,
	image,
	IMAGE_ID,
	JOB_ID,
	jsonOf,
	pairsOf,
	picked,
	range,
	run,
	setupNock,
	VIDEO_ID,
} from './helpers';

const imageIdOf = (n: number) => String(image(n).imageId);
const imagePage = (from: number, count: number, hasNext: boolean) => ({
	images: range(from, count).map(image),
	hasPre: from > 1,
	hasNext,
	processing: false,
	total: 999,
});

describe('Image', () => {
	setupNock();

	test('Get sends the raw id and simplifies (model from modelID)', async () => {
		api()
			.get(`/v1/minimax/images/${IMAGE_ID}`)
			.reply(200, { ...image(1), imageId: IMAGE_ID });
		const result = await run({ resource: 'image', operation: 'get', imageId: IMAGE_ID });
		expect(jsonOf(result)).toEqual([
			{
				id: '200001',
				imageId: IMAGE_ID,
				status: 2,
				statusLabel: 'completed',
				statusFinal: true,
				prompt: 'image 1',
				downloadURL: 'https://cdn.hailuoai.video/200001/clean.png',
				videoURL: 'https://cdn.hailuoai.video/200001/wm.png',
				coverURL: 'https://cdn.hailuoai.video/200001/cover.png',
				width: 1024,
				height: 1024,
				createTime: 1732266598001,
				model: 'image-01',
			},
		]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get Many, Return All: lastImageId over 3 pages, stopping on hasNext false', async () => {
		api()
			.get('/v1/minimax/images')
			.query({ limit: '30' })
			.reply(200, imagePage(1, 30, true));
		api()
			.get('/v1/minimax/images')
			.query({ limit: '30', lastImageId: imageIdOf(30) })
			.reply(200, imagePage(31, 30, true));
		api()
			.get('/v1/minimax/images')
			.query({ limit: '30', lastImageId: imageIdOf(60) })
			.reply(200, imagePage(61, 30, false));
		const result = await run({
			resource: 'image',
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		});
		expect(jsonOf(result).map((j) => j.imageId)).toEqual(range(1, 90).map(imageIdOf));
		expect(jsonOf(result)[0]).toEqual(image(1));
	});

	test('Get Many stops on a short page even when hasNext is missing; Limit asks for less', async () => {
		api()
			.get('/v1/minimax/images')
			.query({ account: ACCOUNT, limit: '30' })
			.reply(200, { images: range(1, 30).map(image) });
		api()
			.get('/v1/minimax/images')
			.query({ account: ACCOUNT, limit: '10', lastImageId: imageIdOf(30) })
			.reply(200, { images: range(31, 4).map(image) });
		const result = await run({
			resource: 'image',
			operation: 'getAll',
			account: picked(ACCOUNT),
			limit: 40,
		});
		expect(result.items).toHaveLength(34);
		expect(jsonOf(result)[33]).toHaveProperty('prompt', 'image 34');
	});

	test('Delete outputs {deleted: true}', async () => {
		api().delete(`/v1/minimax/images/${IMAGE_ID}`).reply(200);
		const result = await run({ resource: 'image', operation: 'delete', imageId: IMAGE_ID });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
	});
});

describe('File', () => {
	setupNock();

	test('Get Many sends account and limit; an empty listing is zero items', async () => {
		const files = [{ file_id: FILE_ID, file_name: 'x.jpeg' }];
		api().get('/v1/minimax/files').query({ account: ACCOUNT, limit: '5' }).reply(200, files);
		const some = await run({
			resource: 'file',
			operation: 'getAll',
			account: picked(ACCOUNT),
			limit: 5,
		});
		expect(jsonOf(some)).toEqual(files);
		expect(pairsOf(some)).toEqual([{ item: 0 }]);

		api().get('/v1/minimax/files').query({ limit: '1000' }).reply(200, []);
		const none = await run({ resource: 'file', operation: 'getAll', returnAll: true });
		expect(none.error).toBeUndefined();
		expect(none.items).toEqual([]);
	});

	test('Delete sends the raw fileID', async () => {
		api().delete(`/v1/minimax/files/${FILE_ID}`).reply(200);
		const result = await run({ resource: 'file', operation: 'delete', fileId: FILE_ID });
		expect(jsonOf(result)).toEqual([{ deleted: true }]);
	});
});

describe('Agent Job', () => {
	setupNock();

	test('Get sends the raw job id', async () => {
		const job = { jobId: JOB_ID, status: 'completed', response: { msg_content: 'done' } };
		api().get(`/v1/minimax/agent/${JOB_ID}`).reply(200, job);
		const result = await run({ resource: 'agentJob', operation: 'get', jobId: JOB_ID });
		expect(jsonOf(result)).toEqual([job]);
		expect(pairsOf(result)).toEqual([{ item: 0 }]);
	});

	test('Get Many Running flattens executing into one item per job', async () => {
		api()
			.get('/v1/minimax/agent/jobs')
			.reply(200, {
				accounts: ['67890', '54321'],
				summary: { '67890': { executing: 2 } },
				executing: {
					'67890': [
						{ jobId: 'p1-u1-a67890-bot:minimax', elapsed: '02:15' },
						{ jobId: 'p2-u1-a67890-bot:minimax', elapsed: '00:10' },
					],
					'54321': [{ jobId: 'p3-u1-a54321-bot:minimax', elapsed: '01:00' }],
				},
			});
		const result = await run({ resource: 'agentJob', operation: 'getRunning', returnAll: true });
		expect(jsonOf(result)).toEqual([
			{ account: '54321', jobId: 'p3-u1-a54321-bot:minimax', elapsed: '01:00' },
			{ account: '67890', jobId: 'p1-u1-a67890-bot:minimax', elapsed: '02:15' },
			{ account: '67890', jobId: 'p2-u1-a67890-bot:minimax', elapsed: '00:10' },
		]);
	});
});

describe('Scheduler', () => {
	setupNock();

	test('Get Many returns the tracked jobs, capped by Limit', async () => {
		const tracked = range(1, 3).map((n) => ({
			videoId: `${VIDEO_ID}${n}`,
			started: '2024-09-25T01:55:16.128Z',
			elapsed: '00:0' + n,
		}));
		api().get('/v1/minimax/scheduler').reply(200, tracked);
		const result = await run({ resource: 'scheduler', operation: 'getAll', limit: 2 });
		expect(jsonOf(result)).toEqual(tracked.slice(0, 2));
	});

	test('Get Capacity: one item per account with its executing jobs', async () => {
		const running = {
			videoId: VIDEO_ID,
			started: '2024-09-25T01:55:16.128Z',
			elapsed: '03:57',
			replyRef: 'r',
		};
		const orphan = { imageId: 'user:1234-minimax:555-image:1', elapsed: '00:01' };
		api()
			.get('/v1/minimax/scheduler/available')
			.reply(200, {
				executing: [running, orphan],
				available: [
					{ account: ACCOUNT, maxJobs: 5, executing: 1, available: 4 },
					{ account: '123456', maxJobs: 2, executing: 0, available: 2 },
				],
			});
		const result = await run({ resource: 'scheduler', operation: 'getCapacity' });
		expect(jsonOf(result)).toEqual([
			{ account: ACCOUNT, maxJobs: 5, executing: 1, available: 4, executingJobs: [running] },
			{ account: '123456', maxJobs: 2, executing: 0, available: 2, executingJobs: [] },
			{ account: '555', executingJobs: [orphan] },
		]);
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('Delete takes a video or image id raw and answers 204 → {deleted: true}', async () => {
		api().delete(`/v1/minimax/scheduler/${VIDEO_ID}`).reply(204);
		api().delete(`/v1/minimax/scheduler/${IMAGE_ID}`).reply(204);
		const result = await run(
			{ resource: 'scheduler', operation: 'delete', schedulerId: '={{ $json.id }}' },
			{ items: [{ json: { id: VIDEO_ID } }, { json: { id: IMAGE_ID } }] },
		);
		expect(jsonOf(result)).toEqual([{ deleted: true }, { deleted: true }]);
		expect(pairsOf(result)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
