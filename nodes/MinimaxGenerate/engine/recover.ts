import { operationError } from '../../shared/errors';
import { isAccountOut, isOk } from '../../shared/httpStatus';
import { apiRequest } from '../../shared/transport';
import { API_PICKS, getWithRetry } from './capacity';
import type { JobHistory } from './listing';
import type { Engine, Task } from './task';

/**
 * After a create whose answer was lost (reset, timeout, 5xx), nothing is sent again until a lookup
 * on the account the create went to proves that no job exists. A job is adopted only by its
 * replyRef tag (GET /scheduler, or the agent job's own request). Finished jobs leave the scheduler
 * and video/image records carry no replyRef, so the account's list is compared with the snapshot
 * taken before this run's first create there: a new job that no item of this run explains may be
 * the lost one, and then the item ends with an error naming it instead of guessing.
 */
export type Verdict =
	| { kind: 'found'; ids: string[] }
	| { kind: 'none' }
	| { kind: 'unknown'; reason: string }
	| { kind: 'candidates'; ids: string[]; reason?: string };

const PAGE = 50;
const PERMANENT = new Set([400, 401, 403, 404, 412, 596]);
const MAX_PAGES = 10;
/** A lost create's job may show up in the account's list a little later: "none" needs this much quiet. */
export const settleMs = (engine: Engine) => Math.min(10_000, Math.max(200, engine.backoffBaseMs));
/** Candidates must still be unexplained on this many lookups (an in-flight create of this run explains itself). */
export const CONFIRMATIONS = 2;

/**
 * The ids in the account's newest list page before this run's first create there (once per account
 * and run). undefined when it could not be read: then an ambiguous create there can never be proven
 * absent.
 */
export async function baselineFor(
	engine: Engine,
	account: string,
): Promise<Set<string> | undefined> {
	const listing = engine.adapter.listing.history;
	if (!listing || account === API_PICKS) return undefined;
	let pending = engine.baselines.get(account);
	if (!pending) {
		pending = (async () => {
			const response = await getWithRetry(engine.ctx, listing.path, { account, limit: PAGE });
			if (isAccountOut(response.statusCode))
				engine.pool.remove(account, response.statusCode, response.body);
			const records = isOk(response.statusCode) ? listing.records(response.body) : undefined;
			if (!records) return undefined;
			return new Set(
				records.map((r) => r?.[listing.idKey]).filter((id): id is string => typeof id === 'string'),
			);
		})();
		engine.baselines.set(account, pending);
	}
	return await pending;
}

/** New jobs on the account since the baseline that neither this run nor a running job's tag explains. */
async function unexplained(
	engine: Engine,
	task: Task,
	listing: JobHistory,
	baseline: Set<string>,
	others: Set<string>,
): Promise<string[] | { failed: number } | undefined> {
	const known = new Set(engine.tasks.flatMap((t) => t.ids));
	const found: string[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await apiRequest.call(engine.ctx, {
			method: 'GET',
			path: listing.path,
			qs: {
				account: task.ambiguousAccount,
				limit: PAGE,
				...(cursor ? { [listing.cursor]: cursor } : {}),
			},
		});
		// An account on hold (596), gone (404) or a refused read will not answer later either.
		if (PERMANENT.has(response.statusCode)) {
			// No further creates there either, as after a 412/596 answer to a create.
			if (isAccountOut(response.statusCode))
				engine.pool.remove(String(task.ambiguousAccount), response.statusCode, response.body);
			return { failed: response.statusCode };
		}
		const records = isOk(response.statusCode) ? listing.records(response.body) : undefined;
		if (!records) return undefined;
		let reachedBaseline = false;
		for (const record of records) {
			const id = record?.[listing.idKey];
			if (typeof id !== 'string') continue;
			if (baseline.has(id)) reachedBaseline = true;
			else if (!known.has(id) && !others.has(id)) found.push(id);
		}
		const last = records[records.length - 1]?.[listing.idKey];
		if (reachedBaseline || records.length < PAGE || typeof last !== 'string' || last === cursor)
			return found;
		cursor = last;
	}
	return undefined; // more new jobs than we read: nothing can be proven
}

/** One lookup for an ambiguous task (no slot is picked for it meanwhile). */
export async function lookup(engine: Engine, task: Task): Promise<Verdict> {
	const { listing } = engine.adapter;
	const known = new Set(engine.tasks.flatMap((t) => t.ids));
	const active = await listing.tagged(engine.ctx, task.tag, known);
	if (!active) return { kind: 'unknown', reason: `${listing.name} could not be read` };
	if (active.mine.length) return { kind: 'found', ids: active.mine };
	const history = listing.history;
	const account = task.ambiguousAccount ?? API_PICKS;
	// Without a history (agent jobs: finished ones are listed nowhere), absence can never be proven.
	if (!history || account === API_PICKS) return { kind: 'candidates', ids: [] };
	const baseline = await baselineFor(engine, account);
	if (!baseline) return { kind: 'candidates', ids: [] };
	const ids = await unexplained(engine, task, history, baseline, active.others);
	if (ids === undefined)
		return {
			kind: 'unknown',
			reason: `the ${history.path.slice(1)} of account ${account} could not be read`,
		};
	if (!Array.isArray(ids))
		return {
			kind: 'candidates',
			ids: [],
			reason: `the ${history.path.slice(1)} of account ${account} answered ${ids.failed}`,
		};
	if (ids.length) return { kind: 'candidates', ids };
	if (history.quietProvesAbsence === false) return quietNotProof(task, history.path, account);
	return Date.now() - (task.ambiguousSince ?? 0) >= settleMs(engine)
		? { kind: 'none' }
		: { kind: 'unknown', reason: 'waiting a moment for the job to appear' };
}

/** How long a list that proves nothing is watched for a lost create's job to appear (then the item fails, naming none). */
export const QUIET_WATCH_MS = 60_000;

function quietNotProof(task: Task, path: string, account: string): Verdict {
	const where = `the ${path.slice(1)} of account ${account}`;
	return Date.now() - (task.ambiguousSince ?? 0) >= QUIET_WATCH_MS
		? {
				kind: 'candidates',
				ids: [],
				reason: `no new job appeared in ${where} within ${QUIET_WATCH_MS / 1000} s`,
			}
		: { kind: 'unknown', reason: `no new job in ${where} yet (an empty list is no proof)` };
}

/** The per-item error when a lost create can neither be found nor proven absent. */
export function mayExistError(engine: Engine, task: Task, candidates: string[], reason?: string) {
	const label = engine.adapter.label;
	const account = task.ambiguousAccount || undefined;
	const where = account ? ` on account ${account}` : '';
	const tag = `n8n:${task.tag}`;
	const named = candidates.length
		? `Candidate jobs${where} that no other item of this run explains: ${candidates.join(', ')}.`
		: `No job list can show it (${engine.adapter.listing.unlisted}).`;
	return operationError(
		engine.ctx.getNode(),
		`The ${label} may have been created although useapi.net's answer was lost; it was not sent again, so no second paid job was started`,
		{
			itemIndex: task.index,
			account,
			description: `${reason ? `${reason[0].toUpperCase()}${reason.slice(1)}. ` : ''}${named} Its replyRef ends with "${tag}". Check the candidates (${engine.adapter.getOperation ?? `GET ${engine.adapter.getPath('{id}')}`}) or your MiniMax library before running this item again.`,
		},
	);
}
