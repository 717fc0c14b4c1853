#!/usr/bin/env node
'use strict';
/**
 * Wait Mode "Until Callback" in REAL n8n (2.41.x on Node 24, then 1.123.x on Node 20), against the
 * simulator. Standalone: node test/e2e/until-callback.js [--hosts "2 1"] (after `npm run build`).
 * Per host, on ports 5690-5699 only, with a private user folder:
 *   - a workflow (Webhook → MiniMax Generate [Until Callback] → NoOp) parks: execution "waiting",
 *     no poll requests in sim.log, progress callbacks answered 200 without resuming, the final
 *     callback resumes it and the node outputs the video binary;
 *   - a wrong secret (and, on 2.x, a missing resume token) is refused while the execution stays parked;
 *   - a job that never calls back ends by the timeout with the timeout item naming the job id;
 *   - Speech → Create and Music → Create (node version 2) park and resume the same way, with the MP3.
 * Ends with "N passed, N failed"; exit code 1 on any failure.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createSimulator } = require('../simulator');
const { Checks } = require('./lib/checks');
const { binaryBytes, post, postRegistered, waitFor } = require('./lib/expect');
const { hostSpec, N8nInstance, tail } = require('./lib/n8n');
const { install, pack } = require('./lib/pkg');
const { run } = require('./lib/procs');

const ROOT = process.env.N8N_E2E_ROOT || path.join(os.homedir(), '.cache', 'n8n-e2e');
// Port plan (5678-5689 belong to the main e2e run): sim, then n8n + task broker per host.
const PORTS = { sim: 5690, 2: { n8n: 5692, broker: 5693 }, 1: { n8n: 5694, broker: 5695 } };
const MEDIA_BYTES = 6000;
const JOB_MS = 8000;
const WF_ID = 'mmxUntilCallbk1';
const CRED = { id: 'mmxUcbCredent01', name: 'useapi.net MiniMax (e2e)', type: 'useApiMinimaxApi' };
const NODE = 'MiniMax Generate';
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function workflow() {
	return {
		id: WF_ID,
		name: 'Until Callback e2e',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a1',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'mmx-until-callback-start',
				parameters: {
					httpMethod: 'POST',
					path: 'mmx-until-callback',
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: 'b2',
				name: NODE,
				type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'video',
					operation: 'create',
					videoModel: 'T2V-01',
					prompt: '={{ $json.body.prompt }}',
					waitMode: 'callback',
					waitOptions: { timeout: '={{ $json.body.timeout }}' },
					callback: { replyRef: '={{ $json.body.ref }}' },
				},
				credentials: { useApiMinimaxApi: { id: CRED.id, name: CRED.name } },
			},
			{
				id: 'c3',
				name: 'After',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
		],
		connections: {
			Start: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
			[NODE]: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
		},
	};
}

/** Webhook → Speech → Create or Music → Create (version 2, Options → Wait Mode Until Callback) → NoOp. */
const AUDIO = {
	speech: {
		id: 'mmxUntilCbSpeech',
		path: 'mmx-until-callback-speech',
		parameters: {
			resource: 'speech',
			operation: 'create',
			voiceId: '209533299589184',
			text: '={{ $json.body.text }}',
		},
	},
	music: {
		id: 'mmxUntilCbMusic1',
		path: 'mmx-until-callback-music',
		parameters: { resource: 'music', operation: 'create', musicPrompt: '={{ $json.body.text }}' },
	},
};

function audioWorkflow(kind) {
	const wf = workflow();
	const { id, path: hookPath, parameters } = AUDIO[kind];
	wf.id = id;
	wf.name = `Until Callback e2e (${kind})`;
	Object.assign(wf.nodes[0], { webhookId: `${hookPath}-start`, id: `${kind}a1` });
	wf.nodes[0].parameters = { ...wf.nodes[0].parameters, path: hookPath };
	Object.assign(wf.nodes[1], {
		typeVersion: 2,
		parameters: {
			...parameters,
			options: { waitMode: 'callback', timeout: 5, replyRef: '={{ $json.body.ref }}' },
		},
	});
	return wf;
}

/** Executions of the workflow from the host's own sqlite (test/e2e/lib/db-query.js). */
async function executions(n8n, workflowId = WF_ID) {
	const res = await run(
		n8n.host.node,
		[
			path.join(__dirname, 'lib', 'db-query.js'),
			path.join(n8n.userFolder, '.n8n', 'database.sqlite'),
			workflowId,
		],
		{
			env: { ...process.env, NODE_PATH: path.join(n8n.host.dir, 'node_modules') },
			detached: false,
			timeoutMs: 30000,
		},
	);
	if (res.code !== 0) throw new Error(`db query failed: ${tail(res.out)}`);
	return JSON.parse(res.out);
}

