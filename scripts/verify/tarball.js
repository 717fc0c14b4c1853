'use strict';
// Threat-rule cleanliness of the packed package (what the scanner's YARA leg and a reviewer look for):
// only expected file types, no install scripts, no process.env reads, no URLs but the API's and its docs,
// nothing minified or obfuscated.
const fs = require('fs');
const path = require('path');
const { checkPackageJson } = require('./packageJson');
const { hardcodedIds } = require('./source');

/** Hosts shipped code may name: the API and its docs, the two account sites the API drives, RFC 2606 placeholders. */
const ALLOWED_HOSTS = [
	/^(?:[a-z0-9-]+\.)*useapi\.net$/,
	/^hailuoai\.video$/,
	/^(?:www\.)?minimax\.io$/,
	/^(?:[a-z0-9-]+\.)*example\.(?:com|net|org)$/,
];
/** Namespace URIs SVG files carry; not links. */
const SVG_NAMESPACES = /^http:\/\/www\.w3\.org\//;
const ALLOWED_FILES =
	/^(?:package\.json|index\.js|README\.md|LICENSE(?:\.md)?|CHANGELOG\.md|dist\/(?:nodes|credentials)\/.+\.(?:js|d\.ts|json|svg|png))$/;
const CODE = /\.(?:js|cjs|mjs|ts|json)$/;
const MAX_LINE = 1000;

function* files(dir, base = dir) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) yield* files(full, base);
		else yield path.relative(base, full).split(path.sep).join('/');
	}
}

function obfuscation(text) {
	const found = [];
	if (/\beval\s*\(/.test(text)) found.push('eval(');
	if (/\bnew\s+Function\s*\(/.test(text)) found.push('new Function(');
	if (/String\.fromCharCode\s*\(\s*(?:\d+\s*,\s*){9,}\d+/.test(text))
		found.push('String.fromCharCode over 10+ numbers');
	if (/\(!\[\]\+\[\]\)|\[\]\+!\+\[\]|!!\[\]\+!!\[\]/.test(text)) found.push('JSFuck');
	if (/(?:\\x[0-9a-f]{2}){20,}/i.test(text)) found.push('long \\x escape run');
	if (/['"`][A-Za-z0-9+/=]{400,}['"`]/.test(text)) found.push('long base64 literal');
	if (/\bchild_process\b/.test(text)) found.push('child_process');
	return found;
}

function checkTarball(dir) {
	const out = [];
	const err = (rule, message) => out.push({ rule, severity: 'error', message });
	for (const rel of files(dir)) {
		if (!ALLOWED_FILES.test(rel))
			err(
				'tarball-files',
				`${rel}: not an expected file of a node package (source, tests, maps and build info stay out)`,
			);
		const text = fs.readFileSync(path.join(dir, rel), 'utf8');
		if (rel === 'package.json') {
			for (const f of checkPackageJson(JSON.parse(text)))
				if (f.rule === 'no-install-scripts') err(f.rule, f.message);
		}
		if (!CODE.test(rel) && !rel.endsWith('.svg')) continue;
		if (CODE.test(rel) && /\bprocess\s*(?:\.\s*env\b|\[\s*['"`]env)/.test(text))
			err('no-process-env', `${rel}: reads process.env`);
		for (const m of text.matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`<>)\\]+/gi)) {
			const url = m[0];
			if (rel === 'package.json' || (rel.endsWith('.svg') && SVG_NAMESPACES.test(url))) continue;
			if (/^[a-z]+:\/\/…/i.test(url)) continue; // "https://…" in a message is a placeholder, not a link
			let host;
			try {
				host = new URL(url.replace(/….*$/, '')).hostname.toLowerCase();
			} catch {
				host = '';
			}
			if (!ALLOWED_HOSTS.some((h) => h.test(host)))
				err('no-foreign-urls', `${rel}: URL ${url} is not the API's or its docs'`);
		}
		if (!/\.(?:js|cjs|mjs)$/.test(rel)) continue;
		const lines = text.split('\n');
		const longest = Math.max(...lines.map((l) => l.length));
		if (longest > MAX_LINE)
			err(
				'no-minified',
				`${rel}: a line of ${longest} characters (max ${MAX_LINE}) looks minified`,
			);
		for (const o of obfuscation(text)) err('no-obfuscation', `${rel}: ${o}`);
		out.push(...hardcodedIds(text, rel)); // the rule covers *.node.js; every shipped file is checked
	}
	return out;
}

module.exports = { checkTarball, obfuscation, ALLOWED_HOSTS };
