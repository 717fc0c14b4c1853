import { sleep, type IDataObject } from 'n8n-workflow';

import { FAST_WAIT, ops, png, run, startSim, type Sim } from './helpers';

const IMAGE_TEMPLATE = '1122334455667702';
const TEXT_TEMPLATE = '1122334455667704';

const template = (extra: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'createFromTemplate',
	templateId: TEXT_TEMPLATE,
	templatePrompt: 'a story about a lighthouse',
	waitOptions: FAST_WAIT,
	downloadOptions: { returnAs: 'url' },
	...extra,
});

describe.each(['sse', 'json', 'sse-no-final'])('Video → Create From Template (%s)', (mode) => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ agentCreateMode: mode, jobMs: 300 });
	});
	afterAll(async () => await sim.close());

	it('ends with the completed video and uploads a binary image with its ossPath', async () => {
		const result = await run(
			sim,
			template({
				templateId: IMAGE_TEMPLATE,
				templateImageSource: 'binary',
				templateImageBinaryProperty: 'photo',
				callback: { replyRef: 'tpl' },
			}),
			[{ json: {}, binary: { photo: png(90) } }],
		);
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(json).toMatchObject({
			kind: 'template',
			outcome: 'completed',
			status: 2,
			replyRef: 'tpl',
		});
		const created = ops(sim, 'videos.agentCreate')[0];
		expect(json.id).toBe(created.jobId);
		const upload = ops(sim, 'files.upload')[0];
		expect((upload.body as IDataObject).bytes).toBe(90);
		expect((created.body as IDataObject).fileID).toBe(upload.jobId);
		expect(String((created.body as IDataObject).ossPath)).toContain('/cdn/files/');
		// The stream's final event ends the job; otherwise the video is polled.
		const gets = ops(sim, 'videos.get').length;
		if (mode === 'sse') expect(gets).toBe(0);
		else expect(gets).toBeGreaterThanOrEqual(1);
		expect(sim.stats().creates.template).toBe(1);
	});
});

describe('Image → Create', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ jobMs: 250 });
	});
	afterEach(() => sim.reset());
	afterAll(async () => await sim.close());

	const image = (extra: IDataObject = {}): IDataObject => ({
		resource: 'image',
		operation: 'create',
		imageModel: 'image-01',
		prompt: 'a lighthouse at dawn',
		waitOptions: FAST_WAIT,
		...extra,
	});

	it('polls every image of quantity 2 and puts them in data and data_1', async () => {
		const result = await run(sim, image({ quantity: 2 }));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json.imageIds).toHaveLength(2);
		expect(item.json.outcome).toBe('completed');
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['data', 'data_1']);
		expect(item.binary?.data.mimeType).toBe('image/png');
		expect(ops(sim, 'images.get')).toHaveLength(2);
	});

	it('splits the 4 Midjourney images into 4 items paired with their input', async () => {
		const result = await run(
			sim,
			image({
				imageModel: 'midjourney-v7',
				outputOptions: { splitIntoItems: true },
				downloadOptions: { binaryProperty: 'img' },
			}),
			[{ json: { a: 1 } }, { json: { a: 2 } }],
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
		expect(result.items.map((i) => (i.pairedItem as IDataObject).item)).toEqual([
			0, 0, 0, 0, 1, 1, 1, 1,
		]);
		expect(new Set(result.items.map((i) => i.json.imageId)).size).toBe(8);
		expect(result.items.every((i) => i.binary?.img)).toBe(true);
		expect(sim.stats().creates.image).toBe(2);
	});
});

