'use strict';
// Route table: [method, path pattern, handler]; the op name (resource.operation) and the request's
// allow-list come from the endpoints file entry with the same method and path.
const videos = require('./api-videos');
const images = require('./api-images');
const agent = require('./api-agent');
const misc = require('./api-misc');
const speech = require('./api-speech');
const music = require('./api-music');
const { compileEndpoints } = require('./allowlist');

const MINIMAX = compileEndpoints(require('./spec/minimax-v1.endpoints.json'));
const SPEECH_MUSIC = compileEndpoints(require('./spec/speech-music.endpoints.json'));
// The speech-music file lists no "<raw binary>" field: its raw uploads are those that take only audio types.
for (const e of SPEECH_MUSIC.values()) {
	if (e.contentTypes.length && e.contentTypes.every((t) => t.startsWith('audio/'))) e.raw = true;
}

/**
 * [method, pattern, handler] rows → routes, each bound to its entry in `spec` (from
 * compileEndpoints), whose field lists are the request's allow-list. A row without an entry throws at load.
 */
function defineRoutes(spec, rows) {
	return rows.map(([method, pattern, handler]) => {
		// Parameter names may differ (":id" here, "{videoId}" there); the shape must not.
		const shape = (p) => p.replace(/:[A-Za-z_]+/g, ':');
		const endpoint = [...spec.values()].find(
			(e) => e.method === method && shape(e.pattern) === shape(pattern),
		);
		if (!endpoint) throw new Error(`No endpoints-file entry for ${method} /${pattern}`);
		return { method, parts: pattern.split('/'), op: endpoint.op, handler, endpoint };
	});
}

const ROUTES = defineRoutes(MINIMAX, [
	['GET', 'accounts', misc.accountsList],
	['POST', 'accounts', misc.accountsCreate],
	['GET', 'accounts/:account', misc.accountsGet],
	['DELETE', 'accounts/:account', misc.accountsDelete],
	['GET', 'features', misc.featuresGet],
	['POST', 'videos/create', videos.create],
	['POST', 'videos/cancel', videos.cancel],
	['POST', 'videos/agent-create', videos.agentCreate],
	['GET', 'videos/agent-templates', videos.listAgentTemplates],
	['GET', 'videos/characters', videos.listCharacters],
	['GET', 'videos', videos.list],
	['GET', 'videos/:id', videos.get],
	['DELETE', 'videos/:id', videos.del],
	['POST', 'images/create', images.create],
	['GET', 'images', images.list],
	['GET', 'images/:id', images.get],
	['DELETE', 'images/:id', images.del],
	['POST', 'files', misc.filesUpload],
	['GET', 'files', misc.filesList],
	['DELETE', 'files/:id', misc.filesDelete],
	['POST', 'agent', agent.run],
	['GET', 'agent/jobs', agent.listJobs],
	['GET', 'agent/:id', agent.getJob],
	['GET', 'scheduler', misc.schedulerList],
	['GET', 'scheduler/available', misc.schedulerAvailable],
	['DELETE', 'scheduler/:id', misc.schedulerDelete],
]).concat(
	defineRoutes(SPEECH_MUSIC, [
		['POST', 'speech/create', speech.create],
		['POST', 'speech/create-mp3', speech.createMp3],
		['POST', 'speech/upload-sample', speech.uploadSample],
		['POST', 'speech/clone-voice', speech.cloneVoice],
		['POST', 'speech/delete-voice', speech.deleteVoice],
		['GET', 'speech/voices', speech.voices],
		['GET', 'speech/config', speech.config],
		['GET', 'speech/equity', speech.equity],
		['GET', 'speech', speech.list],
		['GET', 'speech/:id', speech.get],
		['DELETE', 'speech/:id', speech.del],
		['POST', 'music/create', music.create],
		['POST', 'music/reference', music.reference],
		['GET', 'music', music.list],
		['GET', 'music/:id', music.get],
		['DELETE', 'music/:id', music.del],
	]),
);

/** Ops that create something upstream (resetAfter performs them before dropping the socket). */
const CREATE_OPS = new Set([
	'videos.create',
	'videos.agentCreate',
	'images.create',
	'agent.run',
	'files.upload',
	'speech.create',
	'speech.createMp3',
	'speech.uploadSample',
	'speech.cloneVoice',
	'music.create',
	'music.uploadReference',
]);

/** `rel` is the path below /v1/minimax with the trailing slash removed. */
function match(method, rel) {
	const segs = rel.split('/');
	const first = segs[0] || '';
	// Legacy GET /music/create (a generating GET) and /music/styles stay dead; GET /music and /music/{id} are live again.
	if (
		first === 'audio' ||
		first === 'llm' ||
		(first === 'music' && method === 'GET' && ['create', 'styles'].includes(segs[1]))
	) {
		return { op: `${first}.decommissioned`, decommissioned: true };
	}
	for (const r of ROUTES) {
		if (r.method !== method || r.parts.length !== segs.length) continue;
		const params = {};
		let ok = true;
		r.parts.forEach((p, i) => {
			if (p.startsWith(':')) params[p.slice(1)] = segs[i];
			else if (p !== segs[i]) ok = false;
		});
		if (ok && Object.values(params).every((v) => v))
			return { op: r.op, handler: r.handler, endpoint: r.endpoint, params };
	}
	return { op: 'unknown' };
}

module.exports = { match, CREATE_OPS, ROUTES, MINIMAX, SPEECH_MUSIC, defineRoutes };
