import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { audioRecordState } from '../../shared/callback';
import { isWellFormedAccount, isWellFormedId } from '../../shared/ids';
import { isOk } from '../../shared/httpStatus';
import { splitReplyRef } from '../../shared/replyRef';
import { apiRequest } from '../../shared/transport';
import { perAccount, type AccountSource, type CapacityPolicy } from '../engine/capacity';
import type { JobListing } from '../engine/listing';
import type { KindAdapter, ResultFile } from '../engine/task';
import { durationSeconds } from '../models/music';

/**
 * What speech and music jobs share (https://useapi.net/docs/api-minimax-v1/ speech and music pages): their records, result files, slots and
 * listings. Speech → Create / Create MP3 and Music → Create spread these into their adapters.
 */

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Accounts that can run speech and music: GET /accounts records with supportAudio and no error,
 * as the vendor's speech script picks them (useapi/minimax-api speech/speech.mjs). A record without the flag counts ([gap]).
 */
export const AUDIO_ACCOUNTS: AccountSource = {
	path: '/accounts',
	rows(body) {
		if (!isObject(body)) return [];
		return Object.entries(body)
			.filter(([account, record]) => {
				const r = isObject(record) ? record : {};
				return isWellFormedAccount(account) && r.supportAudio !== false && !r.error;
			})
			.map(([account, record]) => ({ ...(isObject(record) ? record : {}), account }));
	},
};

/** [inferred] speech jobs per account at once: useapi sets no ceiling, MiniMax answers 429 (useapi/minimax-api speech/speech.mjs). */
export const SPEECH_JOBS_PER_ACCOUNT = 3;

const audioSlots = (jobs: number): CapacityPolicy => ({
	...perAccount(jobs),
	source: AUDIO_ACCOUNTS,
});

/** Speech: a few at once per account; a 429 closes the account until one of ours ends. */
export const SPEECH_SLOTS = audioSlots(SPEECH_JOBS_PER_ACCOUNT);
/** Music: one song per account at a time, songs started on minimax.io included (429 tells). */
export const MUSIC_SLOTS = audioSlots(1);

/** [gap] subtitle / word-timing fields: any http(s) URL under one of these names is an SRT. */
const SUBTITLE_KEYS = [
	'subtitle_url',
	'subtitleUrl',
	'srt_url',
	'srtUrl',
	'subtitle_file',
	'subtitles_url',
];
/** [gap] inline word timings, passed through as they come. */
const TIMING_KEYS = ['subtitles', 'word_timings', 'wordTimings', 'timestamps', 'words'];

