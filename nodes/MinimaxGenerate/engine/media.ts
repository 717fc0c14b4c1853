import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { operationError } from '../../shared/errors';
import { apiRequest, type ApiResponse } from '../../shared/transport';

/** MIME types POST /files accepts (reference §8.1). */
export const UPLOAD_MIMES = ['image/png', 'image/jpeg', 'audio/mpeg', 'audio/wav', 'video/mp4'];

const ALIASES: Record<string, string> = {
	'image/webp': 'image/jpeg', // the reference: .webp is sent as image/jpeg
	'image/jpg': 'image/jpeg',
	'audio/mp3': 'audio/mpeg',
	'audio/wave': 'audio/wav',
	'audio/x-wav': 'audio/wav',
};

export interface BinaryInput {
	property: string;
	mimeType: string;
	fileName: string;
}

/**
 * Checks that an item has the binary property and that /files accepts its MIME type. No HTTP.
 * Returns the MIME type to send.
 */
export function checkBinary(
	this: IExecuteFunctions,
	itemIndex: number,
	property: string,
	anyMime = false,
): BinaryInput {
	const item = this.getInputData()[itemIndex];
	const binary = item?.binary?.[property];
	if (!binary) {
		const present = Object.keys(item?.binary ?? {});
		throw operationError(this.getNode(), `Item ${itemIndex} has no binary property "${property}"`, {
			itemIndex,
			description: present.length
				? `Binary properties on this item: ${present.join(', ')}. Set the field to one of them.`
				: 'The item has no binary data. Read or download the file first (e.g. Read/Write Files from Disk, HTTP Request).',
		});
	}
	const raw = String(binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	const mimeType = ALIASES[raw] ?? raw;
	if (anyMime) return { property, mimeType: raw || 'application/octet-stream', fileName: binary.fileName ?? property };
	if (!UPLOAD_MIMES.includes(mimeType)) {
		throw operationError(
			this.getNode(),
			`Binary property "${property}" has MIME type "${raw || 'unknown'}", which useapi.net cannot upload`,
			{ itemIndex, description: `Supported: ${UPLOAD_MIMES.join(', ')} (image/webp is sent as image/jpeg).` },
		);
	}
	return { property, mimeType, fileName: binary.fileName ?? property };
}

/** POST /files?account= with the raw bytes. Returns the raw response; the caller maps the status. */
export async function uploadBinary(
	this: IExecuteFunctions,
	itemIndex: number,
	input: BinaryInput,
	account: string | undefined,
): Promise<ApiResponse<IDataObject>> {
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, input.property);
	return await apiRequest.call<IExecuteFunctions, Parameters<typeof apiRequest>, Promise<ApiResponse<IDataObject>>>(
		this,
		{
			method: 'POST',
			path: '/files',
			qs: { account },
			body: data,
			json: false,
			headers: { 'Content-Type': input.mimeType },
			timeoutMs: 600_000,
		},
	);
}

export interface MultipartFile {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/** A multipart/form-data body built by hand: no form-data dependency, same bytes on n8n 1.x and 2.x. */
export function buildMultipart(
	fields: IDataObject,
	files: MultipartFile[],
): { body: Buffer; contentType: string } {
	const boundary = `----n8nMinimax${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const parts: Buffer[] = [];
	const quote = (text: string) => text.replace(/["\r\n]/g, '_');
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${String(value)}\r\n`,
			),
		);
	}
	for (const file of files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
