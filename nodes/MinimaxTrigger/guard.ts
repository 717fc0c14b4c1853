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
 * Same-process memory of recent finals, for calls that arrive at the same moment on this process
 * (each request loads its own copy of the static data, so neither sees the other's record).
 * Per process and safe to lose: the durable, cross-process record is the workflow's static data
 * below; losing this map (restart, another process) only loses that same-moment extra.
 */
const recentInProcess = new Map<string, number>();

/** Keys carry a prefix: an id such as `__proto__` or `constructor` must be an ordinary key. */
const keyOf = (id: string): string => `j:${id}`;

function prune(seen: Record<string, number>, now: number): void {
	for (const [key, at] of Object.entries(seen))
		if (typeof at !== 'number' || now - at > DEDUPE_WINDOW_MS) delete seen[key];
	const left = Object.entries(seen).sort((x, y) => x[1] - y[1]);
	for (const [key] of left.slice(0, Math.max(0, left.length - MAX_ENTRIES))) delete seen[key];
}

function seenAt(seen: Record<string, number>, key: string): number | undefined {
	const at = Object.prototype.hasOwnProperty.call(seen, key) ? seen[key] : undefined;
	return typeof at === 'number' ? at : undefined;
}

/**
 * True when this final call was already seen within the window; otherwise records it.
 * The record lives in the workflow's static data, which n8n loads from the database for every
 * production webhook call and saves when the call returns, on the main and on every webhook
 * process alike: a repeat that arrives at another process after that save is caught. (n8n 2.41
 * saves it only if the trigger answered by itself: see accept() in MinimaxTrigger.node.ts.)
 */
export function isDuplicateFinal(
	staticData: IDataObject,
	scope: string,
	id: string,
	now = Date.now(),
): boolean {
	const stored = staticData.seenFinal;
	const seen = (
		stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {}
	) as Record<string, number>;
	prune(seen, now);
	for (const [k, at] of recentInProcess) if (now - at > DEDUPE_WINDOW_MS) recentInProcess.delete(k);
	const key = keyOf(id);
	const local = `${scope}\u0000${key}`;
	const before = seenAt(seen, key) ?? recentInProcess.get(local);
	if (before !== undefined && now - before <= DEDUPE_WINDOW_MS) return true;
	seen[key] = now;
	staticData.seenFinal = seen;
	recentInProcess.set(local, now);
	if (recentInProcess.size > MAX_ENTRIES * 4)
		recentInProcess.delete(recentInProcess.keys().next().value as string);
	return false;
}
