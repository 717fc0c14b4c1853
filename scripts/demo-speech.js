'use strict';
/**
 * `npm run demo:speech`, with no token: starts the simulator, runs the shipped example
 * examples/07-text-to-speech.json (Speech → Create: submit, wait, download the MP3) through
 * n8n-core's real execution engine with the BUILT package, writes the MP3 to out/demo/, prints a
 * summary (the clip's length read back from its MPEG frames) and stops the simulator.
 * Same stand-ins as `npm run demo` (scripts/demo.js): the manual trigger and Set in raw mode.
 */
const fs = require('fs');
const path = require('path');
const { createSimulator } = require('../test/simulator');
const { mp3Info } = require('../test/simulator/audio-media');
const { runWorkflow, loadPackage } = require('../test/harness');
const { setRawStandIn } = require('./demo');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', '07-text-to-speech.json');
const OUT_DIR = path.join(ROOT, 'out', 'demo');
const JOB_MS = 2000; // a speech job of a few seconds, compressed
const POLL_SECONDS = 1;

async function main() {
	const started = Date.now();
	const sim = await createSimulator({ port: 0, jobMs: JOB_MS });
	try {
		const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
		const speak = workflow.nodes.find((n) => n.type === 'n8n-nodes-useapi-minimax.minimaxGenerate');
		speak.parameters.options = { ...(speak.parameters.options ?? {}), pollInterval: POLL_SECONDS };
		const pkg = loadPackage(ROOT);
		console.log(`Simulator: ${sim.url} (no real token, no credits)`);
		console.log(`Workflow:  ${path.relative(ROOT, EXAMPLE)} — "${workflow.name}"`);
		const result = await runWorkflow({
			workflow,
			nodeTypes: { ...pkg.nodeTypes, 'n8n-nodes-base.set': setRawStandIn },
			credentialTypes: pkg.credentialTypes,
			credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		});
		const item = result.output(speak.name)[0];
		if (result.status !== 'success' || !item) {
			const error = result.runData[speak.name]?.[0]?.error ?? result.error;
			throw new Error(
				`The workflow did not succeed (${result.status}): ${error?.message ?? 'no output'}`,
			);
		}
		const binary = item.binary?.data;
		if (!binary || binary.mimeType !== 'audio/mpeg')
			throw new Error('The speech was not downloaded as an MP3 to the binary property "data"');
		const bytes = Buffer.from(binary.data, 'base64');
		const info = mp3Info(bytes);
		if (!info) throw new Error('The downloaded file is not an MP3');
		fs.mkdirSync(OUT_DIR, { recursive: true });
		const file = path.join(OUT_DIR, binary.fileName || 'speech.mp3');
		fs.writeFileSync(file, bytes);
		const api = sim.log.filter((e) => e.kind === 'api');
		const byOp = {};
		for (const e of api) byOp[e.op] = (byOp[e.op] ?? 0) + 1;
		console.log('');
		console.log('Summary');
		console.log(`  audio id:     ${item.json.audioId}`);
		console.log(
			`  final status: ${item.json.status} (model ${item.json.model}, voice ${item.json.voiceId})`,
		);
		console.log(
			`  MP3 file:     ${path.relative(ROOT, file)} (${bytes.length} bytes, ${info.frames} MPEG frames, ${(info.ms / 1000).toFixed(1)} s)`,
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

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`Speech demo failed: ${error.message}`);
		process.exit(1);
	},
);
