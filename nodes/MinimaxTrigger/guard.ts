import type { IDataObject } from 'n8n-workflow';

/** The secret from `?secret=` or the `x-useapi-secret` header (first value if repeated). */
export function givenSecret(query: IDataObject, headers: IDataObject): string | undefined {
	for (const value of [query.secret, headers['x-useapi-secret']]) {
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' && first) return first;
	}
	return undefined;
}

export const DEDUPE_WINDOW_MS = 10 * 60_000;
const MAX_ENTRIES = 500;

/**
 * Remembers final callbacks per job id. n8n saves the node's static data when the webhook
 * answers, which covers calls that arrive one after another; the in-process map also covers two
 * calls that arrive together (both read the same saved static data).
 */
const inProcess = new Map<string, number>();

function prune(seen: Record<string, number>, now: number): void {
	const entries = Object.entries(seen);
	for (const [id, at] of entries) if (typeof at !== 'number' || now - at > DEDUPE_WINDOW_MS) delete seen[id];
	const left = Object.entries(seen).sort((x, y) => x[1] - y[1]);
	for (const [id] of left.slice(0, Math.max(0, left.length - MAX_ENTRIES))) delete seen[id];
}

/** True when this final call was already seen within the window; otherwise records it. */
export function isDuplicateFinal(staticData: IDataObject, scope: string, id: string, now = Date.now()): boolean {
	const seen = ((staticData.seenFinal as Record<string, number> | undefined) ?? {}) as Record<string, number>;
	prune(seen, now);
	for (const [key, at] of inProcess) if (now - at > DEDUPE_WINDOW_MS) inProcess.delete(key);
	const key = `${scope}\u0000${id}`;
	const before = seen[id] ?? inProcess.get(key);
	if (before !== undefined && now - before <= DEDUPE_WINDOW_MS) return true;
	seen[id] = now;
	staticData.seenFinal = seen;
	inProcess.set(key, now);
	if (inProcess.size > MAX_ENTRIES * 4) inProcess.delete(inProcess.keys().next().value as string);
	return false;
}
