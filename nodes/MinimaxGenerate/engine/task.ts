import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ApiRequest } from '../../shared/transport';
import type { PreparedCreate } from '../types';
import type { AccountPool, CapacityPolicy } from './capacity';
import type { JobListing } from './listing';
import type { MultipartFile } from './media';
import type { JobSettings } from './settings';

/** What a 2xx create answer told us. `finals`: records that are already final (stream end, sync agent). */
export interface CreateOutcome {
	ids: string[];
	finals: Record<string, IDataObject>;
}

export interface ResultFile {
	url: string;
	fileName?: string;
	mimeType?: string;
}

/** The body, headers and time limit of a create request (POST `createPath`). */
export type CreateRequest = Pick<ApiRequest, 'body' | 'headers' | 'json' | 'timeoutMs'>;

/**
 * Everything the engine needs to know about one kind of job (video, image, template video, agent
 * job, …): where it is created and read, how its jobs are listed and counted, what its results are.
 * Each create operation owns one (actions/<resource>/<operation>.ts).
 */
export interface KindAdapter {
	/** Output `kind` and the Until Callback state: a stable value saved workflows and parked executions carry. */
	kind: string;
	/** Used in messages: "video", "image", "agent job". */
	label: string;
	/** The operation that reads one job, named in messages: "MiniMax (useapi.net) → Video → Get". */
	getOperation?: string;
	/** Output field of the job's id (videoId, imageId, jobId). */
	idField: string;
	/** Output field of all ids when one create makes several jobs (images: imageIds). */
	idsField?: string;
	/** How many jobs an account may run: the engine's slot policy (capacity.ts). */
	capacity: CapacityPolicy;
	/** Where running jobs are listed and found again by their replyRef tag (listing.ts). */
	listing: JobListing;
	/** POST path of the create. */
	createPath: string;
	/** The create's request; default: the JSON body with a 2-minute limit. `timeLeftMs`: until the item's timeout. */
	createRequest?(body: IDataObject, files: MultipartFile[], timeLeftMs: number): CreateRequest;
	/** Media inputs go as multipart file parts instead of being uploaded to /files first. */
	mediaAsParts?: boolean;
	/** Fill `ossPath` next to an uploaded `fileID` (template videos). */
	wantsOssPath?: boolean;
	/** The cancel call for one job on Stop (Cancel Job on Stop); absent: the kind cannot be cancelled. */
	cancel?(id: string): Pick<ApiRequest, 'method' | 'path' | 'body'>;
	/** Speech and music: errors word 412 as "no MiniMax Audio credit" (FailureContext.audio). */
	audio?: boolean;
	/** Poll Interval when the user left it empty (seconds); default 10. */
	defaultPollSeconds?: number;
	/** Jobs one create makes (Until Callback waits for exactly one); default 1. */
	jobsPerCreate?(prepared: PreparedCreate): number;
	parseCreate(body: unknown): CreateOutcome;
	getPath(id: string): string;
	/** The final record of a job whose GET answers 404 (removed after moderation, expired). */
	gone(id: string): IDataObject;
	/** Files to download from a final record (empty when none). */
	resultFiles(record: IDataObject): ResultFile[];
	/** Output fields of one final record (ids, status, URLs). */
	summarize(record: IDataObject): IDataObject;
}

/** The adapter's part of every error context the engine builds (audio wording for speech and music). */
export const audioOf = (adapter: KindAdapter): { audio?: true } =>
	adapter.audio ? { audio: true } : {};

/** A file uploaded to an account for a task's create. */
export interface Upload {
	fileID: string;
	ossPath?: string;
}

export type TaskState = 'invalid' | 'pending' | 'submitting' | 'running' | 'finishing' | 'done';

export interface Task {
	index: number;
	prepared: PreparedCreate;
	settings: JobSettings;
	/** Unique per create; appended to replyRef so an ambiguous create can be found again. */
	tag: string;
	state: TaskState;
	/** The account the current or last create went to ('' = let the API pick). */
	account?: string;
	holdsSlot: boolean;
	attempts: number;
	nextAttemptAt: number;
	/** A create may have happened without an answer: look for it before submitting again. */
	ambiguous: boolean;
	/** The account that ambiguous create went to: the only place its job can be. */
	ambiguousAccount?: string;
	/** When the ambiguous answer came. */
	ambiguousSince?: number;
	/** Lookups made since (recover.ts). */
	lookups?: number;
	firstAttemptAt?: number;
	deadline?: number;
	submittedAt?: number;
	finishedAt?: number;
	ids: string[];
	pending: Set<string>;
	records: Record<string, IDataObject>;
	createBody?: IDataObject;
	/** Files already uploaded for this task, per account and input (`<account>|<property or url:…>`). */
	uploads: Map<string, Upload>;
	lastFailure?: { statusCode: number; body: unknown };
	output?: INodeExecutionData[];
	error?: Error;
}

/**
 * The batch as the submit, poll, recover and finish steps see it: read only. They return what
 * happened; only the batch engine (batch.ts) changes a task.
 */
export interface Engine {
	readonly ctx: IExecuteFunctions;
	readonly adapter: KindAdapter;
	/** Account capacity; its trouble list may grow when a read finds an account out (412/596). */
	readonly pool: AccountPool;
	readonly tasks: readonly Task[];
	/** Base of the create backoff (ms). */
	readonly backoffBaseMs: number;
	/** Per account: its newest list ids before this run's first create there (recover.ts). */
	readonly baselines: Map<string, Promise<Set<string> | undefined>>;
}
