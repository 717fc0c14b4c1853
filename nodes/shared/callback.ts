import type { IDataObject } from 'n8n-workflow';

import { isWellFormedId } from './ids';
import { splitReplyRef } from './replyRef';
import {
	accountOfId,
	isFinal,
	kindOfId,
	outcomeOf,
	statusLabelOf,
	type JobKind,
	type Outcome,
} from './status';

/**
 * Parser for the POSTs useapi sends to a `replyUrl`. The reference does not print the body
 * ([inferred]: the poll endpoint's record plus replyUrl/replyRef), so this accepts the record
 * itself, the record wrapped one or two levels deep, a partial record, and a JSON string.
 * Pure: no n8n context, so the trigger and the "Until Callback" wait mode share it.
 */
export type CallbackKind = Exclude<JobKind, 'file' | 'voice' | 'unknown'>;

export interface ParsedCallback {
	id: string;
	kind: CallbackKind;
	status: number | string | null;
	statusLabel: string;
	outcome: Outcome;
	final: boolean;
	percent: number | null;
	/** Best first: video downloadURL then videoURL; agent: one per attachment. */
	resultUrls: string[];
	coverURL: string | null;
	/** The user's own replyRef, without the tag the generation node appends. */
	replyRef: string;
	replyRefTag: string | null;
	account: string | null;
	message: string | null;
	/** The unwrapped record. */
	record: IDataObject;
}

export type CallbackParseResult = ParsedCallback | { error: string };

const ID_FIELDS = [
	'videoId',
	'imageId',
	'audioId',
	'audio_id',
	'musicId',
	'music_id',
	'jobId',
] as const;
const WRAPPERS = [
	'data',
	'video',
	'image',
	'job',
	'result',
	'payload',
	'record',
	'body',
	'callback',
	'audio',
	'speech',
	'music',
	'song',
];
const MAX_DEPTH = 2;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** A useapi job id: `user:…-video:…`, `…-bot:minimax`, … (never the raw MiniMax number). */
const looksLikeJobId = (value: unknown): value is string =>
	typeof value === 'string' && (kindOfId(value) !== 'unknown' || /^user:\d+-minimax:/.test(value));

function idOf(record: IDataObject): string | undefined {
	for (const field of ID_FIELDS) {
		const value = text(record[field]);
		if (value) return value;
	}
	const id = text(record.id);
	return looksLikeJobId(id) ? id : undefined;
}

/** Deeper bodies are refused before any walk (a hostile caller may send 5,000 nested arrays). */
const MAX_BODY_DEPTH = 32;

