'use strict';
/**
 * The main job, with no token: starts the simulator, runs the shipped example workflow
 * examples/01-prompt-to-video.json (create a video from a prompt, wait, download) through
 * n8n-core's real execution engine with the BUILT package loaded through package.json's n8n
 * block, writes the video to out/demo/, prints a summary and stops the simulator.
 *
 * n8n-nodes-base is not a dependency here, so its two nodes in the example get stand-ins:
 * the manual trigger (one empty item) and Set in "raw JSON" mode. Use `npm run demo:editor`
 * (or `npm run test:e2e`) for the same workflow in a real n8n.
 */
const fs = require('fs');
const path = require('path');
const { createSimulator } = require('../test/simulator');
const { runWorkflow, loadPackage } = require('../test/harness');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', '01-prompt-to-video.json');
const OUT_DIR = path.join(ROOT, 'out', 'demo');
const JOB_MS = 3000; // a ~3-minute MiniMax job, compressed
const POLL_SECONDS = 1; // the node's minimum; the example keeps the default (10 s)

/** Stand-in for n8n-nodes-base.set in raw mode: the (already resolved) JSON becomes the item. */
const setRawStandIn = {
	description: {
		displayName: 'Set (stand-in)',
		name: 'set',
		group: ['input'],
		version: [3, 3.4],
		description: 'Raw JSON mode of the Set node',
		defaults: { name: 'Set' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'raw' },
			{ displayName: 'JSON', name: 'jsonOutput', type: 'string', default: '{}' },
		],
	},
	async execute() {
		return [
			this.getInputData().map((_item, i) => {
				if (this.getNodeParameter('mode', i) !== 'raw')
					throw new Error('The demo stand-in only supports raw mode');
				return {
					json: JSON.parse(this.getNodeParameter('jsonOutput', i)),
					pairedItem: { item: i },
				};
			}),
		];
	},
};

async function main() {
	const started = Date.now();
	const sim = await createSimulator({ port: 0, jobMs: JOB_MS });
	try {
		const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		const generate = workflow.nodes.find(
			(n) => n.type === 'n8n-nodes-useapi-minimax.minimaxGenerate',
		);
		// Version 2 keeps the poll interval in Options, version 1 in Wait Options.
		const at = (generate.typeVersion ?? 1) >= 2 ? 'options' : 'waitOptions';
		generate.parameters[at] = { ...(generate.parameters[at] ?? {}), pollInterval: POLL_SECONDS };
		const pkg = loadPackage(ROOT);
		console.log(`Simulator: ${sim.url} (no real token, no credits)`);
		console.log(`Workflow:  ${path.relative(ROOT, EXAMPLE)} — "${workflow.name}"`);
		console.log(`Package:   ${Object.keys(pkg.nodeTypes).join(', ')} (from dist/)`);

		const result = await runWorkflow({
			workflow,
			nodeTypes: { ...pkg.nodeTypes, 'n8n-nodes-base.set': setRawStandIn },
			credentialTypes: pkg.credentialTypes,
			credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		});
		const items = result.output(generate.name);
		const item = items[0];
		if (result.status !== 'success' || !item) {
			const error = result.runData[generate.name]?.[0]?.error ?? result.error;
			throw new Error(
				`The workflow did not succeed (${result.status}): ${error?.message ?? 'no output'}`,
			);
		}
		const binary = item.binary?.data;
		if (!binary) throw new Error('The video was not downloaded to the binary property "data"');
		fs.mkdirSync(OUT_DIR, { recursive: true });
		const file = path.join(OUT_DIR, binary.fileName || 'video.mp4');
		const bytes = Buffer.from(binary.data, 'base64');
		fs.writeFileSync(file, bytes);

		const api = sim.log.filter((e) => e.kind === 'api');
		const byOp = {};
		for (const e of api) byOp[e.op] = (byOp[e.op] ?? 0) + 1;
		const json = item.json;
		console.log('');
		console.log('Summary');
		console.log(`  job id:       ${json.videoId ?? json.id}`);
		console.log(`  final status: ${json.statusLabel ?? json.status}`);
		console.log(
			`  video file:   ${path.relative(ROOT, file)} (${bytes.length} bytes, ${binary.mimeType})`,
		);
		console.log(
			`  wall time:    ${((Date.now() - started) / 1000).toFixed(1)} s (job ${JOB_MS / 1000} s, poll every ${POLL_SECONDS} s)`,
		);
		console.log(
			`  API calls:    ${api.length} (${Object.entries(byOp)
				.map(([op, n]) => `${op} ${n}`)
				.join(', ')})`,
		);
		return 0;
	} finally {
		await sim.close();
	}
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(`Demo failed: ${error.message}`);
			process.exit(1);
		},
	);
}

module.exports = { setRawStandIn };
