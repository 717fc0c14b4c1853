import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { operationError } from '../../../shared/errors';
import { isAccountOut, isOk, mayHaveCreated } from '../../../shared/httpStatus';
import { backoffMs } from '../../../shared/retry';
import { checkAccount } from '../../../shared/ids';
import { readText } from '../../../shared/params';
import { accountOfId } from '../../../shared/status';
import { apiRequest, type ApiResponse } from '../../../shared/transport';
import { isCancelled, sleepCancellable } from '../../../shared/wait';
import { accountField } from '../../descriptions/common';
import { asNodeError } from '../../engine/nodeError';
import {
	checkSample,
	sampleContentType,
	validateClone,
	VOICE_FIELDS as F,
} from '../../models/voice';
import { audioAccounts, failureOf, uploadAudio } from '../audioAccounts';
import type { GenerateOperation } from '../operation';

const show = { resource: ['voice'], operation: ['clone'] };

const properties: INodeProperties[] = [
	{
		displayName: F.source,
		name: 'sampleSource',
		type: 'options',
		default: 'binary',
		required: true,
		description: 'Where the voice samples come from',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: "Audio of the input item; uploaded to the clone's account first",
			},
			{
				name: 'File ID',
				value: 'fileId',
				description: 'Samples already uploaded with POST /speech/upload-sample',
			},
		],
		displayOptions: { show },
	},
	{
		displayName: F.binary,
		name: 'sampleBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description:
			'Binary field of the input item holding the voice sample: MP3 or WAV, 10 to 60 seconds, one speaker, little background noise. Several samples: separate the field names with commas (data, data_1).',
		displayOptions: { show: { ...show, sampleSource: ['binary'] } },
	},
	{
		displayName: F.fileIds,
		name: 'sampleFileIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. user:1234-minimax:987654321-file:335577991133557799',
		description: 'FileIDs of uploaded samples, separated by commas (up to 10, all of one account)',
		displayOptions: { show: { ...show, sampleSource: ['fileId'] } },
	},
	{
		displayName: F.voiceName,
		name: 'voiceName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. My Narrator',
		description: 'Name of the new voice, up to 30 characters',
		displayOptions: { show },
	},
	{
		displayName: F.languageTag,
		name: 'languageTag',
		type: 'string',
		default: 'English',
		required: true,
		description:
			'Language of the samples, as named by MiniMax (useapi.net) → Speech Settings → Get (e.g. English, Japanese)',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				...accountField(),
				description:
					'The MiniMax account to clone on (it needs a MiniMax Audio plan and a free clone slot). Empty: the first account with a free slot.',
			},
			{
				displayName: F.noiseReduction,
				name: 'noiseReduction',
				type: 'boolean',
				default: true,
				description: 'Whether MiniMax removes background noise from the samples first',
			},
		],
	},
];

interface Sample {
	label: string;
	data: Buffer;
	contentType: string;
}

interface CloneItem {
	voiceName: string;
	languageTag: string;
	noiseReduction: boolean;
	account?: string;
	samples: Sample[];
	fileIds: string[];
}

const list = (text: string) =>
	text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);

