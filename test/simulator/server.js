'use strict';
// HTTP front door: request log, auth, encoded-id rule, fault injection, body parsing, CDN.
const { Ctx, HttpError } = require('./context');
const { ValidationError } = require('./validate');
const { parseMultipart } = require('./multipart');
const { match, CREATE_OPS } = require('./routes');
const { checkRequest } = require('./allowlist');
const { summarize, scrub, parseId } = require('./util');
const { busyBody, queueBody } = require('./create');
const media = require('./media');
const { serveAudio } = require('./audio');

const PREFIX = '/v1/minimax';

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Reads JSON and multipart bodies; anything else is kept as bytes for the allow-list to refuse. */
function parseBody(ctx, endpoint) {
	const raw = ctx.rawBody;
	const contentType = ctx.req.headers['content-type'];
	const type = String(contentType || '').toLowerCase();
	const entry = ctx.entry;
	if (endpoint && endpoint.raw) {
		entry.body = { bytes: raw.length, contentType };
		return;
	}
	if (!raw.length) return;
	if (type.startsWith('multipart/form-data')) {
		const mp = parseMultipart(raw, contentType);
		ctx.body = mp.fields;
		ctx.files = mp.files;
		ctx.multipart = true;
		entry.body = {
			bytes: raw.length,
			contentType,
			fields: summarize(mp.fields),
			files: mp.files.map((f) => ({
				field: f.field,
				name: f.name,
				size: f.data.length,
				type: f.type,
			})),
		};
		return;
	}
	if (type.split(';')[0].trim() !== 'application/json') {
		entry.body = { bytes: raw.length, contentType };
		return;
	}
	let parsed;
	try {
		parsed = JSON.parse(raw.toString('utf8'));
	} catch {
		entry.body = { bytes: raw.length, contentType };
		throw new ValidationError('Request body is not valid JSON');
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new ValidationError('Request body must be a JSON object');
	ctx.body = parsed;
	entry.body = summarize(parsed);
}

function serveCdn(ctx, rawPath) {
	const { state, options } = ctx.sim;
	const head = ctx.req.method === 'HEAD';
	ctx.entry.kind = 'cdn';
	state.stats.cdnRequests += 1;
	const send404 = () => ctx.json(404, { error: 'Not found.', code: 404 });
	if (ctx.req.method !== 'GET' && !head) return send404();
	if (serveAudio(ctx, rawPath, media.sendBuffer)) return;
	let m = /^\/cdn\/(video|agent|template)\/(\d+)(-watermark)?\.mp4$/.exec(rawPath);
	if (m) {
		ctx.entry.op = `cdn.${m[1]}`;
		if (m[1] !== 'template' && !state.byRaw.has(m[2])) return send404();
		ctx.entry.status = 200;
		return media.streamVideo(ctx.res, options.mediaBytes, head);
	}
	m = /^\/cdn\/(cover|image|agent)\/([\w]+?)(-wm|-thumb)?\.png$/.exec(rawPath);
	if (m) {
		ctx.entry.op = `cdn.${m[1]}`;
		if (m[1] === 'image' && !state.byRaw.has(m[2])) return send404();
		ctx.entry.status = 200;
		return media.sendBuffer(
			ctx.res,
			m[1] === 'cover' ? media.COVER_PNG : media.IMAGE_PNG,
			'image/png',
			head,
		);
	}
	m = /^\/cdn\/files\/(\d+)\.\w+$/.exec(rawPath);
	if (m) {
		ctx.entry.op = 'cdn.file';
		const file = [...state.files.values()].find((f) => parseId(f.fileID).raw === m[1]);
		if (!file) return send404();
		ctx.entry.status = 200;
		return media.sendBuffer(ctx.res, file.data, file.mime, head);
	}
	ctx.entry.op = 'cdn.unknown';
	send404();
}

function answerFault(ctx, fault) {
	const state = ctx.state;
	const name = ctx.query.account || ctx.body.account;
	const acct = state.accounts.get(String(name)) || state.accounts.values().next().value;
	const account = acct ? acct.account : String(name || '');
	// Speech and music have their own 429 texts (MiniMax's, not useapi's video slots).
	const audioBusy = /^speech\./.test(ctx.entry.op)
		? 'Too many speech generations'
		: /^music\./.test(ctx.entry.op)
			? 'Another music generation is already running on this account'
			: undefined;
	if (audioBusy && fault.startsWith('429')) return ctx.json(429, { error: audioBusy, code: 429 });
	if (fault === '429') return ctx.json(429, busyBody(ctx, account, state.runningVideos(account)));
	if (fault === '429queue')
		return ctx.json(429, queueBody(acct && acct.queueLimit !== undefined ? acct.queueLimit : 3));
	if (fault === '502') return ctx.json(502, { error: 'Bad Gateway', code: 502 });
	if (fault === '504') return ctx.json(504, { error: 'Gateway Timeout', code: 504 });
}

/** Log entry + context for one request, on either origin. */
function begin(sim, req, res, kind) {
	const url = req.url || '/';
	const q = url.indexOf('?');
	const rawPath = q < 0 ? url : url.slice(0, q);
	const query = Object.fromEntries(new URLSearchParams(q < 0 ? '' : url.slice(q + 1)));
	const headers = { ...req.headers };
	const authHeader = headers.authorization;
	delete headers.authorization;
	headers.authorized = authHeader !== undefined;
	const entry = {
		t: Date.now(),
		method: req.method,
		path: scrub(rawPath, sim.state.token),
		query: scrub(query, sim.state.token),
		status: undefined,
		kind,
		op: undefined,
		account: undefined,
		body: undefined,
		headers: scrub(headers, sim.state.token),
		fault: undefined,
		jobId: undefined,
	};
	sim.log.push(entry);
	const ctx = new Ctx(sim, req, res, entry);
	ctx.query = query;
	res.on('close', () => {
		entry.ms = Date.now() - entry.t;
		if (entry.status === undefined) entry.status = 0;
	});
	return { ctx, rawPath, authHeader };
}

/** The media origin (a second loopback port): no auth, GET/HEAD only. */
async function handleCdn(sim, req, res) {
	const { ctx, rawPath } = begin(sim, req, res, 'cdn');
	serveCdn(ctx, rawPath);
}

async function handle(sim, req, res) {
	const { ctx, rawPath, authHeader } = begin(sim, req, res, 'api');
	const entry = ctx.entry;
	try {
		sim.state.stats.requests += 1;
		const rel = rawPath.startsWith(`${PREFIX}/`)
			? rawPath.slice(PREFIX.length + 1).replace(/\/+$/, '')
			: undefined;
		const route = rel !== undefined ? match(req.method, rel) : { op: 'unknown' };
		entry.op = route.op;
		if (authHeader !== `Bearer ${sim.state.token}`) {
			return ctx.json(
				401,
				rel !== undefined && /^agent(\/|$)/.test(rel)
					? { error: 'Unauthorized' }
					: { error: 'Unauthorized', code: 401 },
			);
		}
		if (/%3a/i.test(rawPath)) return ctx.json(404, { error: 'Not found.', code: 404 });
		const fault = sim.decideFault(route.op);
		if (fault) {
			entry.fault = fault;
			sim.state.stats.faults[fault] = (sim.state.stats.faults[fault] || 0) + 1;
			if (fault === 'resetBefore' || (fault === 'resetAfter' && !CREATE_OPS.has(route.op)))
				return ctx.reset();
		}
		ctx.rawBody = await readBody(req);
		if (fault === 'slow') {
			await sim.delay(sim.faults.slowMs);
			if (ctx.closed) return;
		}
		if (fault === 'resetAfter') ctx.dropResponse = true;
		parseBody(ctx, route.endpoint);
		if (route.endpoint) {
			checkRequest(route.endpoint, {
				query: ctx.query,
				body: ctx.body,
				files: ctx.files,
				contentType: req.headers['content-type'],
				bodyBytes: ctx.rawBody.length,
			});
		}
		if (fault && fault !== 'slow' && fault !== 'resetAfter') return answerFault(ctx, fault);
		if (route.decommissioned) return ctx.json(410, { error: 'Decommissioned', code: 410 });
		if (!route.handler) return ctx.json(404, { error: 'Not found.', code: 404 });
		await route.handler(ctx, route.params);
	} catch (e) {
		if (ctx.dropResponse) return ctx.reset();
		if (e instanceof HttpError) return ctx.json(e.status, e.body);
		if (e instanceof ValidationError || /multipart/i.test(e.message))
			return ctx.json(400, { error: e.message, code: 400 });
		entry.error = e.stack;
		ctx.json(500, { error: `Simulator error: ${e.message}`, code: 500 });
	}
}

module.exports = { handle, handleCdn, PREFIX };
