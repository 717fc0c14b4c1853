import type { IDataObject } from 'n8n-workflow';

import { splitUrls } from '../../nodes/MinimaxGenerate/actions/agent/run';
import { MAX_URL_BYTES } from '../../nodes/MinimaxGenerate/engine/media';
import { ops, png, run, startSim, until, type Sim } from './helpers';
import { createSizeCdn, type SizeCdn } from './size-cdn';

// Image URL as an input source: downloaded from another origin without the token, checked, uploaded
// to the job's account, and its fileID used.
let sim: Sim;
let other: Sim;
let cdn: SizeCdn;
beforeAll(async () => {
	sim = await startSim({ jobMs: 200 });
	other = await startSim();
	cdn = await createSizeCdn();
});
afterEach(() => {
	sim.reset();
	other.reset();
	cdn.requests.length = 0;
});
afterAll(async () => {
	await sim.close();
	await other.close();
	await cdn.close();
});

const i2v = (imageUrl: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'create',
	videoModel: 'I2V-2.3',
	prompt: 'the lighthouse comes alive',
	imageSource: 'url',
	imageUrl,
	options: { pollInterval: 0.1, timeout: 1, account: '987654321' },
	...extra,
});

describe('Image URL input', () => {
	it('downloads the image without the token, uploads it to the job account and uses the fileID', async () => {
		const result = await run(sim, i2v(`${other.cdnUrl}/cdn/cover/lighthouse.png`), undefined, {
			typeVersion: 2,
		});
		expect(result.error).toBeUndefined();
		const fetched = other.log.filter((e) => e.kind === 'cdn');
		expect(fetched).toHaveLength(1);
		expect((fetched[0].headers as IDataObject).authorized).toBe(false);
		const [upload] = ops(sim, 'files.upload');
		expect(upload.query).toMatchObject({ account: '987654321' });
		expect((upload.body as IDataObject).contentType).toBe('image/png');
		const create = ops(sim, 'videos.create')[0].body as IDataObject;
		expect(String(create.fileID)).toMatch(/^user:\d+-minimax:987654321-file:\d+$/);
		expect(result.items[0].json.status).toBe('completed');
	});

	it('refuses a link that is not an image before any create, naming the field', async () => {
		const result = await run(sim, i2v(`${other.cdnUrl}/cdn/template/1.mp4`), undefined, {
			typeVersion: 2,
		});
		expect(result.error?.message).toMatch(
			/^"Image URL" is video\/mp4, not a PNG, JPEG or WebP image/,
		);
		expect(ops(sim, 'videos.create')).toHaveLength(0);
		expect(ops(sim, 'files.upload')).toHaveLength(0);
	});

	it('explains a link that cannot be downloaded', async () => {
		const result = await run(sim, i2v(`${other.cdnUrl}/cdn/nothing-here.png`), undefined, {
			typeVersion: 2,
		});
		expect(result.error?.message).toMatch(/^Downloading "Image URL" failed/);
		expect(result.error?.description).toContain('private browser window');
		expect(ops(sim, 'videos.create')).toHaveLength(0);
	});

	it('never sends the token along: links on the API origin are refused, malformed ones rejected before any call', async () => {
		const same = await run(sim, i2v(`${sim.url}/cdn/cover/x.png`), undefined, { typeVersion: 2 });
		expect(same.error?.message).toBe('"Image URL" points at the useapi.net API itself');
		expect(sim.log.filter((e) => e.kind === 'cdn')).toHaveLength(0);
		const bad = await run(sim, i2v('ftp://example.com/a.png'), undefined, { typeVersion: 2 });
		expect(bad.error?.message).toContain('"Image URL" must start with https:// or http://');
		const secret = await run(sim, i2v('https://user:pw@example.com/a.png'), undefined, {
			typeVersion: 2,
		});
		expect(secret.error?.message).toContain('contains a user name or password');
		expect(ops(sim, 'videos.create')).toHaveLength(0);
	});

	it('takes URLs in reference lists too (Seedance @Image2)', async () => {
		const params = {
			resource: 'video',
			operation: 'create',
			videoModel: 'Seedance-2.0-Fast',
			prompt: '@Image1 meets @Image2',
			imageSource: 'url',
			imageUrl: `${other.cdnUrl}/cdn/cover/a.png`,
			referenceImages: { items: [{ source: 'url', url: `${other.cdnUrl}/cdn/cover/b.png` }] },
			options: { pollInterval: 0.1, timeout: 1 },
		};
		const result = await run(sim, params, undefined, { typeVersion: 2 });
		expect(result.error).toBeUndefined();
		const create = ops(sim, 'videos.create')[0].body as IDataObject;
		expect(create.fileID).toMatch(/-file:/);
		expect(create.fileID2).toMatch(/-file:/);
		expect(create.fileID2).not.toBe(create.fileID);
	});
});

