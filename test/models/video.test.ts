import type { MediaRef } from '../../nodes/MinimaxGenerate/models/common';
import { uploadContentType } from '../../nodes/shared/mime';
import {
	VIDEO_MODEL_RULES,
	VIDEO_MODELS,
	validateVideo,
	videoSlots,
	type VideoInput,
} from '../../nodes/MinimaxGenerate/models/video';
import { videoBody } from '../../nodes/MinimaxGenerate/actions/video/create';
import { toMediaInputs } from '../../nodes/MinimaxGenerate/actions/createInputs';
import * as simulator from '../simulator/validate';

const sim = simulator as unknown as {
	VIDEO_MODELS: Record<string, unknown>;
	validateVideoCreate: (body: Record<string, unknown>) => unknown;
};

const fid = (n: number | string) => ({ fileId: `user:1234-minimax:987654321-file:${n}` });
const fids = (count: number, from = 100) => Array.from({ length: count }, (_, i) => fid(from + i));
const bin = (mimeType: string | null, binaryProperty = 'data'): MediaRef => ({
	binaryProperty,
	mimeType,
});

/** The request the engine would send once binaries are uploaded: binaries become fresh fileIDs. */
function toBody(input: VideoInput): Record<string, unknown> {
	const body: Record<string, unknown> = { ...videoBody(input, true) };
	toMediaInputs(videoSlots(input)).forEach((m, i) => {
		body[m.field] = m.fileId ?? `user:1234-minimax:987654321-file:9${i}`;
	});
	return body;
}

const VALID: Array<[string, VideoInput]> = [
	['T2V-01 prompt only', { model: 'T2V-01', prompt: 'a red robot' }],
	['T2V-01-Director prompt', { model: 'T2V-01-Director', prompt: '[Pan left] a city' }],
	['I2V-01 image without prompt', { model: 'I2V-01', image: fid(1) }],
	['I2V-01-live image + prompt', { model: 'I2V-01-live', prompt: 'wave', image: fid(1) }],
	['I2V-01-Director binary png', { model: 'I2V-01-Director', image: bin('image/png') }],
	['S2V-01 subject', { model: 'S2V-01', prompt: 'she walks', image: fid(1) }],
	['02 text 512p', { model: '02', prompt: 'x', options: '512p-6sec' }],
	['02 default options', { model: '02', prompt: 'x', options: '' }],
	[
		'02 first + end frame 768p',
		{ model: '02', image: fid(1), endFrame: fid(2), options: '768p-10sec' },
	],
	[
		'02 end frame binary 1080p',
		{ model: '02', image: fid(1), endFrame: bin('image/jpeg', 'last'), options: '1080p-6sec' },
	],
	['T2V-2.3 1080p', { model: 'T2V-2.3', prompt: 'x', options: '1080p-6sec' }],
	['I2V-2.3 image', { model: 'I2V-2.3', image: fid(1), options: '768p-6sec' }],
	['I2V-2.3-Fast webp binary', { model: 'I2V-2.3-Fast', image: bin('image/webp') }],
	[
		'Sora-2 12 s portrait',
		{ model: 'Sora-2', prompt: 'x', options: '720p-12sec', aspectRatio: '9:16' },
	],
	[
		'Veo-3.1 first+end 4K',
		{ model: 'Veo-3.1', prompt: 'x', image: fid(1), endFrame: fid(2), options: 'veo-4k-8sec' },
	],
	[
		'Veo-3.1-Fast text 16:9',
		{ model: 'Veo-3.1-Fast', prompt: 'x', aspectRatio: '16:9', options: 'veo-720p-8sec' },
	],
	[
		'Veo-3.1-S2V 14 images',
		{ model: 'Veo-3.1-S2V', prompt: 'x', image: fid(1), references: fids(13) },
	],
	[
		'Veo-3.1-S2V-Fast 3 images',
		{
			model: 'Veo-3.1-S2V-Fast',
			prompt: 'x',
			image: fid(1),
			references: fids(2),
			options: 'veo-1080p-8sec',
		},
	],
	[
		'Seedance-2.0 everything',
		{
			model: 'Seedance-2.0',
			prompt: 'p'.repeat(7500),
			resolution: '4K',
			aspectRatio: '21:9',
			duration: 15,
			image: fid(1),
			references: fids(8),
			videos: [fid(50), bin('video/mp4', 'v2'), fid(52)],
			audios: [bin('audio/mpeg', 'a1'), bin('audio/x-wav', 'a2'), bin('audio/wav', 'a3')],
			maxJobs: 10,
		},
	],
	[
		'Seedance-2.0-Fast 480p 4 s',
		{ model: 'Seedance-2.0-Fast', prompt: 'x', resolution: '480', duration: 4 },
	],
	[
		'Seedance-2.0-Mini video ref only',
		{ model: 'Seedance-2.0-Mini', prompt: '@Video1 dance', videos: [fid(5)] },
	],
	['maxJobs 1', { model: 'T2V-01', prompt: 'x', maxJobs: 1 }],
];

