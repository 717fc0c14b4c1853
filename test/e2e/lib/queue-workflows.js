'use strict';
// The workflows of the queue-mode run (test/e2e/queue.js), built for one run's secret.
const GENERATE = 'n8n-nodes-useapi-minimax.minimaxGenerate';
const TRIGGER = 'n8n-nodes-useapi-minimax.minimaxTrigger';
const { CREDENTIAL } = require('./workflows');

const CRED = { ...CREDENTIAL, id: 'mmxQueueCredent1' };
const IDS = {
	batch: 'mmxQueueBatch001',
	trigger: 'mmxQueueTrigger1',
	callback: 'mmxQueueCallbck1',
};
const PATHS = { batch: 'mmx-queue-batch', callback: 'mmx-queue-callback' };
const TRIGGER_WEBHOOK_ID = 'mmx-queue-trigger';

const credentials = { useApiMinimaxApi: { id: CRED.id, name: CRED.name } };
const webhook = (path) => ({
	id: 'w1',
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: `${path}-id`,
	parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
});
const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const base = (id, name, nodes, connections) => ({
	id,
	name,
	active: false,
	settings: { executionOrder: 'v1' },
	nodes,
	connections,
});

/** Webhook {prompts: [...]} → one item per prompt → a polled Generate batch (downloads included). */
function batch() {
	return base(
		IDS.batch,
		'Queue: webhook batch',
		[
			webhook(PATHS.batch),
			{
				id: 's2',
				name: 'Split',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					fieldToSplitOut: 'body.prompts',
					options: { destinationFieldName: 'prompt' },
				},
			},
			{
				id: 'g3',
				name: 'Generate',
				type: GENERATE,
				typeVersion: 1,
				position: [440, 0],
				credentials,
				parameters: {
					resource: 'video',
					operation: 'create',
					videoModel: 'T2V-01',
					prompt: '={{ $json.prompt }}',
					waitOptions: { pollInterval: 1, timeout: 10 },
				},
			},
		],
		chain('Start', 'Split', 'Generate'),
	);
}

/** MiniMax Trigger (secret, completed videos, no download) → NoOp. */
function trigger(secret) {
	return base(
		IDS.trigger,
		'Queue: trigger',
		[
			{
				id: 't1',
				name: 'MiniMax Trigger',
				type: TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: { secret },
			},
			{
				id: 't2',
				name: 'Use the Result',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		chain('MiniMax Trigger', 'Use the Result'),
	);
}

/** Webhook → Generate in Wait Mode "Until Callback" → NoOp. */
function untilCallback() {
	return base(
		IDS.callback,
		'Queue: until callback',
		[
			webhook(PATHS.callback),
			{
				id: 'g2',
				name: 'Generate',
				type: GENERATE,
				typeVersion: 1,
				position: [220, 0],
				credentials,
				parameters: {
					resource: 'video',
					operation: 'create',
					videoModel: 'T2V-01',
					prompt: '={{ $json.body.prompt }}',
					waitMode: 'callback',
					waitOptions: { timeout: 5 },
					callback: { replyRef: 'queue-ucb' },
				},
			},
			{
				id: 'n3',
				name: 'After',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
		],
		chain('Start', 'Generate', 'After'),
	);
}

const triggerPath = (baseUrl, secret) =>
	`${baseUrl.replace(/\/$/, '')}/webhook/${TRIGGER_WEBHOOK_ID}/minimax?secret=${secret}`;

module.exports = { CRED, IDS, PATHS, batch, trigger, untilCallback, triggerPath };
