'use strict';
// What each example must produce in real n8n. Keyed by example file name (without .json).
const fs = require('fs');
const path = require('path');
const media = require('../../simulator/media');
const { mp3Info } = require('../../simulator/audio-media');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` (sync or async) until truthy or `ms` passed → last truthy value or false. */
async function waitFor(fn, ms, every = 250) {
	const end = Date.now() + ms;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value;
		} catch {
			// not yet
		}
		if (Date.now() >= end) return false;
		await sleep(every);
	}
}

/** POSTs JSON; the status and the body's text. */
async function post(url, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

/** POST to a production webhook: n8n registers them a moment after start-up, so a 404 is retried for 20 s. */
async function postRegistered(url, body) {
	let last;
	await waitFor(
		async () => {
			last = await post(url, body);
			return last.status !== 404;
		},
		20000,
		300,
	);
	return last;
}

const MAGIC = {
	'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
	'image/png': (b) => b.subarray(1, 4).toString('latin1') === 'PNG',
};
const SIZE = { 'video/mp4': (ctx) => ctx.mediaBytes, 'image/png': () => media.IMAGE_PNG.length };

function outputOf(runData, node) {
	const runs = runData.runData[node];
	if (!runs || !runs[0]) throw new Error(`node "${node}" did not run`);
	return (runs[0].data && runs[0].data.main && runs[0].data.main[0]) || [];
}

/** Size and leading bytes of a binary: base64 in memory (1.x default) or a file (2.x filesystem mode). */
function binaryBytes(ctx, bin) {
	if (bin.data && !String(bin.data).startsWith('filesystem'))
		return Buffer.from(bin.data, 'base64');
	const rel = String(bin.id || '').replace(/^[\w-]+:/, '');
	for (const dir of ['storage', 'binaryData']) {
		const file = path.join(ctx.n8n.userFolder, '.n8n', dir, rel);
		if (rel && fs.existsSync(file)) return fs.readFileSync(file);
	}
	return undefined;
}

function checkBinary(ctx, label, bin, mime) {
	const ok = ctx.ok;
	if (!ok(`${label}: has a binary`, bin, bin ? '' : 'no binary property')) return;
	ok(`${label}: MIME ${mime}`, bin.mimeType === mime, bin.mimeType);
	const bytes = binaryBytes(ctx, bin);
	const size = bytes ? bytes.length : bin.bytes;
	const want = SIZE[mime](ctx);
	ok(`${label}: ${want} bytes`, size === want, `${size} bytes (${bin.fileSize || '?'})`);
	if (bytes)
		ok(`${label}: content is ${mime}`, MAGIC[mime](bytes), bytes.subarray(0, 12).toString('hex'));
}

const pairedIndexes = (items) =>
	items.map((i) =>
		Array.isArray(i.pairedItem) ? i.pairedItem[0].item : i.pairedItem && i.pairedItem.item,
	);
const creates = (ctx, op) => ctx.log.filter((e) => e.op === op && e.status === 200);

/** Waited video creates: N items, each completed, paired with its input, carrying an MP4. */
function videos(node, n) {
	return (ctx) => {
		const items = outputOf(ctx.runData, node);
		ctx.ok(`${n} item(s) out`, items.length === n, `${items.length}`);
		ctx.ok(
			'pairedItem points at each input item once',
			JSON.stringify(pairedIndexes(items)) === JSON.stringify([...Array(n).keys()]),
			JSON.stringify(pairedIndexes(items)),
		);
		ctx.ok(
			`${n} video create(s) reached the API`,
			creates(ctx, 'videos.create').length === n,
			`${creates(ctx, 'videos.create').length}`,
		);
		items.forEach((item, i) => {
			ctx.ok(
				`item ${i}: completed with a video id`,
				item.json.status === 'completed' && /-video:\d+$/.test(item.json.videoId || ''),
				`${item.json.status} ${item.json.videoId}`,
			);
			ctx.ok(
				`item ${i}: each value once (no id, downloadURL, statusLabel)`,
				!('id' in item.json) &&
					!('downloadURL' in item.json) &&
					!('statusLabel' in item.json) &&
					/^http/.test(item.json.url || ''),
				Object.keys(item.json).join(','),
			);
			checkBinary(ctx, `item ${i}`, item.binary && item.binary.data, 'video/mp4');
		});
		return items;
	};
}

/** A downloaded MP3: the very bytes the simulator's CDN served for that job, and real MPEG frames. */
function checkMp3(ctx, label, bin, jobId) {
	const ok = ctx.ok;
	if (!ok(`${label}: has a binary`, bin, bin ? '' : 'no binary property')) return;
	ok(`${label}: MIME audio/mpeg`, bin.mimeType === 'audio/mpeg', bin.mimeType);
	const bytes = binaryBytes(ctx, bin);
	const job = ctx.sim.jobs.get(jobId);
	const served = job && job.mp3;
	ok(
		`${label}: the ${served ? served.length : '?'} bytes the CDN served`,
		bytes && served && bytes.equals(served),
		`${bytes ? bytes.length : bin.bytes} bytes`,
	);
	const info = bytes && mp3Info(bytes);
	ok(
		`${label}: decodes as MPEG audio`,
		info && info.frames > 0,
		info ? `${info.ms} ms` : 'not MP3',
	);
}

/** One waited audio job: 1 item, completed, paired, its id of `kind`, the MP3. */
function audioItem(ctx, node, idField, pattern) {
	const items = outputOf(ctx.runData, node);
	ctx.ok('1 item out, paired with its input', items.length === 1 && pairedIndexes(items)[0] === 0);
	const item = items[0] || { json: {} };
	ctx.ok(
		`completed with ${idField}`,
		item.json.status === 'completed' && pattern.test(item.json[idField] || ''),
		`${item.json.status} ${item.json[idField]}`,
	);
	checkMp3(ctx, node, item.binary && item.binary.data, item.json[idField]);
	return item;
}

const expectations = {
	'01-prompt-to-video': videos('Create Video', 1),
	'02-image-to-video': (ctx) => {
		const uploads = creates(ctx, 'files.upload');
		ctx.ok(
			'the image binary was uploaded',
			uploads.length === 1 && uploads[0].body.bytes === media.COVER_PNG.length,
			JSON.stringify(uploads.map((u) => u.body)),
		);
		const [create] = creates(ctx, 'videos.create');
		ctx.ok(
			'the create used the uploaded fileID',
			create && /-file:\d+$/.test(create.body.fileID || ''),
			create && JSON.stringify(create.body),
		);
		videos('Animate Image', 1)(ctx);
	},
	'03-batch-of-prompts': (ctx) => {
		const items = videos('Create Videos', 3)(ctx);
		const prompts = creates(ctx, 'videos.create').map((e) => e.body.prompt);
		ctx.ok(
			'each prompt became its own video',
			new Set(prompts).size === 3,
			JSON.stringify(prompts),
		);
		ctx.ok('3 different video ids', new Set(items.map((i) => i.json.videoId)).size === 3);
	},
	'04a-create-with-reply-url': (ctx) => {
		const items = outputOf(ctx.runData, 'Create Video (No Wait)');
		const item = items[0] || { json: {} };
		ctx.ok(
			'1 item out, paired with the trigger item',
			items.length === 1 && pairedIndexes(items)[0] === 0,
		);
		ctx.ok(
			'returned at once with the job id, not waiting',
			item.json.status === 'submitted' && /-video:\d+$/.test(item.json.videoId || ''),
			`${item.json.status} ${item.json.videoId}`,
		);
		ctx.ok('no binary (nothing to download yet)', !item.binary);
		const [create] = creates(ctx, 'videos.create');
		const replyUrl = create && create.body.replyUrl;
		ctx.ok(
			"the create carried the trigger's Production URL, secret included, as replyUrl",
			replyUrl === ctx.triggerUrl && replyUrl.includes(ctx.secret),
			String(replyUrl).replace(ctx.secret, '<secret>'),
		);
		ctx.ok(
			'the output does not repeat the replyUrl (the secret stays out of execution data)',
			!JSON.stringify(items).includes(ctx.secret),
		);
		ctx.ok(
			'the replyRef reached the API',
			create && /^order-42\|n8n:/.test(create.body.replyRef || ''),
			create && create.body.replyRef,
		);
		ctx.jobIds = item.json.videoId ? [item.json.videoId] : undefined;
	},
	'04b-trigger-receives-result': (ctx) => {
		for (const id of ctx.jobIds) {
			const runs = ctx.executions.filter(
				(e) => e.status === 'success' && JSON.stringify(e.nodes).includes(id),
			);
			ctx.ok(
				'exactly one execution per job (progress calls ignored, final once)',
				runs.length === 1,
				`${runs.length}`,
			);
			const item =
				runs[0] && runs[0].nodes['MiniMax Trigger'] && runs[0].nodes['MiniMax Trigger'][0];
			ctx.ok(
				"the item: completed video, the user's replyRef without the tag",
				item &&
					item.json.id === id &&
					item.json.outcome === 'completed' &&
					item.json.replyRef === 'order-42',
				item && JSON.stringify(item.json).slice(0, 300),
			);
			if (item) checkBinary(ctx, 'downloaded result', item.binary && item.binary.data, 'video/mp4');
			const passed = runs[0] && runs[0].nodes['Use the Result'];
			ctx.ok('the next node got the item', passed && passed.length === 1);
			ctx.ok(
				"the secret is in neither the execution's data nor n8n's log",
				runs[0] &&
					!JSON.stringify(runs[0].nodes).includes(ctx.secret) &&
					!ctx.n8n.serverLog.includes(ctx.secret),
			);
		}
	},
	'05-agent-with-attachments': (ctx) => {
		const items = outputOf(ctx.runData, 'Run Agent');
		ctx.ok(
			'1 item out, paired with its input',
			items.length === 1 && pairedIndexes(items)[0] === 0,
		);
		const run = ctx.log.find((e) => e.op === 'agent.run');
		const files = run && run.body && run.body.files;
		ctx.ok(
			'the reference file went along (multipart)',
			files && files.length === 1 && files[0].size === media.COVER_PNG.length,
			JSON.stringify(run && run.body),
		);
		const item = items[0] || { json: {} };
		ctx.ok('completed', item.json.status === 'completed', item.json.status);
		const bins = Object.values(item.binary || {});
		ctx.ok('2 attachments downloaded', bins.length === 2, Object.keys(item.binary || {}).join(','));
		checkBinary(
			ctx,
			'video attachment',
			bins.find((b) => b.mimeType === 'video/mp4'),
			'video/mp4',
		);
		checkBinary(
			ctx,
			'image attachment',
			bins.find((b) => b.mimeType === 'image/png'),
			'image/png',
		);
	},
	'07-text-to-speech': (ctx) => {
		const [create] = ctx.log.filter((e) => e.op === 'speech.create');
		ctx.ok(
			'one speech create, answered 201, with the text and the voice',
			create &&
				create.status === 201 &&
				/^\{happy\}Welcome/.test(create.body.text || '') &&
				create.body.voice_id === '209533299589184',
			create && `${create.status} ${JSON.stringify(create.body).slice(0, 200)}`,
		);
		const item = audioItem(ctx, 'Create Speech', 'audioId', /-audio:\d+$/);
		ctx.ok(
			'the model and voice in the output',
			item.json.model === 'speech-2.8-hd' && item.json.voiceId === '209533299589184',
		);
	},
	'08-brief-to-song': (ctx) => {
		const [create] = ctx.log.filter((e) => e.op === 'music.create');
		ctx.ok(
			'one music create, answered 201, with the brief and the title',
			create &&
				create.status === 201 &&
				/texting too late/.test(create.body.prompt || '') &&
				create.body.title === 'Read at 2 AM',
			create && `${create.status} ${JSON.stringify(create.body).slice(0, 200)}`,
		);
		const item = audioItem(ctx, 'Create Song', 'musicId', /-music:\d+$/);
		ctx.ok(
			'title and duration in the output',
			item.json.title === 'Read at 2 AM' && item.json.durationSeconds > 0,
			JSON.stringify(item.json).slice(0, 200),
		);
	},
	'09-clone-voice-then-speak': (ctx) => {
		const [upload] = ctx.log.filter((e) => e.op === 'speech.uploadSample');
		ctx.ok(
			'the 12 s WAV went up raw, with its MIME type',
			upload &&
				upload.status === 200 &&
				/^audio\/(wav|wave)$/.test(upload.body.contentType) &&
				upload.body.bytes > 100000,
			upload && JSON.stringify(upload.body),
		);
		ctx.ok(
			'the clone-slot quota was checked before the upload',
			ctx.log.findIndex((e) => e.op === 'speech.voiceQuota') >= 0 &&
				ctx.log.findIndex((e) => e.op === 'speech.voiceQuota') <
					ctx.log.findIndex((e) => e.op === 'speech.uploadSample'),
			ctx.log.map((e) => e.op).join(','),
		);
		const clone = outputOf(ctx.runData, 'Clone Voice')[0] || { json: {} };
		ctx.ok(
			'a cloned voice id',
			/-voice:/.test(clone.json.voiceId || ''),
			JSON.stringify(clone.json).slice(0, 200),
		);
		const [create] = ctx.log.filter((e) => e.op === 'speech.create');
		ctx.ok(
			'the speech used the clone',
			create && create.body.voice_id === clone.json.voiceId,
			create && create.body.voice_id,
		);
		audioItem(ctx, 'Speak With the Clone', 'audioId', /-audio:\d+$/);
	},
	'06-capacity-report': (ctx) => {
		const items = outputOf(ctx.runData, 'Get Capacity');
		const accounts = [...ctx.sim.state.accounts.keys()];
		ctx.ok(
			'one item per account',
			items.length === accounts.length,
			`${items.length} for ${accounts.length}`,
		);
		const item = items[0] || { json: {} };
		ctx.ok(
			'the account and its free slots',
			String(item.json.account) === accounts[0] && typeof item.json.available === 'number',
			JSON.stringify(item.json).slice(0, 300),
		);
		ctx.ok(
			'pairedItem points at the trigger item',
			pairedIndexes(items).every((i) => i === 0),
			JSON.stringify(pairedIndexes(items)),
		);
		ctx.ok(
			'one API call (GET /scheduler/available)',
			ctx.log.filter((e) => e.kind === 'api').length === 1 &&
				ctx.log[0].op === 'scheduler.available',
			ctx.log.map((e) => e.op).join(','),
		);
	},
};

module.exports = { expectations, sleep, waitFor, binaryBytes, post, postRegistered };