/** [case, input, field, message part, simulator rejects it too]. `false` = reader-only or [inferred] rule. */
const INVALID: Array<[string, VideoInput, string, string | RegExp, boolean]> = [
	['model case-sensitive', { model: 't2v-01', prompt: 'x' }, 'Model', 'not supported', true],
	[
		'T2V empty prompt',
		{ model: 'T2V-01', prompt: '  ' },
		'Prompt',
		'makes video from text only, so enter a prompt',
		true,
	],
	[
		'02 empty prompt no image',
		{ model: '02', prompt: '' },
		'Prompt',
		'prompt is empty and no image',
		true,
	],
	['prompt 2001 on 02', { model: '02', prompt: 'p'.repeat(2001) }, 'Prompt', 'at most 2000', true],
	[
		'prompt 7501 on Seedance',
		{ model: 'Seedance-2.0', prompt: 'p'.repeat(7501) },
		'Prompt',
		'at most 7500',
		true,
	],
	[
		'T2V-2.3 with image',
		{ model: 'T2V-2.3', prompt: 'x', image: fid(1) },
		'Image',
		'text-to-video only',
		true,
	],
	['I2V-2.3 without image', { model: 'I2V-2.3', prompt: 'x' }, 'Image', 'needs an image', true],
	[
		'I2V-2.3-Fast without image',
		{ model: 'I2V-2.3-Fast', prompt: 'x' },
		'Image',
		'needs an image',
		true,
	],
	[
		'T2V-01 with image [inferred]',
		{ model: 'T2V-01', prompt: 'x', image: fid(1) },
		'Image',
		'text-to-video only',
		false,
	],
	[
		'I2V-01 without image [inferred]',
		{ model: 'I2V-01', prompt: 'x' },
		'Image',
		'needs an image',
		false,
	],
	[
		'S2V-01 without image [inferred]',
		{ model: 'S2V-01', prompt: 'x' },
		'Image',
		'needs an image',
		false,
	],
	[
		'Veo-3.1-S2V without image [inferred]',
		{ model: 'Veo-3.1-S2V', prompt: 'x' },
		'Image',
		'needs an image',
		false,
	],
	[
		'02 Sora option',
		{ model: '02', prompt: 'x', options: '720p-8sec' },
		'Resolution and Duration',
		'Choose one of: 512p-6sec',
		true,
	],
	[
		'2.3 512p',
		{ model: 'T2V-2.3', prompt: 'x', options: '512p-6sec' },
		'Resolution and Duration',
		'not available for model T2V-2.3',
		true,
	],
	[
		'Veo option without prefix',
		{ model: 'Veo-3.1', prompt: 'x', options: '720p-8sec' },
		'Resolution and Duration',
		'veo-720p-8sec',
		true,
	],
	[
		'01 takes no options',
		{ model: 'T2V-01', prompt: 'x', options: '768p-6sec' },
		'Resolution and Duration',
		'does not take',
		true,
	],
	[
		'Seedance takes no options',
		{ model: 'Seedance-2.0', prompt: 'x', options: '768p-6sec' },
		'Resolution and Duration',
		'does not take',
		true,
	],
	[
		'Sora 1:1',
		{ model: 'Sora-2', prompt: 'x', aspectRatio: '1:1' },
		'Aspect Ratio',
		'Choose one of: 16:9, 9:16',
		true,
	],
	[
		'Veo Auto',
		{ model: 'Veo-3.1', prompt: 'x', aspectRatio: 'Auto' },
		'Aspect Ratio',
		'not available',
		true,
	],
	[
		'Seedance lowercase auto',
		{ model: 'Seedance-2.0', prompt: 'x', aspectRatio: 'auto' },
		'Aspect Ratio',
		'Auto, 21:9',
		true,
	],
	[
		'02 aspect ratio',
		{ model: '02', prompt: 'x', aspectRatio: '16:9' },
		'Aspect Ratio',
		'does not take',
		true,
	],
	[
		'Fast 1080',
		{ model: 'Seedance-2.0-Fast', prompt: 'x', resolution: '1080' },
		'Resolution',
		'Choose one of: 480, 720',
		true,
	],
	[
		'Mini 4K',
		{ model: 'Seedance-2.0-Mini', prompt: 'x', resolution: '4K' },
		'Resolution',
		'not available',
		true,
	],
	[
		'p suffix',
		{ model: 'Seedance-2.0', prompt: 'x', resolution: '1080p' },
		'Resolution',
		'not available',
		true,
	],
	[
		'resolution on 02',
		{ model: '02', prompt: 'x', resolution: '720' },
		'Resolution',
		'does not take',
		true,
	],
	[
		'duration 3',
		{ model: 'Seedance-2.0', prompt: 'x', duration: 3 },
		'Duration (Seconds)',
		'from 4 to 15',
		true,
	],
	[
		'duration 16',
		{ model: 'Seedance-2.0-Fast', prompt: 'x', duration: 16 },
		'Duration (Seconds)',
		'from 4 to 15',
		true,
	],
	[
		'duration 5.5',
		{ model: 'Seedance-2.0', prompt: 'x', duration: 5.5 },
		'Duration (Seconds)',
		'whole number',
		true,
	],
	[
		'duration on Veo',
		{ model: 'Veo-3.1', prompt: 'x', duration: 8 },
		'Duration (Seconds)',
		'only Seedance',
		true,
	],
	['maxJobs 11', { model: 'T2V-01', prompt: 'x', maxJobs: 11 }, 'Max Jobs', 'from 1 to 10', true],
	['maxJobs 0', { model: 'T2V-01', prompt: 'x', maxJobs: 0 }, 'Max Jobs', 'from 1 to 10', true],
	[
		'Sora extra refs',
		{ model: 'Sora-2', prompt: 'x', image: fid(1), references: fids(1) },
		'Additional Reference Images',
		'takes no extra reference images',
		true,
	],
	[
		'02 extra refs',
		{ model: '02', prompt: 'x', image: fid(1), references: fids(1) },
		'Additional Reference Images',
		'takes no extra',
		true,
	],
	[
		'Seedance 10 images',
		{ model: 'Seedance-2.0', prompt: 'x', image: fid(1), references: fids(9) },
		'Additional Reference Images',
		'takes at most 9',
		true,
	],
	[
		'Veo-S2V 15 images',
		{ model: 'Veo-3.1-S2V', prompt: 'x', image: fid(1), references: fids(14) },
		'Additional Reference Images',
		'takes at most 14',
		true,
	],
	[
		'refs without Image',
		{ model: 'Seedance-2.0', prompt: 'x', references: fids(2) },
		'Additional Reference Images',
		'must be set first',
		true,
	],
	[
		'videos on Veo',
		{ model: 'Veo-3.1', prompt: 'x', videos: [fid(5)] },
		'Reference Videos',
		'Seedance models only',
		true,
	],
	[
		'audios on 02',
		{ model: '02', prompt: 'x', audios: [fid(5)] },
		'Reference Audios',
		'Seedance models only',
		true,
	],
	[
		'4 videos',
		{ model: 'Seedance-2.0', prompt: 'x', videos: fids(4) },
		'Reference Videos',
		'at most 3',
		true,
	],
	[
		'4 audios',
		{ model: 'Seedance-2.0-Mini', prompt: 'x', audios: fids(4) },
		'Reference Audios',
		'at most 3',
		true,
	],
	[
		'end frame + video refs',
		{ model: 'Seedance-2.0', prompt: 'x', image: fid(1), endFrame: fid(2), videos: [fid(3)] },
		'End Frame',
		'cannot be combined',
		true,
	],
	[
		'end frame + audio refs on Veo',
		{ model: 'Veo-3.1', prompt: 'x', image: fid(1), endFrame: fid(2), audios: [fid(3)] },
		'End Frame',
		'cannot be combined',
		true,
	],
	[
		'end frame on Seedance',
		{ model: 'Seedance-2.0', prompt: 'x', image: fid(1), endFrame: fid(2) },
		'End Frame',
		'takes no end frame',
		true,
	],
	[
		'end frame on Sora',
		{ model: 'Sora-2', prompt: 'x', image: fid(1), endFrame: fid(2) },
		'End Frame',
		'only Hailuo 02',
		true,
	],
	[
		'end frame on Veo-S2V',
		{ model: 'Veo-3.1-S2V', prompt: 'x', image: fid(1), endFrame: fid(2) },
		'End Frame',
		'takes no end frame',
		true,
	],
	[
		'end frame on I2V-2.3',
		{ model: 'I2V-2.3', image: fid(1), endFrame: fid(2) },
		'End Frame',
		'takes no end frame',
		true,
	],
	[
		'02 end frame 512p',
		{ model: '02', image: fid(1), endFrame: fid(2), options: '512p-10sec' },
		'Resolution and Duration',
		'needs "Resolution and Duration" set to one of: 768p-6sec',
		true,
	],
	[
		'02 end frame default options',
		{ model: '02', image: fid(1), endFrame: fid(2), options: '' },
		'Resolution and Duration',
		'768p-10sec, 1080p-6sec',
		true,
	],
	[
		'end frame without first [inferred]',
		{ model: 'Veo-3.1', prompt: 'x', endFrame: fid(2) },
		'Image',
		'needs a first frame',
		false,
	],
	[
		'same first and last fileID',
		{
			model: 'Veo-3.1-Fast',
			prompt: 'x',
			image: fid(7),
			endFrame: { fileId: ` ${fid(7).fileId} ` },
		},
		'End Frame File ID',
		'must not be the same fileID',
		true,
	],
	[
		'bare number id',
		{ model: 'I2V-01', image: { fileId: '335577991133557799' } },
		'Image File ID',
		'bare number',
		false,
	],
	[
		'encoded id',
		{ model: 'I2V-01', image: { fileId: 'user%3A1234-minimax%3A987654321-file%3A1' } },
		'Image File ID',
		'URL-encoded',
		false,
	],
	[
		'image id instead of fileID',
		{ model: 'I2V-01', image: { fileId: 'user:1234-minimax:987654321-image:357846312387492374' } },
		'Image File ID',
		'use its "fileID" field',
		false,
	],
	[
		'video id as file',
		{ model: 'I2V-01', image: { fileId: 'user:1234-minimax:987654321-video:1' } },
		'Image File ID',
		'not a file id',
		false,
	],
	['empty file id', { model: 'I2V-01', image: { fileId: '' } }, 'Image File ID', 'is empty', false],
	[
		'empty end frame id',
		{ model: 'Veo-3.1', prompt: 'x', image: fid(1), endFrame: { fileId: '' } },
		'End Frame File ID',
		'is empty',
		false,
	],
	[
		'empty ref entry',
		{ model: 'Seedance-2.0', prompt: 'x', image: fid(1), references: [fid(2), { fileId: '' }] },
		'Additional Reference Images (#2)',
		'is empty',
		false,
	],
	[
		'missing binary',
		{
			model: 'I2V-01',
			image: { binaryProperty: 'photo', mimeType: null, present: ['data', 'thumb'] },
		},
		'Image Input Binary Field',
		/no binary field "photo".*It has: data, thumb/,
		false,
	],
	[
		'missing binary, no binaries',
		{ model: 'I2V-01', image: { binaryProperty: 'photo', mimeType: null, present: [] } },
		'Image Input Binary Field',
		'no file at all',
		false,
	],
	[
		'empty binary name',
		{ model: 'I2V-01', image: { binaryProperty: ' ' } },
		'Image Input Binary Field',
		'is empty',
		false,
	],
	[
		'gif image',
		{ model: 'I2V-01', image: bin('image/gif') },
		'Image Input Binary Field',
		'needs PNG, JPEG or WebP',
		false,
	],
	[
		'mp4 as end frame',
		{ model: 'Veo-3.1', prompt: 'x', image: fid(1), endFrame: bin('video/mp4', 'last') },
		'End Frame Input Binary Field',
		'end_frame_fileID needs PNG',
		false,
	],
	[
		'mov video ref',
		{ model: 'Seedance-2.0', prompt: 'x', videos: [bin('video/quicktime')] },
		'Reference Videos (#1)',
		'needs MP4',
		false,
	],
	[
		'ogg audio ref',
		{ model: 'Seedance-2.0', prompt: 'x', audios: [fid(1), bin('audio/ogg')] },
		'Reference Audios (#2)',
		'audioFileID2 needs MP3 or WAV',
		false,
	],
	[
		'png as video ref',
		{ model: 'Seedance-2.0', prompt: 'x', videos: [bin('image/png')] },
		'Reference Videos (#1)',
		'is image/png',
		false,
	],
];