// The 50 MB cap holds during the download: a Content-Length over it is refused before the body is
// read, a stream is ended once the bytes pass it, and exactly the cap passes.
const MB = 1048576;
const generate = async (path: string) =>
	await run(sim, i2v(`${cdn.url}${path}`), undefined, { typeVersion: 2 });

function nothingSpent() {
	expect(ops(sim, 'files.upload')).toHaveLength(0);
	expect(ops(sim, 'videos.create')).toHaveLength(0);
}

describe('Image URL size cap (50 MB)', () => {
	it('refuses a Content-Length over the cap before reading the body', async () => {
		const result = await generate(`/declared/${MAX_URL_BYTES + 10 * MB}.png`);
		expect(result.error?.message).toBe('"Image URL" is 60.0 MB; at most 50 MB are downloaded');
		expect(result.error?.description).toContain('File ID');
		nothingSpent();
		const [request] = cdn.requests;
		await until(() => request.closed);
		expect(request.complete).toBe(false);
		// Only what the socket buffers held before the client hung up, far below the cap.
		expect(request.sent).toBeLessThan(16 * MB);
	}, 30_000);

	it('ends a stream without Content-Length as soon as it passes the cap', async () => {
		const total = MAX_URL_BYTES + 40 * MB;
		const result = await generate(`/chunked/${total}.png`);
		expect(result.error?.message).toBe(
			'"Image URL" is over 50.0 MB; the download was ended there (at most 50 MB are downloaded)',
		);
		nothingSpent();
		const [request] = cdn.requests;
		await until(() => request.closed);
		expect(request.complete).toBe(false);
		expect(request.sent).toBeGreaterThan(MAX_URL_BYTES);
		expect(request.sent).toBeLessThan(MAX_URL_BYTES + 16 * MB);
	}, 30_000);

	it('counts the inflated bytes: a small gzip body that inflates past the cap is ended', async () => {
		const result = await generate(`/gzip/${MAX_URL_BYTES + 1}.png`);
		expect(cdn.requests[0].total).toBeLessThan(MB);
		expect(result.error?.message).toMatch(/^"Image URL" is over 50\.0 MB; the download was ended/);
		nothingSpent();
	}, 30_000);

	it.each(['declared', 'chunked'])(
		'passes a file of exactly the cap (%s) and uploads all of it without the token',
		async (kind) => {
			const result = await generate(`/${kind}/${MAX_URL_BYTES}.png`);
			expect(result.error).toBeUndefined();
			expect(cdn.requests).toHaveLength(1);
			expect(cdn.requests[0].complete).toBe(true);
			expect(cdn.requests[0].authorization).toBeUndefined();
			const [upload] = ops(sim, 'files.upload');
			expect(upload.query).toMatchObject({ account: '987654321' });
			expect(upload.body).toMatchObject({ contentType: 'image/png', bytes: MAX_URL_BYTES });
			expect(ops(sim, 'videos.create')).toHaveLength(1);
		},
		60_000,
	);

	it('refuses a link that redirects onto the API origin, so the token is never attached', async () => {
		const target = encodeURIComponent(`${sim.url}/v1/minimax/files`);
		const result = await generate(`/to/${target}`);
		expect(result.error?.message).toMatch(
			/^Downloading "Image URL" failed: The link redirected to the useapi.net API itself/,
		);
		expect(cdn.requests).toHaveLength(1);
		expect(sim.log.filter((e) => e.path === '/v1/minimax/files')).toHaveLength(0);
		nothingSpent();
	});
});

