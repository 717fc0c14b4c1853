'use strict';
// Loads the BUILT package through test/harness and knows the parameters of the nodes under test.
const fs = require('fs');
const path = require('path');
const { ROOT } = require('./util');

let cached;
/**
 * loadPackage() from the harness (every node through package.json's n8n block). While a node is not
 * built yet, the present files are loaded the same way so the other figures can still be measured.
 */
function loadBuilt() {
	if (cached) return cached;
	const { loadPackage, PACKAGE_NAME } = require(path.join(ROOT, 'test', 'harness'));
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const missing = pkg.n8n.nodes
		.concat(pkg.n8n.credentials)
		.filter((f) => !fs.existsSync(path.join(ROOT, f)));
	const type = (name) => `${PACKAGE_NAME}.${name}`;
	if (!missing.length) {
		cached = { ...loadPackage(ROOT), missing, type };
		return cached;
	}
	const nodeTypes = {};
	const credentialTypes = {};
	for (const [files, target] of [
		[pkg.n8n.nodes, nodeTypes],
		[pkg.n8n.credentials, credentialTypes],
	]) {
		for (const file of files.filter((f) => !missing.includes(f))) {
			for (const Cls of Object.values(require(path.join(ROOT, file)))) {
				const instance = new Cls();
				if (target === nodeTypes) nodeTypes[type(instance.description.name)] = instance;
				else credentialTypes[instance.name] = instance;
			}
		}
	}
	cached = { nodeTypes, credentialTypes, missing, type };
	return cached;
}

function credentialsFor(sim) {
	return { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } };
}

/**
 * "MiniMax Generate" parameters for one text-to-video job per item. The prompt comes from the item
 * (`{{$json.prompt}}`) so one node run covers the batch. Filled in against the node's description.
 */
function videoParams({ pollSeconds, download = false, replyUrl, waitForCompletion = true }) {
	return {
		resource: 'video',
		operation: 'create',
		videoModel: 'T2V-01',
		prompt: '={{ $json.prompt }}',
		waitForCompletion,
		waitMode: 'poll',
		waitOptions: { pollInterval: pollSeconds, timeout: 30 },
		downloadResult: download,
		callback: replyUrl ? { replyUrl } : {},
	};
}

module.exports = {
	loadBuilt,
	credentialsFor,
	videoParams,
	GENERATE: 'minimaxGenerate',
	TRIGGER: 'minimaxTrigger',
};
