'use strict';
// Every child process the runner starts, so each can be stopped by its own PID (also on failure).
const { spawn } = require('child_process');
const net = require('net');

const live = new Set();

/** Spawns in its own process group (n8n starts task-runner children) and remembers the PID. */
function startProcess(cmd, args, options = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
	live.add(child);
	child.output = '';
	const collect = (chunk) => {
		child.output += chunk.toString('utf8');
		if (options.onOutput) options.onOutput(child.output);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	child.exited = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			live.delete(child);
			resolve({ code, signal });
		});
		child.on('error', (err) => {
			child.output += `\nspawn error: ${err.message}`;
			live.delete(child);
			resolve({ code: -1, signal: null });
		});
	});
	return child;
}

function signalGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			process.kill(child.pid, signal);
		} catch {
			// already gone
		}
	}
}

/** SIGTERM (or `signal`) to the process (n8n shuts down its runners), SIGKILL to its group after `graceMs` → true if it had to. */
async function stopProcess(child, graceMs = 10000, signal = 'SIGTERM') {
	if (!child || !live.has(child)) return false;
	try {
		process.kill(child.pid, signal);
	} catch {
		// already gone
	}
	const forced = (await Promise.race([child.exited, timeout(graceMs)])) === 'timeout';
	if (forced) signalGroup(child, 'SIGKILL');
	await child.exited;
	signalGroup(child, 'SIGKILL'); // leftovers of the group, if any
	return forced;
}

/** Resolves 'timeout' after ms without keeping the process alive. */
function timeout(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms, 'timeout').unref());
}

/** Runs to completion (or kills after timeoutMs) → { code, out, ms }. */
async function run(cmd, args, options = {}) {
	const t0 = Date.now();
	const child = startProcess(cmd, args, options);
	const timeoutMs = options.timeoutMs || 180000;
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
	const { code, signal } = await child.exited;
	clearTimeout(timer);
	const ms = Date.now() - t0;
	const out = signal ? `${child.output}\n[killed by ${signal} after ${ms} ms]` : child.output;
	return { code, out, ms };
}

/** Synchronous last resort for process exit: kill whatever is still running. */
function killAllSync() {
	for (const child of live) signalGroup(child, 'SIGKILL');
	live.clear();
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

module.exports = { startProcess, stopProcess, run, killAllSync, freePort, timeout };
