import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { apiError, networkError } from '../../../shared/errors';
import { readText } from '../../../shared/params';
import { accountOfId } from '../../../shared/status';
import { isOk } from '../../../shared/httpStatus';
import { UPLOAD_RETRY, withRetry } from '../../../shared/retry';
import { sleepCancellable } from '../../../shared/wait';
import { accountField, readAccount } from '../../descriptions/common';
import { asNodeError } from '../../engine/nodeError';
import { checkBinary, uploadBinary, type BinaryInput } from '../../engine/media';
import type { GenerateOperation } from '../operation';

const show = { resource: ['file'], operation: ['upload'] };

export const fileUploadDescription: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryProperty',
		type: 'string',
		required: true,
		default: 'data',
		description:
			"The input item's binary field holding the file: PNG, JPEG (WebP is sent as JPEG), MP3, WAV or MP4",
		displayOptions: { show },
	},
	{
		...accountField({ show }),
		description:
			'The hailuoai.video account to upload to. Use the same account for the job that uses the file. Required when several accounts are configured.',
	},
];

const CONCURRENCY = 4;

/** POST /files for every item: raw bytes with the file's MIME type; returns fileID, ossPath, account. */
export async function runFileUpload(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	// Validate every item first, so a bad one costs nothing.
	const inputs: Array<BinaryInput | Error> = items.map((_, i) => {
		try {
			readAccount.call(this, i);
			return checkBinary.call(
				this,
				i,
				readText.call(this, 'binaryProperty', i, 'Input Binary Field', 'data').trim(),
			);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
			return error as Error;
		}
	});
	const out: INodeExecutionData[][] = items.map(() => []);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			const input = inputs[i];
			try {
				if (input instanceof Error) throw input;
				out[i] = [{ json: await uploadOne.call(this, i, input), pairedItem: { item: i } }];
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, i);
				out[i] = [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
	return out.flat();
}

async function uploadOne(
	this: IExecuteFunctions,
	i: number,
	input: BinaryInput,
): Promise<IDataObject> {
	const account = readAccount.call(this, i);
	// A repeated upload costs nothing, so transient failures are simply tried again.
	const response = await withRetry(
		async () => await uploadBinary.call(this, i, input, account),
		UPLOAD_RETRY,
		async (ms) => await sleepCancellable(this, ms),
	);
	if (isOk(response.statusCode)) {
		const fileID = String(response.body?.fileID ?? '');
		return {
			fileID,
			ossPath: response.body?.ossPath,
			account: accountOfId(fileID) ?? account,
			mimeType: input.mimeType,
			binaryProperty: input.property,
		};
	}
	const failure = { itemIndex: i, account, resource: 'file', field: input.property };
	if (response.statusCode === 0 && response.network)
		throw networkError(this.getNode(), response.network, failure);
	throw apiError(this.getNode(), response.statusCode, response.body, failure);
}

export const fileUpload: GenerateOperation<'file', 'upload'> = {
	resource: 'file',
	operation: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description: 'Upload an image, audio or video file for use in jobs',
	properties: fileUploadDescription,
	execute: runFileUpload,
};
