'use strict';
/**
 * Calls a node's webhook() inside n8n-core's real WebhookContext (the object n8n builds for each
 * webhook request), with a fake request/response pair that records what the node answered.
 */
const { NodeTypes, CredentialsHelper } = require('../harness');
const { WebhookContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const TYPE = 'n8n-nodes-useapi-minimax.minimaxTrigger';

function fakeResponse() {
	const res = { statusCode: undefined, headers: {}, body: undefined, ended: false };
	res.writeHead = (code, headers) => {
		res.statusCode = code;
		Object.assign(res.headers, headers);
		return res;
	};
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.setHeader = (key, value) => {
		res.headers[key] = value;
	};
	res.end = (chunk) => {
		if (res.ended) throw new Error('response ended twice');
		res.ended = true;
		res.body = chunk === undefined ? undefined : String(chunk);
		if (res.statusCode === undefined) res.statusCode = 200;
		return res;
	};
	res.json = (data) => res.end(JSON.stringify(data));
	res.send = (data) => res.end(typeof data === 'string' ? data : JSON.stringify(data));
	return res;
}

/**
 * options: { nodeType, credentialType, parameters, body, query, headers, rawBody, staticData,
 *            mode ('webhook'|'manual'), credentials, workflowId, type, nodeName, executionId }
 * → { result, res, staticData, json (first item json or undefined), items }
 */
async function callWebhook(options) {
	const node = {
		id: 'trigger',
		name: options.nodeName ?? 'MiniMax Trigger',
		type: options.type ?? TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		webhookId: 'b1f7c2a0-0000-4000-8000-000000000001',
		parameters: options.parameters ?? {},
		credentials: options.credentials
			? { useApiMinimaxApi: { id: '1', name: 'useapi' } }
			: undefined,
	};
	const staticData = options.staticData ?? {};
	const workflow = new Workflow({
		id: options.workflowId ?? 'wf-trigger',
		name: 'trigger test',
		nodes: [node],
		connections: {},
		nodeTypes: new NodeTypes({ [options.type ?? TYPE]: options.nodeType }),
		active: true,
		settings: {},
		staticData,
	});
	const credentialTypes = options.credentialType
		? { useApiMinimaxApi: options.credentialType }
		: {};
	const res = fakeResponse();
	const req = {
		method: 'POST',
		body: options.body,
		rawBody: options.rawBody,
		headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
		query: options.query ?? {},
		params: {},
		url: options.url,
		originalUrl: options.url,
	};
	const additionalData = {
		credentialsHelper: new CredentialsHelper(credentialTypes, options.credentials ?? {}),
		executionId: options.executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		httpRequest: req,
		httpResponse: res,
	};
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'minimax',
		webhookDescription: options.nodeType.description.webhooks[0],
		workflowId: workflow.id,
	};
	const ctx = new WebhookContext(
		workflow,
		node,
		additionalData,
		options.mode ?? 'webhook',
		webhookData,
		[],
	);
	const result = await options.nodeType.webhook.call(ctx);
	const items = result.workflowData ? result.workflowData[0] : [];
	return { result, res, staticData: workflow.staticData, items, json: items[0]?.json };
}

module.exports = { callWebhook, TYPE };
