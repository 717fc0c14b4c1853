'use strict';
// The example workflows, made ready for one n8n instance: fixed ids, the imported credential, and
// the simulator / n8n / secret placeholders swapped for this run's values.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');
const CREDENTIAL = {
	id: 'e2eMinimaxCred01',
	name: 'useapi.net MiniMax account',
	type: 'useApiMinimaxApi',
};
// Placeholders the examples use (the simulator's CLI default port, n8n's default port).
const SIM_PLACEHOLDER = 'http://127.0.0.1:18080';
// The simulator's media origin (a second port, like a real CDN): `npm run simulator -- --port 18080 --cdn-port 18081`.
const CDN_PLACEHOLDER = 'http://127.0.0.1:18081';
const N8N_PLACEHOLDER = 'http://localhost:5678';
const SECRET_PLACEHOLDER = 'replace-with-your-own-secret';

function loadExamples(dir = EXAMPLES_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file, i) => ({
			file,
			key: file.replace(/\.json$/, ''),
			id: `e2eWorkflow${String(i + 1).padStart(5, '0')}`,
			workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')),
		}));
}

function replaceStrings(value, swaps) {
	if (typeof value === 'string')
		return swaps.reduce((s, [from, to]) => s.split(from).join(to), value);
	if (Array.isArray(value)) return value.map((v) => replaceStrings(v, swaps));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, swaps)]));
	}
	return value;
}

/** A fresh secret per run: nothing may depend on the placeholder's value. */
function runValues(simUrl, n8nUrl, cdnUrl) {
	return { simUrl, n8nUrl, cdnUrl, secret: `e2e-${crypto.randomBytes(12).toString('hex')}` };
}

function prepare(example, values, { keepPolling = false } = {}) {
	const swaps = [
		[CDN_PLACEHOLDER, values.cdnUrl],
		[SIM_PLACEHOLDER, values.simUrl],
		[N8N_PLACEHOLDER, values.n8nUrl],
		[SECRET_PLACEHOLDER, values.secret],
	];
	const wf = replaceStrings(example.workflow, swaps);
	wf.id = example.id;
	wf.active = false;
	for (const node of wf.nodes) {
		// Speed only: the simulator finishes jobs in seconds, so poll every second instead of every 10.
		if (
			!keepPolling &&
			/\.minimaxGenerate$/.test(node.type) &&
			node.parameters.waitForCompletion !== false
		) {
			// Version 2 keeps the poll interval in Options, version 1 in Wait Options.
			const at = (node.typeVersion || 1) >= 2 ? 'options' : 'waitOptions';
			node.parameters[at] = { ...(node.parameters[at] || {}), pollInterval: 1 };
		}
		if (node.credentials && node.credentials[CREDENTIAL.type]) {
			node.credentials[CREDENTIAL.type] = { id: CREDENTIAL.id, name: CREDENTIAL.name };
		}
	}
	return wf;
}

const isTriggerWorkflow = (wf) => wf.nodes.some((n) => /\.minimaxTrigger$/.test(n.type));
const isManual = (wf) => wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');

/**
 * Production webhook URL of a trigger node, as the editor shows it: version 2 carries the secret in
 * the path (the complete Reply URL), version 1 is /webhook/<webhookId>/minimax plus `?secret=`.
 * `bare` leaves the secret out (what a caller without it would try).
 */
function webhookUrl(wf, n8nUrl, { bare = false } = {}) {
	const node = wf.nodes.find((n) => /\.minimaxTrigger$/.test(n.type));
	const base = `${n8nUrl}/webhook/${node.webhookId}/minimax`;
	if (bare) return base;
	const secret = node.parameters.secret;
	return (node.typeVersion || 1) >= 2 ? `${base}/${secret}` : `${base}?secret=${secret}`;
}

/**
 * Static check of the example files against the built nodes: every parameter a package node sets
 * exists in its description (a renamed parameter would otherwise be dropped silently), and every
 * credential reference uses the documented name.
 */
function lintExamples(examples, nodeClasses) {
	const problems = [];
	for (const { file, workflow } of examples) {
		for (const node of workflow.nodes) {
			const Cls = nodeClasses[node.type];
			if (!Cls) continue;
			const names = new Set(new Cls().description.properties.map((p) => p.name));
			for (const key of Object.keys(node.parameters || {}))
				if (!names.has(key))
					problems.push(`${file}: "${node.name}" sets unknown parameter "${key}"`);
			const ref = node.credentials && node.credentials[CREDENTIAL.type];
			if (ref && ref.name !== CREDENTIAL.name)
				problems.push(
					`${file}: "${node.name}" credential name is "${ref.name}", not "${CREDENTIAL.name}"`,
				);
		}
	}
	return problems;
}

module.exports = {
	lintExamples,
	EXAMPLES_DIR,
	CREDENTIAL,
	loadExamples,
	prepare,
	runValues,
	isTriggerWorkflow,
	isManual,
	webhookUrl,
};
