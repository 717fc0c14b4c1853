import type { MediaRef } from '../../nodes/MinimaxGenerate/models/common';
import {
	IMAGE_MODEL_RULES,
	IMAGE_MODELS,
	imageSlots,
	validateImage,
	type ImageInput,
} from '../../nodes/MinimaxGenerate/models/image';
import { imageBody } from '../../nodes/MinimaxGenerate/actions/image/create';
import { toMediaInputs } from '../../nodes/MinimaxGenerate/actions/createInputs';
import * as simulator from '../simulator/validate';

const sim = simulator as unknown as {
	IMAGE_MODELS: Record<string, unknown>;
	validateImageCreate: (body: Record<string, unknown>) => { quantity: number };
};

const fid = (n: number | string) => ({ fileId: `user:1234-minimax:987654321-file:${n}` });
const fids = (count: number) => Array.from({ length: count }, (_, i) => fid(100 + i));
const bin = (mimeType: string | null, binaryProperty = 'data'): MediaRef => ({
	binaryProperty,
	mimeType,
});

function toBody(input: ImageInput): Record<string, unknown> {
	const body: Record<string, unknown> = { ...imageBody(input, true) };
	toMediaInputs(imageSlots(input)).forEach((m, i) => {
		body[m.field] = m.fileId ?? `user:1234-minimax:987654321-file:9${i}`;
	});
	return body;
}

const VALID: Array<[string, ImageInput]> = [
	[
		'image-01 defaults',
		{ model: 'image-01', prompt: 'a cat', aspectRatio: '16:9', resolution: '', quantity: 1 },
	],
	[
		'image-01 character + 21:9 HD x4',
		{
			model: 'image-01',
			prompt: 'x',
			character: fid(1),
			aspectRatio: '21:9',
			resolution: 'HD',
			quantity: 4,
		},
	],
	[
		'nano-banana-2 512P 14 refs + mentions',
		{
			model: 'nano-banana-2',
			prompt: '@Image1 and @image14 '.padEnd(7500, 'x'),
			resolution: '512P',
			references: fids(14),
		},
	],
	[
		'nano-banana-pro 4K 5:4',
		{ model: 'nano-banana-pro', prompt: 'x', resolution: '4K', aspectRatio: '5:4' },
	],
	[
		'gpt-image-1.5 3 refs auto High',
		{
			model: 'gpt-image-1.5',
			prompt: 'x',
			aspectRatio: 'auto',
			resolution: 'High',
			references: fids(3),
		},
	],
	[
		'gpt-image-2 16 refs high 4:5',
		{
			model: 'gpt-image-2',
			prompt: '@ImAgE001',
			references: fids(16),
			quality: 'high',
			aspectRatio: '4:5',
			resolution: '2K',
		},
	],
	['gpt-image-2 default quality', { model: 'gpt-image-2', prompt: 'x', quality: 'low' }],
	[
		'seedream-4.5 binary ref',
		{ model: 'seedream-4.5', prompt: 'x', resolution: '4K', references: [bin('image/webp')] },
	],
	[
		'seedream-5.0 3K',
		{ model: 'seedream-5.0', prompt: 'x', resolution: '3K', aspectRatio: '21:9' },
	],
	[
		'midjourney-v7 14 refs',
		{ model: 'midjourney-v7', prompt: 'p'.repeat(5000), references: fids(14), aspectRatio: '2:3' },
	],
	['midjourney-niji7 plain', { model: 'midjourney-niji7', prompt: 'x' }],
];

