'use strict';
/**
 * A hostile API in front of the simulator, and a second loopback host ("elsewhere") that records
 * every request it gets. `rule(req)` decides per request: undefined = pass through to the simulator,
 * `{redirect: status}` = answer that 3xx pointing at the same path on `elsewhere`,
 * `{redirectSame: status}` = a 3xx to the same path on the hostile origin itself (marked `?hop=1`),
 * `{echo: status}` = an error body quoting the Authorization header (and the whole header set).
 * Both listen on 127.0.0.1, port 0. Used by the jest security tests and the reliability run.
 */
const http = require('http');

function listen(server) {
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)),
	);
}

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', () => resolve(Buffer.concat(chunks)));
	});
}

async function createElsewhere() {
	const requests = [];
	const server = http.createServer(async (req, res) => {
		const body = await readBody(req);
		requests.push({
			method: req.method,
			url: req.url,
			headers: { ...req.headers },
			body: body.toString('latin1'),
		});
		res.writeHead(200, { 'Content-Type': 'video/mp4' });
		res.end(Buffer.from('not the video you wanted'));
	});
	const url = await listen(server);
	return {
		url,
		requests,
		close: () =>
			new Promise((r) => {
				server.closeAllConnections();
				server.close(() => r());
			}),
	};
}

/**
 * options: { sim, target (default sim.url), rule(req) } → { url, elsewhere, served: [{method, url, action}], close() }.
 * Rule actions also include `{reset: true}` (socket destroyed) and `{status: n}` (a bare error answer).
 */
async function createHostile({ sim, target: to, rule = () => undefined }) {
	const elsewhere = await createElsewhere();
	const served = [];
	const target = new URL(to || sim.url);
	const server = http.createServer(async (req, res) => {
		const body = await readBody(req);
		const action = (req.url.includes('hop=1') ? undefined : rule(req)) || undefined;
		served.push({
			method: req.method,
			url: req.url,
			action: action ? Object.keys(action)[0] : 'pass',
		});
		if (action && action.redirect) {
			res.writeHead(action.redirect, { Location: `${elsewhere.url}${req.url}` });
			return res.end();
		}
		if (action && action.redirectSame) {
			const sep = req.url.includes('?') ? '&' : '?';
			res.writeHead(action.redirectSame, { Location: `${req.url}${sep}hop=1` });
			return res.end();
		}
		if (action && action.reset) return req.socket.destroy();
		if (action && action.status) {
			res.writeHead(action.status, { 'Content-Type': 'application/json' });
			return res.end(JSON.stringify({ error: 'Injected', code: action.status }));
		}
		if (action && action.echoUpper) {
			res.writeHead(action.echoUpper, { 'Content-Type': 'application/json' });
			return res.end(
				JSON.stringify({
					error: `AUTH ${String(req.headers.authorization || '').toUpperCase()} REJECTED`,
					code: action.echoUpper,
				}),
			);
		}
		if (action && action.echo) {
			res.writeHead(action.echo, {
				'Content-Type': 'application/json',
				'X-Echo': String(req.headers.authorization || ''),
			});
			return res.end(
				JSON.stringify({
					error: `Rejected request with Authorization: ${req.headers.authorization}`,
					code: action.echo,
					statusInfo: {
						message: `token was ${String(req.headers.authorization || '').replace(/^Bearer /, '')}`,
					},
					headers: req.headers,
				}),
			);
		}
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url.replace(/[?&]hop=1$/, ''),
				headers: { ...req.headers, host: target.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		upstream.end(body);
	});
	const url = await listen(server);
	return {
		url,
		elsewhere,
		served,
		async close() {
			server.closeAllConnections();
			await new Promise((r) => server.close(() => r()));
			await elsewhere.close();
		},
	};
}

/**
 * A result CDN that streams any path slowly (`chunk` bytes every `everyMs`, `total` in all), so a
 * download is still running when the workflow is stopped. `downloads` records when each ended and why.
 */
async function createSlowCdn({ total = 4_000_000, chunk = 16_384, everyMs = 50 } = {}) {
	const downloads = [];
	const server = http.createServer((req, res) => {
		const entry = {
			url: req.url,
			startedAt: Date.now(),
			endedAt: undefined,
			sent: 0,
			complete: false,
			authorization: req.headers.authorization,
		};
		downloads.push(entry);
		res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(total) });
		const timer = setInterval(() => {
			const n = Math.min(chunk, total - entry.sent);
			entry.sent += n;
			res.write(Buffer.alloc(n, 1));
			if (entry.sent >= total) {
				entry.complete = true;
				clearInterval(timer);
				res.end();
			}
		}, everyMs);
		res.on('close', () => {
			clearInterval(timer);
			entry.endedAt = Date.now();
		});
	});
	const url = await listen(server);
	return {
		url,
		downloads,
		close: () =>
			new Promise((r) => {
				server.closeAllConnections();
				server.close(() => r());
			}),
	};
}

/** Requests to `elsewhere` that carry the token anywhere (headers, URL, body). */
function tokenArrivals(elsewhere, secrets) {
	return elsewhere.requests.filter((r) => secrets.some((s) => JSON.stringify(r).includes(s)));
}

module.exports = { createHostile, createElsewhere, createSlowCdn, tokenArrivals };
