'use strict';
// The JSON records GET endpoints return (https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId,
// get-minimax-images-imageId, get-minimax-agent-jobId).
const { mmss } = require('./util');
const { audioRecord } = require('./audio-records');

const RUN_MESSAGE = {
	0: 'Preparing your request',
	11: 'In queue, please wait',
	1: 'Generating your video, please wait',
	12: 'Generating your video, please wait',
};
const FINAL_MESSAGE = {
	3: 'Video generation failed, credits have been refunded',
	5: 'The content may violate our community guidelines',
	7: 'The content may violate our community guidelines',
	14: 'Face detected in the reference media',
};

function dimensions(job) {
	const r = job.request || {};
	let w = 1280;
	let h = 720;
	const key = String(r.resolution || r.options || '');
	if (/^(512p)/.test(key)) [w, h] = [912, 512];
	else if (/^768p/.test(key)) [w, h] = [1366, 768];
	else if (/1080/.test(key)) [w, h] = [1920, 1080];
	else if (/4k/i.test(key)) [w, h] = [3840, 2160];
	else if (key === '480') [w, h] = [854, 480];
	if (r.aspectRatio === '9:16') [w, h] = [h, w];
	else if (r.aspectRatio === '1:1') w = h;
	return [w, h];
}

function originFiles(sim, job) {
	return (job.refs || []).map((ref) => {
		const f = sim.state.files.get(ref.fileID);
		return { id: ref.fileID, url: f ? sim.state.fileUrl(f) : '', type: f ? f.ext : 'png' };
	});
}

function videoRecord(sim, job) {
	const base = sim.state.base;
	const status = job.status;
	const done = status === 2;
	const [w, h] = dimensions(job);
	const rec = {
		id: job.raw,
		desc: job.prompt || '',
		coverURL: done ? `${base}/cdn/cover/${job.raw}.png` : '',
		videoURL: done ? `${base}/cdn/video/${job.raw}-watermark.mp4` : '',
	};
	if (done && job.paid) rec.downloadURL = `${base}/cdn/video/${job.raw}.mp4`;
	Object.assign(rec, { status, statusLabel: job.statusLabel, statusFinal: job.final });
	if (!job.final) rec.message = RUN_MESSAGE[status];
	else if (FINAL_MESSAGE[status]) rec.message = FINAL_MESSAGE[status];
	Object.assign(rec, {
		percent: job.percent,
		width: done ? w : 0,
		height: done ? h : 0,
		// No createTime: the vendor's video record (GET /videos/{videoId}, GET /videos) has none, unlike images.
		originFiles: originFiles(sim, job),
		canAppeal: status === 5 || status === 7,
		canRetry: status === 3,
		videoId: job.id,
	});
	return rec;
}

function imageRecord(sim, job) {
	const base = sim.state.base;
	const status = job.status;
	const done = status === 2;
	const r = job.request || {};
	const png = `${base}/cdn/image/${job.raw}.png`;
	const rec = {
		id: job.raw,
		desc: job.prompt,
		coverURL: done ? png : '',
		videoURL: done ? `${base}/cdn/image/${job.raw}-wm.png` : '',
		status,
		canRetry: status === 3,
		width: done ? 128 : 0,
		height: done ? 72 : 0,
		originFiles: originFiles(sim, job),
		canAppeal: status === 5 || status === 7,
		downloadURL: done && job.paid ? png : '',
		hasVoice: false,
		modelID: r.model,
		useOriginPrompt: false,
		isBookmarked: false,
		disableGenerateSimilar: false,
		createTime: job.createdAt,
		postStatus: 0,
		userID: Number(job.account),
		createType: 4,
		promptImgURL: '',
		extra: { cameraMotions: [], promptStruct: '' },
		isVisitor: false,
		videoURLs: {
			feedURL: '',
			downloadURLWithWatermark: done ? `${base}/cdn/image/${job.raw}-wm.png` : '',
		},
		priority: 0,
		generatorType: 1,
		isInFolder: false,
		batchID: job.batchID,
		aspectRatio: r.aspectRatio,
		fileID: job.fileID,
		tags: [{ type: 'normal', tagIcon: '', tagText: r.model }],
		duration: 0,
		resolution: 0,
		humanCheckStatus: 0,
		userIDStr: job.account,
		statusLabel: job.statusLabel,
		statusFinal: job.final,
		imageId: job.id,
	};
	if (!job.final) {
		rec.message = status === 11 ? 'In queue, please wait' : 'Generating your image, please wait';
		rec.percent = job.percent;
	}
	return rec;
}

