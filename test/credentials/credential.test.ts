import type { INode } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { apiError } from '../../nodes/shared/errors';

const node: INode = {
	id: '1',
	name: 'MiniMax Generate',
	type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
	typeVersion: 2,
	position: [0, 0],
	parameters: {},
};
const rules = new UseApiMinimaxApi().test.rules ?? [];
const ruleFor = (code: number) =>
	rules.find((r) => r.type === 'responseCode' && r.properties.value === code)?.properties.message;

describe('credential test', () => {
	it('explains a rejected token in the words of the runtime error', () => {
		const runtime = apiError(node, 401, { error: 'Unauthorized' });
		expect(ruleFor(401)).toBe(`${runtime.message}. ${runtime.description}`);
		expect(ruleFor(401)).toContain('"user:" prefix');
	});

	it('explains a 404 from GET /accounts: the token works, no hailuoai.video account yet', () => {
		// The Generate engine's account listing fails the same way when nothing is configured.
		const runtime = apiError(
			node,
			404,
			{ error: 'Configuration not found', code: 404 },
			{ resource: 'account' },
		);
		expect(ruleFor(404)).toBe(`${runtime.message}. ${runtime.description}`);
		expect(ruleFor(404)).toMatch(/^The token works, but no hailuoai\.video account is configured/);
		expect(ruleFor(404)).toContain('Account → Create or Update');
	});
});
