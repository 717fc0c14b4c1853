import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

import { DownloadTimeLimitError, downloadToBinary } from '../../shared/download';
import { operationError } from '../../shared/errors';
import { splitReplyRef } from '../../shared/replyRef';
import { accountOfId, type Outcome } from '../../shared/status';
import { isCancelled } from '../../shared/wait';
import { asNodeError } from './nodeError';
import type { KindAdapter, ResultFile, Task } from './task';

const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : undefined);

/** Fields every output item has: account, timings, attempts, the user's replyRef. */
function common(adapter: KindAdapter, task: Task): IDataObject {
	const id = task.ids[0];
	const finishedAt = task.finishedAt ?? Date.now();
	const started = task.submittedAt ?? task.firstAttemptAt;
	return {
		kind: adapter.kind,
		account: (id && accountOfId(id)) || task.account || undefined,
		submittedAt: iso(task.submittedAt),
		finishedAt: iso(finishedAt),
		elapsedSeconds: started ? Math.round((finishedAt - started) / 100) / 10 : undefined,
		attempts: task.attempts,
		replyUrl: task.prepared.replyUrl,
		replyRef: task.prepared.replyRef,
	};
}

const binaryName = (base: string, n: number) => (n === 0 ? base : `${base}_${n}`);

/**
 * Version 2 output: the kind's own id field (no extra `id`), one result URL (`url`; the API's
 * downloadURL/videoURL stay in `raw`), the status in words, no empty fields, no replyUrl.
 */
export function leanJson(
	json: IDataObject,
	adapter: Pick<KindAdapter, 'idField' | 'idsField'>,
): IDataObject {
	const { idField } = adapter;
	const ids = json.imageIds ?? json.ids;
	const many =
		json[idField] === undefined &&
		Array.isArray(ids) &&
		(ids.length > 1 || adapter.idsField !== undefined);
	const out: IDataObject = many ? { imageIds: ids } : { [idField]: json[idField] ?? json.id };
	out.status =
		json.outcome && json.outcome !== 'running' ? json.outcome : (json.statusLabel ?? json.status);
	// replyUrl: the user set it, and a trigger's URL carries its secret, which stays out of execution data.
	const dropped = new Set([
		'id',
		'ids',
		'imageIds',
		'statusLabel',
		'outcome',
		'downloadURL',
		'videoURL',
		'attempts',
		'items',
		'replyUrl',
	]);
	if (many && Array.isArray(json.urls)) dropped.add('url');
	for (const [key, value] of Object.entries(json)) {
		if (dropped.has(key) || key in out || value === undefined || value === null || value === '')
			continue;
		out[key] = value;
	}
	if (Array.isArray(json.items))
		out.items = (json.items as IDataObject[]).map((item) => leanJson(item, adapter));
	return out;
}

function shaped(
	adapter: KindAdapter,
	task: Task,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	if (!task.settings.lean) return items;
	return items.map((item) => ({ ...item, json: leanJson(item.json, adapter) }));
}

/** The create response when not waiting: ids, replyUrl and the user's replyRef (tag removed). */
export function submittedItem(adapter: KindAdapter, task: Task): INodeExecutionData[] {
	const body = { ...(task.createBody ?? {}) };
	if (typeof body.replyRef === 'string')
		body.replyRef = splitReplyRef(body.replyRef).ref || undefined;
	const json: IDataObject = {
		id: task.ids[0],
		...(task.ids.length > 1 || adapter.idsField ? { ids: task.ids } : {}),
		status: 'submitted',
		statusLabel: 'submitted',
		outcome: 'running',
		...common(adapter, task),
		finishedAt: undefined,
		elapsedSeconds: undefined,
	};
	for (const key of ['videoId', 'imageIds', 'jobId'])
		if (body[key] !== undefined) json[key] = body[key];
	if (task.settings.includeRaw) json.raw = body;
	return shaped(adapter, task, [{ json, pairedItem: { item: task.index } }]);
}

function failureError(
	ctx: FinishContext,
	adapter: KindAdapter,
	task: Task,
	summaries: IDataObject[],
) {
	const bad = summaries.find((s) => s.outcome !== 'completed') ?? summaries[0];
	const id = String(bad?.id ?? task.ids[0]);
	const label = adapter.label;
	const outcome = bad?.outcome as Outcome;
	const said = bad?.message ? `: ${String(bad.message)}` : '';
	const status = bad?.status !== undefined ? ` (status ${String(bad.status)})` : '';
	const message =
		outcome === 'moderated'
			? `MiniMax moderated the ${label}${status}${said}`
			: `The ${label} failed${status}${said}`;
	return operationError(ctx.getNode(), message, {
		itemIndex: task.index,
		jobId: id,
		description:
			outcome === 'moderated'
				? 'Change the prompt or the images; the same input is likely to be moderated again. Set "On Failure" to "Return Item With Status" to branch on it instead.'
				: 'Try again; failed jobs are usually refunded. Set "On Failure" to "Return Item With Status" to branch on it instead.',
	});
}

