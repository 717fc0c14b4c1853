import type { IDataObject } from 'n8n-workflow';

/** Realistic callback bodies (replyUrl in https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create; the records of get-minimax-videos-videoId, get-minimax-images-imageId, get-minimax-agent-jobId), one builder per kind. */
export const VIDEO_ID = 'user:1234-minimax:987654321-video:998877665544332211';
export const IMAGE_ID = 'user:1234-minimax:987654321-image:357846312387492374';
export const AGENT_ID = 'p123456789-u12345-a67890-bot:minimax';
export const SPEECH_ID = 'user:1234-minimax:987654321-audio:445566778899';

const CDN = 'https://cdn.hailuoai.video/moss/prod/2025-06-15-10';

export function video(status: number, extra: IDataObject = {}): IDataObject {
	const final = [2, 3, 5, 7, 14].includes(status);
	const labels: Record<number, string> = {
		0: 'pending',
		1: 'processing',
		2: 'completed',
		3: 'failed',
		5: 'moderated',
		7: 'moderated',
		11: 'queued',
		12: 'processing',
		14: 'moderated',
	};
	return {
		id: '998877665544332211',
		desc: 'Zoom in on a cute red shiny robot',
		coverURL: status === 2 ? `${CDN}/video_cover/cover.jpg` : '',
		videoURL: status === 2 ? `${CDN}/video/clip-watermark.mp4` : '',
		downloadURL: status === 2 ? `${CDN}/video/clip.mp4` : '',
		status,
		statusLabel: labels[status],
		statusFinal: final,
		percent: status === 2 ? 100 : 40,
		message: final ? '' : 'Generating…',
		width: 1920,
		height: 1080,
		originFiles: [],
		canAppeal: false,
		canRetry: false,
		videoId: VIDEO_ID,
		replyUrl: 'https://n8n.example.com/webhook/abc/minimax?secret=s',
		replyRef: 'order-42|n8n:tag123456',
		...extra,
	};
}

export function image(status: number, extra: IDataObject = {}): IDataObject {
	const rec = video(status, extra);
	delete rec.videoId;
	return {
		...rec,
		videoURL: status === 2 ? `${CDN}/image/pic-watermark.png` : '',
		downloadURL: status === 2 ? `${CDN}/image/pic.png` : '',
		fileID: 'user:1234-minimax:987654321-file:335577991133557799',
		imageId: IMAGE_ID,
		...extra,
	};
}

export function agent(
	status: 'started' | 'completed' | 'failed',
	extra: IDataObject = {},
): IDataObject {
	const job: IDataObject = {
		jobId: AGENT_ID,
		status,
		created: '2025-11-23T12:34:56.789Z',
		request: {
			prompt: 'A cat playing piano',
			models: ['hailuo-2.3'],
			async: true,
			replyUrl: 'https://x/y',
			replyRef: 'agent-1',
		},
	};
	if (status === 'completed') {
		job.response = {
			msg_content: 'Here is your video and an image.',
			attachments: [
				{
					attachmentID: 'att_1',
					type: 1,
					status: 3,
					file: {
						fileName: 'cat.mp4',
						fileUrl: 'https://cdn.hailuoai.video/agent/cat.mp4',
						type: 'video/mp4',
						extra: {
							no_watermark_url: 'https://cdn.hailuoai.video/agent/cat_nw.mp4',
							watermark_url: 'https://cdn.hailuoai.video/agent/cat_wm.mp4',
						},
					},
				},
				{
					attachmentID: 'att_2',
					type: 2,
					status: 3,
					file: {
						fileName: 'cat.png',
						fileUrl: 'https://cdn.hailuoai.video/agent/cat.png',
						type: 'image/png',
						extra: { model_name: 'banana_2' },
					},
				},
			],
		};
	}
	if (status === 'failed')
		job.error = { message: 'Timeout waiting for assistant response', status: 504 };
	return { ...job, ...extra };
}

export function speech(
	final: boolean,
	label = final ? 'completed' : 'processing',
	extra: IDataObject = {},
): IDataObject {
	return {
		audioId: SPEECH_ID,
		status: 0,
		statusLabel: label,
		statusFinal: final,
		audio_url: final && label === 'completed' ? 'https://cdn.minimax.io/speech/out.mp3' : '',
		cost_credit: 12,
		replyRef: 'voice-7',
		...extra,
	};
}

export const MUSIC_ID = 'user:1234-minimax:987654321-music:998877665544332211';
export const AUDIO_ID = 'user:1234-minimax:987654321-audio:556677889900112233';

/** GET /speech/{audio_id} as https://useapi.net/docs/api-minimax-v1/get-minimax-speech_audio_id prints it, plus replyUrl/replyRef. */
export function speechRecord(extra: IDataObject = {}): IDataObject {
	return {
		audio_id: AUDIO_ID,
		audio_review: 0,
		voice_info: {
			voice_id: '209533299589184',
			parent_voice_id: '0',
			voice_name: 'Calm Woman',
			tag_list: ['English', 'Female'],
		},
		text: 'Hello there.',
		audio_title: 'Hello there.',
		audio_url: 'https://cdn.hailuoai.video/speech/556677889900112233.mp3',
		model: 'speech-2.8-hd',
		cost_credit: 12,
		statusLabel: 'completed',
		statusFinal: true,
		replyUrl: 'https://n8n.example.com/webhook/abc/minimax?secret=s',
		replyRef: 'line-1|n8n:tag777',
		...extra,
	};
}

/** GET /music/{musicId} (https://useapi.net/docs/api-minimax-v1/get-minimax-music-musicId), plus replyUrl/replyRef. */
export function music(
	label: 'processing' | 'completed' | 'failed',
	extra: IDataObject = {},
): IDataObject {
	const done = label === 'completed';
	return {
		musicId: MUSIC_ID,
		title: done ? 'Rain on Sixth Street' : '',
		lyrics: '',
		duration: done ? 140000 : 0,
		statusLabel: label,
		statusFinal: label !== 'processing',
		typeLabel: 'song',
		...(done ? { audio_url: 'https://cdn.hailuoai.video/music/998877665544332211.mp3' } : {}),
		...(label === 'failed' ? { error: 'Generation failed', code: 500 } : {}),
		replyRef: 'song-7',
		...extra,
	};
}