describe('Agent → Run', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim({ jobMs: 300 });
	});
	afterEach(() => sim.reset());
	afterAll(async () => await sim.close());

	const agent = (extra: IDataObject = {}): IDataObject => ({
		resource: 'agent',
		operation: 'run',
		agentPrompt: 'make a video and a cover image of a cat',
		agentModels: ['hailuo-2.3'],
		agentExtraModels: 'nano-banana-2, ',
		agentFiles: 'ref',
		waitOptions: FAST_WAIT,
		...extra,
	});

	it('sends multipart with async=true and the files, polls the job and downloads every attachment', async () => {
		const result = await run(sim, agent(), [{ json: {}, binary: { ref: png(77) } }]);
		expect(result.error).toBeUndefined();
		const run0 = ops(sim, 'agent.run')[0];
		const body = run0.body as IDataObject;
		expect((run0.headers as IDataObject)['content-type']).toMatch(
			/^multipart\/form-data; boundary=/,
		);
		expect(body.fields).toMatchObject({
			async: 'true',
			models: 'hailuo-2.3,nano-banana-2',
			prompt: 'make a video and a cover image of a cat',
		});
		expect(body.files).toEqual([
			expect.objectContaining({ field: 'file', name: 'in.png', type: 'image/png', size: 77 }),
		]);
		const json = result.items[0].json;
		expect(json).toMatchObject({ kind: 'agent', status: 'completed', outcome: 'completed' });
		const attachments = json.attachments as IDataObject[];
		expect(attachments).toHaveLength(2);
		// no_watermark_url preferred over fileUrl; the image attachment has none (https://useapi.net/docs/api-minimax-v1/get-minimax-agent-jobId), so its fileUrl is used.
		expect(String(attachments[0].url)).not.toContain('watermark');
		expect(String(attachments[0].url)).not.toBe(attachments[0].fileUrl);
		expect(attachments[1].url).toBe(attachments[1].fileUrl);
		expect(Object.keys(result.items[0].binary ?? {}).sort()).toEqual(['data', 'data_1']);
		expect(ops(sim, 'agent.listJobs').length).toBeGreaterThanOrEqual(1);
	});

	it('Split Into Items gives one item per attachment, each with its file in the binary property', async () => {
		const result = await run(
			sim,
			agent({
				agentFiles: '',
				outputOptions: { splitIntoItems: true },
				downloadOptions: { binaryProperty: 'out' },
			}),
			[{ json: {} }, { json: {} }],
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items.map((i) => (i.pairedItem as IDataObject).item)).toEqual([0, 0, 1, 1]);
		expect(result.items.map((i) => i.json.position)).toEqual([0, 1, 0, 1]);
		expect(result.items.map((i) => Object.keys(i.binary ?? {}))).toEqual([
			['out'],
			['out'],
			['out'],
			['out'],
		]);
		expect(result.items.map((i) => i.binary?.out.mimeType)).toEqual([
			'video/mp4',
			'image/png',
			'video/mp4',
			'image/png',
		]);
		for (const item of result.items) {
			expect(item.json).toMatchObject({
				kind: 'agent',
				outcome: 'completed',
				attachment: { url: item.json.url },
			});
			expect(item.json.attachments).toBeUndefined();
		}
		expect(sim.stats().creates.agent).toBe(2);
	});

	it('after a lost answer to the agent create, finds the job by its replyRef tag instead of sending it again', async () => {
		sim.setFaults({ rate: 1, kinds: ['resetAfter'], paths: ['agent.run'], seed: 1 });
		try {
			const pending = run(sim, agent({ agentPrompt: 'a cat [ms=600000]', agentFiles: '' }));
			// The job runs until the engine has found it (GET /agent/{id} of the lookup), then ends.
			for (let i = 0; i < 500 && !ops(sim, 'agent.getJob').some((e) => e.status === 200); i++)
				await sleep(20);
			const id = String(ops(sim, 'agent.run')[0].jobId);
			sim.completeJob(id);
			const result = await pending;
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ jobId: id, outcome: 'completed' });
			expect(ops(sim, 'agent.run').map((e) => e.status)).toEqual([0]);
			expect(sim.stats().creates.agent).toBe(1);
		} finally {
			sim.setFaults({ rate: 0, paths: undefined });
		}
	});

	it('reports a failed agent job with its message', async () => {
		const result = await run(
			sim,
			agent({ agentPrompt: '[fail] x', agentFiles: '' }),
			[{ json: {} }],
			{ continueOnFail: true },
		);
		expect(String(result.items[0].json.error)).toMatch(/agent job failed.*Timeout waiting/);
	});
});

describe('File → Upload', () => {
	let sim: Sim;
	beforeAll(async () => {
		sim = await startSim();
	});
	afterAll(async () => await sim.close());

	it('uploads raw bytes with the MIME type, webp as jpeg, and refuses other types before any call', async () => {
		const params = { resource: 'file', operation: 'upload', binaryProperty: 'data' };
		const result = await run(sim, params, [
			{ json: {}, binary: { data: png(33) } },
			{ json: {}, binary: { data: { ...png(44), mimeType: 'image/webp' } } },
		]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.account)).toEqual(['987654321', '987654321']);
		const uploads = ops(sim, 'files.upload');
		expect(
			uploads.map((u) => [(u.body as IDataObject).bytes, (u.body as IDataObject).contentType]),
		).toEqual([
			[33, 'image/png'],
			[44, 'image/jpeg'],
		]);
		expect(result.items.map((i) => i.json.fileID)).toEqual(uploads.map((u) => u.jobId));
		expect(String(result.items[0].json.ossPath)).toContain('/cdn/files/');

		const before = sim.log.length;
		const bad = await run(sim, params, [
			{ json: {}, binary: { data: png(5) } },
			{ json: {}, binary: { data: { ...png(5), mimeType: 'text/plain' } } },
		]);
		expect(bad.error?.message).toMatch(/"data".*text\/plain/);
		expect(sim.log.length).toBe(before);
	});
});
