import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isWellFormedId } from '../../shared/ids';
import { splitReplyRef } from '../../shared/replyRef';
import { isOk } from '../../shared/httpStatus';
import { apiRequest } from '../../shared/transport';

/** Running jobs made with one replyRef tag (`mine`) and every other running id (`others`). */
export interface Tagged {
	mine: string[];
	others: Set<string>;
}

/** An account's newest-first job list: what tells a lost create apart (recover.ts). */
export interface JobHistory {
	path: string;
	idKey: string;
	/** Query parameter of the next page (the last id of this one). */
	cursor: string;
	records(body: unknown): IDataObject[] | undefined;
	/** false: no record carries a tag and how soon a new job is listed is unknown, so quiet proves nothing. */
	quietProvesAbsence?: false;
}

/** How one kind's running jobs are listed, found by tag and (where possible) told apart after a lost create. */
export interface JobListing {
	/** Named in messages: "GET /scheduler could not be read". */
	name: string;
	/** Ids the API still runs: one GET for the whole batch; undefined when it could not be read. */
	running(ctx: IExecuteFunctions): Promise<Set<string> | undefined>;
	/** Running jobs created with `tag`; `known`: ids this run already tracks. undefined when unreadable. */
	tagged(ctx: IExecuteFunctions, tag: string, known: Set<string>): Promise<Tagged | undefined>;
	/** Absent: finished jobs are listed nowhere, so a lost create can never be proven absent. */
	history?: JobHistory;
	/** Why no list can show a lost job, for the "may have been created" error. */
	unlisted: string;
}

/** Videos and images: GET /scheduler lists every running job with its replyRef. */
async function schedulerEntries(ctx: IExecuteFunctions): Promise<IDataObject[] | undefined> {
	const response = await apiRequest.call(ctx, { method: 'GET', path: '/scheduler' });
	if (!isOk(response.statusCode) || !Array.isArray(response.body)) return undefined;
	return response.body as IDataObject[];
}

function scheduler(history: JobHistory): JobListing {
	return {
		name: 'GET /scheduler',
		unlisted: 'the account list could not be compared',
		history,
		async running(ctx) {
			const entries = await schedulerEntries(ctx);
			if (!entries) return undefined;
			const ids = new Set<string>();
			for (const entry of entries) {
				for (const key of ['videoId', 'imageId'])
					if (typeof entry?.[key] === 'string') ids.add(entry[key] as string);
			}
			return ids;
		},
		async tagged(ctx, tag) {
			const entries = await schedulerEntries(ctx);
			if (!entries) return undefined;
			const mine: string[] = [];
			const others = new Set<string>();
			for (const entry of entries) {
				const id = entry?.videoId ?? entry?.imageId;
				if (typeof id !== 'string') continue;
				if (splitReplyRef(entry.replyRef).tag === tag) mine.push(id);
				else others.add(id);
			}
			return { mine, others };
		},
	};
}

export const VIDEO_LISTING = scheduler({
	path: '/videos',
	idKey: 'videoId',
	cursor: 'lastVideoId',
	records: (body) => (Array.isArray(body) ? (body as IDataObject[]) : undefined),
});

export const IMAGE_LISTING = scheduler({
	path: '/images',
	idKey: 'imageId',
	cursor: 'lastImageId',
	records: (body) => {
		const list = (body as IDataObject)?.images;
		return Array.isArray(list) ? (list as IDataObject[]) : undefined;
	},
});

/** Job ids from GET /agent/jobs (`executing: {account: [{jobId}]}`), well-formed ones only. */
export function agentIdsOf(body: unknown): string[] {
	const executing = (body as IDataObject)?.executing as IDataObject | undefined;
	const ids: string[] = [];
	for (const list of Object.values(executing ?? {})) {
		if (!Array.isArray(list)) continue;
		for (const entry of list as IDataObject[])
			if (isWellFormedId(entry?.jobId)) ids.push(entry.jobId as string);
	}
	return ids;
}

/** Agent jobs are not in /scheduler: GET /agent/jobs, and each untracked job's own request for its replyRef. */
export const AGENT_LISTING: JobListing = {
	name: 'the running agent jobs',
	unlisted: 'finished agent jobs are not listed',
	async running(ctx) {
		const response = await apiRequest.call(ctx, { method: 'GET', path: '/agent/jobs' });
		return isOk(response.statusCode) ? new Set(agentIdsOf(response.body)) : undefined;
	},
	async tagged(ctx, tag, known) {
		const response = await apiRequest.call(ctx, { method: 'GET', path: '/agent/jobs' });
		if (!isOk(response.statusCode)) return undefined;
		const candidates = agentIdsOf(response.body).filter((id) => !known.has(id));
		const records = await Promise.all(
			candidates.map(
				async (id) => await apiRequest.call(ctx, { method: 'GET', path: `/agent/${id}` }),
			),
		);
		if (records.some((r) => !isOk(r.statusCode))) return undefined;
		const mine: string[] = [];
		records.forEach((r, i) => {
			const request = (r.body as IDataObject)?.request as IDataObject | undefined;
			if (splitReplyRef(request?.replyRef).tag === tag) mine.push(candidates[i]);
		});
		return { mine, others: new Set() };
	},
};
