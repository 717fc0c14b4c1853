'use strict';
// Small helpers shared by the benchmark parts.
const { spawn } = require('child_process');

const ROOT = require('path').resolve(__dirname, '..', '..');

function median(values) {
	if (!values.length) return undefined;
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (value, digits = 2) =>
	value === undefined || value === null || Number.isNaN(value)
		? undefined
		: Number(value.toFixed(digits));

/** Runs a command, resolves {code, stdout, stderr}; never rejects on a non-zero exit. */
function run(cmd, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: ROOT, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** The last line of stdout that parses as JSON (children print one result line). */
function lastJson(text) {
	const lines = text.trim().split('\n').reverse();
	for (const line of lines) {
		try {
			return JSON.parse(line);
		} catch {
			// not the result line
		}
	}
	return undefined;
}

const log = (...args) => process.stderr.write(`[bench] ${args.join(' ')}\n`);

module.exports = { ROOT, median, round, run, lastJson, log };