/** The execution whose Generate node started `jobId` (its first output item names it). */
const byJob = (list, jobId) =>
	list.find((e) => JSON.stringify(e.nodes[NODE] || []).includes(jobId));

/** Starts the workflow (its production webhook). */
const trigger = (n8n, body) => postRegistered(`${n8n.url}/webhook/mmx-until-callback`, body);

/** The create the simulator accepted for this prompt → its job (full replyUrl; sim.log cuts long strings). */
function jobFor(sim, prompt) {
	return [...sim.jobs.values()].find((j) => String(j.prompt).includes(prompt));
}

/** A speech or music workflow: parks, ignores progress, resumes on the final callback with the MP3. */
async function audioRun(n8n, sim, c, kind, id) {
	const ok = (name, cond, detail) => c.ok(`${kind}: ${name}`, cond, detail);
	const text = `until callback ${kind} ${id}`;
	const started = await postRegistered(`${n8n.url}/webhook/${AUDIO[kind].path}`, {
		text,
		ref: `${kind}-1`,
	});
	ok('workflow started by its webhook', started.status === 200, `${started.status}`);
	const job = await waitFor(
		() =>
			[...sim.jobs.values()].find((j) => j.kind === kind && String(j.text ?? j.prompt) === text),
		15000,
	);
	if (
		!ok(
			'the create carried the resume URL',
			job && /\/webhook-waiting\//.test(job.replyUrl || ''),
			job ? job.replyUrl : 'no job',
		)
	)
		return;
	const wfId = AUDIO[kind].id;
	const parked = await waitFor(
		async () => {
			const e = byJob(await executions(n8n, wfId), job.id);
			return e && e.status === 'waiting';
		},
		10000,
		300,
	);
	ok('execution parks: status "waiting"', parked);
	const delivered = await waitFor(
		() => sim.callbacks.find((cb) => cb.jobId === job.id && cb.final && cb.responseStatus),
		JOB_MS + 10000,
	);
	ok('the final callback is answered 200', delivered && delivered.responseStatus === 200);
	let done;
	await waitFor(
		async () => {
			done = byJob(await executions(n8n, wfId), job.id);
			return done && !['waiting', 'running', 'new'].includes(done.status);
		},
		30000,
		500,
	);
	ok(
		'resumed: status "success"',
		done && done.status === 'success',
		done ? done.status : 'not found',
	);
	const item = ((done && done.nodes[NODE]) || [])[0] || { json: {} };
	const idField = kind === 'speech' ? 'audioId' : 'musicId';
	ok(
		'outputs the completed job with its replyRef',
		item.json.status === 'completed' &&
			item.json[idField] === job.id &&
			item.json.replyRef === `${kind}-1`,
		JSON.stringify(item.json).slice(0, 200),
	);
	const bin = item.binary && item.binary.data;
	const bytes = bin && binaryBytes({ n8n }, bin);
	ok(
		'with the MP3 the CDN served',
		bin && bin.mimeType === 'audio/mpeg' && bytes && job.mp3 && bytes.equals(job.mp3),
		bin ? `${bin.mimeType} ${bytes && bytes.length} bytes` : 'no binary',
	);
	const created = sim.log.findIndex((e) => e.jobId === job.id && /\.create$/.test(e.op));
	const polls = sim.log
		.slice(created + 1)
		.filter((e) => e.op === `${kind}.get` && String(e.path).includes(job.id.split(':').pop()));
	ok('no poll of the job while parked', polls.length === 0, polls.map((e) => e.path).join(', '));
}

