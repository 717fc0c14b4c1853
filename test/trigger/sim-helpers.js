'use strict';
/**
 * Node built-ins for the trigger tests: a simulator with finished jobs, a replyUrl receiver that
 * records what the simulator POSTs, and a plain byte fetch.
 */
const http = require('http');
const { createSimulator } = require('../simulator');

/** Records every POST body (raw text) sent to it. */
function startReceiver() {
	const bodies = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			bodies.push(Buffer.concat(chunks).toString('utf8'));
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"received":true}');
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const url = `http://127.0.0.1:${server.address().port}/webhook/abc/minimax?secret=s`;
			resolve({ url, bodies, close: () => new Promise((r) => server.close(r)) });
		});
	});
}

async function api(sim, method, path, body) {
	const res = await fetch(`${sim.apiUrl}${path}`, {
		method,
		headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function untilFinal(sim, id) {
	for (let i = 0; i < 200; i++) {
		const rec = sim.record(id);
		if (rec && rec.statusFinal) return rec;
		await wait(25);
	}
	throw new Error(`job ${id} did not finish`);
}

/** Waits until the receiver got a body whose text mentions `id` and is final. */
async function untilCallback(receiver, id) {
	for (let i = 0; i < 200; i++) {
		const hit = receiver.bodies.find(
			(b) => b.includes(id) && /"statusFinal":true|"status":"(completed|failed)"/.test(b),
		);
		if (hit) return hit;
		await wait(25);
	}
	throw new Error(`no final callback for ${id}`);
}

/** A simulator (callbackShape as given) with one finished video and one finished image. */
async function simulatorWithJobs(options = {}) {
	const sim = await createSimulator({ port: 0, jobMs: 150, ...options });
	const receiver = await startReceiver();
	const created = await api(sim, 'POST', '/videos/create', {
		model: 'T2V-2.3',
		prompt: 'a red robot',
		replyUrl: receiver.url,
		replyRef: 'order-42|n8n:abcdef123',
	});
	const videoId = created.videoId;
	const images = await api(sim, 'POST', '/images/create', {
		model: 'nano-banana-2',
		prompt: 'a red robot',
		replyUrl: receiver.url,
	});
	const imageId = (images.imageIds || [])[0];
	const video = await untilFinal(sim, videoId);
	const image = imageId ? await untilFinal(sim, imageId) : undefined;
	const videoCallback = await untilCallback(receiver, videoId);
	return {
		sim,
		receiver,
		video,
		image,
		videoCallback,
		close: async () => {
			await receiver.close();
			await sim.close();
		},
	};
}

/** One finished speech job and one finished song on `env.sim`, with their final callbacks (raw text). */
async function audioJobs(env) {
	const { sim, receiver } = env;
	const voice = (await api(sim, 'GET', '/speech/voices?page_size=1')).voice_list[0].voice_id;
	const speech = await api(sim, 'POST', '/speech/create', {
		text: 'Hello from n8n.',
		voice_id: voice,
		replyUrl: receiver.url,
		replyRef: 'line-1|n8n:tag123456',
	});
	const music = await api(sim, 'POST', '/music/create', {
		prompt: 'a short jingle',
		replyUrl: receiver.url,
		replyRef: 'song-7',
	});
	const musicId = Array.isArray(music) ? music[0].musicId : music.musicId;
	return {
		speech: await untilFinal(sim, speech.audioId),
		music: await untilFinal(sim, musicId),
		speechCallback: await untilCallback(receiver, speech.audioId),
		musicCallback: await untilCallback(receiver, musicId),
		audioId: speech.audioId,
		musicId,
	};
}

async function fetchBytes(url) {
	const res = await fetch(url);
	return Buffer.from(await res.arrayBuffer());
}

module.exports = { simulatorWithJobs, audioJobs, fetchBytes, startReceiver };
