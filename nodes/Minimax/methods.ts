import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiError, networkError } from '../shared/errors';
import { apiRequest } from '../shared/transport';

/** "From List" for the Account picker: GET /accounts (a map keyed by account id; 404 = none configured). */
export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await apiRequest.call(this, { method: 'GET', path: '/accounts' });
	if (response.network) throw networkError(this.getNode(), response.network);
	if (response.statusCode === 404) return { results: [] };
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw apiError(this.getNode(), response.statusCode, response.body, { resource: 'account' });
	}
	const accounts = Object.entries((response.body ?? {}) as IDataObject);
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