describe('Image URL for Create From Template, File URLs for Agent → Run', () => {
	const template = (imageUrl: string): IDataObject => ({
		resource: 'video',
		operation: 'createFromTemplate',
		templateId: '1122334455667702',
		templateImageSource: 'url',
		templateImageUrl: imageUrl,
		options: { pollInterval: 0.1, timeout: 1, account: '987654321' },
	});
	const agent = (agentFileUrls: string, extra: IDataObject = {}): IDataObject => ({
		resource: 'agent',
		operation: 'run',
		agentPrompt: 'make a video of this cat',
		agentModels: ['hailuo-2.3'],
		agentFiles: '',
		agentFileUrls,
		options: { pollInterval: 0.1, timeout: 1, account: '987654321' },
		...extra,
	});
	const v2 = { typeVersion: 2 };
	const fetched = () => other.log.filter((e) => e.kind === 'cdn');

	it('template: downloads the image without the token, uploads it to the job account, sends fileID and its ossPath', async () => {
		const result = await run(
			sim,
			template(`${other.cdnUrl}/cdn/cover/lighthouse.png`),
			undefined,
			v2,
		);
		expect(result.error).toBeUndefined();
		expect(fetched()).toHaveLength(1);
		expect((fetched()[0].headers as IDataObject).authorized).toBe(false);
		const [upload] = ops(sim, 'files.upload');
		expect(upload.query).toMatchObject({ account: '987654321' });
		expect((upload.body as IDataObject).contentType).toBe('image/png');
		const created = ops(sim, 'videos.agentCreate')[0].body as IDataObject;
		expect(created.fileID).toBe(upload.jobId);
		// The simulator refuses an ossPath that does not belong to the fileID.
		expect(String(created.ossPath)).toContain('/cdn/files/');
		expect(result.items[0].json).toMatchObject({ kind: 'template', status: 'completed' });
	});

	it('template: refuses the API origin, a non-image and an oversized file before any create', async () => {
		const same = await run(sim, template(`${sim.url}/cdn/cover/x.png`), undefined, v2);
		expect(same.error?.message).toBe('"Image URL" points at the useapi.net API itself');
		const video = await run(sim, template(`${other.cdnUrl}/cdn/template/1.mp4`), undefined, v2);
		expect(video.error?.message).toMatch(/^"Image URL" is video\/mp4, not a PNG, JPEG or WebP/);
		const big = await run(
			sim,
			template(`${cdn.url}/declared/${MAX_URL_BYTES + MB}.png`),
			undefined,
			v2,
		);
		expect(big.error?.message).toBe('"Image URL" is 51.0 MB; at most 50 MB are downloaded');
		const ftp = await run(sim, template('ftp://example.com/a.png'), undefined, v2);
		expect(ftp.error?.message).toContain('"Image URL" must start with https:// or http://');
		expect(ops(sim, 'files.upload')).toHaveLength(0);
		expect(ops(sim, 'videos.agentCreate')).toHaveLength(0);
	});

	it('agent: each link is downloaded without the token and sent as a file part of the run on the job account', async () => {
		const urls = `${other.cdnUrl}/cdn/cover/a.png,\n${other.cdnUrl}/cdn/template/1.mp4`;
		const result = await run(
			sim,
			agent(urls, { agentFiles: 'ref' }),
			[{ json: {}, binary: { ref: png(77) } }],
			v2,
		);
		expect(result.error).toBeUndefined();
		expect(fetched()).toHaveLength(2);
		expect(fetched().every((e) => (e.headers as IDataObject).authorized === false)).toBe(true);
		const body = ops(sim, 'agent.run')[0].body as IDataObject;
		expect(body.fields).toMatchObject({ account: '987654321', async: 'true' });
		expect(body.files).toEqual([
			expect.objectContaining({ field: 'file', name: 'in.png', type: 'image/png', size: 77 }),
			expect.objectContaining({ field: 'file', name: 'a.png', type: 'image/png' }),
			expect.objectContaining({ field: 'file', name: '1.mp4', type: 'video/mp4' }),
		]);
		// Parts of the run itself: nothing goes through POST /files.
		expect(ops(sim, 'files.upload')).toHaveLength(0);
		expect(result.items[0].json).toMatchObject({ kind: 'agent', status: 'completed' });
	});

	it('agent: refuses the API origin, a web page, an oversized file and a bad link, naming the link', async () => {
		const same = await run(sim, agent(`${sim.url}/cdn/cover/x.png`), undefined, v2);
		expect(same.error?.message).toBe('"File URLs" points at the useapi.net API itself');
		const page = await run(
			sim,
			agent(`${other.cdnUrl}/cdn/cover/a.png ${other.cdnUrl}/cdn/nothing-here.png`),
			undefined,
			v2,
		);
		expect(page.error?.message).toMatch(/^Downloading "File URLs \(#2\)" failed/);
		const big = await run(
			sim,
			agent(`${cdn.url}/chunked/${MAX_URL_BYTES + 8 * MB}.png`),
			undefined,
			v2,
		);
		expect(big.error?.message).toBe(
			'"File URLs" is over 50.0 MB; the download was ended there (at most 50 MB are downloaded)',
		);
		const secret = await run(sim, agent('https://user:pw@example.com/a.png'), undefined, v2);
		expect(secret.error?.message).toContain('"File URLs" contains a user name or password');
		expect(ops(sim, 'agent.run')).toHaveLength(0);
	});

	it('File URLs split on lines, spaces and commas before a link; a comma inside a link stays', () => {
		expect(
			splitUrls(
				' https://a.example/c_fill,w_100/a.png, https://b.example/b.png\nhttp://c.example/c.mp4,',
			),
		).toEqual([
			'https://a.example/c_fill,w_100/a.png',
			'https://b.example/b.png',
			'http://c.example/c.mp4',
		]);
		expect(splitUrls('  \n ')).toEqual([]);
	});
});
