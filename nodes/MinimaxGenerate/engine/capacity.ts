import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isOk } from '../../shared/httpStatus';
import { apiRequest, type ApiResponse } from '../../shared/transport';
import { READ_RETRY, withRetry } from '../../shared/retry';
import { sleepCancellable } from '../../shared/wait';
import type { Task } from './task';

interface Slot {
	/** Jobs we may run there (free capacity at start plus our own running jobs). */
	limit: number;
	/** The account's own maxJobs, when known: a request's maxJobs replaces it (https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create). */
	maxJobs?: number;
	/** Our jobs currently holding a slot there. */
	used: number;
	/** After a 429: no new job there before this time (or before one of ours finishes). */
	blockedUntil: number;
	/** 412 / 596 / 404: the account is out for the rest of the batch. */
	trouble?: Trouble;
	/**
	 * Until a create there is answered with proof of credits (2xx or 422), one create at a time goes
	 * there, so an account out of credits or on hold gets one rejected create, not one per free slot.
	 */
	proven: boolean;
	probing: boolean;
}

/** Why an account is out; `resource` names what was not found when it is not the job (the account). */
type Trouble = { statusCode: number; body: unknown; resource?: string };

export type Pick = { account: string } | { trouble: Trouble & { account: string } };

/** "" stands for "let the API pick" when the account list could not be read. */
export const API_PICKS = '';

/**
 * Free capacity per account for one batch. Unfixed items are spread over the accounts with the
 * most free slots; a fixed account only runs its own items.
 */
export class AccountPool {
	private slots = new Map<string, Slot>();
	private auto: string[] = [];

	/** Reads capacity once: /scheduler/available for the free slots, /accounts/{a} for fixed accounts. */
	async init(
		ctx: IExecuteFunctions,
		tasks: Task[],
		policy: CapacityPolicy,
	): Promise<ApiResponse | undefined> {
		const fixed = [
			...new Set(tasks.map((t) => t.prepared.account).filter((a): a is string => !!a)),
		];
		const source = policy.source ?? SCHEDULER_AVAILABLE;
		const available = await getWithRetry(ctx, source.path);
		if (available.statusCode === 401) return available;
		const rows = new Map<string, IDataObject>();
		for (const row of source.rows(available.body)) {
			const account = String(row?.account ?? '');
			if (!account) continue;
			rows.set(account, row);
			this.slots.set(account, slotOf(policy.fromAvailable(row)));
			this.auto.push(account);
		}
		for (const account of fixed) {
			const response = await getWithRetry(ctx, `/accounts/${account}`);
			if (response.statusCode === 401) return response;
			if (isOk(response.statusCode)) {
				const record = (response.body ?? {}) as IDataObject;
				this.slots.set(account, slotOf(policy.fromAccount(record, rows.get(account))));
			} else if (response.statusCode === 404 || response.statusCode === 596) {
				const resource = response.statusCode === 404 ? 'account' : undefined;
				this.slots.set(account, {
					...newSlot(0),
					trouble: { statusCode: response.statusCode, body: response.body, resource },
				});
			} else {
				// Unknown capacity: run one at a time, 429s tell the rest.
				this.slots.set(account, newSlot(1));
			}
		}
		if (!this.auto.length) {
			this.auto.push(API_PICKS);
			this.slots.set(API_PICKS, newSlot(1));
		}
		return undefined;
	}

	/** Free slots for a task whose request carries `cap` (its maxJobs) or none. */
	private free(slot: Slot, now: number, cap?: number): number {
		if (slot.trouble || now < slot.blockedUntil) return 0;
		if (!slot.proven && slot.probing) return 0;
		let free = slot.limit - slot.used;
		// The request's maxJobs is the cap for that call instead of the account's (post-minimax-videos-create).
		if (cap !== undefined && slot.maxJobs !== undefined) free += cap - slot.maxJobs;
		// Nothing of ours runs there, so only a try tells whether a slot is free.
		return free <= 0 && slot.used === 0 ? 1 : free;
	}

	/** An account for this task now, a reason it can never run, or undefined to wait. */
	pick(task: Task, now: number): Pick | undefined {
		const fixed = task.prepared.account;
		const cap = capOf(task);
		if (fixed) {
			const slot = this.slots.get(fixed);
			if (!slot) return { account: fixed };
			if (slot.trouble) return { trouble: { ...slot.trouble, account: fixed } };
			return this.free(slot, now, cap) > 0 ? { account: fixed } : undefined;
		}
		let best: string | undefined;
		let bestFree = 0;
		let lastTrouble: Pick | undefined;
		for (const account of this.auto) {
			const slot = this.slots.get(account)!;
			if (slot.trouble) {
				lastTrouble = { trouble: { ...slot.trouble, account } };
				continue;
			}
			const free = this.free(slot, now, cap);
			if (free > bestFree) [best, bestFree] = [account, free];
		}
		if (best !== undefined) return { account: best };
		return this.auto.every((a) => this.slots.get(a)!.trouble) ? lastTrouble : undefined;
	}

