'use strict';
// Valid audio made in code: MPEG-1 Layer III frames of digital silence (no encoder needed: zero side
// info and zero main data decode as silence) and 16-bit PCM WAV with a sine tone. The parsers read
// them back (and any real CBR/VBR MP3 or PCM WAV) to measure durations for the 10–60 s sample rule.

const BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]; // kbps, MPEG-1 Layer III
const RATES = [44100, 48000, 32000];
const SAMPLES_PER_FRAME = 1152;

/** `ms` of silence as CBR MP3 at `kbps` (44.1 kHz; stereo unless `mono`). */
function makeMp3(ms, { kbps = 128, mono = false } = {}) {
	const index = BITRATES.indexOf(kbps);
	if (index < 1) throw new Error(`unsupported MP3 bitrate ${kbps}`);
	const frameBytes = Math.floor((144 * kbps * 1000) / 44100);
	const frames = Math.max(1, Math.round((ms / 1000) * (44100 / SAMPLES_PER_FRAME)));
	const frame = Buffer.alloc(frameBytes);
	// sync + MPEG-1 + Layer III + no CRC | bitrate, 44.1 kHz, no padding | channel mode, original
	frame[0] = 0xff;
	frame[1] = 0xfb;
	frame[2] = index << 4;
	frame[3] = mono ? 0xc4 : 0x44;
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** `ms` of a 440 Hz tone as mono 16-bit PCM WAV. */
function makeWav(ms, { rate = 8000 } = {}) {
	const samples = Math.round((ms / 1000) * rate);
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++)
		data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
	const head = Buffer.alloc(44);
	head.write('RIFF', 0, 'ascii');
	head.writeUInt32LE(36 + data.length, 4);
	head.write('WAVEfmt ', 8, 'ascii');
	head.writeUInt32LE(16, 16);
	head.writeUInt16LE(1, 20); // PCM
	head.writeUInt16LE(1, 22); // mono
	head.writeUInt32LE(rate, 24);
	head.writeUInt32LE(rate * 2, 28);
	head.writeUInt16LE(2, 32);
	head.writeUInt16LE(16, 34);
	head.write('data', 36, 'ascii');
	head.writeUInt32LE(data.length, 40);
	return Buffer.concat([head, data]);
}

/** Skips an ID3v2 tag. */
function id3Length(buf) {
	if (buf.length < 10 || buf.toString('latin1', 0, 3) !== 'ID3') return 0;
	return (
		10 +
		((buf[6] & 0x7f) << 21) +
		((buf[7] & 0x7f) << 14) +
		((buf[8] & 0x7f) << 7) +
		(buf[9] & 0x7f)
	);
}

/** {frames, ms} of an MPEG-1 Layer III stream, or undefined when the bytes are not one. */
function mp3Info(buf) {
	let pos = id3Length(buf);
	let frames = 0;
	let samples = 0;
	let rate;
	while (pos + 4 <= buf.length) {
		const h = buf.readUInt32BE(pos);
		if (h >>> 21 !== 0x7ff || ((h >>> 19) & 3) !== 3 || ((h >>> 17) & 3) !== 1) break;
		const kbps = BITRATES[(h >>> 12) & 15];
		const r = RATES[(h >>> 10) & 3];
		if (!kbps || !r) break;
		const length = Math.floor((144 * kbps * 1000) / r) + ((h >>> 9) & 1);
		if (pos + length > buf.length) break;
		frames += 1;
		samples += SAMPLES_PER_FRAME;
		rate = r;
		pos += length;
	}
	if (frames < 2 || pos < buf.length - 128) return undefined; // trailing bytes beyond an ID3v1 tag: not an MP3
	return { frames, ms: Math.round((samples / rate) * 1000) };
}

/** {ms, channels, rate} of a PCM WAV, or undefined. */
function wavInfo(buf) {
	if (
		buf.length < 44 ||
		buf.toString('ascii', 0, 4) !== 'RIFF' ||
		buf.toString('ascii', 8, 12) !== 'WAVE'
	)
		return undefined;
	let pos = 12;
	let fmt;
	while (pos + 8 <= buf.length) {
		const id = buf.toString('ascii', pos, pos + 4);
		const size = buf.readUInt32LE(pos + 4);
		if (id === 'fmt ')
			fmt = {
				channels: buf.readUInt16LE(pos + 10),
				rate: buf.readUInt32LE(pos + 12),
				byteRate: buf.readUInt32LE(pos + 16),
			};
		if (id === 'data' && fmt && fmt.byteRate) {
			const bytes = Math.min(size, buf.length - pos - 8);
			return {
				ms: Math.round((bytes / fmt.byteRate) * 1000),
				channels: fmt.channels,
				rate: fmt.rate,
			};
		}
		pos += 8 + size + (size & 1);
	}
	return undefined;
}

const MP3_TYPES = ['audio/mpeg', 'audio/mp3'];
const WAV_TYPES = ['audio/wav', 'audio/wave', 'audio/x-wav'];

/** Duration of the bytes if they really are what `mime` says; undefined otherwise. */
function audioMs(buf, mime) {
	if (MP3_TYPES.includes(mime)) return (mp3Info(buf) || {}).ms;
	if (WAV_TYPES.includes(mime)) return (wavInfo(buf) || {}).ms;
	return undefined;
}

module.exports = { makeMp3, makeWav, mp3Info, wavInfo, audioMs, MP3_TYPES, WAV_TYPES };
