'use strict';
// Records the replyUrl POSTs the simulator sends, standing in for n8n's /webhook-waiting endpoint.
const http = require('http');

async function createReceiver() {
	const calls = [];
	const waiters = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			let body;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				body = Buffer.concat(chunks).toString('utf8');
			}
			calls.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), body });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"received":true}');
			for (const w of [...waiters]) w();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	/** Resolves once `test(calls)` holds, or rejects after `ms`. */
	function waitFor(test, ms = 10000) {
		return new Promise((resolve, reject) => {
			const check = () => {
				if (!test(calls)) return false;
				waiters.delete(check);
				clearTimeout(timer);
				resolve(calls);
				return true;
			};
			const timer = setTimeout(() => {
				waiters.delete(check);
				reject(new Error(`receiver: condition not met within ${ms} ms (${calls.length} calls)`));
			}, ms);
			waiters.add(check);
			check();
		});
	}
	const close = () => new Promise((resolve) => server.close(() => resolve()));
	return { url, calls, waitFor, close };
}

module.exports = { createReceiver };