const VIDEO_MODEL_RE = /^(hailuo|02|veo|sora|seedance|kling|video)/i;
const IMAGE_MODEL_RE =
	/^(nano-banana|seedream|f\.?1|flux|kontext|qwen|kolors|gpt-image|image-01|midjourney|image)/i;

function agentRecord(sim, job) {
	const base = sim.state.base;
	const rec = {
		jobId: job.id,
		status: job.status,
		created: new Date(job.createdAt).toISOString(),
		request: job.request,
	};
	if (rec.status === 'completed') {
		const attachments = [];
		const models = job.request.models;
		if (models.some((m) => VIDEO_MODEL_RE.test(m))) {
			attachments.push({
				attachmentID: `att_${job.raw}1`,
				type: 1,
				status: 3,
				file: {
					fileName: `agent_${job.raw}.mp4`,
					fileUrl: `${base}/cdn/agent/${job.raw}-watermark.mp4`,
					type: 'video/mp4',
					extra: {
						width: '1280',
						height: '720',
						duration: '5.0',
						fps: '24',
						no_watermark_url: `${base}/cdn/agent/${job.raw}.mp4`,
						watermark_url: `${base}/cdn/agent/${job.raw}-watermark.mp4`,
						thumbnail_url: `${base}/cdn/agent/${job.raw}-thumb.png`,
					},
				},
			});
		}
		if (models.some((m) => IMAGE_MODEL_RE.test(m))) {
			attachments.push({
				attachmentID: `att_${job.raw}2`,
				type: 2,
				status: 3,
				file: {
					fileName: `agent_${job.raw}.png`,
					fileUrl: `${base}/cdn/agent/${job.raw}.png`,
					type: 'image/png',
					// GET /agent/{jobId}: image attachments carry model fields only; the client falls back to fileUrl.
					extra: { model_name: 'banana_2', model_aspect_ratio: '16:9', model_resolution: '1K' },
				},
			});
		}
		rec.response = {
			projectID: job.raw,
			sectionID: String(Number(job.raw) + 1),
			chatID: String(Number(job.raw) + 2),
			msg_content: `Done: ${attachments.length} attachment(s) generated for your request.`,
			timestamp: job.finalAt,
			elapsedTime: mmss(job.finalAt - job.createdAt),
			attachments,
		};
	} else if (rec.status === 'failed') {
		rec.error =
			job.cancelledAt !== undefined
				? { message: 'Job cancelled', status: 499 }
				: job.failure || { message: 'Timeout waiting for assistant response', status: 504 };
	}
	return rec;
}

/** URLs an image's fileID is known by (its ossPath for template videos). */
function ossUrlsOfImage(sim, job) {
	const base = sim.state.base;
	return [`${base}/cdn/image/${job.raw}.png`, `${base}/cdn/image/${job.raw}-wm.png`];
}

function recordOf(sim, job) {
	if (job.kind === 'speech' || job.kind === 'music') return audioRecord(sim, job);
	return job.kind === 'video'
		? videoRecord(sim, job)
		: job.kind === 'image'
			? imageRecord(sim, job)
			: agentRecord(sim, job);
}

module.exports = {
	videoRecord,
	imageRecord,
	agentRecord,
	recordOf,
	ossUrlsOfImage,
	VIDEO_MODEL_RE,
	IMAGE_MODEL_RE,
};