	reserve(account: string): void {
		const slot = this.slots.get(account);
		if (!slot) return;
		slot.used += 1;
		if (!slot.proven) slot.probing = true;
	}

	/** A create there was answered: 2xx or 422 (moderation comes after the credit check) proves the account. */
	answered(account: string, statusCode: number): void {
		const slot = this.slots.get(account);
		if (slot && ((statusCode >= 200 && statusCode < 300) || statusCode === 422)) slot.proven = true;
	}

	/** The create that was probing the account is over, whatever its outcome: the next may go. */
	endProbe(account: string): void {
		const slot = this.slots.get(account);
		if (slot) slot.probing = false;
	}

	/** One of our jobs left the account: a slot is free again and a 429 block ends. */
	release(account: string): void {
		const slot = this.slots.get(account);
		if (!slot) return;
		slot.used = Math.max(0, slot.used - 1);
		slot.blockedUntil = 0;
	}

	/** A 429: the account is full until one of our jobs there finishes, or `until`. */
	markFull(account: string, until: number): void {
		const slot = this.slots.get(account);
		if (!slot) return;
		slot.limit = slot.used;
		slot.blockedUntil = until;
	}

	/** Why the account is out (412 / 596 / 404), if it is. */
	troubleOf(account: string): { statusCode: number; body: unknown } | undefined {
		return this.slots.get(account)?.trouble;
	}

	remove(account: string, statusCode: number, body: unknown): void {
		const slot = this.slots.get(account);
		if (slot) slot.trouble = { statusCode, body };
		else this.slots.set(account, { ...newSlot(0), trouble: { statusCode, body } });
	}
}

function newSlot(limit: number, maxJobs?: number): Slot {
	return { limit, maxJobs, used: 0, blockedUntil: 0, proven: false, probing: false };
}

const slotOf = ({ free, maxJobs }: Capacity) => newSlot(Math.max(0, free), maxJobs);

/** Free slots on one account, and its own maxJobs when a request's maxJobs may replace it. */
export interface Capacity {
	free: number;
	maxJobs?: number;
}

/** Where the accounts that can run a kind, and their capacity, are read (one GET per batch). */
export interface AccountSource {
	path: string;
	/** One row per account (`account` field); malformed answers give []. */
	rows(body: unknown): IDataObject[];
}

/** Default: GET /scheduler/available's `available` rows (account, maxJobs, executing, available). */
export const SCHEDULER_AVAILABLE: AccountSource = {
	path: '/scheduler/available',
	rows(body) {
		const rows = (body as IDataObject)?.available;
		return Array.isArray(rows) ? (rows as IDataObject[]) : [];
	},
};

/**
 * How many jobs of one kind an account may run (a kind adapter's `capacity`): from its row of
 * `source` (default GET /scheduler/available), or, for an account the user fixed, from
 * GET /accounts/{account} and that account's row, if it has one.
 */
export interface CapacityPolicy {
	source?: AccountSource;
	fromAvailable(row: IDataObject): Capacity;
	fromAccount(record: IDataObject, row: IDataObject | undefined): Capacity;
}

/** Videos take useapi video slots (maxJobs); `available` counts the free ones, a request's maxJobs replaces the account's. */
export const VIDEO_SLOTS: CapacityPolicy = {
	fromAvailable(row) {
		const maxJobs = Number(row.maxJobs ?? 0);
		return { free: Number(row.available ?? maxJobs), maxJobs };
	},
	fromAccount(record, row) {
		const maxJobs = Number(record.maxJobs ?? 1);
		return { free: maxJobs - Number(row?.executing ?? 0), maxJobs };
	},
};

/** Images and agent jobs take no video slot: up to maxJobs at once, whatever videos run. */
export const ACCOUNT_JOBS: CapacityPolicy = {
	fromAvailable: (row) => ({ free: Number(row.maxJobs ?? 0) }),
	fromAccount: (record) => ({ free: Number(record.maxJobs ?? 1) }),
};

/** A fixed number of jobs per account at a time (e.g. 1: one music job per account). */
export const perAccount = (jobs: number): CapacityPolicy => ({
	fromAvailable: () => ({ free: jobs }),
	fromAccount: () => ({ free: jobs }),
});

/** The item's own maxJobs (video and template creates), if set. */
function capOf(task: Task): number | undefined {
	const cap = Number(task.prepared.body.maxJobs);
	return Number.isInteger(cap) && cap > 0 ? cap : undefined;
}

/** A GET retried on transient failures (429, 5xx, network), as every read before a batch. */
export async function getWithRetry(
	ctx: IExecuteFunctions,
	path: string,
	qs?: IDataObject,
): Promise<ApiResponse> {
	return await withRetry(
		async () => await apiRequest.call(ctx, { method: 'GET', path, qs }),
		READ_RETRY,
		async (ms) => await sleepCancellable(ctx, ms),
	);
}
