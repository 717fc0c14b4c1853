import { Workflow, type INode } from 'n8n-workflow';

import { MinimaxTrigger } from '../../nodes/MinimaxTrigger/MinimaxTrigger.node';
import { video } from '../callback/fixtures';
import { callWebhook } from './webhook-context';

const nodeType = new MinimaxTrigger();
const SECRET = 'dummy-test-value-path_7';
const WEBHOOK_ID = 'b1f7c2a0-0000-4000-8000-000000000001';

/** The webhook path n8n registers (and shows as the Production URL): n8n resolves the description's path as a simple expression and prefixes the webhook id. */
function registeredPath(typeVersion: number, parameters: INode['parameters']): string {
	const node: INode = {
		id: 't',
		name: 'MiniMax Trigger',
		type: 'n8n-nodes-useapi-minimax.minimaxTrigger',
		typeVersion,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters,
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const resolved = workflow.getNode(node.name) as INode;
	const path = workflow.expression.getSimpleParameterValue(
		resolved,
		nodeType.description.webhooks?.[0].path,
		'webhook',
		{},
	);
	return `${WEBHOOK_ID}/${String(path)}`;
}

describe('trigger version 2: the Production URL is the complete Reply URL', () => {
	it('puts the secret into the webhook path (version 1 keeps /minimax)', () => {
		expect(registeredPath(2, { secret: SECRET })).toBe(`${WEBHOOK_ID}/minimax/${SECRET}`);
		expect(registeredPath(1, { secret: SECRET })).toBe(`${WEBHOOK_ID}/minimax`);
		expect(registeredPath(2, { secret: SECRET, requireSecret: false })).toBe(
			`${WEBHOOK_ID}/minimax`,
		);
		// Characters that would break a URL path are left out of it.
		expect(registeredPath(2, { secret: 'ab/c?d#e%f:g' })).toBe(`${WEBHOOK_ID}/minimax/abcdefg`);
	});

	it('accepts a call to that URL without ?secret=, and refuses a wrong path secret', async () => {
		const url = `/webhook/${WEBHOOK_ID}/minimax/${SECRET}`;
		const ok = await callWebhook({
			nodeType,
			workflowId: 'wf-url-v2',
			typeVersion: 2,
			parameters: { secret: SECRET },
			body: video(2),
			url,
		});
		expect(ok.res.statusCode ?? 200).toBe(200);
		expect(ok.items).toHaveLength(1);
		expect(JSON.stringify(ok.items)).not.toContain(SECRET);
		const wrong = await callWebhook({
			nodeType,
			typeVersion: 2,
			parameters: { secret: SECRET },
			body: video(2),
			url: `/webhook/${WEBHOOK_ID}/minimax/${SECRET}x`,
		});
		expect(wrong.res.statusCode).toBe(403);
		expect(wrong.items).toHaveLength(0);
	});

	it('version 1 does not take the secret from the path', async () => {
		const r = await callWebhook({
			nodeType,
			typeVersion: 1,
			parameters: { secret: SECRET },
			body: video(2),
			url: `/webhook/${WEBHOOK_ID}/minimax/${SECRET}`,
		});
		expect(r.res.statusCode).toBe(403);
		const query = await callWebhook({
			nodeType,
			workflowId: 'wf-url-v1',
			typeVersion: 1,
			parameters: { secret: SECRET },
			body: video(2),
			query: { secret: SECRET },
			url: `/webhook/${WEBHOOK_ID}/minimax?secret=${SECRET}`,
		});
		expect(query.items).toHaveLength(1);
	});
});
