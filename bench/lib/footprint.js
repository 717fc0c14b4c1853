'use strict';
// Footprint: packed size, runtime dependencies, require time of the built files, peak memory of a large download.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, median, round, run, lastJson, log } = require('./util');
const { createSimulator } = require(path.join(ROOT, 'test', 'simulator'));

const MB = 1024 * 1024;

async function packSize() {
	const { code, stdout, stderr } = await run('npm', [
		'pack',
		'--dry-run',
		'--json',
		'--ignore-scripts',
	]);
	if (code !== 0) return { error: stderr.trim().split('\n').pop() };
	const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return { tarballBytes: info.size, unpackedBytes: info.unpackedSize, files: info.entryCount };
}

function runtimeDependencies() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	return {
		dependencies: Object.keys(pkg.dependencies ?? {}),
		bundledDependencies: Object.keys(pkg.bundledDependencies ?? pkg.bundleDependencies ?? {}),
		peerDependencies: pkg.peerDependencies ?? {},
		files: pkg.n8n.nodes.concat(pkg.n8n.credentials),
	};
}

/**
 * Require time of every built node and credential file, each run in a fresh `node -e` process.
 * `cold` includes loading n8n-workflow; `warm` preloads it first, as a running n8n host has it.
 */
async function requireTime(files, runs) {
	const present = files.filter((f) => fs.existsSync(path.join(ROOT, f)));
	const script = (preload) => `
		${preload ? "require('n8n-workflow');" : ''}
		const t = process.hrtime.bigint();
		for (const f of ${JSON.stringify(present)}) require(require('path').resolve(f));
		console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6 }));`;
	const out = {};
	for (const [name, preload] of [
		['cold', false],
		['warm', true],
	]) {
		const samples = [];
		for (let i = 0; i < runs; i++) {
			const { code, stdout, stderr } = await run(process.execPath, ['-e', script(preload)]);
			if (code !== 0)
				return { error: stderr.trim().split('\n').slice(-3).join(' '), files: present };
			samples.push(lastJson(stdout).ms);
		}
		out[`${name}MedianMs`] = round(median(samples));
		out[`${name}SamplesMs`] = samples.map((s) => round(s));
	}
	return { ...out, runs, files: present, missing: files.filter((f) => !present.includes(f)) };
}

/** Peak RSS of a child that downloads a `bytes`-sized result into binary data, per n8n binary mode. */
async function downloadMemory({ bytes, via, modes = ['default', 'filesystem'] }) {
	const sim = await createSimulator({ port: 0, jobMs: 300, mediaBytes: bytes });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'minimax-bench-'));
	const results = {};
	let urls;
	try {
		// One job made over HTTP: its cover PNG is the warm-up download, its video the helper's target.
		{
			const headers = { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' };
			const created = await (
				await fetch(`${sim.apiUrl}/videos/create`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ prompt: 'bench [ms=10]' }),
				})
			).json();
			await new Promise((r) => setTimeout(r, 50));
			const record = await (
				await fetch(`${sim.apiUrl}/videos/${created.videoId}`, { headers })
			).json();
			urls = { RESULT_URL: record.downloadURL ?? record.videoURL, WARMUP_URL: record.coverURL };
		}
		for (const mode of modes) {
			log(`download ${bytes / MB} MB via ${via}, binary mode ${mode}`);
			const env = {
				...process.env,
				SIM_URL: sim.url,
				SIM_TOKEN: sim.token,
				...urls,
				N8N_USER_FOLDER: userFolder,
			};
			delete env.N8N_DEFAULT_BINARY_DATA_MODE;
			const { stdout, stderr } = await run(
				process.execPath,
				['--expose-gc', path.join(__dirname, 'download-child.js'), mode, via],
				{ env },
			);
			const r = lastJson(stdout) ?? { error: stderr.trim().split('\n').slice(-3).join(' ') };
			if (r.peakRss) {
				r.peakRssMB = round(r.peakRss / MB, 1);
				r.addedRssMB = round((r.peakRss - r.baselineRss) / MB, 1);
				r.addedPerFileByte = round((r.peakRss - r.baselineRss) / bytes);
			}
			results[mode] = r;
		}
	} finally {
		await sim.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	return { fileBytes: bytes, fileMB: bytes / MB, via, ...results };
}

async function footprint({ requireRuns = 11, downloadBytes = 200 * MB, via }) {
	log('footprint: npm pack --dry-run');
	const pack = await packSize();
	const deps = runtimeDependencies();
	log(`footprint: require time, ${requireRuns} fresh processes each`);
	const requireMs = await requireTime(deps.files, requireRuns);
	const memory = await downloadMemory({ bytes: downloadBytes, via });
	// Streaming shows as RSS that does not grow with the file: repeat filesystem mode at a tenth of the size.
	const small = await downloadMemory({
		bytes: Math.round(downloadBytes / 10),
		via,
		modes: ['filesystem'],
	});
	const a = small.filesystem;
	const b = memory.filesystem;
	if (a?.peakRss && b?.peakRss) {
		memory.filesystemSmall = a;
		memory.filesystemGrowthPerFileByte = round(
			(b.peakRss - b.baselineRss - (a.peakRss - a.baselineRss)) / (downloadBytes - small.fileBytes),
			3,
		);
	}
	return {
		pack,
		runtimeDependencies: deps.dependencies,
		bundledDependencies: deps.bundledDependencies,
		peerDependencies: deps.peerDependencies,
		requireMs,
		memory,
	};
}

module.exports = { footprint, downloadMemory };
