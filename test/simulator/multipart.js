'use strict';
// Minimal multipart/form-data parser (RFC 7578) for the agent endpoint and multipart creates.

function boundaryOf(contentType) {
	const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType || '');
	return m ? (m[1] || m[2]).trim() : undefined;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return headers;
}

function dispositionParam(value, name) {
	const m =
		new RegExp(`(?:^|;)\\s*${name}="([^"]*)"`, 'i').exec(value || '') ||
		new RegExp(`(?:^|;)\\s*${name}=([^;]*)`, 'i').exec(value || '');
	return m ? m[1].trim() : undefined;
}

/**
 * Returns { fields: {name: string}, repeated: {name: string[]}, files: [{field, name, type, data}] },
 * or throws an Error with a client-facing message.
 */
function parseMultipart(buf, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('multipart/form-data boundary is missing');
	const delim = Buffer.from(`--${boundary}`);
	const fields = {};
	const repeated = {};
	const files = [];
	let pos = buf.indexOf(delim);
	if (pos < 0) throw new Error('Malformed multipart/form-data body');
	for (;;) {
		pos += delim.length;
		if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) break; // closing "--"
		if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) pos += 2;
		const headEnd = buf.indexOf('\r\n\r\n', pos);
		if (headEnd < 0) throw new Error('Malformed multipart/form-data body');
		const headers = parseHeaders(buf.subarray(pos, headEnd).toString('utf8'));
		const next = buf.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
		if (next < 0) throw new Error('Malformed multipart/form-data body');
		const data = buf.subarray(headEnd + 4, next);
		const disp = headers['content-disposition'];
		const name = dispositionParam(disp, 'name');
		const filename = dispositionParam(disp, 'filename');
		if (name !== undefined) {
			if (filename !== undefined) {
				files.push({
					field: name,
					name: filename,
					type: headers['content-type'] || 'application/octet-stream',
					data,
				});
			} else {
				const value = data.toString('utf8');
				fields[name] = value;
				(repeated[name] = repeated[name] || []).push(value);
			}
		}
		pos = next + 2;
	}
	return { fields, repeated, files };
}

module.exports = { parseMultipart, boundaryOf };
