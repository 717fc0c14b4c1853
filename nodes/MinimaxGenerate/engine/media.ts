import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DownloadSizeError, downloadUserUrl, megabytes } from '../../shared/download';
import { operationError } from '../../shared/errors';
import { apiRequest, getBaseUrl, type ApiResponse } from '../../shared/transport';
import { bareMime, UPLOAD_MIMES, uploadContentType, type MediaKind } from '../../shared/mime';

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
	const raw = bareMime(String(binary.mimeType ?? ''));
	const mimeType = uploadContentType(raw);
	if (anyMime)
		return {
			property,
			mimeType: raw || 'application/octet-stream',
			fileName: binary.fileName ?? property,
		};
	if (!mimeType) {
		throw operationError(
			this.getNode(),
			`Binary property "${property}" has MIME type "${raw || 'unknown'}", which useapi.net cannot upload`,
			{
				itemIndex,
				description: `Supported: ${UPLOAD_MIMES.join(', ')} (image/webp is sent as image/jpeg).`,
			},
		);
	}
	return { property, mimeType, fileName: binary.fileName ?? property };
}

/** POST /files?account= with the raw bytes of an item's binary. Returns the raw response; the caller maps the status. */
export async function uploadBinary(
	this: IExecuteFunctions,
	itemIndex: number,
	input: BinaryInput,
	account: string | undefined,
): Promise<ApiResponse<IDataObject>> {
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, input.property);
	return await uploadBytes.call(this, data, input.mimeType, account);
}

export const MAX_URL_BYTES = 50 * 1024 * 1024;

/** Leading bytes of the accepted media, for servers that answer application/octet-stream. */
function sniff(data: Buffer): string | undefined {
	if (data.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) return 'image/png';
	if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
	if (
		data.subarray(0, 4).toString('latin1') === 'RIFF' &&
		data.subarray(8, 12).toString('latin1') === 'WEBP'
	)
		return 'image/webp';
	if (
		data.subarray(0, 4).toString('latin1') === 'RIFF' &&
		data.subarray(8, 12).toString('latin1') === 'WAVE'
	)
		return 'audio/wav';
	if (data.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
	if (
		data.subarray(0, 3).toString('latin1') === 'ID3' ||
		(data[0] === 0xff && (data[1] & 0xe0) === 0xe0)
	)
		return 'audio/mpeg';
	return undefined;
}

const EXPECTED: Record<MediaKind, string> = {
	image: 'a PNG, JPEG or WebP image',
	video: 'an MP4 video',
	audio: 'an MP3 or WAV file',
};

export interface UrlMedia {
	data: Buffer;
	mimeType: string;
	fileName: string;
}

/**
 * A media input given as a public URL: downloaded like every result (nodes/shared/download.ts: no
 * token, the shared redirect rules), then its type and size checked. URLs on the API's own origin are
 * refused, so the token is never attached to a user's link. Throws a message naming the field.
 * `kind` undefined: any media type POST /files takes (the agent's reference files).
 */
export async function fetchUrlMedia(
	this: IExecuteFunctions,
	itemIndex: number,
	url: string,
	kind: MediaKind | undefined,
	field: string,
): Promise<UrlMedia> {
	const fail = (message: string, description: string) =>
		operationError(this.getNode(), message, { itemIndex, field, description });
	if (new URL(url).origin === new URL(await getBaseUrl(this)).origin) {
		throw fail(
			`"${field}" points at the useapi.net API itself`,
			'Use the File ID source for files already at useapi.net; a URL must be a public link elsewhere.',
		);
	}
	let data: Buffer;
	let header: string;
	let fileName: string;
	try {
		({
			data,
			mimeType: header,
			fileName,
		} = await downloadUserUrl.call(this, url, {
			timeoutMs: 120_000,
			maxBytes: MAX_URL_BYTES,
		}));
	} catch (error) {
		if (error instanceof DownloadSizeError) {
			const cap = `at most ${MAX_URL_BYTES / 1048576} MB are downloaded`;
			throw fail(
				error.declared
					? `"${field}" is ${megabytes(error.bytes)} MB; ${cap}`
					: `"${field}" is over ${megabytes(error.bytes)} MB; the download was ended there (${cap})`,
				'Use a smaller file, or upload it with File → Upload and use its File ID.',
			);
		}
		throw fail(
			`Downloading "${field}" failed: ${(error as Error).message}`,
			`Check that ${url.slice(0, 200)} opens in a private browser window without logging in, or upload the file and use its File ID.`,
		);
	}
	if (!data.length)
		throw fail(
			`"${field}" returned an empty file`,
			'Check the link; it must point at the file itself, not at a web page.',
		);
	const mimeType = uploadContentType(header, kind) ?? uploadContentType(sniff(data), kind);
	if (!mimeType) {
		throw fail(
			`"${field}" is ${header || 'of unknown type'}, not ${kind ? EXPECTED[kind] : `${EXPECTED.image}, ${EXPECTED.video} or ${EXPECTED.audio}`}`,
			'Check that the link points at the file itself (not a web page that shows it), or convert the file first.',
		);
	}
	return { data, mimeType, fileName };
}

/** POST /files?account= with raw bytes. Returns the raw response; the caller maps the status. */
export async function uploadBytes(
	this: IExecuteFunctions,
	data: Buffer,
	mimeType: string,
	account: string | undefined,
): Promise<ApiResponse<IDataObject>> {
	return await apiRequest.call<
		IExecuteFunctions,
		Parameters<typeof apiRequest>,
		Promise<ApiResponse<IDataObject>>
	>(this, {
		method: 'POST',
		path: '/files',
		qs: { account },
		body: data,
		json: false,
		headers: { 'Content-Type': mimeType },
		timeoutMs: 600_000,
	});
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
