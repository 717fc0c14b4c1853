'use strict';
// Route table: [method, path pattern, handler]; the op name (resource.operation) and the request's
// allow-list come from the endpoints file entry with the same method and path.
const videos = require('./api-videos');
const images = require('./api-images');
const agent = require('./api-agent');
const misc = require('./api-misc');
const { compileEndpoints } = require('./allowlist');

const MINIMAX = compileEndpoints(require('./spec/minimax-v1.endpoints.json'));

/**
 * [method, pattern, handler] rows → routes, each bound to its entry in `spec` (from
 * compileEndpoints), whose field lists are the request's allow-list. A row without an entry throws at load.
 */
function defineRoutes(spec, rows) {
	return rows.map(([method, pattern, handler]) => {
		// Parameter names may differ (":id" here, "{videoId}" there); the shape must not.
		const shape = (p) => p.replace(/:[A-Za-z_]+/g, ':');
		const endpoint = [...spec.values()].find((e) => e.method === method && shape(e.pattern) === shape(pattern));
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
]);

/** Ops that create something upstream (resetAfter performs them before dropping the socket). */
const CREATE_OPS = new Set(['videos.create', 'videos.agentCreate', 'images.create', 'agent.run', 'files.upload']);

/** `rel` is the path below /v1/minimax with the trailing slash removed. */
function match(method, rel) {
	const segs = rel.split('/');
	const first = segs[0] || '';
	if (first === 'audio' || first === 'llm' || (first === 'music' && method === 'GET')) {
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
		if (ok && Object.values(params).every((v) => v)) return { op: r.op, handler: r.handler, endpoint: r.endpoint, params };
	}
	return { op: 'unknown' };
}

module.exports = { match, CREATE_OPS, ROUTES, MINIMAX, defineRoutes };