/** One retry for a broken download; none after a stop or the time limit (the node's Timeout, per download). */
async function download(ctx: FinishContext, task: Task, file: ResultFile) {
	const options = {
		fileName: file.fileName,
		mimeType: file.mimeType,
		timeoutMs: task.settings.timeoutMs,
		jobId: task.ids[0],
	};
	try {
		return await downloadToBinary.call(ctx, file.url, options);
	} catch (error) {
		if (isCancelled(ctx) || error instanceof DownloadTimeLimitError)
			throw asNodeError(ctx.getNode(), error);
		return await downloadToBinary.call(ctx, file.url, options);
	}
}

/** A record's summary narrowed to one of its files (an agent job's attachment keeps only its own entry). */
function splitSummary(summary: IDataObject, file?: ResultFile): IDataObject {
	if (!file || !Array.isArray(summary.attachments)) return summary;
	const { attachments, ...rest } = summary;
	const attachment = (attachments as IDataObject[]).find((a) => a.url === file.url);
	return { ...rest, url: file.url, ...(attachment ? { attachment } : {}) };
}

/** How finishing a task ended: its output, an error, or nothing (the execution was stopped). */
export type FinishOutcome =
	| { type: 'output'; output: INodeExecutionData[] }
	| { type: 'failed'; error: Error }
	| { type: 'stopped' };

/** Poll mode (the batch) and the Until Callback resume (webhook.ts) finish jobs alike. */
export type FinishContext = IExecuteFunctions | IWebhookFunctions;

/** A finished task: check outcomes, download results, build its output item(s). Changes nothing. */
export async function finishTask(
	ctx: FinishContext,
	adapter: KindAdapter,
	task: Task,
): Promise<FinishOutcome> {
	const settings = task.settings;
	const records = task.ids.map((id) => task.records[id] ?? { id });
	const summaries: IDataObject[] = records.map((record, i) => ({
		id: task.ids[i],
		...adapter.summarize(record),
	}));
	const completed = summaries.filter((s) => s.outcome === 'completed').length;
	if (completed === 0 && settings.onFailure === 'error')
		return { type: 'failed', error: failureError(ctx, adapter, task, summaries) };

	// Per record: its files, downloaded when asked for.
	const perRecord: Array<Array<{ file: ResultFile; binary?: IBinaryKeyData[string] }>> = [];
	for (const record of records) {
		const files = adapter
			.resultFiles(record)
			.map((file) => ({ file }) as { file: ResultFile; binary?: IBinaryKeyData[string] });
		perRecord.push(files);
	}
	if (settings.download) {
		try {
			await Promise.all(
				perRecord.flat().map(async (entry) => {
					entry.binary = await download(ctx, task, entry.file);
				}),
			);
		} catch (error) {
			if (isCancelled(ctx)) return { type: 'stopped' };
			return {
				type: 'failed',
				error: operationError(
					ctx.getNode(),
					`Downloading the result failed: ${(error as Error).message}`,
					{
						itemIndex: task.index,
						jobId: task.ids[0],
						description: `The job finished; its result URL is ${perRecord.flat()[0]?.file.url ?? 'unknown'}. Turn off "Download Result" to get URLs only.`,
					},
				),
			};
		}
	}
	const raw = (i: number) => (settings.includeRaw ? { raw: records[i] } : {});
	const base = common(adapter, task);
	const prop = settings.binaryProperty;

	// Split Into Items: one item per result file (images of a batch, attachments of an agent job).
	type Unit = { i: number; entry?: { file: ResultFile; binary?: IBinaryKeyData[string] } };
	const units = perRecord.flatMap((files, i): Unit[] =>
		files.length ? files.map((entry) => ({ i, entry })) : [{ i }],
	);
	if (settings.splitIntoItems && units.length > 1) {
		return {
			type: 'output',
			output: shaped(
				adapter,
				task,
				units.map(({ i, entry }, position) => ({
					json: {
						...splitSummary(summaries[i], entry?.file),
						...base,
						ids: task.ids,
						position,
						...raw(i),
					},
					...(entry?.binary ? { binary: { [prop]: entry.binary } } : {}),
					pairedItem: { item: task.index },
				})),
			),
		};
	}
	const binary: IBinaryKeyData = {};
	perRecord.flat().forEach((e, n) => e.binary && (binary[binaryName(prop, n)] = e.binary));
	const overall = summaries.find((s) => s.outcome !== 'completed') ?? summaries[0];
	const json: IDataObject =
		records.length > 1
			? {
					id: task.ids[0],
					ids: task.ids,
					status: overall.status,
					statusLabel: overall.statusLabel,
					outcome: overall.outcome,
					url: summaries.find((s) => s.url)?.url,
					urls: summaries.map((s) => s.url).filter(Boolean),
					...base,
					items: summaries,
					...(settings.includeRaw ? { raw: records } : {}),
				}
			: { ...summaries[0], ...base, ...raw(0) };
	if (adapter.idsField && records.length > 1) json[adapter.idsField] = task.ids;
	const item = {
		json,
		...(Object.keys(binary).length ? { binary } : {}),
		pairedItem: { item: task.index },
	};
	return { type: 'output', output: shaped(adapter, task, [item]) };
}
