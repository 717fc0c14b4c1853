import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/transport';
import type { CreateKind, PreparedCreate } from '../types';
import type { AccountPool } from './capacity';
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

/** Everything that differs between videos, images, template videos and agent jobs. */
export interface KindAdapter {
	kind: CreateKind;
	/** Used in messages: "video", "image", "agent job". */
	label: string;
	/** Whether running jobs take useapi video slots (maxJobs), as counted by /scheduler/available. */
	videoSlots: boolean;
	/** Whether POST /videos/cancel applies. */
	cancellable: boolean;
	/** Media inputs go as multipart file parts instead of being uploaded to /files first. */
	mediaAsParts?: boolean;
	/** Fill `ossPath` next to an uploaded `fileID` (template videos). */
	wantsOssPath?: boolean;
	/** Where running jobs are listed: GET /scheduler or GET /agent/jobs. */
	listing: 'scheduler' | 'agent';
	create(
		this: IExecuteFunctions,
		body: IDataObject,
		files: MultipartFile[],
		timeoutMs: number,
	): Promise<ApiResponse<unknown>>;
	parseCreate(body: unknown): CreateOutcome;
	getPath(id: string): string;
	/** Files to download from a final record (empty when none). */
	resultFiles(record: IDataObject): ResultFile[];
	/** Output fields of one final record (ids, status, URLs). */
	summarize(record: IDataObject): IDataObject;
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
	uploads: Map<string, { fileID: string; ossPath?: string }>;
	lastFailure?: { statusCode: number; body: unknown };
	output?: INodeExecutionData[];
	error?: Error;
}

/** The batch a task belongs to, as the submit, poll and finish steps see it. */
export interface Engine {
	ctx: IExecuteFunctions;
	adapter: KindAdapter;
	pool: AccountPool;
	tasks: Task[];
	/** Set by a failure every item would share (401): the run stops. */
	fatal?: Error;
	/** Base of the create backoff (ms). */
	backoffBaseMs: number;
	/** Per account: its newest list ids before this run's first create there (recover.ts). */
	baselines: Map<string, Promise<Set<string> | undefined>>;
	fail(task: Task, error: Error): void;
	/** Marks a task's jobs as submitted and running (or done when not waiting). */
	accept(task: Task, ids: string[], finals: Record<string, IDataObject>, body: IDataObject): void;
}
