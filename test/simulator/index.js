'use strict';
// useapi.net MiniMax API v1 simulator. See README.md in this folder.
const http = require('http');
const { State } = require('./state');
const { handle, handleCdn } = require('./server');
const { mulberry32 } = require('./util');
const callbacks = require('./callbacks');
const { videoRecord, imageRecord, agentRecord, recordOf } = require('./records');

const DEFAULT_TOKEN = 'user:1234-simtoken0123456789';
const DEFAULT_FAULTS = {
	rate: 0,
	seed: 1,
	kinds: ['429', '429queue', '502', '504', 'resetBefore', 'resetAfter', 'slow'],
	slowMs: 300,
	paths: undefined,
};
const FAULT_KINDS = new Set(DEFAULT_FAULTS.kinds);

class Simulator {
	constructor(options = {}) {
		this.options = {
			port: 0,
			cdnPort: 0,
			token: DEFAULT_TOKEN,
			jobMs: 800,
			cloneMs: 50,
			cloneRefusalStatus: 400,
			referenceStatus: 200,
			musicCreateShape: 'object',
			musicListShape: 'array',
			createMp3Shape: 'record',
			speechSubtitles: false,
			schedulerListsAudio: true,
			recordExtras: false,
			mediaBytes: undefined,
			callbackShape: 'record',
			callbackProgress: true,
			agentCreateMode: 'sse',
			filesListing: 'empty',
			publicUrl: undefined,
			...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
		};
		const o = this.options;
		if (![400, 429, 200].includes(o.cloneRefusalStatus))
			throw new Error(`cloneRefusalStatus must be 400, 429 or 200, not ${o.cloneRefusalStatus}`);
		if (![200, 201].includes(o.referenceStatus))
			throw new Error(`referenceStatus must be 200 or 201, not ${o.referenceStatus}`);
		if (!['object', 'array'].includes(o.musicCreateShape))
			throw new Error(`musicCreateShape must be object or array, not ${o.musicCreateShape}`);
		if (!['array', 'object'].includes(o.musicListShape))
			throw new Error(`musicListShape must be array or object, not ${o.musicListShape}`);
		if (!['record', 'mp3'].includes(o.createMp3Shape))
			throw new Error(`createMp3Shape must be record or mp3, not ${o.createMp3Shape}`);
		if (!['record', 'wrapped', 'partial'].includes(o.callbackShape))
			throw new Error(`callbackShape must be record, wrapped or partial, not ${o.callbackShape}`);
		if (!['sse', 'json', 'sse-no-final'].includes(o.agentCreateMode))
			throw new Error(
				`agentCreateMode must be sse, json or sse-no-final, not ${o.agentCreateMode}`,
			);
		if (!['empty', 'uploaded'].includes(o.filesListing))
			throw new Error(`filesListing must be empty or uploaded, not ${o.filesListing}`);
		this.state = new State({
			token: o.token,
			accounts:
				o.accounts && o.accounts.length
					? o.accounts
					: [{ account: '987654321', maxJobs: 3, paid: true }],
		});
		// [gap] word timings: finished speech records carry subtitle_url (an SRT) only with this option.
		this.state.speechSubtitles = !!o.speechSubtitles;
		this.token = o.token;
		this.log = [];
		this.callbacks = [];
		this.timers = new Set();
		this.outgoing = new Set();
		this.streams = new Set();
		this.faults = { ...DEFAULT_FAULTS };
		this.setFaults(options.faults || {});
		this.server = http.createServer((req, res) => {
			handle(this, req, res).catch((e) => {
				if (!res.headersSent) res.writeHead(500).end(String(e && e.message));
			});
		});
		this.server.keepAliveTimeout = 5000;
		// Result media live on a second origin, like cdn.hailuoai.video: a client must not send its token there.
		this.cdnServer = http.createServer((req, res) => {
			handleCdn(this, req, res).catch((e) => {
				if (!res.headersSent) res.writeHead(500).end(String(e && e.message));
			});
		});
		this.cdnServer.keepAliveTimeout = 5000;
	}

