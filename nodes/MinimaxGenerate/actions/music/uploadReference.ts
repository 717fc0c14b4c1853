import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { operationError } from '../../../shared/errors';
import { isAccountOut, isOk } from '../../../shared/httpStatus';
import { checkAccount } from '../../../shared/ids';
import { readText } from '../../../shared/params';
import { accountField } from '../../descriptions/common';
import { asNodeError } from '../../engine/nodeError';
import {
	checkReferenceName,
	durationSeconds,
	MUSIC_FIELDS,
	REFERENCE_MIMES,
} from '../../models/music';
import { audioAccounts, failureOf, uploadAudio } from '../audioAccounts';
import type { GenerateOperation } from '../operation';

const show = { resource: ['music'], operation: ['uploadReference'] };
/** [gap] the REST size limit; the vendor's MCP tool caps uploads at 50 MB. */
const MAX_BYTES = 50 * 1024 * 1024;

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'referenceBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		description:
			'Binary field of the input item holding the track to cover: MP3 or WAV. It is stored on the account for good (free) and can be covered many times.',
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
					'The MiniMax account to store the reference on; covers of it run there. Empty: the first account with a MiniMax Audio plan.',
			},
			{
				displayName: MUSIC_FIELDS.name,
				name: 'name',
				type: 'string',
				default: '',
				description:
					'Title the reference is stored under (up to 40 characters); empty: a timestamp',
			},
		],
	},
];

interface Upload {
	property: string;
	mimeType: string;
	size: number;
	name?: string;
	account?: string;
}

function readUpload(this: IExecuteFunctions, i: number): Upload {
	const fail = (message: string, description?: string) =>
		operationError(this.getNode(), message, {
			itemIndex: i,
			...(description ? { description } : {}),
		});
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const property = readText
		.call(this, 'referenceBinaryProperty', i, 'Input Binary Field', 'data')
		.trim();
	const binaries = this.getInputData()[i]?.binary ?? {};
	const binary = binaries[property];
	if (!binary)
		throw fail(
			`Item ${i} has no binary field "${property}" (set in "Input Binary Field")`,
			Object.keys(binaries).length
				? `Its binary fields: ${Object.keys(binaries).join(', ')}.`
				: 'Read or download the track first (e.g. HTTP Request).',
		);
	const mimeType = String(binary.mimeType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!REFERENCE_MIMES.includes(mimeType))
		throw fail(
			`Binary field "${property}" is ${mimeType || 'of unknown type'}; a reference must be MP3 or WAV (${REFERENCE_MIMES.join(', ')})`,
			'Convert the track first.',
		);
	const size = Number(binary.fileSize ? Number.parseFloat(String(binary.fileSize)) : 0);
	const name = String(options.name ?? '').trim();
	const problems = checkReferenceName(name);
	if (problems.length) throw fail(problems[0].message);
	let account: string | undefined;
	try {
		account = String(options.account ?? '').trim() ? checkAccount(options.account) : undefined;
	} catch (error) {
		throw fail((error as Error).message, 'Enter the numeric account id, or leave "Account" empty.');
	}
	return { property, mimeType, size, ...(name ? { name } : {}), ...(account ? { account } : {}) };
}

async function uploadOne(
	ctx: IExecuteFunctions,
	i: number,
	upload: Upload,
	accounts: () => Promise<string[]>,
): Promise<IDataObject> {
	const data = await ctx.helpers.getBinaryDataBuffer(i, upload.property);
	if (data.length > MAX_BYTES)
		throw operationError(
			ctx.getNode(),
			`The track is ${(data.length / 1048576).toFixed(1)} MB; at most 50 MB are uploaded`,
			{
				itemIndex: i,
				description:
					'Use a shorter or more compressed file (a 256 kbps MP3 of 10 minutes is about 19 MB).',
			},
		);
	const candidates = upload.account ? [upload.account] : await accounts();
	if (!candidates.length)
		throw operationError(
			ctx.getNode(),
			'No MiniMax account with a MiniMax Audio plan is configured',
			{
				itemIndex: i,
				description:
					'References are stored on an account whose record has "supportAudio" (Account → Get Many).',
			},
		);
	let last;
	for (const account of candidates) {
		const qs = { account, ...(upload.name ? { name: upload.name } : {}) };
		const response = await uploadAudio(ctx, '/music/reference', qs, data, upload.mimeType);
		const record = (response.body ?? {}) as IDataObject;
		// [gap] 200 or 201: any 2xx with a musicId.
		if (isOk(response.statusCode) && typeof record.musicId === 'string') {
			return {
				musicId: record.musicId,
				title: record.title,
				durationSeconds: durationSeconds(record),
				lyrics: record.lyrics,
				typeLabel: record.typeLabel ?? 'reference',
				url: record.audio_url,
				account,
			};
		}
		last = { response, account };
		// Account without audio plan or on hold: the next one may take it (a reference is free).
		if (!isAccountOut(response.statusCode)) break;
	}
	const { response, account } = last!;
	if (isOk(response.statusCode))
		throw operationError(ctx.getNode(), 'useapi.net stored the reference but returned no musicId', {
			itemIndex: i,
			account,
			description: 'Find it with MiniMax (useapi.net) → Music → Get Many (type: reference).',
		});
	throw failureOf(ctx, response, {
		itemIndex: i,
		account,
		resource: 'reference track',
		field: upload.property,
	});
}

async function runUploadReference(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const read = items.map((_, i) => {
		try {
			return readUpload.call(this, i);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
			return error as Error;
		}
	});
	let known: Promise<string[]> | undefined;
	const accounts = async () => await (known ??= audioAccounts(this, { resource: 'accounts' }));
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const upload = read[i];
			if (upload instanceof Error) throw upload;
			out.push({ json: await uploadOne(this, i, upload, accounts), pairedItem: { item: i } });
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

export const musicUploadReference: GenerateOperation<'music', 'uploadReference'> = {
	resource: 'music',
	operation: 'uploadReference',
	name: 'Upload Reference',
	action: 'Upload a reference track',
	description:
		'Store an MP3 or WAV on the account as a reference for covers (free); returns its musicId',
	properties,
	execute: runUploadReference,
};