/** Reads and checks one item, samples included (format and 10–60 s), without any HTTP call. */
async function readClone(this: IExecuteFunctions, i: number): Promise<CloneItem> {
	const node = this.getNode();
	const fail = (message: string, description?: string) =>
		operationError(node, message, { itemIndex: i, ...(description ? { description } : {}) });
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const fixed = String(options.account ?? '').trim();
	let account: string | undefined;
	try {
		account = fixed ? checkAccount(fixed) : undefined;
	} catch (error) {
		throw fail((error as Error).message, 'Enter the numeric account id, or leave "Account" empty.');
	}
	const item: CloneItem = {
		voiceName: readText.call(this, 'voiceName', i, F.voiceName).trim(),
		languageTag: readText.call(this, 'languageTag', i, F.languageTag, 'English').trim(),
		noiseReduction: options.noiseReduction !== false,
		account,
		samples: [],
		fileIds: [],
	};
	const source = this.getNodeParameter('sampleSource', i, 'binary') as string;
	if (source === 'fileId') {
		item.fileIds = list(readText.call(this, 'sampleFileIds', i, F.fileIds));
		if (!item.fileIds.length)
			throw fail(
				`"${F.fileIds}" is empty`,
				'Enter the fileIDs of uploaded samples, or use Binary File.',
			);
	}
	const problems = validateClone(item);
	if (problems.length)
		throw fail(
			problems[0].message,
			problems
				.slice(1)
				.map((p) => p.message)
				.join(' ') || undefined,
		);
	// A fileID names its account: the clone must run there.
	const owners = new Set(item.fileIds.map((id) => accountOfId(id)));
	if (owners.size > 1 || (account && owners.size === 1 && !owners.has(account)))
		throw fail(
			`The samples belong to account(s) ${[...owners].join(', ')}${account ? `, but "Account" is ${account}` : ''}`,
			'A clone takes samples of one account; upload them there or use Binary File.',
		);
	if (owners.size === 1) item.account = [...owners][0];
	if (source !== 'binary') return item;
	const binaries = this.getInputData()[i]?.binary ?? {};
	for (const property of list(readText.call(this, 'sampleBinaryProperty', i, F.binary, 'data'))) {
		const binary = binaries[property];
		if (!binary) {
			const present = Object.keys(binaries);
			throw fail(
				`Item ${i} has no binary field "${property}" (set in "${F.binary}")`,
				present.length
					? `Its binary fields: ${present.join(', ')}.`
					: 'Read or download the voice sample first (e.g. HTTP Request, Read/Write Files from Disk).',
			);
		}
		const contentType = sampleContentType(binary.mimeType);
		if (!contentType)
			throw fail(
				`Binary field "${property}" is ${binary.mimeType || 'of unknown type'}; voice samples must be MP3 (audio/mpeg) or WAV (audio/wav)`,
				'Convert the recording first.',
			);
		const data = await this.helpers.getBinaryDataBuffer(i, property);
		const { problem } = checkSample(data, contentType, `Binary field "${property}"`);
		if (problem) throw fail(problem.message);
		item.samples.push({ label: property, data, contentType });
	}
	if (!item.samples.length)
		throw fail(
			`"${F.binary}" is empty`,
			'Name the binary field holding the sample (often "data").',
		);
	if (item.samples.length > 10)
		throw fail(`${item.samples.length} samples given; a clone takes at most 10`);
	return item;
}

const CLONE_REFUSED = 2600010;
const TRIES = 4;

/** MiniMax's "no clone slot left" (2600010), however useapi wraps it ([gap]: 400, 429 or a 200 body). */
function slotsFull(body: unknown): boolean {
	const text = JSON.stringify(body ?? '');
	return text.includes(String(CLONE_REFUSED));
}

interface Quota {
	used: number;
	total: number;
}

async function quotaOf(ctx: IExecuteFunctions, account: string): Promise<Quota | ApiResponse> {
	const response = await apiRequest.call(ctx, {
		method: 'GET',
		path: '/speech/equity',
		qs: { account },
	});
	const body = (response.body ?? {}) as IDataObject;
	if (!isOk(response.statusCode)) return response;
	return { used: Number(body.used) || 0, total: Number(body.total ?? Infinity) };
}

/** One clone: the first account (fixed, or any audio account) with a free slot; samples go there first. */

/** [gap] The clone's answer: voice_id or voiceId, at the top level or under data (all read). */
function clonedVoice(record: IDataObject): { voiceId: string; voiceName?: unknown } | undefined {
	for (const layer of [record, record.data]) {
		if (!layer || typeof layer !== 'object' || Array.isArray(layer)) continue;
		const { voice_id, voiceId, voice_name, voiceName } = layer as IDataObject;
		const id = typeof voice_id === 'string' ? voice_id : voiceId;
		if (typeof id === 'string' && id.trim())
			return { voiceId: id, voiceName: voice_name ?? voiceName };
	}
	return undefined;
}

