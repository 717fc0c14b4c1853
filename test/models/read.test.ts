import {
	NodeHelpers,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';

import {
	readImageCreate,
	imageCreateDescription,
} from '../../nodes/MinimaxGenerate/actions/image/create';
import {
	readVideoCreate,
	videoCreateDescription,
} from '../../nodes/MinimaxGenerate/actions/video/create';
import { IMAGE_MODEL_RULES } from '../../nodes/MinimaxGenerate/models/image';
import { VIDEO_MODEL_RULES } from '../../nodes/MinimaxGenerate/models/video';

const FILE = (n: number) => `user:1234-minimax:987654321-file:${n}`;
const png = { data: { data: '', mimeType: 'image/png', fileName: 'a.png' } };

/** A minimal IExecuteFunctions: parameters by (dotted) name, input items, and the node. */
function ctx(
	params: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	raw: IDataObject = {},
): IExecuteFunctions {
	return {
		getNodeParameter(name: string, _itemIndex: number, fallback?: unknown) {
			const value = name
				.split('.')
				.reduce<unknown>(
					(o, k) => (o && typeof o === 'object' ? (o as IDataObject)[k] : undefined),
					params,
				);
			return value === undefined ? fallback : value;
		},
		getInputData: () => items,
		getNode: () => ({
			id: '1',
			name: 'MiniMax Generate',
			type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
			typeVersion: 1,
			position: [0, 0],
			parameters: raw,
		}),
	} as unknown as IExecuteFunctions;
}

function errorOf(fn: () => unknown): Error & { description?: string; context?: IDataObject } {
	try {
		fn();
	} catch (error) {
		return error as Error & { description?: string; context?: IDataObject };
	}
	throw new Error('expected an error');
}

describe('readVideoCreate', () => {
	it('builds body, media and top-level account/callback for Hailuo 02 with first and end frame', () => {
		const prepared = readVideoCreate.call(
			ctx(
				{
					resource: 'video',
					operation: 'create',
					videoModel: '02',
					prompt: ' a robot waves ',
					hailuo02Options: '768p-10sec',
					imageSource: 'binary',
					imageBinaryProperty: 'data',
					endFrameSource: 'fileId',
					endFrameFileId: ` ${FILE(2)} `,
					promptOptimization: true,
					maxJobs: 0,
					account: '987654321',
					callback: { replyUrl: 'https://example.com/hook', replyRef: 'order-42' },
				},
				[{ json: {}, binary: png }],
			),
			0,
		);
		expect(prepared).toEqual({
			account: '987654321',
			replyUrl: 'https://example.com/hook',
			replyRef: 'order-42',
			body: { model: '02', prompt: 'a robot waves', options: '768p-10sec' },
			media: [
				{ field: 'fileID', binaryProperty: 'data' },
				{ field: 'end_frame_fileID', fileId: FILE(2) },
			],
		});
	});

	it('leaves Seedance defaults out and sends everything the user changed', () => {
		const base = {
			videoModel: 'Seedance-2.0',
			prompt: '@Image1 dances',
			imageSource: 'fileId',
			imageFileId: FILE(1),
		};
		const defaults = readVideoCreate.call(
			ctx({
				...base,
				seedanceAspectRatio: 'Auto',
				seedanceResolution: '720',
				seedanceDuration: 5,
				promptOptimization: true,
				maxJobs: 0,
			}),
			0,
		);
		expect(defaults.body).toEqual({ model: 'Seedance-2.0', prompt: '@Image1 dances' });
		expect(defaults.account).toBeUndefined();
		expect(defaults.replyUrl).toBeUndefined();

		const changed = readVideoCreate.call(
			ctx(
				{
					...base,
					seedanceAspectRatio: '9:16',
					seedanceResolution: '4K',
					seedanceDuration: 12,
					promptOptimization: false,
					maxJobs: 4,
					referenceImages: {
						items: [
							{ source: 'fileId', fileId: FILE(2) },
							{ source: 'binary', binaryProperty: 'data' },
						],
					},
					referenceVideos: { items: [{ source: 'binary', binaryProperty: 'clip' }] },
					referenceAudios: { items: [{ source: 'fileId', fileId: FILE(9) }] },
				},
				[{ json: {}, binary: { ...png, clip: { data: '', mimeType: 'video/mp4' } } }],
			),
			0,
		);
		expect(changed.body).toEqual({
			model: 'Seedance-2.0',
			prompt: '@Image1 dances',
			aspectRatio: '9:16',
			resolution: '4K',
			duration: 12,
			promptOptimization: false,
			maxJobs: 4,
		});
		expect(changed.media).toEqual([
			{ field: 'fileID', fileId: FILE(1) },
			{ field: 'fileID2', fileId: FILE(2) },
			{ field: 'fileID3', binaryProperty: 'data' },
			{ field: 'videoFileID1', binaryProperty: 'clip' },
			{ field: 'audioFileID1', fileId: FILE(9) },
		]);
	});

	it('ignores fields the chosen model does not show (end frame on 02 at 512p, refs on Sora)', () => {
		const prepared = readVideoCreate.call(
			ctx({
				videoModel: '02',
				prompt: 'x',
				hailuo02Options: '512p-6sec',
				endFrameSource: 'fileId',
				endFrameFileId: FILE(2),
				seedanceDuration: 9,
				referenceImages: { items: [{ source: 'fileId', fileId: FILE(3) }] },
			}),
			0,
		);
		expect(prepared.media).toEqual([]);
		expect(prepared.body).toEqual({ model: '02', prompt: 'x', options: '512p-6sec' });
	});

	it('names the parameter and the property when a binary is missing, without any HTTP', () => {
		const error = errorOf(() =>
			readVideoCreate.call(
				ctx({ videoModel: 'I2V-2.3', imageSource: 'binary', imageBinaryProperty: 'photo' }, [
					{ json: {}, binary: png },
				]),
				0,
			),
		);
		expect(error.message).toContain('Image Input Binary Field');
		expect(error.message).toContain('"photo"');
		expect(error.message).toContain('It has: data');
		expect(error.context?.itemIndex).toBe(0);
	});

	it('refuses a binary of the wrong type for the slot', () => {
		const error = errorOf(() =>
			readVideoCreate.call(
				ctx(
					{
						videoModel: 'Seedance-2.0-Mini',
						prompt: 'x',
						referenceAudios: { items: [{ source: 'binary', binaryProperty: 'data' }] },
					},
					[{ json: {}, binary: png }],
				),
				0,
			),
		);
		expect(error.message).toMatch(/Reference Audios \(#1\).*image\/png.*MP3 or WAV/);
	});

	it('refuses the same fileID as first and end frame, and lists further problems', () => {
		const error = errorOf(() =>
			readVideoCreate.call(
				ctx({
					videoModel: 'Veo-3.1',
					prompt: 'p'.repeat(2100),
					imageSource: 'fileId',
					imageFileId: FILE(5),
					endFrameSource: 'fileId',
					endFrameFileId: FILE(5),
				}),
				1,
			),
		);
		expect(error.message).toContain('Prompt: The prompt is 2100 characters');
		expect(error.description).toContain('must not be the same fileID');
		expect(error.context?.itemIndex).toBe(1);
	});

	it('needs an image for image-only models (source defaults to Binary File)', () => {
		const error = errorOf(() =>
			readVideoCreate.call(ctx({ videoModel: 'I2V-2.3', prompt: 'x' }), 0),
		);
		// The item has no binary at all: say what to add, not "use one of those names".
		expect(error.message).toContain('The input item has no file at all');
		expect(error.message).toContain('HTTP Request or Read/Write Files from Disk');
		expect(error.message).not.toContain('one of those');
		const none = errorOf(() =>
			readVideoCreate.call(ctx({ videoModel: 'I2V-2.3', prompt: 'x', imageSource: 'none' }), 0),
		);
		expect(none.message).toContain(
			'Model I2V-2.3 needs an image. Set "Image" to a file from the input item, a File ID or an image URL',
		);
	});
});

describe('readImageCreate', () => {
	it('builds a GPT Image 2 request with mixed reference sources', () => {
		const prepared = readImageCreate.call(
			ctx(
				{
					imageModel: 'gpt-image-2',
					prompt: 'merge @Image1 and @Image2',
					aspectRatioGptImage2: '1:1',
					resolution1K2K4K: '2K',
					quality: 'medium',
					quantity: 2,
					referenceImages: {
						items: [
							{ source: 'binary', binaryProperty: 'data' },
							{ source: 'fileId', fileId: FILE(4) },
						],
					},
					account: ' 123456 ',
					callback: { replyRef: 'img-7' },
				},
				[{ json: {}, binary: { data: { data: '', mimeType: 'image/webp' } } }],
			),
			0,
		);
		expect(prepared).toEqual({
			account: '123456',
			replyRef: 'img-7',
			body: {
				model: 'gpt-image-2',
				prompt: 'merge @Image1 and @Image2',
				aspectRatio: '1:1',
				resolution: '2K',
				quality: 'medium',
				quantity: 2,
			},
			media: [
				{ field: 'referenceFileId1', binaryProperty: 'data' },
				{ field: 'referenceFileId2', fileId: FILE(4) },
			],
		});
	});

	it('leaves defaults out (image-01 16:9, quality low, quantity 1) and sends the character reference', () => {
		const prepared = readImageCreate.call(
			ctx({
				imageModel: 'image-01',
				prompt: 'portrait',
				aspectRatioImage01: '16:9',
				resolutionImage01: '',
				quantity: 1,
				characterSource: 'fileId',
				characterFileId: FILE(8),
			}),
			0,
		);
		expect(prepared.body).toEqual({ model: 'image-01', prompt: 'portrait' });
		expect(prepared.media).toEqual([{ field: 'characterFileId', fileId: FILE(8) }]);
	});

	it('never sends quantity for Midjourney', () => {
		const prepared = readImageCreate.call(
			ctx({ imageModel: 'midjourney-v7', prompt: 'x', quantity: 3, imageAspectRatio: '3:2' }),
			0,
		);
		expect(prepared.body).toEqual({ model: 'midjourney-v7', prompt: 'x', aspectRatio: '3:2' });
	});

	it('names the Model parameter for a model this version does not know (e.g. from an expression)', () => {
		const error = errorOf(() =>
			readImageCreate.call(ctx({ imageModel: 'Midjourney-v7', prompt: 'x' }), 0),
		);
		expect(error.message).toContain('Model: Model "Midjourney-v7" is not supported');
		const video = errorOf(() =>
			readVideoCreate.call(ctx({ videoModel: 'veo-3.1', prompt: 'x', aspectRatio: '16:9' }), 0),
		);
		expect(video.message).toContain('(names are case-sensitive)');
	});

	it('rejects @Image mentions where the model does not support them', () => {
		const error = errorOf(() =>
			readImageCreate.call(ctx({ imageModel: 'gpt-image-1.5', prompt: 'like @image1' }), 0),
		);
		expect(error.message).toContain('Prompt: Model gpt-image-1.5 rejects @Image mentions');
	});
});

/** The properties n8n's editor shows for these values (its own rule; `@version` is the node's version). */
function visible(props: INodeProperties[], values: IDataObject): INodeProperties[] {
	const { '@version': version = 1, ...nodeValues } = values;
	return props.filter((p) =>
		NodeHelpers.displayParameter(
			nodeValues as INodeParameters,
			p,
			{ typeVersion: Number(version) },
			null,
		),
	);
}
const valuesOf = (p: INodeProperties | undefined) =>
	(p?.options ?? []).map((o) => (o as { value: unknown }).value);
const byName = (props: INodeProperties[], name: string) => props.filter((p) => p.name === name);

describe('video create UI shows only what each model takes', () => {
	it.each(Object.entries(VIDEO_MODEL_RULES))('%s', (model, rule) => {
		const values: IDataObject = {
			'@version': 1,
			resource: 'video',
			operation: 'create',
			videoModel: model,
			imageSource: 'fileId',
			endFrameSource: 'fileId',
		};
		if (model === '02') values.hailuo02Options = '768p-6sec';
		const shown = visible(videoCreateDescription, values);
		const names = shown.map((p) => p.name);
		expect(new Set(names).size).toBe(names.length);
		const optionParams = shown.filter((p) => /Options$/.test(p.name));
		if (rule.options) expect(optionParams.map(valuesOf)).toEqual([['', ...rule.options]]);
		else expect(optionParams).toEqual([]);
		const aspect = shown.filter((p) => p.displayName === 'Aspect Ratio');
		expect(aspect.map(valuesOf)).toEqual(rule.aspectRatios ? [[...rule.aspectRatios]] : []);
		expect(valuesOf(byName(shown, 'seedanceResolution')[0])).toEqual(
			rule.resolutions ? [...rule.resolutions] : [],
		);
		expect(names.includes('seedanceDuration')).toBe(!!rule.duration);
		expect(names.includes('referenceVideos') && names.includes('referenceAudios')).toBe(
			!!rule.mediaRefs,
		);
		expect(names.includes('referenceImages')).toBe(rule.maxImages > 1);
		expect(names.includes('endFrameSource') && names.includes('endFrameFileId')).toBe(
			!!rule.endFrame,
		);
		const image = byName(shown, 'imageSource');
		expect(image.length).toBe(rule.image === 'forbidden' ? 0 : 1);
		if (image.length) expect(valuesOf(image[0]).includes('none')).toBe(rule.image === 'optional');
		expect(names).toEqual(
			expect.arrayContaining(['videoModel', 'prompt', 'promptOptimization', 'maxJobs']),
		);
		// Version 2 moves Prompt Optimization and Max Jobs into Options; the prompt is required where text is all there is.
		const lean = visible(videoCreateDescription, { ...values, '@version': 2 });
		expect(lean.map((p) => p.name)).not.toEqual(expect.arrayContaining(['promptOptimization']));
		expect(lean.find((p) => p.name === 'prompt')?.required === true).toBe(
			rule.image === 'forbidden',
		);
		expect(lean.filter((p) => p.name === 'videoModel').map((p) => p.default)).toEqual(['T2V-2.3']);
	});

	it('hides the Hailuo 02 end frame unless 768p or 1080p is chosen', () => {
		for (const [option, shown] of [
			['512p-6sec', false],
			['', false],
			['1080p-6sec', true],
		] as const) {
			const names = visible(videoCreateDescription, {
				resource: 'video',
				operation: 'create',
				videoModel: '02',
				hailuo02Options: option,
			}).map((p) => p.name);
			expect(names.includes('endFrameSource')).toBe(shown);
		}
	});

	it('shows nothing outside Video → Create', () => {
		expect(
			visible(videoCreateDescription, { resource: 'image', operation: 'create', videoModel: '02' }),
		).toEqual([]);
	});
});

describe('image create UI shows only what each model takes', () => {
	it.each(Object.entries(IMAGE_MODEL_RULES))('%s', (model, rule) => {
		const shown = visible(imageCreateDescription, {
			resource: 'image',
			operation: 'create',
			imageModel: model,
			characterSource: 'fileId',
		});
		const names = shown.map((p) => p.name);
		expect(new Set(names).size).toBe(names.length);
		const aspect = shown.filter((p) => p.displayName === 'Aspect Ratio');
		expect(aspect.map(valuesOf)).toEqual([[...rule.aspectRatios]]);
		expect(aspect[0].default).toBe(rule.defaultAspectRatio);
		const resolution = shown.filter((p) => p.displayName === 'Resolution');
		expect(resolution.map(valuesOf)).toEqual(rule.resolutions ? [['', ...rule.resolutions]] : []);
		expect(names.includes('quality')).toBe(!!rule.qualities);
		expect(names.includes('quantity')).toBe(!rule.fixedQuantity);
		expect(names.includes('characterSource') && names.includes('characterFileId')).toBe(
			!!rule.character,
		);
		const refs = byName(shown, 'referenceImages');
		expect(refs.length).toBe(rule.maxReferences > 0 ? 1 : 0);
		if (refs.length) expect(refs[0].description).toContain(`At most ${rule.maxReferences}`);
	});
});

describe('model chosen by an expression', () => {
	// The editor cannot hide other models' fields then, so a value left in one must be refused, not dropped.
	const asSaved = (params: IDataObject, modelParam: string) => ({
		...params,
		[modelParam]: `={{ "${String(params[modelParam])}" }}`,
	});

	it('refuses an image on text-only T2V-2.3 and an end frame on I2V-01', () => {
		const t2v = {
			videoModel: 'T2V-2.3',
			prompt: 'a fox',
			imageSource: 'fileId',
			imageFileId: FILE(1),
		};
		expect(
			errorOf(() => readVideoCreate.call(ctx(t2v, undefined, asSaved(t2v, 'videoModel')), 0))
				.message,
		).toMatch(/takes no image/);
		const i2v = {
			videoModel: 'I2V-01',
			imageSource: 'fileId',
			imageFileId: FILE(1),
			endFrameSource: 'fileId',
			endFrameFileId: FILE(2),
		};
		expect(
			errorOf(() => readVideoCreate.call(ctx(i2v, undefined, asSaved(i2v, 'videoModel')), 0))
				.message,
		).toMatch(/takes no end frame/);
	});

	it("refuses Seedance-only duration and another family's options on a Hailuo 01 model", () => {
		const params = { videoModel: 'T2V-01', prompt: 'a fox', seedanceDuration: 12 };
		expect(
			errorOf(() => readVideoCreate.call(ctx(params, undefined, asSaved(params, 'videoModel')), 0))
				.message,
		).toMatch(/[Dd]uration/);
		const opts = { videoModel: 'T2V-01', prompt: 'a fox', veoOptions: 'veo-4k-8sec' };
		expect(
			errorOf(() => readVideoCreate.call(ctx(opts, undefined, asSaved(opts, 'videoModel')), 0))
				.message,
		).toMatch(/does not take "Resolution and Duration"/);
	});

	it('refuses quality on an image model other than gpt-image-2', () => {
		const params = { imageModel: 'nano-banana-2', prompt: 'a fox', quality: 'high' };
		expect(
			errorOf(() => readImageCreate.call(ctx(params, undefined, asSaved(params, 'imageModel')), 0))
				.message,
		).toMatch(/GPT Image 2 only/);
	});

	it('still ignores hidden fields when the model is fixed (the editor drops them)', () => {
		const params = {
			videoModel: 'T2V-2.3',
			prompt: 'a fox',
			imageSource: 'fileId',
			imageFileId: FILE(1),
		};
		expect(readVideoCreate.call(ctx(params, undefined, params), 0).media).toEqual([]);
	});
});
