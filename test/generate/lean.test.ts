import type { IDataObject } from 'n8n-workflow';

import { ops, run, startSim, type Sim } from './helpers';

// Version 2: the lean panel (settings in "Options") and output without repeated values.
const V2 = { typeVersion: 2 };
const FAST = { pollInterval: 0.1, timeout: 1 };
const MEDIA_BYTES = 4000;

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ mediaBytes: MEDIA_BYTES, jobMs: 300 });
});
afterEach(() => sim.reset());
afterAll(async () => await sim.close());

const video = (extra: IDataObject = {}, options: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'create',
	prompt: 'a red fox in snow',
	options: { ...FAST, ...options },
	...extra,
});

describe('version 2 (lean panel)', () => {
	it('defaults to T2V-2.3 and returns each value once, the API record only on request', async () => {
		const result = await run(
			sim,
			video({}, { replyRef: 'order-1', account: '987654321' }),
			undefined,
			V2,
		);
		expect(result.error).toBeUndefined();
		const { json, binary } = result.items[0];
		expect(Object.keys(json)[0]).toBe('videoId');
		expect(json).toMatchObject({
			kind: 'video',
			status: 'completed',
			replyRef: 'order-1',
			account: '987654321',
		});
		for (const repeated of [
			'id',
			'downloadURL',
			'videoURL',
			'statusLabel',
			'outcome',
			'attempts',
			'raw',
		])
			expect(json).not.toHaveProperty(repeated);
		expect(Object.values(json).filter((v) => v === json.url)).toHaveLength(1);
		expect(binary?.data.mimeType).toBe('video/mp4');
		const create = ops(sim, 'videos.create')[0].body as IDataObject;
		expect(create).toMatchObject({ model: 'T2V-2.3', account: '987654321' });
		expect(String(create.replyRef)).toMatch(/^order-1\|n8n:/);

		const raw = await run(sim, video({}, { includeRaw: true }), undefined, V2);
		const record = raw.items[0].json.raw as IDataObject;
		expect(record.videoId).toBe(raw.items[0].json.videoId);
		expect(raw.items[0].json.url).toBe(record.downloadURL);
	});

	it('reads every setting from Options: prompt optimization, max jobs, output field, URL only', async () => {
		const result = await run(
			sim,
			video(
				{ videoModel: 'Veo-3.1' },
				{ promptOptimization: false, maxJobs: 2, binaryPropertyName: 'clip' },
			),
			undefined,
			V2,
		);
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['clip']);
		expect(ops(sim, 'videos.create')[0].body).toMatchObject({
			model: 'Veo-3.1',
			promptOptimization: false,
			maxJobs: 2,
		});
		sim.reset();
		const urlOnly = await run(sim, video({ downloadResult: false }), undefined, V2);
		expect(urlOnly.items[0].binary).toBeUndefined();
		expect(String(urlOnly.items[0].json.url)).toMatch(/^http/);
		expect(sim.log.filter((e) => e.kind === 'cdn')).toHaveLength(0);
	});

	it('returns only the kind id when not waiting, and never echoes the Reply URL (a trigger URL holds its secret)', async () => {
		const replyUrl = 'https://n8n.example.com/webhook/abc/minimax/dummy-test-value-in-path';
		const result = await run(
			sim,
			video({ waitForCompletion: false }, { replyUrl, replyRef: 'r1' }),
			undefined,
			V2,
		);
		const json = result.items[0].json;
		expect(String(json.videoId)).toMatch(/-video:/);
		expect(json).toMatchObject({ status: 'submitted', replyRef: 'r1' });
		expect(JSON.stringify(json)).not.toContain('dummy-test-value-in-path');
		expect((ops(sim, 'videos.create')[0].body as IDataObject).replyUrl).toBe(replyUrl);
		expect(json).not.toHaveProperty('id');
		expect(json).not.toHaveProperty('finishedAt');
	});

	it('lists several images once: imageIds, urls and one entry per image', async () => {
		const params = {
			resource: 'image',
			operation: 'create',
			imageModel: 'image-01',
			prompt: 'two cats',
			quantity: 2,
			options: FAST,
		};
		const result = await run(sim, params, undefined, V2);
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect((json.imageIds as string[]).length).toBe(2);
		expect((json.urls as string[]).length).toBe(2);
		for (const repeated of ['id', 'ids', 'url', 'statusLabel', 'outcome'])
			expect(json).not.toHaveProperty(repeated);
		expect((json.items as IDataObject[]).map((i) => i.imageId)).toEqual(json.imageIds);
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['data', 'data_1']);
	});
});

describe('version 1 (saved workflows from the old layout) keeps working', () => {
	it('reads Wait Options, Download Options, Callback and Output Options, defaults to Hailuo 02, keeps the old output', async () => {
		const params = {
			resource: 'video',
			operation: 'create',
			prompt: 'old layout',
			account: '987654321',
			promptOptimization: false,
			maxJobs: 3,
			waitOptions: FAST,
			downloadOptions: { binaryProperty: 'movie' },
			callback: { replyRef: 'legacy-7' },
			outputOptions: { includeRaw: true },
		};
		const result = await run(sim, params, undefined, { typeVersion: 1 });
		expect(result.error).toBeUndefined();
		const { json, binary } = result.items[0];
		expect(json).toMatchObject({
			status: 2,
			statusLabel: 'completed',
			outcome: 'completed',
			replyRef: 'legacy-7',
		});
		expect(json.id).toBe(json.videoId);
		expect(json.url).toBe(json.downloadURL);
		expect(json.raw).toBeDefined();
		expect(Object.keys(binary ?? {})).toEqual(['movie']);
		const create = ops(sim, 'videos.create')[0].body as IDataObject;
		expect(create).toMatchObject({
			model: '02',
			account: '987654321',
			promptOptimization: false,
			maxJobs: 3,
		});
		expect(String(create.replyRef)).toMatch(/^legacy-7\|n8n:/);
	});

	it('ignores version-2 Options on a version-1 node', async () => {
		const result = await run(
			sim,
			{
				resource: 'video',
				operation: 'create',
				videoModel: 'T2V-2.3',
				prompt: 'x',
				waitOptions: FAST,
				options: { account: 'nope', maxJobs: 9 },
			},
			undefined,
			{ typeVersion: 1 },
		);
		expect(result.error).toBeUndefined();
		expect(ops(sim, 'videos.create')[0].body).not.toHaveProperty('maxJobs');
	});
});
