'use strict';
// Shared helpers for the simulator's own jest tests.
const http = require('http');
const { createSimulator } = require('./index');

async function start(opts = {}) {
	const sim = await createSimulator({ jobMs: 200, ...opts });
	const api = async (
		method,
		path,
		{ json, body, headers = {}, token = sim.token, noAuth = false } = {},
	) => {
		const h = { ...headers };
		if (!noAuth) h.Authorization = `Bearer ${token}`;
		let payload = body;
		if (json !== undefined) {
			h['Content-Type'] = 'application/json';
			payload = JSON.stringify(json);
		}
		const res = await fetch(`${sim.url}/v1/minimax${path}`, { method, headers: h, body: payload });
		const text = await res.text();
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// SSE or plain text
		}
		return { status: res.status, body: parsed, text, headers: res.headers };
	};
	return { sim, api };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(fn, timeoutMs = 5000, stepMs = 20) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error('waitFor timed out');
		await sleep(stepMs);
	}
}

/** Tiny callback receiver: collects JSON POST bodies. */
async function receiver() {
	const hits = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			hits.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
			res.writeHead(200).end('ok');
		});
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return {
		url: `http://127.0.0.1:${server.address().port}/hook`,
		hits,
		close: () =>
			new Promise((r) => {
				server.closeAllConnections();
				server.close(r);
			}),
	};
}

module.exports = { start, sleep, waitFor, receiver };
