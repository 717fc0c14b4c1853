import type { IDataObject } from 'n8n-workflow';

import { ops, run, startSim, type Sim } from './helpers';

// Image URL as an input source: downloaded from another origin without the token, checked, uploaded
// to the job's account, and its fileID used.
let sim: Sim;
let other: Sim;
beforeAll(async () => {
	sim = await startSim({ jobMs: 200 });
	other = await startSim();
});
afterEach(() => {
	sim.reset();
	other.reset();
});
afterAll(async () => {
	await sim.close();
	await other.close();
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
