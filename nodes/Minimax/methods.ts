import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiError, networkError } from '../shared/errors';
import { apiRequest } from '../shared/transport';

/** "From List" for the Account picker: GET /accounts (a map keyed by account id; 404 = none configured). */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await accountList(this, filter, () => true);
}

/** Speech and music: only accounts not marked `supportAudio: false` (older records lack the flag). */
export async function searchAudioAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await accountList(this, filter, (record) => record.supportAudio !== false);
}

async function accountList(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	keep: (record: IDataObject) => boolean,
): Promise<INodeListSearchResult> {
	const response = await apiRequest.call(ctx, { method: 'GET', path: '/accounts' });
	if (response.network) throw networkError(ctx.getNode(), response.network);
	if (response.statusCode === 404) return { results: [] };
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw apiError(ctx.getNode(), response.statusCode, response.body, { resource: 'account' });
	}
	const accounts = Object.entries((response.body ?? {}) as IDataObject).filter(([, value]) =>
		keep((value ?? {}) as IDataObject),
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = accounts.map(([id, value]) => {
		const record = (value ?? {}) as IDataObject;
		const user = ((record.jwt as IDataObject | undefined)?.user ?? {}) as IDataObject;
		const account = String(record.account ?? id);
		const extras = [user.name, record.error ? 'error' : undefined].filter(Boolean).join(', ');
		return { name: extras ? `${account} (${extras})` : account, value: account };
	});
	return { results: results.filter((r) => !needle || r.name.toLowerCase().includes(needle)) };
}
