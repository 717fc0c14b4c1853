'use strict';
// Detection latency through the trigger: the simulator POSTs each job's callbacks to a tiny local
// receiver, which runs the BUILT trigger's webhook() in n8n-core's real WebhookContext (through
// test/trigger/webhook-context.js). Latency = simulator finalAt → webhook() returned the item.
const fs = require('fs');
const http = require('http');
const path = require('path');
const { ROOT, median, round, log } = require('./util');
const { loadBuilt, TRIGGER } = require('./nodes');
const { createSimulator } = require(path.join(ROOT, 'test', 'simulator'));

const SECRET = 'bench-secret-0123456789';
const HELPER = path.join(ROOT, 'test', 'trigger', 'webhook-context.js');

function startReceiver(onRequest) {
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			onRequest(req, Buffer.concat(chunks)).then(
				({ statusCode, body }) =>
					res.writeHead(statusCode, { 'Content-Type': 'application/json' }).end(body),
				(error) => res.writeHead(500).end(String(error?.message ?? error)),
			);
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function triggerLatency({ jobs }) {
	if (!fs.existsSync(HELPER)) return { skipped: 'test/trigger/webhook-context.js not present' };
	const { callWebhook } = require(HELPER);
	const built = loadBuilt();
	const nodeType = built.nodeTypes[built.type(TRIGGER)];
	const parameters = {
		requireSecret: true,
		secret: SECRET,
		events: ['completed'],
		kinds: ['video'],
		replyRefFilter: 'any',
		simplify: true,
		options: {},
	};
	const emitted = new Map();
	const errors = [];
	const receiver = await startReceiver(async (req, raw) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const body = JSON.parse(raw.toString('utf8'));
		const out = await callWebhook({
			nodeType,
			parameters,
			body,
			rawBody: raw,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
		});
		const at = Date.now();
		for (const item of out.items ?? []) {
			const id = item.json.videoId ?? item.json.id ?? body.videoId;
			if (!emitted.has(id)) emitted.set(id, at);
		}
		if (out.res.statusCode >= 400) errors.push(out.res.body);
		return { statusCode: out.res.statusCode ?? 200, body: out.res.body ?? '' };
	});
	const replyUrl = `http://127.0.0.1:${receiver.address().port}/webhook/minimax?secret=${SECRET}`;
	const sim = await createSimulator({
		port: 0,
		jobMs: 1000,
		accounts: [
			{ account: '111111111', maxJobs: 10 },
			{ account: '222222222', maxJobs: 10 },
		],
	});
	try {
		log(`trigger latency: ${jobs} jobs, replyUrl → webhook() of the built trigger`);
		const headers = { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' };
		const created = await Promise.all(
			Array.from({ length: jobs }, (_, k) =>
				fetch(`${sim.apiUrl}/videos/create`, {
					method: 'POST',
					headers,
					body: JSON.stringify({
						prompt: `bench trigger [ms=${1000 + k * 97}]`,
						replyUrl,
						replyRef: `bench-${k}`,
					}),
				}).then((r) => r.json()),
			),
		);
		const ids = created.map((c) => c.videoId).filter(Boolean);
		const deadline = Date.now() + 10_000 + jobs * 100;
		while (ids.some((id) => !emitted.has(id)) && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 50));
		const samples = ids.map((id) => ({
			id,
			latencyMs: emitted.has(id) ? emitted.get(id) - sim.jobs.get(id).finalAt : undefined,
		}));
		const values = samples.map((s) => s.latencyMs).filter((v) => v !== undefined);
		return {
			jobs: ids.length,
			emitted: values.length,
			medianMs: round(median(values), 1),
			maxMs: values.length ? Math.max(...values) : undefined,
			callbacks: sim.callbacks.length,
			callbackErrors: sim.callbacks.filter((c) => c.error || c.responseStatus >= 300).length,
			receiverErrors: errors.slice(0, 3),
			samples,
		};
	} finally {
		await sim.close();
		await new Promise((r) => receiver.close(r));
	}
}

module.exports = { triggerLatency };