function subtitleUrlOf(record: IDataObject): string | undefined {
	for (const key of SUBTITLE_KEYS) {
		const value = str(record[key]);
		if (value && /^https?:\/\//i.test(value)) return value;
	}
	return undefined;
}

const baseName = (url: string) => {
	try {
		return (
			new URL(url).pathname
				.split('/')
				.pop()
				?.replace(/\.[^.]*$/, '') || 'speech'
		);
	} catch {
		return 'speech';
	}
};

/** The MP3, then the SRT captions when the record links them. */
export function audioFiles(kind: 'speech' | 'music', record: IDataObject): ResultFile[] {
	const state = audioRecordState(kind, record);
	if (state.outcome !== 'completed' || !state.urls.length) return [];
	const url = state.urls[0];
	const files: ResultFile[] = [{ url, mimeType: 'audio/mpeg', fileName: `${baseName(url)}.mp3` }];
	const srt = kind === 'speech' ? subtitleUrlOf(record) : undefined;
	if (srt)
		files.push({ url: srt, mimeType: 'application/x-subrip', fileName: `${baseName(url)}.srt` });
	return files;
}

function status(kind: 'speech' | 'music', record: IDataObject) {
	const state = audioRecordState(kind, record);
	return {
		status: state.label,
		statusLabel: state.label,
		outcome: state.outcome,
		message: str(record.error) ?? str(record.message),
		url: state.urls[0],
	};
}

export function summarizeSpeech(record: IDataObject): IDataObject {
	const voice = isObject(record.voice_info) ? record.voice_info : {};
	const timings = TIMING_KEYS.find((key) => Array.isArray(record[key]));
	return {
		audioId: record.audio_id ?? record.audioId,
		...status('speech', record),
		subtitleUrl: subtitleUrlOf(record),
		...(timings ? { wordTimings: record[timings] } : {}),
		model: record.model,
		voiceId: voice.voice_id,
		voiceName: voice.voice_name,
		costCredit: record.cost_credit,
		code: record.code,
	};
}

export function summarizeMusic(record: IDataObject): IDataObject {
	return {
		musicId: record.musicId ?? record.music_id,
		...status('music', record),
		title: record.title,
		lyrics: record.lyrics,
		durationSeconds: durationSeconds(record),
		typeLabel: record.typeLabel,
		referenceMusicId: record.referenceMusicId,
	};
}

/** Ids under any of `keys`, in the record itself or one level down (data, result). */
export function idsIn(body: unknown, keys: string[]): string[] {
	const records = Array.isArray(body) ? body : [body];
	const ids: string[] = [];
	for (const entry of records) {
		if (!isObject(entry)) continue;
		for (const record of [entry, entry.data, entry.result].filter(isObject)) {
			const id = keys.map((key) => record[key]).find((value) => typeof value === 'string');
			if (typeof id === 'string') {
				ids.push(id);
				break;
			}
		}
	}
	return [...new Set(ids)];
}

const SPEECH_ID_KEYS = ['audioId', 'audio_id'];

async function schedulerEntries(ctx: IExecuteFunctions): Promise<IDataObject[] | undefined> {
	const response = await apiRequest.call(ctx, { method: 'GET', path: '/scheduler' });
	return isOk(response.statusCode) && Array.isArray(response.body)
		? (response.body as IDataObject[])
		: undefined;
}

/**
 * Speech jobs are tracked by the useapi scheduler (https://useapi.net/docs/api-minimax-v1/del-minimax-speech-audio_id); that GET /scheduler lists them is
 * [inferred]. A listing without any speech entry proves nothing, so it counts as unreadable then
 * (each job gets its own GET). Finished recordings carry no replyRef and GET /speech's paging and
 * running rows are [gap]: there is no history, so a lost create is never proven absent.
 */
export const SPEECH_LISTING: JobListing = {
	name: 'GET /scheduler',
	unlisted:
		'finished speech jobs carry no replyRef, and whether Speech → Get Many lists running ones is not documented',
	async running(ctx) {
		const entries = await schedulerEntries(ctx);
		const ids = entries ? idsIn(entries, SPEECH_ID_KEYS) : [];
		return ids.length ? new Set(ids) : undefined;
	},
	async tagged(ctx, tag) {
		const entries = await schedulerEntries(ctx);
		if (!entries) return undefined;
		const mine: string[] = [];
		const others = new Set<string>();
		for (const entry of entries) {
			const [id] = idsIn(entry, SPEECH_ID_KEYS);
			if (!id || !isWellFormedId(id)) continue;
			if (splitReplyRef(entry.replyRef).tag === tag) mine.push(id);
			else others.add(id);
		}
		return { mine, others };
	},
};

/**
 * Music jobs are in no scheduler listing and their records carry no replyRef ([gap]), so nothing is
 * adopted by tag; GET /music lists the account's songs newest first, rendering ones included [mcp]:
 * a new song no item of this run explains is named as a candidate, but an empty list never proves a
 * lost create absent (it is never sent again).
 */
export const MUSIC_LISTING: JobListing = {
	name: 'GET /music',
	unlisted: "the account's songs could not be compared",
	running: async () => undefined,
	tagged: async () => ({ mine: [], others: new Set<string>() }),
	history: {
		path: '/music',
		idKey: 'musicId',
		cursor: 'lastMusicId',
		// No replyRef in the songs and how soon a new one is listed is undocumented: new songs are only candidates.
		quietProvesAbsence: false,
		// [gap] the envelope: a bare array (legacy) or an object around it.
		records(body) {
			if (Array.isArray(body)) return body as IDataObject[];
			if (!isObject(body)) return undefined;
			const list = ['items', 'music', 'songs', 'data', 'list']
				.map((k) => body[k])
				.find(Array.isArray);
			return list as IDataObject[] | undefined;
		},
	},
};

/** 404 while polling: an audioId resolves for 7 days; a song may have been deleted. */
const gone = (idField: string, message: string) => (id: string) => ({
	[idField]: id,
	statusLabel: 'failed',
	statusFinal: true,
	removed: true,
	error: message,
});

type AudioParts = Pick<
	KindAdapter,
	| 'label'
	| 'idField'
	| 'capacity'
	| 'listing'
	| 'getPath'
	| 'gone'
	| 'resultFiles'
	| 'summarize'
	| 'audio'
	| 'defaultPollSeconds'
>;

export const SPEECH_JOBS: AudioParts = {
	label: 'speech',
	idField: 'audioId',
	audio: true,
	// The vendor's speech script polls every 5 s, the music script every 15 s (useapi/minimax-api speech/speech.mjs, useapi/ai-music-comparison compare.mjs).
	defaultPollSeconds: 5,
	capacity: SPEECH_SLOTS,
	listing: SPEECH_LISTING,
	getPath: (id) => `/speech/${id}`,
	gone: gone(
		'audio_id',
		'Not found (404): the audioId expired (7 days) or the recording was deleted; look for it in Speech → Get Many',
	),
	resultFiles: (record) => audioFiles('speech', record),
	summarize: summarizeSpeech,
};

export const MUSIC_JOBS: AudioParts & Pick<KindAdapter, 'idsField'> = {
	label: 'song',
	idField: 'musicId',
	idsField: 'musicIds',
	audio: true,
	defaultPollSeconds: 15,
	capacity: MUSIC_SLOTS,
	listing: MUSIC_LISTING,
	getPath: (id) => `/music/${id}`,
	gone: gone('musicId', 'Not found (404): the song was deleted from the account'),
	resultFiles: (record) => audioFiles('music', record),
	summarize: summarizeMusic,
};

export const speechIdsOf = (body: unknown) => idsIn(body, SPEECH_ID_KEYS);
export const musicIdsOf = (body: unknown) => idsIn(body, ['musicId', 'music_id']);
