'use strict';
// n8n in queue mode on one machine: PostgreSQL + Redis, one main, N workers, one webhook processor.
// Every process has its own user folder with the packed package in its nodes folder (as a user
// installs it), and they share N8N_ENCRYPTION_KEY, the database, Redis and WEBHOOK_URL.
const path = require('path');
const { N8nInstance, tail } = require('./n8n');
const { install } = require('./pkg');
const { freePort } = require('./procs');
const { startPostgres, startRedis } = require('./services');

const OWNER = {
	email: 'queue@example.com',
	firstName: 'Queue',
	lastName: 'Test',
	password: 'Queue-password-1',
};
const BROWSER_ID = 'mmx-queue-e2e-browser';

class QueueCluster {
	constructor(host) {
		this.host = host;
		this.workers = [];
		this.timings = {};
	}

	/** Postgres and Redis, then the n8n processes' folders and env (nothing of n8n runs yet). */
	async prepare({ tarball, workDir, workers = 2, concurrency = 5 }) {
		let t0 = Date.now();
		[this.pg, this.redis] = await Promise.all([startPostgres(), startRedis()]);
		this.timings.services = Date.now() - t0;
		this.concurrency = concurrency;
		const webhookPort = await freePort();
		this.common = {
			...this.pg.env,
			...this.redis.env,
			EXECUTIONS_MODE: 'queue',
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			N8N_EXECUTION_DATA_STORAGE_MODE: 'database',
			// Public URL of the webhook processors (behind a load balancer in production).
			WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/`,
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '8',
		};
		t0 = Date.now();
		const make = async (role, port, extra = {}) => {
			const folder = path.join(workDir, role);
			const n8n = await N8nInstance.create(this.host, folder, port, { ...this.common, ...extra });
			n8n.role = role;
			await install(tarball, folder);
			return n8n;
		};
		this.main = await make('main');
		this.webhook = await make('webhook', webhookPort);
		for (let i = 1; i <= workers; i++)
			this.workers.push(
				await make(`worker${i}`, undefined, { QUEUE_HEALTH_CHECK_PORT: String(await freePort()) }),
			);
		this.timings.folders = Date.now() - t0;
		return this;
	}

	get all() {
		return [this.main, this.webhook, ...this.workers];
	}

	/** Main first (it migrates the database and registers the webhooks), then the others together. */
	async start() {
		let t0 = Date.now();
		await this.main.start(180000);
		this.timings.main = Date.now() - t0;
		t0 = Date.now();
		await Promise.all([
			this.webhook.start(120000, {
				args: ['webhook'],
				ready: 'Webhook listener waiting for requests.',
			}),
			...this.workers.map((w) =>
				w.start(120000, {
					args: ['worker', `--concurrency=${this.concurrency}`],
					ready: 'n8n worker is now ready',
				}),
			),
		]);
		this.timings.others = Date.now() - t0;
		this.cookie = await this.ownerCookie();
	}

	/** The owner account on the main → its auth cookie, for the REST calls an editor user makes. */
	async ownerCookie() {
		const res = await fetch(`${this.main.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify(OWNER),
		});
		const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
		if (!res.ok || !cookie)
			throw new Error(`owner setup answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
		return cookie;
	}

	/** A REST call on the main as the owner → { status, body (Buffer) , headers }. */
	async rest(method, pathAndQuery, body) {
		const res = await fetch(`${this.main.url}/rest${pathAndQuery}`, {
			method,
			headers: {
				cookie: this.cookie,
				'browser-id': BROWSER_ID,
				...(body ? { 'content-type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
		});
		return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
	}

	/** Which worker logged "Worker started execution <id>" → its role, or undefined. */
	workerOf(executionId) {
		const line = `Worker started execution ${executionId} `;
		const found = this.workers.find((w) => w.serverLog.includes(line));
		return found && found.role;
	}

	/** A pg client (the host's own `pg` package) on the shared database. */
	async db() {
		if (!this.client) {
			const { Client } = require(path.join(this.host.dir, 'node_modules', 'pg'));
			this.client = new Client(this.pg.connection);
			await this.client.connect();
		}
		return this.client;
	}

	/** Stops n8n (webhook + workers + main together), then Redis and Postgres → { role: ms | 'forced' }. */
	async stop() {
		const out = {};
		if (this.client) await this.client.end().catch(() => {});
		await Promise.all(
			this.all.filter(Boolean).map(async (n8n) => {
				// n8n's own graceful shutdown waits up to 30 s (N8N_GRACEFUL_SHUTDOWN_TIMEOUT) for executions it
				// still tracks, e.g. case 5's canceled run that a worker finishes late; a loaded CI machine needed > 10 s.
				const stopped = await n8n.stop(35000);
				if (stopped) out[n8n.role] = stopped.forced ? 'forced' : stopped.ms;
			}),
		);
		if (this.redis) out.redis = (await this.redis.stop()) ? 'forced' : 'ok';
		if (this.pg) out.postgres = (await this.pg.stop()) ? 'forced' : 'ok';
		return out;
	}

	logTails() {
		return this.all
			.filter(Boolean)
			.map((n) => `${n.role}: ${tail(n.serverLog, 4)}`)
			.join('\n');
	}
}

module.exports = { QueueCluster, OWNER };
