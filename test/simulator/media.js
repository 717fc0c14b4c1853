'use strict';
// Result media: a real tiny H.264 MP4 (made once with ffmpeg, shipped in fixtures/) and PNGs
// generated with zlib. Large video sizes are produced by appending an MP4 `free` box and streamed.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const MP4 = fs.readFileSync(path.join(__dirname, 'fixtures', 'sample.mp4'));

const CRC_TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

function crc32(buf) {
	let c = -1;
	for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
	return (c ^ -1) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

// Truecolour PNG with a diagonal gradient tinted by `rgb`.
function makePng(width, height, rgb) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // colour type RGB
	const raw = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		raw[row] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const g = (x + y) / (width + height);
			raw[row + 1 + x * 3] = Math.round(rgb[0] * (0.4 + 0.6 * g));
			raw[row + 2 + x * 3] = Math.round(rgb[1] * (0.4 + 0.6 * g));
			raw[row + 3 + x * 3] = Math.round(rgb[2] * (0.4 + 0.6 * g));
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

const IMAGE_PNG = makePng(128, 72, [40, 140, 230]);
const COVER_PNG = makePng(64, 36, [230, 120, 40]);

// Header of the padding box; sizes past 4 GiB need the 64-bit `largesize` form.
function freeBoxHeader(boxSize) {
	if (boxSize <= 0xffffffff) {
		const h = Buffer.alloc(8);
		h.writeUInt32BE(boxSize, 0);
		h.write('free', 4, 'ascii');
		return h;
	}
	const h = Buffer.alloc(16);
	h.writeUInt32BE(1, 0);
	h.write('free', 4, 'ascii');
	h.writeBigUInt64BE(BigInt(boxSize), 8);
	return h;
}

// Size actually served for a requested mediaBytes (too small to hold a box → the plain fixture).
function videoSize(mediaBytes) {
	if (!mediaBytes || mediaBytes < MP4.length + 8) return MP4.length;
	return Math.floor(mediaBytes);
}

const ZEROS = Buffer.alloc(64 * 1024);

// Streams the video with backpressure; never allocates more than one 64 KiB chunk for padding.
function streamVideo(res, mediaBytes, head) {
	const total = videoSize(mediaBytes);
	res.writeHead(200, {
		'Content-Type': 'video/mp4',
		'Content-Length': String(total),
		'Accept-Ranges': 'none',
	});
	if (head) return res.end();
	if (total === MP4.length) return res.end(MP4);
	const boxSize = total - MP4.length;
	const header = freeBoxHeader(boxSize);
	res.write(MP4);
	res.write(header);
	let left = boxSize - header.length;
	const pump = () => {
		while (left > 0) {
			const n = Math.min(left, ZEROS.length);
			left -= n;
			const ok = res.write(n === ZEROS.length ? ZEROS : ZEROS.subarray(0, n));
			if (!ok && left > 0) return res.once('drain', pump);
		}
		res.end();
	};
	res.on('close', () => {
		left = 0;
	});
	pump();
}

function sendBuffer(res, buf, type, head) {
	res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(buf.length) });
	res.end(head ? undefined : buf);
}

module.exports = { MP4, IMAGE_PNG, COVER_PNG, makePng, crc32, videoSize, streamVideo, sendBuffer };
