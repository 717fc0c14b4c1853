'use strict';
// PostgreSQL and Redis for the queue-mode run: Debian's binaries, temporary data dirs, free ports,
// 127.0.0.1 only, each started and stopped by its own PID (procs.js).
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startProcess, stopProcess, freePort, timeout } = require('./procs');

// Data dirs still on disk, so a runner stopped by a signal can remove them synchronously.
const dirs = new Set();
function tempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	dirs.add(dir);
	return dir;
}
function removeDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
	dirs.delete(dir);
}
function removeTempDirsSync() {
	for (const dir of [...dirs]) removeDir(dir);
}

/** Newest /usr/lib/postgresql/<n>/bin that has initdb and postgres, or PG_BIN. */
function postgresBin() {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base)
		? fs
				.readdirSync(base)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => b - a)
		: [];
	for (const v of versions) {
		const bin = path.join(base, v, 'bin');
		if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'postgres')))
			return bin;
	}
	return undefined;
}

/** PostgreSQL refuses to run as root: as root, run it as the postgres user (Debian creates it). */
function runAs() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

/** Resolves when `text` appears in the child's output, rejects when it exits or after `ms`. */
async function until(child, text, ms, what) {
	let seen;
	const found = new Promise((resolve) => {
		seen = resolve;
	});
	const check = setInterval(() => child.output.includes(text) && seen('ready'), 50);
	const outcome = await Promise.race([found, child.exited.then(() => 'exited'), timeout(ms)]);
	clearInterval(check);
	if (outcome !== 'ready')
		throw new Error(`${what} ${outcome}: ${child.output.trim().split('\n').slice(-6).join(' | ')}`);
}

async function startPostgres() {
	const bin = postgresBin();
	if (!bin)
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/<n>/bin/initdb): apt-get install -y postgresql',
		);
	const owner = runAs();
	// Its own temp dir (the postgres user must be able to enter it), owned by the server's user.
	const dir = tempDir('mmx-queue-pg-');
	if (owner.uid !== undefined) fs.chownSync(dir, owner.uid, owner.gid);
	const data = path.join(dir, 'data');
	const opts = { ...owner, cwd: dir, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } };
	const init = startProcess(
		path.join(bin, 'initdb'),
		['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
		opts,
	);
	const { code } = await init.exited;
	if (code !== 0)
		throw new Error(`initdb failed: ${init.output.trim().split('\n').slice(-4).join(' | ')}`);
	const port = await freePort();
	const args = [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	];
	const child = startProcess(path.join(bin, 'postgres'), args, opts);
	await until(child, 'database system is ready to accept connections', 30000, 'postgres');
	return {
		child,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
		},
		connection: { host: '127.0.0.1', port, user: 'n8n', database: 'postgres' },
		// SIGINT = fast shutdown (SIGTERM would wait for every client to leave).
		stop: async () => {
			const forced = await stopProcess(child, 10000, 'SIGINT');
			removeDir(dir);
			return forced;
		},
	};
}

async function startRedis() {
	const dir = tempDir('mmx-queue-redis-');
	const port = await freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--protected-mode',
		'yes',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
		'--daemonize',
		'no',
	];
	const child = startProcess(process.env.REDIS_SERVER || 'redis-server', args, { cwd: dir });
	await until(child, 'Ready to accept connections', 20000, 'redis-server');
	return {
		child,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop: async () => {
			const forced = await stopProcess(child, 10000);
			removeDir(dir);
			return forced;
		},
	};
}

module.exports = { startPostgres, startRedis, postgresBin, removeTempDirsSync };