describe('video model table', () => {
	it('covers exactly the models of POST /videos/create (and the simulator), each with a display name', () => {
		expect(Object.keys(VIDEO_MODEL_RULES).sort()).toEqual(Object.keys(sim.VIDEO_MODELS).sort());
		expect(VIDEO_MODELS).toHaveLength(18);
		expect(VIDEO_MODELS.map((m) => m.name)).toEqual(
			expect.arrayContaining(['Hailuo 02', 'Veo 3.1', 'Sora 2', 'Seedance 2.0']),
		);
		expect(new Set(VIDEO_MODELS.map((m) => m.name)).size).toBe(18);
	});
});

describe('validateVideo: valid combinations', () => {
	it.each(VALID)('%s', (_name, input) => {
		expect(validateVideo(input)).toEqual([]);
		expect(() => sim.validateVideoCreate(toBody(input))).not.toThrow();
	});
});

describe('validateVideo: invalid combinations', () => {
	it.each(INVALID)('%s', (_name, input, field, message, simulatorRejects) => {
		const problems = validateVideo(input);
		expect(problems.length).toBeGreaterThan(0);
		const hit = problems.find((p) => p.field === field);
		expect(hit).toBeDefined();
		expect(hit!.message).toMatch(
			typeof message === 'string'
				? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
				: message,
		);
		if (simulatorRejects) expect(() => sim.validateVideoCreate(toBody(input))).toThrow();
	});
});

