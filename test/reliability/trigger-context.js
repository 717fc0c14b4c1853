'use strict';
// Calls the built trigger's webhook() with a hand-made IWebhookFunctions, the way n8n's webhook
// helper does: parameters (defaults from the description), query, headers, body, rawBody, response.
const { nodes, TYPES } = require('./lib');

function defaultsOf(description) {
	const out = {};
	for (const p of description.properties) if (p.type !== 'notice') out[p.name] = p.default;
	return out;
}

/**
 * c: { parameters, query, headers, body (object) | raw (string sent as-is), mode }
 * Resolves to { statusCode, responseText, workflowData }.
 */
async function callWebhook(c) {
	const node = nodes().nodeTypes[TYPES.trigger];
	const params = { ...defaultsOf(node.description), ...c.parameters };
	const raw = c.raw !== undefined ? c.raw : JSON.stringify(c.body ?? {});
	let parsedBody = {};
	// n8n's body parser: JSON bodies are parsed; a parse failure leaves the body empty with rawBody set.
	try {
		parsedBody = JSON.parse(raw);
	} catch {
		parsedBody = {};
	}
	const response = { statusCode: undefined, text: '' };
	const res = {
		writeHead(code) {
			response.statusCode = code;
			return res;
		},
		status(code) {
			response.statusCode = code;
			return res;
		},
		setHeader() {},
		end(text) {
			response.text = String(text ?? '');
		},
		send(text) {
			response.text = typeof text === 'string' ? text : JSON.stringify(text);
		},
	};
	const staticData = {};
	const ctx = {
		getNodeParameter(name, fallback) {
			return name in params ? params[name] : fallback;
		},
		getQueryData: () => c.query ?? {},
		getHeaderData: () => ({ 'content-type': 'application/json', ...(c.headers ?? {}) }),
		getBodyData: () => parsedBody,
		getRequestObject: () => ({ rawBody: Buffer.from(raw), body: parsedBody, headers: c.headers ?? {}, query: c.query ?? {} }),
		getResponseObject: () => res,
		getWorkflow: () => ({ id: 'reliability', name: 'reliability', active: true }),
		getNode: () => ({ name: 'MiniMax Trigger', type: TYPES.trigger, typeVersion: 1, parameters: params }),
		getMode: () => c.mode ?? 'webhook',
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => {
			throw new Error('no credential in the bad-input table');
		},
		getExecutionCancelSignal: () => undefined,
		helpers: {
			returnJsonArray: (items) => (Array.isArray(items) ? items : [items]).map((json) => ({ json })),
		},
	};
	const out = await node.webhook.call(ctx);
	if (!out.noWebhookResponse) {
		response.statusCode = response.statusCode ?? 200;
		response.text = response.text || JSON.stringify(out.webhookResponse ?? {});
	}
	return { statusCode: response.statusCode, responseText: response.text, workflowData: out.workflowData };
}

module.exports = { callWebhook };
