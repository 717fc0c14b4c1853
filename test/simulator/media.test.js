'use strict';
const zlib = require('zlib');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { start, waitFor } = require('./test-helpers');
const { crc32, MP4 } = require('./media');

/** Top-level MP4 boxes as [type, size]; throws if the sizes do not add up to the buffer. */
function boxes(buf) {
	const out = [];
	let pos = 0;
	while (pos < buf.length) {
		let size = buf.readUInt32BE(pos);
		const type = buf.toString('ascii', pos + 4, pos + 8);
		if (size === 1) size = Number(buf.readBigUInt64BE(pos + 8));
		if (size < 8 || pos + size > buf.length) throw new Error(`bad box ${type} at ${pos}`);
		out.push([type, size]);
		pos += size;
	}
	return out;
}

async function finishedVideo(api) {
	const c = await api('POST', '/videos/create', { json: { prompt: 'media', maxJobs: 10 } });
	return waitFor(async () => {
		const r = await api('GET', `/videos/${c.body.videoId}`);
		return r.body.statusFinal && r.body;
	});
}

describe('result media served at /cdn', () => {
	test('PNG is valid (signature, IHDR, CRCs, inflatable IDAT) and MP4 starts with ftyp', async () => {
		const { sim, api } = await start({ jobMs: 30 });
		try {
			const v = await finishedVideo(api);
			const cover = Buffer.from(await (await fetch(v.coverURL)).arrayBuffer());
			expect(cover.subarray(0, 8)).toEqual(
				Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			);
			expect(cover.toString('ascii', 12, 16)).toBe('IHDR');
			expect(cover.readUInt32BE(16)).toBeGreaterThan(0);
			expect(cover.readUInt32BE(20)).toBeGreaterThan(0);
			let pos = 8;
			const idat = [];
			while (pos < cover.length) {
				const len = cover.readUInt32BE(pos);
				const type = cover.toString('ascii', pos + 4, pos + 8);
				expect(cover.readUInt32BE(pos + 8 + len)).toBe(
					crc32(cover.subarray(pos + 4, pos + 8 + len)),
				);
				if (type === 'IDAT') idat.push(cover.subarray(pos + 8, pos + 8 + len));
				pos += 12 + len;
			}
			const w = cover.readUInt32BE(16);
			const h = cover.readUInt32BE(20);
			expect(zlib.inflateSync(Buffer.concat(idat)).length).toBe((w * 3 + 1) * h);

			const res = await fetch(v.downloadURL);
			expect(res.headers.get('content-type')).toBe('video/mp4');
			const mp4 = Buffer.from(await res.arrayBuffer());
			expect(res.headers.get('content-length')).toBe(String(mp4.length));
			expect(mp4.toString('ascii', 4, 8)).toBe('ftyp');
			expect(boxes(mp4).map((b) => b[0])).toEqual(expect.arrayContaining(['ftyp', 'moov', 'mdat']));
			expect(MP4.length).toBeLessThan(50 * 1024);
			const cdn = sim.log.filter((e) => e.kind === 'cdn');
			expect(cdn.length).toBe(2);
			expect(cdn.every((e) => e.headers.authorized === false && e.status === 200)).toBe(true);
			expect((await fetch(`${sim.cdnUrl}/cdn/video/999.mp4`)).status).toBe(404);
			// Media are not on the API origin (the CDN is another origin, so no token goes there).
			expect(new URL(v.downloadURL).origin).not.toBe(sim.url);
			expect((await fetch(`${sim.url}${new URL(v.downloadURL).pathname}`)).status).toBe(401);
		} finally {
			await sim.close();
		}
	});

	test('mediaBytes pads with a free box to exactly that size and streams it (200 MB)', async () => {
		const size = 200 * 1000 * 1000;
		const { sim, api } = await start({ jobMs: 30, mediaBytes: size });
		try {
			const v = await finishedVideo(api);
			const head = await fetch(v.videoURL, { method: 'HEAD' });
			expect(head.headers.get('content-length')).toBe(String(size));
			const res = await fetch(v.downloadURL);
			expect(res.headers.get('content-length')).toBe(String(size));
			const reader = res.body.getReader();
			let total = 0;
			const firstBytes = [];
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				if (total < MP4.length + 16)
					firstBytes.push(Buffer.from(value.subarray(0, MP4.length + 16 - total)));
				total += value.length;
			}
			expect(total).toBe(size);
			const headBuf = Buffer.concat(firstBytes).subarray(0, MP4.length + 8);
			expect(headBuf.subarray(0, MP4.length).equals(MP4)).toBe(true);
			expect(headBuf.toString('ascii', MP4.length + 4, MP4.length + 8)).toBe('free');
			expect(headBuf.readUInt32BE(MP4.length)).toBe(size - MP4.length);
		} finally {
			await sim.close();
		}
	});

	test('padded file is still a valid MP4 for ffprobe (when ffprobe is installed)', async () => {
		const { sim, api } = await start({ jobMs: 30, mediaBytes: 100000 });
		try {
			const v = await finishedVideo(api);
			const buf = Buffer.from(await (await fetch(v.downloadURL)).arrayBuffer());
			expect(buf.length).toBe(100000);
			expect(boxes(buf).map((b) => b[0])).toContain('free');
			const probe = spawnSync('ffprobe', ['-version']);
			if (probe.error) return; // ffprobe not installed; the box walk above still checks the layout
			const file = path.join(os.tmpdir(), `sim-${process.pid}.mp4`);
			fs.writeFileSync(file, buf);
			const out = spawnSync(
				'ffprobe',
				['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file],
				{ encoding: 'utf8' },
			);
			fs.unlinkSync(file);
			expect(out.status).toBe(0);
			expect(out.stdout.trim()).toBe('h264');
		} finally {
			await sim.close();
		}
	});
});
