'use strict';
const { start } = require('./test-helpers');
const { MP4, IMAGE_PNG } = require('./media');

describe('per-model validation and files', () => {
	let sim;
	let api;
	let png;
	let png2;
	let mp4;
	let mp3;
	const upload = async (bytes, type, account = '') =>
		api('POST', `/files${account ? `?account=${account}` : ''}`, {
			body: bytes,
			headers: { 'Content-Type': type },
		});

	beforeAll(async () => {
		({ sim, api } = await start({ jobMs: 100 }));
		png = (await upload(IMAGE_PNG, 'image/png')).body.fileID;
		png2 = (await upload(IMAGE_PNG, 'image/png')).body.fileID;
		mp4 = (await upload(MP4, 'video/mp4')).body.fileID;
		mp3 = (await upload(Buffer.from('ID3fake-mp3'), 'audio/mpeg')).body.fileID;
	});
	afterAll(() => sim.close());

	const create = (json) => api('POST', '/videos/create', { json: { maxJobs: 10, ...json } });
	const expect400 = async (json, fragment) => {
		const r = await create(json);
		expect(r.status).toBe(400);
		expect(r.body.code).toBe(400);
		expect(r.body.error).toEqual(expect.stringContaining(fragment));
		return r;
	};

	test('files: MIME allow-list, bytes served back identically without auth', async () => {
		const bad = await upload(Buffer.from('GIF89a'), 'image/gif');
		expect(bad.status).toBe(400);
		const none = await api('POST', '/files', { body: Buffer.from('x') });
		expect(none.status).toBe(400);
		const bytes = Buffer.from([...Array(3000).keys()].map((i) => (i * 7) % 256));
		const up = await upload(bytes, 'audio/wav');
		expect(up.status).toBe(200);
		expect(up.body.fileID).toMatch(/^user:1234-minimax:987654321-file:\d{18}$/);
		expect(up.body.ossPath.startsWith(`${sim.cdnUrl}/cdn/`)).toBe(true);
		const back = await fetch(up.body.ossPath);
		expect(back.status).toBe(200);
		expect(back.headers.get('content-type')).toBe('audio/wav');
		expect(back.headers.get('content-length')).toBe(String(bytes.length));
		expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
		expect((await api('GET', '/files')).body).toEqual([]);
		expect((await api('DELETE', `/files/${up.body.fileID}`)).status).toBe(200);
		expect((await fetch(up.body.ossPath)).status).toBe(404);
	});

	test("filesListing 'uploaded' lists uploads in the GET /files shape", async () => {
		const other = await start({
			filesListing: 'uploaded',
			accounts: [
				{ account: '111', maxJobs: 1 },
				{ account: '222', maxJobs: 1 },
			],
		});
		try {
			const up = await other.api('POST', '/files?account=222', {
				body: IMAGE_PNG,
				headers: { 'Content-Type': 'image/jpeg' },
			});
			expect(up.body.fileID).toContain('-minimax:222-file:');
			expect(
				(
					await other.api('POST', '/files', {
						body: IMAGE_PNG,
						headers: { 'Content-Type': 'image/png' },
					})
				).status,
			).toBe(400);
			const list = await other.api('GET', '/files?account=222');
			expect(list.body).toEqual([
				expect.objectContaining({
					file_id: up.body.fileID,
					file_type: 'jpeg',
					cdn_url: up.body.ossPath,
					file_status: 1,
				}),
			]);
			expect((await other.api('GET', '/files?account=111')).body).toEqual([]);
		} finally {
			await other.sim.close();
		}
	});

	test('model, options and aspectRatio per model', async () => {
		await expect400({ prompt: 'x', model: 'Hailuo-3.0' }, 'model');
		await expect400({ prompt: 'x', model: 'T2V-01', options: '768p-6sec' }, 'options');
		await expect400({ prompt: 'x', model: 'Seedance-2.0', options: '768p-6sec' }, 'options');
		await expect400({ prompt: 'x', model: 'Sora-2', options: 'veo-720p-8sec' }, 'options');
		await expect400({ prompt: 'x', model: '02', aspectRatio: '16:9' }, 'aspectRatio');
		await expect400({ prompt: 'x', model: 'Veo-3.1', aspectRatio: '1:1' }, 'aspectRatio');
		expect(
			(await create({ prompt: 'x', model: 'Sora-2', options: '720p-8sec', aspectRatio: '9:16' }))
				.status,
		).toBe(200);
		expect(
			(
				await create({
					prompt: 'x',
					model: 'Seedance-2.0-Mini',
					aspectRatio: 'Auto',
					resolution: '480',
					duration: 8,
				})
			).status,
		).toBe(200);
	});

	test('Seedance resolution / duration rules', async () => {
		await expect400({ prompt: 'x', model: 'Veo-3.1', resolution: '720' }, 'resolution');
		await expect400({ prompt: 'x', model: 'Seedance-2.0-Fast', resolution: '1080' }, 'resolution');
		await expect400({ prompt: 'x', model: 'Seedance-2.0', resolution: '720p' }, 'resolution');
		await expect400({ prompt: 'x', model: 'Seedance-2.0', duration: 16 }, 'duration');
		await expect400({ prompt: 'x', model: 'Seedance-2.0', duration: 4.5 }, 'duration');
		await expect400({ prompt: 'x', model: '02', duration: 6 }, 'duration');
		expect(
			(await create({ prompt: 'x', model: 'Seedance-2.0', resolution: '4K', duration: 15 })).status,
		).toBe(200);
	});

	test('end frame, reference slots, media refs and text/image-only models', async () => {
		await expect400(
			{ prompt: 'x', model: '02', options: '512p-6sec', fileID: png, end_frame_fileID: png2 },
			'end_frame_fileID',
		);
		await expect400(
			{ prompt: 'x', model: 'Sora-2', fileID: png, end_frame_fileID: png2 },
			'end_frame_fileID',
		);
		await expect400(
			{ prompt: 'x', model: 'Veo-3.1', fileID: png, end_frame_fileID: png },
			'differ',
		);
		expect(
			(
				await create({
					prompt: 'x',
					model: '02',
					options: '768p-6sec',
					fileID: png,
					end_frame_fileID: png2,
				})
			).status,
		).toBe(200);
		expect(
			(await create({ prompt: 'x', model: 'Veo-3.1-Fast', fileID: png, end_frame_fileID: png2 }))
				.status,
		).toBe(200);
		await expect400({ prompt: 'x', model: 'Veo-3.1', fileID: png, fileID2: png2 }, 'fileID2');
		await expect400({ prompt: 'x', model: 'Veo-3.1-S2V', fileID: png, fileID3: png2 }, 'fileID3');
		const ten = { fileID: png };
		for (let i = 2; i <= 10; i++) ten[`fileID${i}`] = png2;
		await expect400({ prompt: 'x', model: 'Seedance-2.0', ...ten }, 'fileID10');
		expect((await create({ prompt: 'x', model: 'Veo-3.1-S2V-Fast', ...ten })).status).toBe(200);
		await expect400({ prompt: 'x', model: 'Veo-3.1', videoFileID1: mp4 }, 'Seedance');
		await expect400(
			{ prompt: 'x', model: 'Seedance-2.0', fileID: png, audioFileID2: mp3 },
			'audioFileID2',
		);
		await expect400(
			{
				prompt: 'x',
				model: 'Seedance-2.0',
				fileID: png,
				end_frame_fileID: png2,
				videoFileID1: mp4,
			},
			'mutually exclusive',
		);
		await expect400({ prompt: 'x', model: 'Seedance-2.0', videoFileID1: png }, 'video');
		expect(
			(
				await create({
					prompt: '@Image1 dances to @Audio1',
					model: 'Seedance-2.0',
					fileID: png,
					videoFileID1: mp4,
					audioFileID1: mp3,
				})
			).status,
		).toBe(200);
		await expect400({ prompt: 'x', model: 'T2V-2.3', fileID: png }, 'fileID');
		await expect400({ prompt: 'x', model: 'I2V-2.3-Fast' }, 'fileID');
		expect((await create({ model: 'I2V-2.3', fileID: png, options: '1080p-6sec' })).status).toBe(
			200,
		);
	});

	test('prompt, maxJobs, reply fields and file ownership', async () => {
		await expect400({}, 'prompt');
		await expect400({ prompt: 'x'.repeat(2001) }, 'prompt');
		expect((await create({ prompt: 'x'.repeat(7500), model: 'Seedance-2.0' })).status).toBe(200);
		await expect400({ prompt: 'x'.repeat(7501), model: 'Seedance-2.0' }, 'prompt');
		await expect400({ prompt: 'x', maxJobs: 11 }, 'maxJobs');
		await expect400({ prompt: 'x', maxJobs: 0 }, 'maxJobs');
		await expect400({ prompt: 'x', replyRef: 'r'.repeat(1025) }, 'replyRef');
		await expect400({ prompt: 'x', replyUrl: `https://e.com/${'u'.repeat(1020)}` }, 'replyUrl');
		await expect400(
			{ model: 'I2V-01', fileID: 'user:1234-minimax:987654321-file:123456789012345678' },
			'not found',
		);
		await expect400(
			{
				model: 'I2V-01',
				fileID: 'user:1234-minimax:111-file:123456789012345678',
				account: '987654321',
			},
			'fileID',
		);
	});

	test('multipart bodies are accepted with string values', async () => {
		const fd = new FormData();
		fd.append('prompt', 'multipart video');
		fd.append('model', 'Seedance-2.0');
		fd.append('duration', '6');
		fd.append('maxJobs', '10');
		const r = await api('POST', '/videos/create', { body: fd });
		expect(r.status).toBe(200);
		expect(sim.jobs.get(r.body.videoId).request.duration).toBe(6);
		const log = sim.log.find((e) => e.jobId === r.body.videoId);
		expect(log.body).toMatchObject({
			contentType: expect.stringContaining('multipart/form-data'),
			fields: { prompt: 'multipart video' },
		});
		expect(log.body.bytes).toBeGreaterThan(0);
	});

	test('images/create validation', async () => {
		const img = (json) => api('POST', '/images/create', { json });
		const bad = async (json, fragment) => {
			const r = await img(json);
			expect(r.status).toBe(400);
			expect(r.body.error).toEqual(expect.stringContaining(fragment));
		};
		await bad({}, 'prompt');
		await bad({ prompt: 'x', model: 'dall-e' }, 'model');
		await bad({ prompt: 'x', model: 'image-01', quality: 'high' }, 'quality');
		await bad({ prompt: 'x', model: 'gpt-image-2', quality: 'ultra' }, 'quality');
		await bad({ prompt: 'x', quantity: 5 }, 'quantity');
		await bad({ prompt: 'x', model: 'gpt-image-2', aspectRatio: 'auto' }, 'aspectRatio');
		await bad({ prompt: 'x', model: 'midjourney-v7', resolution: '1K' }, 'resolution');
		await bad({ prompt: 'x', model: 'seedream-5.0', resolution: '4K' }, 'resolution');
		await bad(
			{
				prompt: 'x',
				model: 'gpt-image-1.5',
				referenceFileId1: png,
				referenceFileId2: png,
				referenceFileId3: png,
				referenceFileId4: png,
			},
			'referenceFileId4',
		);
		await bad({ prompt: 'x', model: 'nano-banana-2', referenceFileId2: png }, 'referenceFileId2');
		await bad({ prompt: '@Image1 style', model: 'image-01' }, '@Image');
		const ok = await img({
			prompt: '@image1 in 4K',
			model: 'gpt-image-2',
			quality: 'high',
			resolution: '4K',
			quantity: 2,
			referenceFileId1: png,
		});
		expect(ok.status).toBe(200);
		expect(ok.body.imageIds).toHaveLength(2);
		const mj = await img({ prompt: 'a castle', model: 'midjourney-niji7', quantity: 1 });
		expect(mj.body.imageIds).toHaveLength(4);
	});
});
