'use strict';
// Route table: [method, path pattern, op name (resource.operation as in endpoints.json), handler].
const videos = require('./api-videos');
const images = require('./api-images');
const agent = require('./api-agent');
const misc = require('./api-misc');

const ROUTES = [
	['GET', 'accounts', 'accounts.list', misc.accountsList],
	['POST', 'accounts', 'accounts.create', misc.accountsCreate],
	['GET', 'accounts/:account', 'accounts.get', misc.accountsGet],
	['DELETE', 'accounts/:account', 'accounts.delete', misc.accountsDelete],
	['GET', 'features', 'features.get', misc.featuresGet],
	['POST', 'videos/create', 'videos.create', videos.create],
	['POST', 'videos/cancel', 'videos.cancel', videos.cancel],
	['POST', 'videos/agent-create', 'videos.agentCreate', videos.agentCreate],
	['GET', 'videos/agent-templates', 'videos.listAgentTemplates', videos.listAgentTemplates],
	['GET', 'videos/characters', 'videos.listCharacters', videos.listCharacters],
	['GET', 'videos', 'videos.list', videos.list],
	['GET', 'videos/:id', 'videos.get', videos.get],
	['DELETE', 'videos/:id', 'videos.delete', videos.del],
	['POST', 'images/create', 'images.create', images.create],
	['GET', 'images', 'images.list', images.list],
	['GET', 'images/:id', 'images.get', images.get],
	['DELETE', 'images/:id', 'images.delete', images.del],
	['POST', 'files', 'files.upload', misc.filesUpload],
	['GET', 'files', 'files.list', misc.filesList],
	['DELETE', 'files/:id', 'files.delete', misc.filesDelete],
	['POST', 'agent', 'agent.run', agent.run],
	['GET', 'agent/jobs', 'agent.listJobs', agent.listJobs],
	['GET', 'agent/:id', 'agent.getJob', agent.getJob],
	['GET', 'scheduler', 'scheduler.list', misc.schedulerList],
	['GET', 'scheduler/available', 'scheduler.available', misc.schedulerAvailable],
	['DELETE', 'scheduler/:id', 'scheduler.delete', misc.schedulerDelete],
].map(([method, pattern, op, handler]) => ({ method, parts: pattern.split('/'), op, handler }));

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
		if (ok && Object.values(params).every((v) => v)) return { op: r.op, handler: r.handler, params };
	}
	return { op: 'unknown' };
}

module.exports = { match, CREATE_OPS };
