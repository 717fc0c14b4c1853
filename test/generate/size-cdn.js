'use strict';
/**
 * A loopback media host for the URL-input size cap. Paths: /declared/<bytes>.png (Content-Length
 * set), /chunked/<bytes>.png (no Content-Length), /gzip/<bytes>.png (a gzip body that inflates to
 * <bytes>, Content-Length = the small compressed size), /to/<url-encoded target> (a 302 there).
 * Bodies are a PNG signature and zeros, written as fast as the client reads (backpressure), so
 * `sent` shows how far the client let it go before it closed the socket.
 */
const http = require('http');
const zlib = require('zlib');

const CHUNK = 64 * 1024;

function pngOf(bytes) {
	const buf = Buffer.alloc(bytes);
	Buffer.from('89504e470d0a1a0a', 'hex').copy(buf);
	return buf;
}

function stream(res, total, entry) {
	const head = pngOf(Math.min(CHUNK, total));
	const zeros = Buffer.alloc(CHUNK);
	const pump = () => {
		while (entry.sent < total && !res.destroyed) {
			const n = Math.min(CHUNK, total - entry.sent);
			const chunk = (entry.sent === 0 ? head : zeros).subarray(0, n);
			entry.sent += n;
			if (!res.write(chunk)) return res.once('drain', pump);
		}
		if (entry.sent >= total) res.end(() => (entry.complete = true));
	};
	pump();
}

async function createSizeCdn() {
	const requests = [];
	const server = http.createServer((req, res) => {
		const [, kind, rest = ''] = req.url.split('/');
		const entry = {
			url: req.url,
			sent: 0,
			total: 0,
			complete: false,
			closed: false,
			authorization: req.headers.authorization,
		};
		requests.push(entry);
		res.on('close', () => (entry.closed = true));
		if (kind === 'to') {
			res.writeHead(302, { Location: decodeURIComponent(rest) });
			return res.end();
		}
		const bytes = Number.parseInt(rest, 10);
		entry.total = bytes;
		if (kind === 'declared') {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(bytes) });
			return stream(res, bytes, entry);
		}
		if (kind === 'chunked') {
			res.writeHead(200, { 'Content-Type': 'image/png' });
			return stream(res, bytes, entry);
		}
		if (kind === 'gzip') {
			const body = zlib.gzipSync(pngOf(bytes));
			entry.total = body.length;
			res.writeHead(200, {
				'Content-Type': 'image/png',
				'Content-Encoding': 'gzip',
				'Content-Length': String(body.length),
			});
			entry.sent = body.length;
			return res.end(body, () => (entry.complete = true));
		}
		res.writeHead(404);
		res.end();
	});
	const url = await new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)),
	);
	return {
		url,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { createSizeCdn };