describe('video slots and upload types', () => {
	it('fills fileID, fileID2…, end frame, videoFileIDn and audioFileIDn in order', () => {
		const slots = videoSlots({
			model: 'Seedance-2.0',
			image: fid(1),
			references: fids(2),
			videos: [fid(3)],
			audios: [bin('audio/wav', 'a')],
		});
		expect(slots.map((s) => s.bodyField)).toEqual([
			'fileID',
			'fileID2',
			'fileID3',
			'videoFileID1',
			'audioFileID1',
		]);
		expect(
			videoSlots({ model: '02', image: fid(1), endFrame: fid(2) }).map((s) => s.bodyField),
		).toEqual(['fileID', 'end_frame_fileID']);
	});

	it('maps aliases to the Content-Type POST /files accepts, per kind', () => {
		expect(uploadContentType('image/webp', 'image')).toBe('image/jpeg');
		expect(uploadContentType('IMAGE/PNG; charset=binary', 'image')).toBe('image/png');
		expect(uploadContentType('audio/x-wav', 'audio')).toBe('audio/wav');
		expect(uploadContentType('audio/mp3')).toBe('audio/mpeg');
		expect(uploadContentType('video/mp4', 'image')).toBeUndefined();
		expect(uploadContentType('image/gif')).toBeUndefined();
	});
});
