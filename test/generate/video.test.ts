import { sleep, type IDataObject } from 'n8n-workflow';

import { FAST_WAIT, ops, png, run, startSim, videoParams, type Sim } from './helpers';

const MEDIA_BYTES = 5000;
let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ mediaBytes: MEDIA_BYTES, jobMs: 300 });
});
afterEach(() => sim.reset());
afterAll(async () => await sim.close());

const bytesOf = (binary: IDataObject | undefined) =>
	Buffer.from(String(binary?.data ?? ''), 'base64');

describe('Video → Create', () => {
	it('creates, polls with the batch listing and downloads the un-watermarked file', async () => {
		const result = await run(
			sim,
			videoParams('a red robot', { callback: { replyRef: 'order-1' } }),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const json = item.json;
		expect(json).toMatchObject({
			kind: 'video',
			status: 2,
			statusLabel: 'completed',
			outcome: 'completed',
			attempts: 1,
			replyRef: 'order-1',
			account: '987654321',
		});
		expect(json.url).toBe(json.downloadURL);
		expect(String(json.downloadURL)).not.toContain('watermark');
		expect(typeof json.elapsedSeconds).toBe('number');
		expect(json.raw).toBeUndefined();
		const bytes = bytesOf(item.binary?.data as unknown as IDataObject);
		expect(bytes.length).toBe(MEDIA_BYTES);
		expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(item.pairedItem).toEqual({ item: 0 });
		// The create carried the user's ref plus our tag, and the CDN request carried no token.
		const create = ops(sim, 'videos.create')[0];
		expect(String((create.body as IDataObject).replyRef)).toMatch(/^order-1\|n8n:[A-Za-z0-9_-]+$/);
		// The media origin is another port than the API: the download must not carry the token there.
		expect(new URL(String(json.downloadURL)).origin).toBe(sim.cdnUrl);
		expect(sim.cdnUrl).not.toBe(sim.url);
		const cdn = sim.log.filter((e) => e.kind === 'cdn');
		expect(cdn).toHaveLength(1);
		expect((cdn[0].headers as IDataObject).authorized).toBe(false);
		expect(JSON.stringify(cdn[0])).not.toContain(sim.token);
		expect(ops(sim, 'scheduler.list').length).toBeGreaterThanOrEqual(1);
	});

	it('falls back to videoURL on free accounts and returns URLs only when asked, with the raw record', async () => {
		sim.setAccount('987654321', { paid: false });
		try {
			const result = await run(
				sim,
				videoParams('free plan', {
					downloadOptions: { returnAs: 'url' },
					outputOptions: { includeRaw: true },
				}),
			);
			const json = result.items[0].json;
			expect(json.downloadURL).toBeUndefined();
			expect(json.url).toBe(json.videoURL);
			expect(result.items[0].binary).toBeUndefined();
			expect((json.raw as IDataObject).videoId).toBe(json.id);
			expect(sim.log.filter((e) => e.kind === 'cdn')).toHaveLength(0);
		} finally {
			sim.setAccount('987654321', { paid: true });
		}
	});

	it('returns the create response at once when not waiting', async () => {
		const result = await run(
			sim,
			videoParams('[ms=5000] later', {
				waitForCompletion: false,
				callback: { replyRef: 'r7', replyUrl: 'https://example.com/hook' },
			}),
		);
		const json = result.items[0].json;
		expect(String(json.videoId)).toMatch(/-video:/);
		expect(json).toMatchObject({
			status: 'submitted',
			replyRef: 'r7',
			replyUrl: 'https://example.com/hook',
		});
		expect(ops(sim, 'videos.get')).toHaveLength(0);
	});

	it("refuses a Reply Ref that would pass 1024 characters with the node's tag, before any call (replyRef: 1024)", async () => {
		const tooLong = await run(
			sim,
			videoParams('x', { waitForCompletion: false, callback: { replyRef: 'r'.repeat(956) } }),
		);
		expect(tooLong.error?.message).toMatch(/"Reply Ref" is 956 characters; at most 955 fit/);
		expect(sim.log).toHaveLength(0);
		// The longest allowed one goes through the strict simulator (which refuses > 1024) with the tag.
		const longest = await run(
			sim,
			videoParams('x', { waitForCompletion: false, callback: { replyRef: 'r'.repeat(955) } }),
		);
		expect(longest.error).toBeUndefined();
		const create = ops(sim, 'videos.create')[0];
		expect(create.status).toBe(200);
		const sent = String(sim.jobs.get(String(create.jobId))?.replyRef);
		expect(sent.startsWith('r'.repeat(955))).toBe(true);
		expect(sent.length).toBeLessThanOrEqual(1024);
	});

	it('rejects a timeout shorter than the poll interval before any HTTP call', async () => {
		const result = await run(
			sim,
			videoParams('x', { waitOptions: { pollInterval: 120, timeout: 1 } }),
		);
		expect(result.error?.message).toMatch(/Timeout \(Minutes\).*Poll Interval \(Seconds\)/);
		expect(sim.log).toHaveLength(0);
	});

	it('times out naming the job and saying it may still run', async () => {
		const result = await run(
			sim,
			videoParams('[ms=60000] slow', { waitOptions: { pollInterval: 0.1, timeout: 0.02 } }),
		);
		const videoId = ops(sim, 'videos.create')[0].jobId as string;
		expect(result.error?.message).toMatch(/Timed out/);
		expect(`${result.error?.message} ${result.error?.description}`).toContain(videoId);
		expect(result.error?.description).toMatch(/may still be running/);
		expect(ops(sim, 'videos.cancel')).toHaveLength(0);
	});

	it.each([5, 7, 14])(
		'reports moderation status %s (error by default, item on request)',
		async (status) => {
			const failed = await run(sim, videoParams(`[moderate${status}] x`));
			expect(failed.error?.message).toMatch(
				new RegExp(`moderated the video \\(status ${status}\\)`),
			);
			expect(failed.error?.description).toContain(ops(sim, 'videos.create')[0].jobId as string);
			const item = await run(
				sim,
				videoParams(`[moderate${status}] y`, {
					waitOptions: { ...FAST_WAIT, onFailure: 'returnItem' },
				}),
			);
			expect(item.items[0].json).toMatchObject({
				status,
				outcome: 'moderated',
				statusLabel: 'moderated',
			});
			expect(item.items[0].binary).toBeUndefined();
		},
	);

	it('treats 404 while polling as removed after moderation, and status 3 as failed', async () => {
		const result = await run(
			sim,
			videoParams('[removed] a', { waitOptions: { ...FAST_WAIT, onFailure: 'returnItem' } }),
		);
		expect(result.items[0].json).toMatchObject({ outcome: 'moderated', status: 404 });
		expect(String(result.items[0].json.message)).toMatch(/removed/i);
		const failed = await run(sim, videoParams('[fail] b'));
		expect(failed.error?.message).toMatch(/The video failed \(status 3\)/);
	});

	it('uploads a binary input to the job account first, sending its bytes and MIME (webp as jpeg)', async () => {
		const image = png(200);
		const webp = { ...png(120), mimeType: 'image/webp', fileName: 'in.webp' };
		const result = await run(
			sim,
			videoParams('animate', {
				videoModel: 'I2V-01',
				imageSource: 'binary',
				imageBinaryProperty: 'img',
			}),
			[
				{ json: {}, binary: { img: image } },
				{ json: {}, binary: { img: webp } },
			],
		);
		expect(result.error).toBeUndefined();
		const uploads = ops(sim, 'files.upload');
		expect(uploads.map((u) => (u.body as IDataObject).contentType).sort()).toEqual([
			'image/jpeg',
			'image/png',
		]);
		expect(uploads.map((u) => (u.body as IDataObject).bytes).sort()).toEqual([120, 200]);
		const creates = ops(sim, 'videos.create');
		for (const create of creates) {
			const body = create.body as IDataObject;
			expect(uploads.map((u) => u.jobId)).toContain(body.fileID);
			expect(String(body.fileID)).toContain(`-minimax:${String(body.account)}-`);
		}
	});

	it('refuses an unsupported MIME type naming the property, before any HTTP call', async () => {
		const gif = { ...png(10), mimeType: 'image/gif', fileName: 'x.gif' };
		const result = await run(
			sim,
			videoParams('a', { videoModel: 'I2V-01', imageSource: 'binary', imageBinaryProperty: 'img' }),
			[
				{ json: {}, binary: { img: png(10) } },
				{ json: {}, binary: { img: gif } },
			],
		);
		expect(result.error?.message).toMatch(/"img".*image\/gif/);
		expect(sim.log).toHaveLength(0);
	});

	it('stops polling at once on stop and sends no request afterwards', async () => {
		const result = await run(
			sim,
			videoParams('[ms=60000] long', { waitOptions: { pollInterval: 1, timeout: 5 } }),
			undefined,
			{ cancelAfterMs: 1500 },
		);
		expect(result.canceled || result.status === 'canceled').toBe(true);
		const before = sim.log.length;
		// Polls happened before the stop (1 s interval, stopped at 1.5 s); nothing arrives after it.
		expect(ops(sim, 'scheduler.list').length).toBeGreaterThanOrEqual(1);
		await sleep(1200);
		expect(sim.log.length).toBe(before);
		expect(ops(sim, 'videos.cancel')).toHaveLength(0);
	});

	it('cancels running videos on stop when "Cancel Job on Stop" is on', async () => {
		const result = await run(
			sim,
			videoParams('[ms=60000] long', {
				waitOptions: { pollInterval: 1, timeout: 5, cancelOnStop: true },
			}),
			[{ json: {} }, { json: {} }],
			{ cancelAfterMs: 1000 },
		);
		expect(result.canceled || result.status === 'canceled').toBe(true);
		// The harness returns on cancel; the node's stop handling sends the cancels right after.
		for (let i = 0; i < 20 && ops(sim, 'videos.cancel').filter((c) => c.status).length < 2; i++)
			await sleep(100);
		const cancels = ops(sim, 'videos.cancel');
		const created = ops(sim, 'videos.create')
			.map((c) => c.jobId)
			.sort();
		expect(cancels.map((c) => (c.body as IDataObject).videoId).sort()).toEqual(created);
		expect(cancels.every((c) => c.status === 200)).toBe(true);
	});
});
