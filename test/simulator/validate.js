'use strict';
// Request validation for videos/create (https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create model table) and
// images/create (https://useapi.net/docs/api-minimax-v1/post-minimax-images-create).

const OPT_02 = ['512p-6sec', '512p-10sec', '768p-6sec', '768p-10sec', '1080p-6sec'];
const OPT_23 = ['768p-6sec', '768p-10sec', '1080p-6sec'];
const OPT_SORA = ['720p-4sec', '720p-8sec', '720p-12sec'];
const OPT_VEO = ['veo-720p-8sec', 'veo-1080p-8sec', 'veo-4k-8sec'];
const AR_169 = ['16:9', '9:16'];
const AR_SEED = ['Auto', '21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];

const legacy = { options: null, aspect: null, endFrame: false, maxRefs: 1, promptMax: 2000 };
const VIDEO_MODELS = {
	'T2V-01': legacy,
	'I2V-01': legacy,
	'I2V-01-live': legacy,
	'S2V-01': legacy,
	'T2V-01-Director': legacy,
	'I2V-01-Director': legacy,
	'02': {
		options: OPT_02,
		aspect: null,
		endFrame: true,
		endFrameOptions: /^(768p|1080p)-/,
		maxRefs: 1,
		promptMax: 2000,
	},
	'T2V-2.3': {
		options: OPT_23,
		aspect: null,
		endFrame: false,
		maxRefs: 0,
		textOnly: true,
		promptMax: 2000,
	},
	'I2V-2.3': {
		options: OPT_23,
		aspect: null,
		endFrame: false,
		maxRefs: 1,
		needsImage: true,
		promptMax: 2000,
	},
	'I2V-2.3-Fast': {
		options: OPT_23,
		aspect: null,
		endFrame: false,
		maxRefs: 1,
		needsImage: true,
		promptMax: 2000,
	},
	'Sora-2': { options: OPT_SORA, aspect: AR_169, endFrame: false, maxRefs: 1, promptMax: 2000 },
	'Veo-3.1': { options: OPT_VEO, aspect: AR_169, endFrame: true, maxRefs: 1, promptMax: 2000 },
	'Veo-3.1-Fast': { options: OPT_VEO, aspect: AR_169, endFrame: true, maxRefs: 1, promptMax: 2000 },
	'Veo-3.1-S2V': {
		options: OPT_VEO,
		aspect: AR_169,
		endFrame: false,
		maxRefs: 14,
		promptMax: 2000,
	},
	'Veo-3.1-S2V-Fast': {
		options: OPT_VEO,
		aspect: AR_169,
		endFrame: false,
		maxRefs: 14,
		promptMax: 2000,
	},
	'Seedance-2.0': {
		options: null,
		aspect: AR_SEED,
		endFrame: false,
		maxRefs: 9,
		seedance: true,
		resolutions: ['480', '720', '1080', '4K'],
		promptMax: 7500,
	},
	'Seedance-2.0-Fast': {
		options: null,
		aspect: AR_SEED,
		endFrame: false,
		maxRefs: 9,
		seedance: true,
		resolutions: ['480', '720'],
		promptMax: 7500,
	},
	'Seedance-2.0-Mini': {
		options: null,
		aspect: AR_SEED,
		endFrame: false,
		maxRefs: 9,
		seedance: true,
		resolutions: ['480', '720'],
		promptMax: 7500,
	},
};

class ValidationError extends Error {}

function fail(msg) {
	throw new ValidationError(msg);
}

const has = (b, k) => b[k] !== undefined && b[k] !== null && b[k] !== '';

function intField(body, name, min, max) {
	if (!has(body, name)) return undefined;
	const v = body[name];
	const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
	if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
		fail(`Parameter ${name} (${v}) must be an integer between ${min} and ${max}`);
	}
	return n;
}

function strField(body, name, max) {
	if (!has(body, name)) return undefined;
	if (typeof body[name] !== 'string') fail(`Parameter ${name} must be a string`);
	if (max && body[name].length > max)
		fail(`Parameter ${name} is too long (${body[name].length} > ${max} characters)`);
	return body[name];
}

function boolField(body, name) {
	if (!has(body, name)) return undefined;
	const v = body[name];
	if (v === true || v === 'true') return true;
	if (v === false || v === 'false') return false;
	fail(`Parameter ${name} (${v}) must be true or false`);
}

function replyFields(body) {
	const replyUrl = strField(body, 'replyUrl', 1024);
	if (replyUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(replyUrl))
		fail(`Parameter replyUrl (${replyUrl}) must be an http(s) URL`);
	const replyRef = strField(body, 'replyRef', 1024);
	return { replyUrl, replyRef };
}

// Slots must be filled consecutively: slot k present => slot k-1 present.
function slots(body, names, label) {
	const used = [];
	let gapAt;
	names.forEach((n, i) => {
		if (has(body, n)) {
			if (gapAt !== undefined)
				fail(`Parameter ${n} is set but ${names[gapAt]} is empty: fill ${label} consecutively`);
			if (typeof body[n] !== 'string') fail(`Parameter ${n} must be a string`);
			used.push({ field: n, fileID: body[n], index: i + 1 });
		} else if (gapAt === undefined) gapAt = i;
	});
	return used;
}

