import type { INode } from 'n8n-workflow';

import { operationError } from '../../shared/errors';
import { accountOfId } from '../../shared/status';
import type { PreparedCreate } from '../types';

/**
 * A fileID embeds the account it was uploaded to (https://useapi.net/docs/api-minimax-v1/post-minimax-files), and only that account can use it. An item
 * whose inputs name an account runs there (the fileID's account becomes the item's account); inputs
 * from two accounts, or a fileID from another account than the one set, are refused before any call.
 */
export function pinAccount(
	node: INode,
	itemIndex: number,
	prepared: PreparedCreate,
): PreparedCreate {
	const owners = new Map<string, string[]>();
	if (prepared.account) owners.set(prepared.account, ['Account']);
	for (const media of prepared.media) {
		const account = media.fileId ? accountOfId(media.fileId) : undefined;
		if (!account) continue;
		owners.set(account, [...(owners.get(account) ?? []), media.field]);
	}
	if (owners.size > 1) {
		const list = [...owners]
			.map(([account, fields]) => `${account} (${fields.join(', ')})`)
			.join(' and ');
		throw operationError(
			node,
			`The inputs of this item belong to different MiniMax accounts: ${list}`,
			{
				itemIndex,
				description:
					'A fileID can only be used on the account it was uploaded to. Upload every file to one account (or use Binary Property inputs, which are uploaded to the job\'s account) and set "Account" to it or leave it empty.',
			},
		);
	}
	const [account] = [...owners.keys()];
	return account && !prepared.account ? { ...prepared, account } : prepared;
}
