import type {
	IBinaryKeyData,
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
} from 'n8n-workflow';

import { isParseError, parseCallback, type ParsedCallback } from '../shared/callback';
import { downloadToBinary } from '../shared/download';
import { apiRequest } from '../shared/transport';

const RECORD_PATHS: Partial<Record<ParsedCallback['kind'], string>> = {
	video: '/videos/',
	image: '/images/',
	agent: '/agent/',
	speech: '/speech/',
	music: '/music/',
};

/**
 * A completed callback may carry only ids and status (the body is undocumented): then the job is
 * read once through the API, when a credential is set, to learn its result URLs.
 */
export async function withResultUrls(
	this: IWebhookFunctions,
	parsed: ParsedCallback,
): Promise<ParsedCallback> {
	const path = RECORD_PATHS[parsed.kind];
	if (parsed.resultUrls.length || parsed.outcome !== 'completed' || !path) return parsed;
	try {
		await this.getCredentials('useApiMinimaxApi');
	} catch {
		return parsed;
	}
	const response = await apiRequest.call(this, { method: 'GET', path: `${path}${parsed.id}` });
	if (response.statusCode < 200 || response.statusCode >= 300) return parsed;
	const fresh = parseCallback(response.body);
	if (isParseError(fresh) || !fresh.resultUrls.length) return parsed;
	return {
		...parsed,
		resultUrls: fresh.resultUrls,
		coverURL: parsed.coverURL ?? fresh.coverURL,
		record: fresh.record,
	};
}

export function simplified(parsed: ParsedCallback, receivedAt: string): IDataObject {
	return {
		id: parsed.id,
		kind: parsed.kind,
		status: parsed.status,
		statusLabel: parsed.statusLabel,
		outcome: parsed.outcome,
		final: parsed.final,
		percent: parsed.percent,
		resultUrl: parsed.resultUrls[0] ?? null,
		resultUrls: parsed.resultUrls,
		coverURL: parsed.coverURL,
		replyRef: parsed.replyRef,
		account: parsed.account,
		message: parsed.message,
		receivedAt,
	};
}

/** Agent: every attachment, named after its file; others: the best result URL only. */
function downloadsOf(parsed: ParsedCallback): Array<{ url: string; fileName?: string }> {
	if (parsed.kind !== 'agent') return parsed.resultUrls.slice(0, 1).map((url) => ({ url }));
	const response = (parsed.record.response ?? parsed.record) as IDataObject;
	const attachments = Array.isArray(response.attachments)
		? (response.attachments as IDataObject[])
		: [];
	const names = new Map<string, string>();
	for (const attachment of attachments) {
		const file = (attachment?.file ?? {}) as IDataObject;
		const extra = (file.extra ?? {}) as IDataObject;
		const url = extra.no_watermark_url || file.fileUrl;
		if (typeof url === 'string' && typeof file.fileName === 'string') names.set(url, file.fileName);
	}
	return parsed.resultUrls.map((url) => ({ url, fileName: names.get(url) }));
}

/** Downloads into `data`, `data_1`, …; a failure is reported on the item, never thrown. */
export async function withDownloads(
	this: IWebhookFunctions,
	parsed: ParsedCallback,
	item: INodeExecutionData,
): Promise<INodeExecutionData> {
	const binary: IBinaryKeyData = {};
	const errors: string[] = [];
	const wanted = downloadsOf(parsed);
	for (const [index, { url, fileName }] of wanted.entries()) {
		try {
			binary[index === 0 ? 'data' : `data_${index}`] = await downloadToBinary.call(this, url, {
				fileName,
			});
		} catch (error) {
			const reason = String((error as Error)?.message ?? error).slice(0, 300);
			errors.push(`${url}: ${reason}`);
		}
	}
	const json: IDataObject = { ...item.json };
	if (wanted.length === 0 && parsed.outcome === 'completed')
		errors.push('the callback carries no result URL');
	if (errors.length) json.downloadError = errors.join('; ');
	return Object.keys(binary).length ? { json, binary } : { json };
}
