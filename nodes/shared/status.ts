import type { IDataObject } from 'n8n-workflow';

/** Video and image status table (https://useapi.net/docs/api-minimax-v1/get-minimax-videos-videoId). */
export const STATUS_LABELS: Record<number, string> = {
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

const FINAL_STATUSES = new Set([2, 3, 5, 7, 14]);
const MODERATED_STATUSES = new Set([5, 7, 14]);

export type Outcome = 'running' | 'completed' | 'failed' | 'moderated';
export type JobKind =
	| 'video'
	| 'image'
	| 'file'
	| 'agent'
	| 'speech'
	| 'music'
	| 'voice'
	| 'unknown';

/** Final means statusFinal === true; only when the API omits it does the table decide. Unknown codes are not final. */
export function isFinal(record: IDataObject): boolean {
	if (typeof record.statusFinal === 'boolean') return record.statusFinal;
	if (typeof record.status === 'string')
		return record.status === 'completed' || record.status === 'failed';
	return typeof record.status === 'number' && FINAL_STATUSES.has(record.status);
}

export function outcomeOf(record: IDataObject): Outcome {
	if (typeof record.status === 'string') {
		if (record.status === 'completed') return 'completed';
		if (record.status === 'failed') return 'failed';
		return 'running';
	}
	if (!isFinal(record)) return 'running';
	const status = Number(record.status);
	if (status === 2 || record.statusLabel === 'completed') return 'completed';
	if (MODERATED_STATUSES.has(status) || record.statusLabel === 'moderated') return 'moderated';
	return 'failed';
}

export function statusLabelOf(record: IDataObject): string {
	if (typeof record.statusLabel === 'string') return record.statusLabel;
	if (typeof record.status === 'string') return record.status;
	return STATUS_LABELS[Number(record.status)] ?? `status ${String(record.status)}`;
}

/** Videos prefer downloadURL (no watermark, paid plans) and fall back to videoURL. Images use the same names. */
export function resultUrl(record: IDataObject): string | undefined {
	const url = record.downloadURL || record.videoURL;
	return typeof url === 'string' && url ? url : undefined;
}

export function kindOfId(id: string): JobKind {
	if (/-video:/.test(id)) return 'video';
	if (/-image:/.test(id)) return 'image';
	if (/-file:/.test(id)) return 'file';
	if (/-audio:|-speech:/.test(id)) return 'speech';
	if (/-music:/.test(id)) return 'music';
	if (/-voice:/.test(id)) return 'voice';
	if (/-bot:minimax$/.test(id)) return 'agent';
	return 'unknown';
}

/** The account a useapi id belongs to (`user:1-minimax:<account>-video:…`). */
export function accountOfId(id: string): string | undefined {
	return /-minimax:([^-]+)-/.exec(id)?.[1] ?? /-a(\d+)-bot:minimax$/.exec(id)?.[1];
}