async function cloneOne(
	ctx: IExecuteFunctions,
	i: number,
	item: CloneItem,
	accounts: () => Promise<string[]>,
	quotas: Map<string, Quota>,
): Promise<IDataObject> {
	const node = ctx.getNode();
	const candidates = item.account ? [item.account] : await accounts();
	if (!candidates.length)
		throw operationError(node, 'No MiniMax account with a MiniMax Audio plan is configured', {
			itemIndex: i,
			description:
				'Voice cloning needs an account whose record has "supportAudio" (Account → Get Many).',
		});
	const full: string[] = [];
	let trouble: { response: ApiResponse; account: string } | undefined;
	for (const account of candidates) {
		if (isCancelled(ctx)) break;
		const failure = { itemIndex: i, account, resource: 'voice', audio: true };
		let quota = quotas.get(account);
		if (!quota) {
			const read = await quotaOf(ctx, account);
			if ('statusCode' in read) {
				if (read.statusCode === 401) throw failureOf(ctx, read, failure);
				trouble = { response: read, account };
				continue;
			}
			quota = read;
			quotas.set(account, quota);
		}
		if (quota.used >= quota.total) {
			full.push(`${account} (${quota.used} of ${quota.total} used)`);
			continue;
		}
		const files = [...item.fileIds];
		let moved = false;
		for (const sample of item.samples) {
			const up = await uploadAudio(
				ctx,
				'/speech/upload-sample',
				{ account },
				sample.data,
				sample.contentType,
			);
			const fileID = (up.body as IDataObject)?.fileID;
			if (isOk(up.statusCode) && typeof fileID === 'string') {
				files.push(fileID);
				continue;
			}
			if (isAccountOut(up.statusCode) && !item.account) {
				trouble = { response: up, account };
				moved = true;
				break;
			}
			const error = failureOf(ctx, up, {
				...failure,
				resource: 'voice sample',
				field: sample.label,
			});
			error.message = `Uploading the sample in "${sample.label}" failed: ${error.message}`;
			throw error;
		}
		if (moved) continue;
		const body: IDataObject = {
			files: files.join(','),
			voice_name: item.voiceName,
			language_tag: item.languageTag,
			account,
			...(item.noiseReduction ? {} : { need_noise_reduction: false }),
		};
		let response: ApiResponse = { statusCode: 0, body: undefined, headers: {} };
		for (let attempt = 0; attempt < TRIES; attempt++) {
			if (attempt > 0 && !(await sleepCancellable(ctx, backoffMs(attempt - 1, 2_000, 20_000))))
				break;
			response = await apiRequest.call(ctx, {
				method: 'POST',
				path: '/speech/clone-voice',
				body,
				timeoutMs: 180_000,
			});
			// 429 without 2600010: the account already runs 1–2 clones; nothing was made, queue and retry.
			if (response.statusCode !== 429 || slotsFull(response.body)) break;
		}
		const record = (response.body ?? {}) as IDataObject;
		const made = clonedVoice(record);
		if (isOk(response.statusCode) && made) {
			quota.used += 1;
			return {
				voiceId: made.voiceId,
				voiceName: made.voiceName ?? item.voiceName,
				languageTag: item.languageTag,
				account,
				fileIds: files,
				clonesUsed: quota.used,
				cloneSlots: Number.isFinite(quota.total) ? quota.total : undefined,
			};
		}
		if (slotsFull(record)) {
			quota.used = Math.max(quota.used, quota.total);
			full.push(`${account} (refused with MiniMax error ${CLONE_REFUSED})`);
			continue;
		}
		if (isAccountOut(response.statusCode) && !item.account) {
			trouble = { response, account };
			continue;
		}
		if (mayHaveCreated(response))
			throw operationError(
				node,
				`The voice "${item.voiceName}" may have been cloned on account ${account} although useapi.net's answer was lost; it was not sent again`,
				{
					itemIndex: i,
					account,
					description: `Look for "${item.voiceName}" in MiniMax (useapi.net) → Voice → Get Many before running this item again (a second clone takes another slot).`,
				},
			);
		if (isOk(response.statusCode))
			throw operationError(node, `useapi.net accepted the clone but returned no voice_id`, {
				itemIndex: i,
				account,
				description: `Look for "${item.voiceName}" in Voice → Get Many. Answer: ${JSON.stringify(record).slice(0, 200)}`,
			});
		throw failureOf(ctx, response, failure);
	}
	if (full.length)
		throw operationError(node, `No free voice clone slot: ${full.join(', ')}`, {
			itemIndex: i,
			description:
				'Delete a cloned voice you no longer need (MiniMax (useapi.net) → Voice → Delete), or clone on another account with a MiniMax Audio plan; slots depend on the plan. Nothing was cloned.',
		});
	if (trouble)
		throw failureOf(ctx, trouble.response, {
			itemIndex: i,
			account: trouble.account,
			resource: 'voice',
			audio: true,
		});
	throw operationError(node, 'The workflow was stopped before the voice was cloned', {
		itemIndex: i,
	});
}

/** Voice → Clone for every item, one after the other (an account runs at most 1–2 clones at once). */
async function runVoiceClone(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const read: Array<CloneItem | Error> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			read.push(await readClone.call(this, i));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
			read.push(error as Error);
		}
	}
	let known: Promise<string[]> | undefined;
	const accounts = async () =>
		await (known ??= audioAccounts(this, { resource: 'accounts', audio: true }));
	const quotas = new Map<string, Quota>();
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const item = read[i];
			if (item instanceof Error) throw item;
			out.push({ json: await cloneOne(this, i, item, accounts, quotas), pairedItem: { item: i } });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
			out.push({
				json: { error: (error as Error).message, itemIndex: i },
				pairedItem: { item: i },
			});
		}
	}
	return out;
}

export const voiceClone: GenerateOperation<'voice', 'clone'> = {
	resource: 'voice',
	operation: 'clone',
	name: 'Clone',
	action: 'Clone a voice',
	description:
		'Make a voice from 10–60 s audio samples (checks the free clone slots first); use its voiceId in Speech → Create',
	properties,
	execute: runVoiceClone,
};