async function runHost(id, sim, tarball, c) {
	const host = hostSpec(id, ROOT);
	if (
		!c.ok(
			'host installed',
			host.installed,
			host.installed ? host.dir : `no matching .ok in ${host.dir}`,
		)
	)
		return;
	// Task broker on our own port; 1.x runs without runners.
	host.env = { ...host.env, N8N_RUNNERS_BROKER_PORT: String(PORTS[id].broker) };
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `mmx-until-callback-n8n${id}-`));
	const n8n = await N8nInstance.create(host, userFolder, PORTS[id].n8n);
	try {
		await install(tarball, userFolder);
		const credFile = path.join(userFolder, 'credentials.json');
		fs.writeFileSync(
			credFile,
			JSON.stringify([{ ...CRED, data: { apiToken: sim.token, baseUrl: sim.url } }]),
		);
		const wfFile = path.join(userFolder, 'workflow.json');
		fs.writeFileSync(
			wfFile,
			JSON.stringify([workflow(), audioWorkflow('speech'), audioWorkflow('music')]),
		);
		const imports = [
			await n8n.cli(['import:credentials', `--input=${credFile}`]),
			await n8n.cli(['import:workflow', `--input=${wfFile}`]),
		];
		const activations = [];
		for (const wfId of [WF_ID, AUDIO.speech.id, AUDIO.music.id])
			activations.push(
				await n8n.cli(
					id === '1'
						? ['update:workflow', `--id=${wfId}`, '--active=true']
						: ['publish:workflow', `--id=${wfId}`],
				),
			);
		if (
			!c.ok(
				'import and activate',
				[...imports, ...activations].every((r) => r.code === 0),
				[...imports, ...activations].map((r) => tail(r.out, 1)).join(' | '),
			)
		)
			return;
		const startMs = await c.step('n8n start', () => n8n.start());
		if (startMs === undefined) return;

		// 1. A job that never calls back (600 s) with a 0.1 min timeout: runs in the background.
		const slowPrompt = `slow robot [ms=600000] ${id}`;
		const slowStart = await trigger(n8n, { prompt: slowPrompt, timeout: 0.1, ref: 'slow' });
		c.ok(
			'timeout run: workflow started',
			slowStart.status === 200,
			`${slowStart.status} ${slowStart.text.slice(0, 80)}`,
		);
		const slowJob = await waitFor(() => jobFor(sim, slowPrompt), 15000);

		// 2. The main run: 8 s job with progress callbacks at ~30 % and ~70 %.
		const prompt = `a red robot ${id}`;
		const logFrom = sim.log.length;
		const started = await trigger(n8n, { prompt, timeout: 5, ref: 'order-9' });
		c.ok('workflow started by its webhook', started.status === 200, `${started.status}`);
		const job = await waitFor(() => jobFor(sim, prompt), 15000);
		if (
			!c.ok(
				'the create reached the simulator with replyUrl = resume URL + signed state',
				job && /\/webhook-waiting\/\d+\?(.*&)?mmx=.*&mmxh=[0-9a-f]{40}/.test(job.replyUrl),
				job ? job.replyUrl : 'no job',
			)
		)
			return;
		let list = [];
		const parked = await waitFor(
			async () => {
				list = await executions(n8n);
				const e = byJob(list, job.id);
				return e && e.status === 'waiting';
			},
			10000,
			300,
		);
		c.ok(
			'execution parks: status "waiting"',
			parked,
			JSON.stringify(list.map((e) => [e.id, e.status])),
		);

		const progressed = await waitFor(
			() =>
				sim.callbacks.filter((cb) => cb.jobId === job.id && !cb.final && cb.responseStatus)
					.length >= 2,
			JOB_MS,
		);
		const progress = sim.callbacks.filter((cb) => cb.jobId === job.id && !cb.final);
		c.ok(
			'progress callbacks are answered 200',
			progressed && progress.every((cb) => cb.responseStatus === 200),
			JSON.stringify(progress.map((cb) => cb.responseStatus || cb.error)),
		);
		const stillWaiting = byJob(await executions(n8n), job.id);
		const finalYet = sim.callbacks.some((cb) => cb.jobId === job.id && cb.final);
		c.ok(
			'progress callbacks do not resume it',
			!finalYet && stillWaiting && stillWaiting.status === 'waiting',
			`${stillWaiting && stillWaiting.status}, final sent: ${finalYet}`,
		);

		const delivered = await waitFor(
			() => sim.callbacks.find((cb) => cb.jobId === job.id && cb.final && cb.responseStatus),
			JOB_MS + 10000,
		);
		c.ok(
			'the final callback is answered 200',
			delivered && delivered.responseStatus === 200,
			delivered ? String(delivered.responseStatus) : 'not sent',
		);
		// Count from the accepted create: the engine lists the account's videos once before its first create there
		// (the baseline that can later prove a lost create absent), which is not a poll.
		const createdAt = sim.log.findIndex(
			(e, i) => i >= logFrom && e.op === 'videos.create' && e.status === 200,
		);
		const polls = sim.log
			.slice(createdAt < 0 ? logFrom : createdAt + 1)
			.filter((e) => e.op === 'scheduler.list' || e.op === 'videos.get' || e.op === 'videos.list');
		c.ok(
			'no poll requests while parked (sim.log)',
			polls.length === 0,
			polls.map((e) => `${e.method} ${e.path}`).join(', '),
		);

		let done;
		await waitFor(
			async () => {
				done = byJob(await executions(n8n), job.id);
				return (
					done && done.status !== 'waiting' && done.status !== 'running' && done.status !== 'new'
				);
			},
			30000,
			500,
		);
		c.ok(
			'the final callback resumes it: status "success"',
			done && done.status === 'success',
			done ? done.status : 'not found',
		);
		const out = (done && done.nodes[NODE]) || [];
		const item = out[0] || { json: {} };
		c.ok(
			'Generate outputs the completed video',
			item.json.outcome === 'completed' &&
				item.json.videoId === job.id &&
				item.json.replyRef === 'order-9',
			JSON.stringify(item.json).slice(0, 200),
		);
		const bin = item.binary && item.binary.data;
		const bytes = bin && binaryBytes({ n8n }, bin);
		c.ok(
			'with the MP4 binary',
			bin &&
				bin.mimeType === 'video/mp4' &&
				bytes &&
				bytes.length === MEDIA_BYTES &&
				bytes.subarray(4, 8).toString('latin1') === 'ftyp',
			bin ? `${bin.mimeType} ${bytes && bytes.length} bytes` : 'no binary',
		);
		c.ok('the next node ran with it', ((done && done.nodes.After) || []).length === 1);

		// 2b. Speech → Create and Music → Create, side by side.
		await Promise.all(['speech', 'music'].map((kind) => audioRun(n8n, sim, c, kind, id)));

		// 3. Wrong secret on the parked slow run: 403, still parked (2.x: no resume token → 401).
		if (c.ok('timeout run: job created', slowJob, slowJob ? slowJob.id : 'no job')) {
			const url = new URL(slowJob.replyUrl);
			url.searchParams.set('mmxh', '0'.repeat(40));
			const forged = {
				videoId: slowJob.id,
				status: 2,
				statusFinal: true,
				downloadURL: `${sim.cdnUrl}/cdn/x.mp4`,
				replyRef: 'slow',
			};
			const wrong = await post(url.toString(), forged);
			c.ok(
				'a wrong secret is refused with 403',
				wrong.status === 403,
				`${wrong.status} ${wrong.text.slice(0, 100)}`,
			);
			if (id === '2') {
				const noToken = new URL(slowJob.replyUrl);
				noToken.searchParams.delete('signature');
				const refused = await post(noToken.toString(), forged);
				c.ok(
					"2.x: a call without n8n's resume token is refused with 401",
					refused.status === 401,
					`${refused.status}`,
				);
			}
			const after = byJob(await executions(n8n), slowJob.id);
			c.ok(
				'after the wrong calls the execution is still waiting',
				after && after.status === 'waiting',
				after ? after.status : 'not found',
			);

			// 4. The timeout: n8n's wait tracker (checks every 60 s) resumes it with the timeout item.
			let timedOut;
			await waitFor(
				async () => {
					timedOut = byJob(await executions(n8n), slowJob.id);
					return timedOut && timedOut.status !== 'waiting';
				},
				100000,
				2000,
			);
			const tItem = ((timedOut && timedOut.nodes[NODE]) || [])[0] || { json: {} };
			c.ok(
				'the timeout resumes it with the timeout item naming the job id',
				timedOut &&
					timedOut.status === 'success' &&
					tItem.json.timedOut === true &&
					String(tItem.json.error).includes(slowJob.id),
				`${timedOut && timedOut.status} ${String(tItem.json.error || '').slice(0, 120)}`,
			);
		}
	} finally {
		const stopped = await n8n.stop();
		if (stopped)
			c.ok(
				'n8n stops on SIGTERM to its PID',
				!stopped.forced,
				stopped.forced ? 'had to SIGKILL' : secs(stopped.ms),
			);
		if (!process.env.E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

async function main() {
	const argHosts = process.argv.indexOf('--hosts');
	const hosts = (argHosts > 0 ? process.argv[argHosts + 1] : process.env.E2E_HOSTS || '2 1')
		.split(/\s+/)
		.filter(Boolean);
	const c = new Checks();
	const sim = await createSimulator({ port: PORTS.sim, jobMs: JOB_MS, mediaBytes: MEDIA_BYTES });
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mmx-until-callback-'));
	try {
		const tarball = await pack(workDir);
		for (const id of hosts) {
			const t0 = Date.now();
			await runHost(id, sim, tarball, c.scoped(`n8n v${id}`));
			console.log(`n8n v${id}: ${secs(Date.now() - t0)}`);
		}
	} catch (err) {
		c.ok('run', false, err.message);
	} finally {
		await sim.close();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	console.log(c.summary());
	process.exitCode = c.failed ? 1 : 0;
}

main();