/** Nesting depth of a JSON value, counted without recursion, stopping past `limit`. */
function depthOf(value: unknown, limit: number): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length) {
		const [node, depth] = stack.pop()!;
		if (!node || typeof node !== 'object' || Buffer.isBuffer(node)) continue;
		deepest = Math.max(deepest, depth);
		if (deepest > limit) return deepest;
		for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/** Strings inside wrappers may be JSON too (e.g. `{payload: "{…}"}`); a UTF-8 BOM is dropped. */
function decode(value: unknown): unknown {
	if (Buffer.isBuffer(value)) value = value.toString('utf8');
	if (typeof value !== 'string') return value;
	const body = value.replace(/^\uFEFF/, '').trim();
	if (!body.startsWith('{') && !body.startsWith('[')) return value;
	try {
		return JSON.parse(body);
	} catch {
		return value;
	}
}

interface Found {
	record: IDataObject;
	/** Outer objects, nearest first: they may carry replyRef next to the record. */
	wrappers: IDataObject[];
}

function find(value: unknown, depth: number, wrappers: IDataObject[]): Found | undefined {
	value = decode(value);
	if (depth > MAX_DEPTH + 2) return undefined;
	if (Array.isArray(value))
		return value.length === 1 ? find(value[0], depth + 1, wrappers) : undefined;
	if (!isObject(value)) return undefined;
	if (idOf(value)) return { record: value, wrappers };
	if (depth >= MAX_DEPTH) return undefined;
	const keys = [
		...WRAPPERS.filter((key) => key in value),
		...Object.keys(value).filter((key) => !WRAPPERS.includes(key)),
	];
	for (const key of keys) {
		const found = find(value[key], depth + 1, [value, ...wrappers]);
		if (found) return found;
	}
	return undefined;
}

function kindOf(id: string, record: IDataObject): CallbackKind | undefined {
	const byId = kindOfId(id);
	if (byId !== 'unknown' && byId !== 'file' && byId !== 'voice') return byId;
	if (byId === 'voice') return undefined;
	if (text(record.jobId) === id || isObject(record.response) || isObject(record.request))
		return 'agent';
	if (text(record.videoId) === id) return 'video';
	if (text(record.imageId) === id) return 'image';
	// Songs carry audio_url too, so the music id field is asked first.
	if (text(record.musicId) === id || text(record.music_id) === id || record.typeLabel !== undefined)
		return 'music';
	if (text(record.audioId) === id || text(record.audio_id) === id || text(record.audio_url))
		return 'speech';
	return undefined;
}

const url = (value: unknown): string | undefined => {
	const candidate = text(value);
	return candidate && /^https?:\/\//i.test(candidate) ? candidate : undefined;
};

function attachmentsOf(record: IDataObject): IDataObject[] {
	const response = isObject(record.response) ? record.response : record;
	return Array.isArray(response.attachments) ? response.attachments.filter(isObject) : [];
}

function resultUrlsOf(kind: CallbackKind, record: IDataObject): string[] {
	let urls: Array<string | undefined>;
	if (kind === 'agent') {
		urls = attachmentsOf(record).map((attachment) => {
			const file = isObject(attachment.file) ? attachment.file : {};
			const extra = isObject(file.extra) ? file.extra : {};
			return url(extra.no_watermark_url) ?? url(file.fileUrl);
		});
	} else if (kind === 'speech' || kind === 'music') {
		urls = [
			url(record.audio_url),
			url(record.audioURL),
			url(record.audioUrl),
			url(record.downloadURL),
		];
	} else {
		urls = [url(record.downloadURL), url(record.videoURL)];
	}
	return [...new Set(urls.filter((u): u is string => u !== undefined))];
}

function messageOf(record: IDataObject): string | undefined {
	const error = record.error;
	if (typeof error === 'string' && error.trim()) return error.trim();
	if (isObject(error) && text(error.message)) return text(error.message);
	const info = record.statusInfo;
	if (isObject(info) && text(info.message)) return text(info.message);
	if (text(record.message)) return text(record.message);
	const response = record.response;
	return isObject(response) ? text(response.msg_content) : undefined;
}

function replyRefOf(record: IDataObject, wrappers: IDataObject[]): string | undefined {
	const request = isObject(record.request) ? record.request : {};
	for (const source of [record, request, ...wrappers]) {
		if (typeof source.replyRef === 'string') return source.replyRef;
	}
	return undefined;
}

function percentOf(record: IDataObject, outcome: Outcome): number | null {
	const percent = typeof record.percent === 'string' ? Number(record.percent) : record.percent;
	if (typeof percent === 'number' && Number.isFinite(percent)) return percent;
	return outcome === 'completed' ? 100 : null;
}

/** A numeric string status ("2") counts as the number, so the status table applies. */
function normalised(record: IDataObject): IDataObject {
	const status = record.status;
	if (typeof status === 'string' && /^\d+$/.test(status.trim()))
		return { ...record, status: Number(status) };
	return record;
}

const AUDIO_FINAL_LABELS = ['completed', 'failed', 'moderated'];
/** Legacy music statuses (https://useapi.net/docs/api-minimax-v1, the legacy music records): 2 completed, 4 moderated; 0 and 1 run. */
const LEGACY_MUSIC: Record<number, Outcome> = {
	0: 'running',
	1: 'running',
	2: 'completed',
	4: 'moderated',
};

/**
 * Speech and music ([gap] callback body): statusFinal decides, then statusLabel. MiniMax's raw
 * speech `status` is 0 on every row, so it never counts; a legacy numeric music status only counts
 * when both are missing. A body with neither but an audio URL is a finished one (running records
 * have no audio_url).
 */
function audioState(
	kind: 'speech' | 'music',
	record: IDataObject,
	urls: string[],
): { outcome: Outcome; final: boolean; label: string } {
	const label =
		typeof record.statusLabel === 'string' ? record.statusLabel.trim().toLowerCase() : undefined;
	const legacy =
		kind === 'music' && typeof record.status === 'number' ? LEGACY_MUSIC[record.status] : undefined;
	let final: boolean;
	if (typeof record.statusFinal === 'boolean') final = record.statusFinal;
	else if (label) final = AUDIO_FINAL_LABELS.includes(label);
	else if (legacy) final = legacy !== 'running';
	else final = urls.length > 0;
	let outcome: Outcome = 'running';
	if (final) {
		if (
			label === 'completed' ||
			(!label && (legacy === 'completed' || (!legacy && urls.length > 0)))
		)
			outcome = 'completed';
		else if (label === 'moderated' || (!label && legacy === 'moderated')) outcome = 'moderated';
		else outcome = 'failed';
	}
	return { outcome, final, label: label ?? (final ? outcome : 'processing') };
}

/** A speech or music record's state by the same rules as its callbacks (the Generate node's polling uses it). */
export function audioRecordState(
	kind: 'speech' | 'music',
	record: IDataObject,
): { outcome: Outcome; final: boolean; label: string; urls: string[] } {
	const urls = resultUrlsOf(kind, record);
	return { ...audioState(kind, record, urls), urls };
}

/** status must be a number or text, statusFinal a boolean, statusLabel text: anything else is malformed. */
function oddField(record: IDataObject): string | undefined {
	const { status, statusFinal, statusLabel } = record;
	if (
		status !== undefined &&
		status !== null &&
		typeof status !== 'number' &&
		typeof status !== 'string'
	)
		return 'status is neither a number nor text';
	if (statusFinal !== undefined && statusFinal !== null && typeof statusFinal !== 'boolean')
		return 'statusFinal is not true or false';
	if (statusLabel !== undefined && statusLabel !== null && typeof statusLabel !== 'string')
		return 'statusLabel is not text';
	return undefined;
}

/** The callback body as JSON (string, Buffer or parsed object in), or undefined when it is not JSON. */
export function decodeBody(body: unknown): unknown {
	const decoded = decode(body);
	return typeof decoded === 'string' ? undefined : decoded;
}

/** Never throws: any malformed body (not JSON, too deep, odd shapes) comes back as `{error}`. */
export function parseCallback(body: unknown): CallbackParseResult {
	try {
		return parse(body);
	} catch (error) {
		return {
			error: `body could not be read (${String((error as Error)?.message ?? error).slice(0, 80)})`,
		};
	}
}

function parse(body: unknown): CallbackParseResult {
	const decoded = decode(body);
	if (typeof decoded === 'string') return { error: 'body is not JSON' };
	if (!isObject(decoded) && !Array.isArray(decoded)) return { error: 'body is not a JSON object' };
	if (depthOf(decoded, MAX_BODY_DEPTH) > MAX_BODY_DEPTH)
		return { error: `body is nested more than ${MAX_BODY_DEPTH} levels deep` };
	const found = find(decoded, 0, []);
	if (!found) {
		return {
			error:
				'no job id (videoId, imageId, audioId, musicId or jobId) found in the callback body, nor in data/video/image/job/result/payload inside it',
		};
	}
	const record = normalised(found.record);
	const odd = oddField(record);
	if (odd) return { error: odd };
	const id = idOf(record) as string;
	// The id goes into an authenticated read (partial callbacks): only the documented grammar passes.
	if (!isWellFormedId(id)) return { error: `job id "${id.slice(0, 80)}" is not a valid useapi id` };
	const kind = kindOf(id, record);
	if (!kind) return { error: `job id "${id}" is not a video, image, speech, music or agent id` };
	const resultUrls = resultUrlsOf(kind, record);
	const audio =
		kind === 'speech' || kind === 'music' ? audioState(kind, record, resultUrls) : undefined;
	const outcome = audio ? audio.outcome : outcomeOf(record);
	const { ref, tag } = splitReplyRef(replyRefOf(record, found.wrappers));
	const status =
		typeof record.status === 'number' || typeof record.status === 'string' ? record.status : null;
	let statusLabel =
		status === null && record.statusLabel === undefined ? 'unknown' : statusLabelOf(record);
	if (audio) statusLabel = audio.label;
	return {
		id,
		kind,
		status,
		statusLabel,
		outcome,
		final: audio ? audio.final : isFinal(record),
		percent: percentOf(record, outcome),
		resultUrls,
		coverURL: url(record.coverURL) ?? null,
		replyRef: ref,
		replyRefTag: tag ?? null,
		account: accountOfId(id) ?? null,
		message: messageOf(record) ?? null,
		record: found.record,
	};
}

export function isParseError(result: CallbackParseResult): result is { error: string } {
	return 'error' in result;
}