const INVALID: Array<[string, ImageInput, string, string, boolean]> = [
	['unknown model', { model: 'Image-01', prompt: 'x' }, 'Model', 'not supported', true],
	['empty prompt', { model: 'image-01', prompt: ' ' }, 'Prompt', 'always need a prompt', true],
	[
		'image-01 2001 chars',
		{ model: 'image-01', prompt: 'p'.repeat(2001) },
		'Prompt',
		'at most 2000',
		true,
	],
	[
		'seedream 2001 chars',
		{ model: 'seedream-5.0', prompt: 'p'.repeat(2001) },
		'Prompt',
		'at most 2000',
		true,
	],
	[
		'midjourney 5001',
		{ model: 'midjourney-v7', prompt: 'p'.repeat(5001) },
		'Prompt',
		'at most 5000',
		true,
	],
	[
		'gpt-image-2 7501',
		{ model: 'gpt-image-2', prompt: 'p'.repeat(7501) },
		'Prompt',
		'at most 7500',
		true,
	],
	[
		'mention on image-01',
		{ model: 'image-01', prompt: 'like @Image1' },
		'Prompt',
		'rejects @Image mentions (found "@Image1")',
		true,
	],
	[
		'mention on gpt-image-1.5',
		{ model: 'gpt-image-1.5', prompt: 'like @IMAGE02', references: fids(2) },
		'Prompt',
		'rejects @Image mentions',
		true,
	],
	[
		'mention on midjourney',
		{ model: 'midjourney-niji7', prompt: '@image3' },
		'Prompt',
		'rejects @Image mentions',
		true,
	],
	[
		'image-01 auto',
		{ model: 'image-01', prompt: 'x', aspectRatio: 'auto' },
		'Aspect Ratio',
		'Choose one of: 16:9, 4:3',
		true,
	],
	[
		'gpt-image-2 auto',
		{ model: 'gpt-image-2', prompt: 'x', aspectRatio: 'auto' },
		'Aspect Ratio',
		'not available',
		true,
	],
	[
		'gpt-image-1.5 16:9',
		{ model: 'gpt-image-1.5', prompt: 'x', aspectRatio: '16:9' },
		'Aspect Ratio',
		'auto, 1:1, 3:2, 2:3',
		true,
	],
	[
		'image-01 2K',
		{ model: 'image-01', prompt: 'x', resolution: '2K' },
		'Resolution',
		'Choose one of: HD',
		true,
	],
	[
		'nano-banana-pro 512P',
		{ model: 'nano-banana-pro', prompt: 'x', resolution: '512P' },
		'Resolution',
		'not available',
		true,
	],
	[
		'seedream-5.0 4K',
		{ model: 'seedream-5.0', prompt: 'x', resolution: '4K' },
		'Resolution',
		'2K, 3K',
		true,
	],
	[
		'seedream-4.5 3K',
		{ model: 'seedream-4.5', prompt: 'x', resolution: '3K' },
		'Resolution',
		'2K, 4K',
		true,
	],
	[
		'gpt-image-1.5 low case',
		{ model: 'gpt-image-1.5', prompt: 'x', resolution: 'low' },
		'Resolution',
		'Low, Medium, High',
		true,
	],
	[
		'midjourney resolution',
		{ model: 'midjourney-v7', prompt: 'x', resolution: '2K' },
		'Resolution',
		'does not take',
		true,
	],
	[
		'quality on nano-banana',
		{ model: 'nano-banana-2', prompt: 'x', quality: 'high' },
		'Quality',
		'GPT Image 2 only',
		true,
	],
	[
		'quality ultra',
		{ model: 'gpt-image-2', prompt: 'x', quality: 'ultra' },
		'Quality',
		'low, medium, high',
		true,
	],
	['quantity 5', { model: 'image-01', prompt: 'x', quantity: 5 }, 'Quantity', 'from 1 to 4', true],
	[
		'quantity 0',
		{ model: 'seedream-4.5', prompt: 'x', quantity: 0 },
		'Quantity',
		'from 1 to 4',
		true,
	],
	[
		'midjourney quantity 2',
		{ model: 'midjourney-v7', prompt: 'x', quantity: 2 },
		'Quantity',
		'always makes 4 images',
		false,
	],
	[
		'character on nano',
		{ model: 'nano-banana-pro', prompt: 'x', character: fid(1) },
		'Character Reference',
		'Image-01 only',
		true,
	],
	[
		'refs on image-01',
		{ model: 'image-01', prompt: 'x', references: fids(1) },
		'Reference Images',
		'takes no reference images',
		true,
	],
	[
		'gpt-image-1.5 4 refs',
		{ model: 'gpt-image-1.5', prompt: 'x', references: fids(4) },
		'Reference Images',
		'at most 3',
		true,
	],
	[
		'gpt-image-2 17 refs',
		{ model: 'gpt-image-2', prompt: 'x', references: fids(17) },
		'Reference Images',
		'at most 16',
		true,
	],
	[
		'seedream 15 refs',
		{ model: 'seedream-5.0', prompt: 'x', references: fids(15) },
		'Reference Images',
		'at most 14',
		true,
	],
	[
		'midjourney 15 refs',
		{ model: 'midjourney-v7', prompt: 'x', references: fids(15) },
		'Reference Images',
		'at most 14',
		true,
	],
	[
		'bad character id',
		{ model: 'image-01', prompt: 'x', character: { fileId: '12345' } },
		'Character Reference File ID',
		'bare number',
		false,
	],
	[
		'missing character binary',
		{
			model: 'image-01',
			prompt: 'x',
			character: { binaryProperty: 'face', mimeType: null, present: ['data'] },
		},
		'Character Reference Input Binary Field',
		'no binary field "face"',
		false,
	],
	[
		'pdf reference',
		{ model: 'seedream-4.5', prompt: 'x', references: [fid(1), bin('application/pdf')] },
		'Reference Images (#2)',
		'referenceFileId2 needs PNG',
		false,
	],
	[
		'image id as reference',
		{
			model: 'gpt-image-2',
			prompt: 'x',
			references: [{ fileId: 'user:1234-minimax:987654321-image:1' }],
		},
		'Reference Images (#1)',
		'fileID',
		false,
	],
];

describe('image model table', () => {
	it('covers exactly the models of POST /images/create (and the simulator), each with a display name', () => {
		expect(Object.keys(IMAGE_MODEL_RULES).sort()).toEqual(Object.keys(sim.IMAGE_MODELS).sort());
		expect(IMAGE_MODELS.map((m) => m.value)).toContain('gpt-image-2');
		expect(new Set(IMAGE_MODELS.map((m) => m.name)).size).toBe(9);
	});
});

describe('validateImage: valid combinations', () => {
	it.each(VALID)('%s', (_name, input) => {
		expect(validateImage(input)).toEqual([]);
		expect(() => sim.validateImageCreate(toBody(input))).not.toThrow();
	});

	it('midjourney makes 4 images without sending quantity', () => {
		const body = toBody({ model: 'midjourney-v7', prompt: 'x' });
		expect(body.quantity).toBeUndefined();
		expect(sim.validateImageCreate(body).quantity).toBe(4);
	});
});

describe('validateImage: invalid combinations', () => {
	it.each(INVALID)('%s', (_name, input, field, message, simulatorRejects) => {
		const problems = validateImage(input);
		const hit = problems.find((p) => p.field === field);
		expect(hit).toBeDefined();
		expect(hit!.message).toContain(message);
		if (simulatorRejects) expect(() => sim.validateImageCreate(toBody(input))).toThrow();
	});
});

describe('image slots', () => {
	it('fills characterFileId and referenceFileId1… in order', () => {
		expect(imageSlots({ model: 'image-01', character: fid(1) }).map((s) => s.bodyField)).toEqual([
			'characterFileId',
		]);
		expect(
			imageSlots({ model: 'gpt-image-2', references: fids(3) }).map((s) => s.bodyField),
		).toEqual(['referenceFileId1', 'referenceFileId2', 'referenceFileId3']);
	});
});
