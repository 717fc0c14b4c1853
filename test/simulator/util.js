'use strict';
// Small shared helpers: seeded PRNG, id formats, clocks, JSON replies.

// mulberry32: tiny seeded PRNG so fault runs repeat exactly for a given seed.
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// 18-digit MiniMax-style ids: 13-digit ms clock + 5-digit sequence, so ids sort by creation.
let seq = 0;
function rawId() {
	seq = (seq + 1) % 100000;
	return String(Date.now()) + String(seq).padStart(5, '0');
}

const ID_RE = /^user:(\d+)-minimax:(\d+)-(video|image|file|audio|music|voice):(\d{6,24})$/;
const AGENT_ID_RE = /^p(\d{9})-u(\d+)-a(\d+)-bot:minimax$/;

function parseId(id) {
	const m = ID_RE.exec(String(id || ''));
	return m ? { uid: m[1], account: m[2], kind: m[3], raw: m[4] } : undefined;
}

function parseAgentId(id) {
	const m = AGENT_ID_RE.exec(String(id || ''));
	return m ? { uid: m[2], account: m[3] } : undefined;
}

function makeId(uid, account, kind, raw) {
	return `user:${uid}-minimax:${account}-${kind}:${raw || rawId()}`;
}

let agentSeq = 0;
function makeAgentId(uid, account) {
	agentSeq += 1;
	const n = 100000000 + ((Date.now() * 7 + agentSeq * 7919) % 900000000);
	return `p${n}-u${uid}-a${account}-bot:minimax`;
}

function mmss(ms) {
	const s = Math.max(0, Math.floor(ms / 1000));
	return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function uuid() {
	return require('crypto').randomUUID();
}

function statusInfo(code, message) {
	return {
		code,
		httpCode: 0,
		message,
		serviceTime: Math.floor(Date.now() / 1000),
		requestID: uuid(),
		debugInfo: code ? String(code) : '',
		serverAlert: 0,
	};
}

// Cut long strings so the request log stays small (prompts up to 7,500 chars, base64 etc.).
function summarize(value, max = 200) {
	if (typeof value === 'string')
		return value.length > max ? `${value.slice(0, max)}…(${value.length} chars)` : value;
	if (Array.isArray(value)) return value.map((v) => summarize(v, max));
	if (value && typeof value === 'object') {
		const out = {};
		for (const [k, v] of Object.entries(value)) out[k] = summarize(v, max);
		return out;
	}
	return value;
}

// Deep-replace any occurrence of the secret so the log can never leak the token.
function scrub(value, secret) {
	if (!secret) return value;
	if (typeof value === 'string') return value.split(secret).join('[redacted]');
	if (Array.isArray(value)) return value.map((v) => scrub(v, secret));
	if (value && typeof value === 'object') {
		const out = {};
		for (const [k, v] of Object.entries(value)) out[k] = scrub(v, secret);
		return out;
	}
	return value;
}

module.exports = {
	mulberry32,
	rawId,
	parseId,
	parseAgentId,
	makeId,
	makeAgentId,
	mmss,
	uuid,
	statusInfo,
	summarize,
	scrub,
};
