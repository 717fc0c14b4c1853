'use strict';
// The reference's endpoint files (spec/*.endpoints.json) as the
// allow-list of every request: content types, query and body field names, documented types,
// enums and simple ranges. Per-model rules stay in validate.js; this is what holds for every call.
const { ValidationError } = require('./validate');

const JSON_TYPE = 'application/json';
const MULTIPART = 'multipart/form-data';

/** Range strings we can apply without knowing the model: "1..10", "max 1024 chars", "<= 3000 chars". */
function parseRange(range) {
	const text = String(range || '').trim();
	let m = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(text);
	if (m) return { min: Number(m[1]), max: Number(m[2]) };
	m = /^(?:max|<=)\s*(\d+)\s*chars(?:\s*\(inferred\))?$/.exec(text);
	if (m) return { maxLength: Number(m[1]) };
	return undefined;
}

function compileField(f) {
	return {
		name: f.name,
		type: f.type,
		required: !!f.required,
		enum: Array.isArray(f.enum) ? f.enum : undefined,
		range: parseRange(f.range),
	};
}

/** Path template "/videos/{videoId}" → route pattern "videos/:videoId". */
const patternOf = (path) =>
	String(path)
		.replace(/^\/+/, '')
		.replace(/\/+$/, '')
		.replace(/\{([^}]+)\}/g, ':$1');

/**
 * One endpoints file → Map "METHOD pattern" → endpoint. Fields named "<raw binary>" make the body raw
 * (its content types are then MIME types, not JSON/multipart).
 */
function compileEndpoints(entries) {
	const map = new Map();
	for (const e of entries) {
		if (!e || !e.method || !/^\//.test(String(e.path))) continue; // webhook pseudo-entries
		const body = (e.body || []).filter((f) => f.name !== '<raw binary>').map(compileField);
		const endpoint = {
			op: `${e.resource}.${e.operation}`,
			method: String(e.method).toUpperCase(),
			pattern: patternOf(e.path),
			query: new Map((e.query || []).map((f) => [f.name, compileField(f)])),
			body: new Map(body.map((f) => [f.name, f])),
			contentTypes: (e.bodyContentTypes || []).map((t) => t.toLowerCase()),
			raw: (e.body || []).some((f) => f.name === '<raw binary>'),
			decommissioned: !!e.decommissioned,
		};
		map.set(`${endpoint.method} ${endpoint.pattern}`, endpoint);
	}
	return map;
}

function fail(message) {
	throw new ValidationError(message);
}

const isIntText = (v) => /^-?\d+$/.test(v);
const isNumText = (v) => /^-?\d+(\.\d+)?$/.test(v);

/**
 * Checks one value against its documented type. `text`: the transport carries only strings
 * (query string, multipart), so "8" and "true" stand for 8 and true; in JSON they do not.
 * Returns the typed value.
 */
function typed(field, value, text, where) {
	const { name, type } = field;
	const bad = (what) =>
		fail(`Parameter ${name} (${JSON.stringify(value)}) must be ${what}${where}`);
	if (type === 'string') {
		if (typeof value !== 'string') bad('a string');
		return value;
	}
	if (type === 'integer') {
		if (text)
			return typeof value === 'string' && isIntText(value) ? Number(value) : bad('an integer');
		return Number.isInteger(value) ? value : bad('an integer (a JSON number, not a string)');
	}
	if (type === 'number') {
		if (text)
			return typeof value === 'string' && isNumText(value) ? Number(value) : bad('a number');
		return typeof value === 'number' && Number.isFinite(value)
			? value
			: bad('a number (a JSON number, not a string)');
	}
	if (type === 'boolean') {
		if (text) return value === 'true' ? true : value === 'false' ? false : bad('true or false');
		return typeof value === 'boolean' ? value : bad('a JSON boolean (true or false, not a string)');
	}
	return value; // object, file: checked by the handler
}

function checkValue(field, value, text, where) {
	const v = typed(field, value, text, where);
	const r = field.range;
	if (r && typeof v === 'number' && r.min !== undefined && (v < r.min || v > r.max)) {
		fail(`Parameter ${field.name} (${v}) must be between ${r.min} and ${r.max}`);
	}
	if (r && typeof v === 'string' && r.maxLength !== undefined && v.length > r.maxLength) {
		fail(`Parameter ${field.name} is too long (${v.length} > ${r.maxLength} characters)`);
	}
	if (field.enum && field.type === 'string' && !field.enum.includes(v)) {
		fail(`Parameter ${field.name} (${JSON.stringify(v)}) is not one of ${field.enum.join(', ')}`);
	}
}

const mediaType = (header) =>
	String(header || '')
		.split(';')[0]
		.trim()
		.toLowerCase();

/**
 * The whole allow-list for one request. `req`: { query, body, files, contentType, bodyBytes }.
 * Unknown query or body fields, wrong types, out-of-range values and undocumented content types → 400.
 */
function checkRequest(endpoint, req) {
	for (const [name, value] of Object.entries(req.query || {})) {
		const field = endpoint.query.get(name);
		if (!field) fail(`Unknown query parameter ${name} for ${endpoint.method} /${endpoint.pattern}`);
		checkValue(field, value, true, ' in the query string');
	}
	const type = mediaType(req.contentType);
	if (endpoint.raw) {
		// Raw upload: the MIME type list is the handler's (it names the supported ones).
		return;
	}
	if (!req.bodyBytes) return;
	if (!endpoint.contentTypes.length)
		fail(`${endpoint.method} /${endpoint.pattern} takes no request body`);
	if (!endpoint.contentTypes.includes(type)) {
		fail(
			`Content-Type ${type || '(none)'} is not accepted here; send ${endpoint.contentTypes.join(' or ')}`,
		);
	}
	const multipart = type === MULTIPART;
	for (const [name, value] of Object.entries(req.body || {})) {
		const field = endpoint.body.get(name);
		if (!field) fail(`Unknown parameter ${name} for ${endpoint.method} /${endpoint.pattern}`);
		if (field.type === 'file') fail(`Parameter ${name} must be a file part`);
		if (value === null && !multipart) fail(`Parameter ${name} is null; leave it out instead`);
		checkValue(field, value, multipart, '');
	}
	for (const f of req.files || []) {
		const field = endpoint.body.get(f.field);
		if (!field || field.type !== 'file')
			fail(`Unexpected file part ${f.field} for ${endpoint.method} /${endpoint.pattern}`);
	}
}

module.exports = { compileEndpoints, checkRequest, parseRange, patternOf, JSON_TYPE, MULTIPART };
