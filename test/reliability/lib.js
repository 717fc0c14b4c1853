'use strict';
// Shared pieces of the reliability run: output capture, check recording, token scan, node loading.
const path = require('path');
const { runNode, loadPackage } = require('../harness');

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = 'n8n-nodes-useapi-minimax';
const TYPES = {
	generate: `${PKG}.minimaxGenerate`,
	declarative: `${PKG}.minimax`,
	trigger: `${PKG}.minimaxTrigger`,
};
// Distinctive so a scan cannot hit by accident; the uid (4242) is what the simulator puts into ids.
const TOKEN = 'user:4242-RelTokQ7zX9pKw3mVt2LdN8sB';
const WRONG_TOKEN = 'user:4242-WrongTokH5jK8sQ2vR6nP0cY';
const SECRETS = [
	TOKEN,
	WRONG_TOKEN,
	TOKEN.slice('user:4242-'.length),
	WRONG_TOKEN.slice('user:4242-'.length),
];

/** Every line this process writes to stdout/stderr, kept for the token scan. */
const written = [];
function captureOutput() {
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write.bind(stream);
		stream.write = (chunk, ...rest) => {
			written.push(String(chunk));
			return original(chunk, ...rest);
		};
	}
}

/** JSON of anything, own non-enumerable error fields included, cycles cut, buffers summarised. */
function dump(value) {
	const seen = new WeakSet();
	return JSON.stringify(value, function (key, v) {
		if (v && typeof v === 'object') {
			if (seen.has(v)) return '[cycle]';
			seen.add(v);
			if (Buffer.isBuffer(v)) return v.toString('latin1');
			if (v instanceof Error) {
				const out = {};
				for (const k of Object.getOwnPropertyNames(v)) out[k] = v[k];
				return { ...out, ...v };
			}
		}
		if (typeof v === 'bigint') return String(v);
		return v;
	});
}

/** Everything the suite produced, as text, by source; simulator logs also as entries (for the path check). */
const produced = [];
const simLogs = [];
function keep(source, value) {
	produced.push({ source, text: typeof value === 'string' ? value : (dump(value) ?? '') });
	if (source.startsWith('simulator log') && Array.isArray(value)) simLogs.push(...value);
}

function findSecrets(text) {
	return SECRETS.filter((s) => text.includes(s));
}

const checks = [];
function check(section, name, ok, detail = '') {
	checks.push({ section, name, ok: !!ok, detail: String(detail) });
	return !!ok;
}

let loaded;
/** The built package, loaded the way n8n loads it (package.json's n8n block → dist/). */
function nodes() {
	if (!loaded) {
		try {
			loaded = { ...loadPackage(ROOT), error: undefined };
		} catch (error) {
			loaded = { ...loadAvailable(), error };
		}
	}
	return loaded;
}

// Fallback while some node is not built yet: load what exists, so the other sections still run.
function loadAvailable() {
	const pkg = require(path.join(ROOT, 'package.json'));
	const nodeTypes = {};
	const credentialTypes = {};
	const load = (file, into, key) => {
		try {
			for (const Cls of Object.values(require(path.join(ROOT, file)))) {
				const instance = new Cls();
				into[key(instance)] = instance;
			}
		} catch {
			// missing from dist/: reported by the "package loads" check
		}
	};
	for (const file of pkg.n8n.nodes)
		load(file, nodeTypes, (i) => `${pkg.name}.${i.description.name}`);
	for (const file of pkg.n8n.credentials) load(file, credentialTypes, (i) => i.name);
	return { name: pkg.name, nodeTypes, credentialTypes };
}

function hasNode(kind) {
	return Boolean(nodes().nodeTypes[TYPES[kind]]);
}

/** runNode with the built package and the simulator credential; keeps the whole result for the scan. */
async function run(
	sim,
	{ kind = 'generate', parameters, items, token = TOKEN, continueOnFail = false, baseUrl, ...rest },
) {
	const { nodeTypes, credentialTypes } = nodes();
	const result = await runNode({
		nodeTypes,
		credentialTypes,
		credentials: { useApiMinimaxApi: { apiToken: token, baseUrl: baseUrl ?? sim.url } },
		node: { type: TYPES[kind], parameters, continueOnFail },
		items,
		...rest,
	});
	keep(`run ${kind}`, {
		items: result.items,
		outputs: result.outputs,
		error: result.error,
		execution: result.execution,
	});
	if (result.error) {
		keep('error message', result.error.message);
		keep('error description', result.error.description);
	}
	return result;
}

/** The error text of a run: node error, or the first item's continueOnFail error. */
function errorText(result) {
	const e = result.error;
	if (e) return `${e.message ?? ''} ${e.description ?? ''}`;
	const j = result.items[0]?.json ?? {};
	const err = j.error;
	if (err)
		return typeof err === 'string'
			? `${err} ${j.description ?? ''}`
			: `${err.message ?? ''} ${err.description ?? ''}`;
	return '';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = {
	TYPES,
	TOKEN,
	WRONG_TOKEN,
	SECRETS,
	written,
	produced,
	simLogs,
	checks,
	captureOutput,
	dump,
	keep,
	findSecrets,
	check,
	nodes,
	hasNode,
	run,
	errorText,
	sleep,
};