/** Returns a normalised request: { model, prompt, refs:[{field,fileID,role}], ... } */
function validateVideoCreate(body) {
	const modelName = has(body, 'model') ? body.model : has(body, 'fileID') ? 'I2V-01' : 'T2V-01';
	const m = VIDEO_MODELS[modelName];
	if (!m)
		fail(
			`Parameter model (${modelName}) is not supported. Supported models: ${Object.keys(VIDEO_MODELS).join(', ')}`,
		);
	const prompt = strField(body, 'prompt', m.promptMax);
	if (!prompt && !has(body, 'fileID'))
		fail('Parameter prompt is required when no fileID is provided');
	boolField(body, 'promptOptimization');
	if (has(body, 'options')) {
		if (!m.options) fail(`Parameter options is not supported for model ${modelName}`);
		if (!m.options.includes(body.options))
			fail(
				`Parameter options (${body.options}) is not valid for model ${modelName}. Valid: ${m.options.join(', ')}`,
			);
	}
	if (has(body, 'aspectRatio')) {
		if (!m.aspect) fail(`Parameter aspectRatio is not supported for model ${modelName}`);
		if (!m.aspect.includes(body.aspectRatio))
			fail(
				`Parameter aspectRatio (${body.aspectRatio}) is not valid for model ${modelName}. Valid: ${m.aspect.join(', ')}`,
			);
	}
	let resolution;
	if (has(body, 'resolution')) {
		if (!m.seedance)
			fail(`Parameter resolution is only supported for Seedance models, not ${modelName}`);
		resolution = String(body.resolution);
		if (!m.resolutions.includes(resolution))
			fail(
				`Parameter resolution (${resolution}) is not valid for model ${modelName}. Valid: ${m.resolutions.join(', ')}`,
			);
	}
	let duration;
	if (has(body, 'duration')) {
		if (!m.seedance)
			fail(`Parameter duration is only supported for Seedance models, not ${modelName}`);
		duration = intField(body, 'duration', 4, 15);
	}
	const maxJobs = intField(body, 'maxJobs', 1, 10);
	const { replyUrl, replyRef } = replyFields(body);

	for (let i = 15; i <= 30; i++)
		if (has(body, `fileID${i}`)) fail(`Parameter fileID${i} is not supported (max fileID14)`);
	for (const p of ['video', 'audio'])
		for (let i = 4; i <= 9; i++)
			if (has(body, `${p}FileID${i}`))
				fail(`Parameter ${p}FileID${i} is not supported (max ${p}FileID3)`);
	const imageSlots = ['fileID', ...Array.from({ length: 13 }, (_, i) => `fileID${i + 2}`)];
	const images = slots(body, imageSlots, 'fileID, fileID2, fileID3 …');
	const videos = slots(body, ['videoFileID1', 'videoFileID2', 'videoFileID3'], 'videoFileID1..3');
	const audios = slots(body, ['audioFileID1', 'audioFileID2', 'audioFileID3'], 'audioFileID1..3');
	const endFrame = strField(body, 'end_frame_fileID');

	if (m.textOnly && images.length)
		fail(`Model ${modelName} is text-to-video only: fileID is not allowed`);
	if (m.needsImage && !images.length) fail(`Model ${modelName} requires fileID (image-to-video)`);
	if (images.length > 1 && m.maxRefs < 2)
		fail(
			`Parameter ${images[1].field} is not supported for model ${modelName}; only Veo-3.1-S2V* (up to fileID14) and Seedance (up to fileID9) take extra reference images`,
		);
	if (images.length > m.maxRefs && m.maxRefs > 1)
		fail(
			`Parameter ${images[m.maxRefs].field} exceeds the maximum of ${m.maxRefs} reference images for model ${modelName}`,
		);
	if ((videos.length || audios.length) && !m.seedance)
		fail(
			`Parameters videoFileID1..3 / audioFileID1..3 are only supported for Seedance models, not ${modelName}`,
		);
	if (endFrame !== undefined) {
		if (videos.length || audios.length)
			fail('Parameter end_frame_fileID is mutually exclusive with videoFileID* / audioFileID*');
		if (!m.endFrame)
			fail(
				`Parameter end_frame_fileID is not supported for model ${modelName} (only 02, Veo-3.1, Veo-3.1-Fast)`,
			);
		if (m.endFrameOptions && !(has(body, 'options') && m.endFrameOptions.test(body.options)))
			fail(`Parameter end_frame_fileID for model ${modelName} requires options 768p-* or 1080p-*`);
		if (has(body, 'fileID') && body.fileID === endFrame)
			fail(
				'Parameter end_frame_fileID must differ from fileID (upload the image again to use the same frame)',
			);
	}
	const refs = [
		...images.map((r) => ({ ...r, role: 'image' })),
		...(endFrame !== undefined
			? [{ field: 'end_frame_fileID', fileID: endFrame, role: 'image' }]
			: []),
		...videos.map((r) => ({ ...r, role: 'video' })),
		...audios.map((r) => ({ ...r, role: 'audio' })),
	];
	return {
		model: modelName,
		prompt: prompt || '',
		options: body.options,
		aspectRatio: body.aspectRatio,
		resolution,
		duration,
		maxJobs,
		replyUrl,
		replyRef,
		refs,
		account: strField(body, 'account'),
	};
}