	get jobs() {
		return this.state.jobs;
	}

	listen() {
		const open = (server, port) =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					server.off('error', reject);
					resolve(server.address().port);
				});
			});
		return (async () => {
			this.port = await open(this.server, this.options.port);
			this.cdnPort = await open(this.cdnServer, this.options.cdnPort);
			this.url = `http://127.0.0.1:${this.port}`;
			this.apiUrl = `${this.url}/v1/minimax`;
			this.cdnUrl = `http://127.0.0.1:${this.cdnPort}`;
			// Media URLs may need another host (e.g. n8n in a container): publicUrl overrides the CDN base.
			this.state.base = (this.options.publicUrl || this.cdnUrl).replace(/\/+$/, '');
			return this;
		})();
	}

	decideFault(op) {
		const f = this.faults;
		if (!(f.rate > 0) || !f.kinds.length) return undefined;
		if (f.paths && !f.paths.includes(op)) return undefined;
		if (this.rng() >= f.rate) return undefined;
		return f.kinds[Math.floor(this.rng() * f.kinds.length)];
	}

	delay(ms) {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	stats() {
		const s = this.state.stats;
		return JSON.parse(
			JSON.stringify({
				...s,
				callbacksRecorded: this.callbacks.length,
				logEntries: this.log.length,
			}),
		);
	}

	/** Current GET record of a job (same JSON the API would return). */
	record(id) {
		const job = this.state.jobs.get(id);
		return job ? recordOf(this, job) : undefined;
	}

	/**
	 * Ends a running job now with the outcome its prompt asked for (tests drive the clock this way
	 * instead of sleeping): the final callback goes out, streams and held agent answers complete.
	 */
	completeJob(id) {
		const job = this.state.jobs.get(id);
		if (!job) throw new Error(`No job ${id}`);
		if (!job.final) job.ms = Math.max(0, Date.now() - job.createdAt);
		callbacks.finishNow(this, job);
		for (const wake of job.wakers.splice(0)) wake();
		return recordOf(this, job);
	}

	setAccount(account, patch = {}) {
		const acct =
			this.state.accounts.get(String(account)) ||
			this.state.addAccount({ account: String(account) });
		for (const [k, v] of Object.entries(patch)) {
			if (k === 'account' || k === 'creates') continue;
			if (['paid', 'onHold', 'outOfCredits', 'supportAudio', 'audioOutOfCredits'].includes(k))
				acct[k] = !!v;
			else acct[k] = v === undefined || v === null ? undefined : Number(v);
		}
		return { ...acct };
	}

	setFaults(patch = {}) {
		const next = {
			...this.faults,
			...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
		};
		if ('paths' in patch) next.paths = patch.paths; // explicit undefined clears the filter
		for (const k of next.kinds) if (!FAULT_KINDS.has(k)) throw new Error(`Unknown fault kind ${k}`);
		const reseed = !this.rng || patch.seed !== undefined;
		this.faults = next;
		if (reseed) this.rng = mulberry32(Number(next.seed) || 0);
		return { ...this.faults };
	}

	reset() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const s of this.streams) s.destroy();
		this.streams.clear();
		this.state.resetJobs();
		this.log.length = 0;
		this.callbacks.length = 0;
		this.rng = mulberry32(Number(this.faults.seed) || 0);
	}

	async close() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const r of this.outgoing) r.destroy();
		for (const s of this.streams) s.destroy();
		const closing = [this.server, this.cdnServer].map(
			(server) =>
				new Promise((resolve) => {
					if (!server.listening) return resolve();
					server.close(() => resolve());
					server.closeAllConnections();
				}),
		);
		await Promise.all(closing);
	}
}

async function createSimulator(options) {
	const sim = new Simulator(options);
	return sim.listen();
}

module.exports = {
	createSimulator,
	Simulator,
	DEFAULT_TOKEN,
	videoRecord,
	imageRecord,
	agentRecord,
};
