'use strict';
// Child process: downloads one large simulator result into n8n binary data and prints its peak RSS.
// argv: <mode default|filesystem> <via generate|helper>; env SIM_URL, SIM_TOKEN, RESULT_URL, WARMUP_URL.
// A small download through the same helper runs first, so the baseline includes every module the
// download path loads and the figure is what the file itself adds.
// The mode must be set before n8n-core is loaded, because its config reads the environment then.
const path = require('path');
const fs = require('fs');

const [mode, via] = process.argv.slice(2);
if (mode === 'filesystem') process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';

const ROOT = path.resolve(__dirname, '..', '..');
const { runNode } = require(path.join(ROOT, 'test', 'harness'));
const { Container } = require('@n8n/di');
const { BinaryDataService } = require('n8n-core');
const { loadBuilt, credentialsFor, videoParams, GENERATE } = require('./nodes');

/** A bench-only node that calls the package's own download helper (dist/nodes/shared/download.js). */
function helperNode(url) {
	const { downloadToBinary } = require(path.join(ROOT, 'dist', 'nodes', 'shared', 'download.js'));
	return {
		description: {
			displayName: 'Bench Download',
			name: 'benchDownload',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Bench Download' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
			credentials: [{ name: 'useApiMinimaxApi', required: true }],
		},
		async execute() {
			const binary = await downloadToBinary.call(this, url, { fileName: 'result.mp4' });
			return [[{ json: {}, binary: { data: binary } }]];
		},
	};
}

async function main() {
	const service = Container.get(BinaryDataService);
	await service.init();
	const sim = { url: process.env.SIM_URL, token: process.env.SIM_TOKEN };
	const { UseApiMinimaxApi } = require(
		path.join(ROOT, 'dist', 'credentials', 'UseApiMinimaxApi.credentials.js'),
	);
	const helperOptions = (url) => ({
		nodeTypes: { 'bench.download': helperNode(url) },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		node: { type: 'bench.download', parameters: {} },
	});
	const warmup = await runNode({
		...helperOptions(process.env.WARMUP_URL),
		credentials: credentialsFor(sim),
	});
	if (warmup.status !== 'success')
		throw new Error(`warm-up download failed: ${warmup.error?.message}`);
	let options;
	if (via === 'generate') {
		const built = loadBuilt();
		options = {
			nodeTypes: built.nodeTypes,
			credentialTypes: built.credentialTypes,
			node: {
				type: built.type(GENERATE),
				parameters: videoParams({ pollSeconds: 1, download: true }),
			},
			items: [{ json: { prompt: 'bench 200 MB download' } }],
		};
	} else {
		options = helperOptions(process.env.RESULT_URL);
	}
	global.gc?.();
	const baselineRss = process.memoryUsage().rss;
	const baselineMaxRss = process.resourceUsage().maxRSS * 1024;
	const started = Date.now();
	const result = await runNode({ ...options, credentials: credentialsFor(sim) });
	const ms = Date.now() - started;
	const peakRss = process.resourceUsage().maxRSS * 1024;
	const binary = Object.values(result.items[0]?.binary ?? {})[0];
	let bytes;
	if (binary?.id) bytes = fs.statSync(service.getPath(binary.id)).size;
	else if (typeof binary?.data === 'string') bytes = Buffer.byteLength(binary.data, 'base64');
	process.stdout.write(
		`${JSON.stringify({
			mode,
			via,
			status: result.status,
			error: result.error?.message,
			ms,
			bytes,
			storedAs: binary?.id ? binary.id.split(':')[0] : 'base64 in item',
			baselineRss,
			baselineMaxRss,
			peakRss,
		})}\n`,
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(
			`${JSON.stringify({ mode, via, error: String(error?.stack ?? error) })}\n`,
		);
		process.exit(1);
	},
);