const IMAGE_MODELS = {
	'image-01': {
		promptMax: 2000,
		mentions: false,
		maxRefs: 0,
		aspect: ['16:9', '4:3', '1:1', '3:4', '9:16', '21:9'],
		res: ['HD'],
	},
	'nano-banana-2': {
		promptMax: 7500,
		mentions: true,
		maxRefs: 14,
		res: ['512P', '1K', '2K', '4K'],
	},
	'nano-banana-pro': { promptMax: 7500, mentions: true, maxRefs: 14, res: ['1K', '2K', '4K'] },
	'gpt-image-1.5': {
		promptMax: 2000,
		mentions: false,
		maxRefs: 3,
		aspect: ['auto', '1:1', '3:2', '2:3'],
		res: ['Low', 'Medium', 'High'],
	},
	'gpt-image-2': {
		promptMax: 7500,
		mentions: true,
		maxRefs: 16,
		aspect: ['16:9', '21:9', '5:4', '4:3', '3:2', '1:1', '2:3', '3:4', '4:5', '9:16'],
		res: ['1K', '2K', '4K'],
		quality: true,
	},
	'seedream-4.5': { promptMax: 2000, mentions: true, maxRefs: 14, res: ['2K', '4K'] },
	'seedream-5.0': { promptMax: 2000, mentions: true, maxRefs: 14, res: ['2K', '3K'] },
	'midjourney-v7': { promptMax: 5000, mentions: false, maxRefs: 14, res: null, always4: true },
	'midjourney-niji7': { promptMax: 5000, mentions: false, maxRefs: 14, res: null, always4: true },
};
const AR_OTHER = ['auto', '16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '5:4', '4:5', '21:9'];

function validateImageCreate(body) {
	const model = has(body, 'model') ? body.model : 'image-01';
	const m = IMAGE_MODELS[model];
	if (!m)
		fail(
			`Parameter model (${model}) is not supported. Supported models: ${Object.keys(IMAGE_MODELS).join(', ')}`,
		);
	if (!has(body, 'prompt')) fail('Parameter prompt is required');
	const prompt = strField(body, 'prompt', m.promptMax);
	if (!m.mentions && /@image0*\d+/i.test(prompt))
		fail(`Model ${model} does not support @Image mentions in prompt`);
	boolField(body, 'promptOptimization');
	if (has(body, 'quality')) {
		if (!m.quality) fail(`Parameter quality is only supported for gpt-image-2, not ${model}`);
		if (!['low', 'medium', 'high'].includes(body.quality))
			fail(`Parameter quality (${body.quality}) must be low, medium or high`);
	}
	let quantity = intField(body, 'quantity', 1, 4) || 1;
	if (m.always4) quantity = 4;
	if (has(body, 'aspectRatio')) {
		const valid = m.aspect || AR_OTHER;
		if (!valid.includes(body.aspectRatio))
			fail(
				`Parameter aspectRatio (${body.aspectRatio}) is not valid for model ${model}. Valid: ${valid.join(', ')}`,
			);
	}
	if (has(body, 'resolution')) {
		if (!m.res) fail(`Parameter resolution is not supported for model ${model}`);
		if (!m.res.includes(body.resolution))
			fail(
				`Parameter resolution (${body.resolution}) is not valid for model ${model}. Valid: ${m.res.join(', ')}`,
			);
	}
	for (let i = 17; i <= 30; i++)
		if (has(body, `referenceFileId${i}`))
			fail(`Parameter referenceFileId${i} is not supported (max referenceFileId16)`);
	const refs = slots(
		body,
		Array.from({ length: 16 }, (_, i) => `referenceFileId${i + 1}`),
		'referenceFileId1..16',
	);
	if (refs.length > m.maxRefs) {
		fail(
			m.maxRefs === 0
				? `Model ${model} does not take referenceFileId*; use characterFileId`
				: `Parameter ${refs[m.maxRefs].field} exceeds the maximum of ${m.maxRefs} reference images for model ${model}`,
		);
	}
	const character = strField(body, 'characterFileId');
	if (character !== undefined && model !== 'image-01')
		fail(`Parameter characterFileId is only supported for image-01, not ${model}`);
	if (character !== undefined) refs.push({ field: 'characterFileId', fileID: character });
	const { replyUrl, replyRef } = replyFields(body);
	return {
		model,
		prompt,
		quantity,
		refs: refs.map((r) => ({ ...r, role: 'image' })),
		replyUrl,
		replyRef,
		aspectRatio: body.aspectRatio || (m.aspect ? m.aspect[0] : 'auto'),
		resolution: body.resolution,
		account: strField(body, 'account'),
	};
}

module.exports = {
	VIDEO_MODELS,
	IMAGE_MODELS,
	ValidationError,
	validateVideoCreate,
	validateImageCreate,
	intField,
	strField,
	boolField,
	replyFields,
	fail,
};
