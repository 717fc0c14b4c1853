'use strict';
// Static scan for module-level mutable state in node code (see module-state.test.ts).
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..', 'nodes');
const MARKER = /Per process and safe to lose/;
const COLLECTION =
	/^(?:export\s+)?const\s+(\w+)(?:\s*:[^=]+)?\s*=\s*(?:new\s+(?:Map|Set|WeakMap|WeakSet|Array)\b|\[|\{)/;
const WRITES = '\\s*\\.\\s*(?:set|add|delete|clear|push|pop|shift|unshift|splice)\\s*\\(';

/** Every .ts file under nodes/ → [{ name (relative), text }]. */
function nodeSources(dir = ROOT) {
	return fs.readdirSync(dir).flatMap((name) => {
		const file = path.join(dir, name);
		if (fs.statSync(file).isDirectory()) return nodeSources(file);
		return file.endsWith('.ts')
			? [{ name: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }]
			: [];
	});
}

/**
 * Problems in one file: top-level let/var, mutable static fields, and top-level collections that
 * some node source writes (`all`) without a "Per process and safe to lose" comment above them.
 */
function findings(name, text, all) {
	const lines = text.split('\n');
	const out = [];
	lines.forEach((line, i) => {
		const where = `${name}:${i + 1}`;
		if (/^(?:export\s+)?(?:let|var)\s/.test(line)) out.push(`${where} module-level ${line.trim()}`);
		if (/^\s+static\s+(?!readonly\b)\w+\s*(?::[^=]+)?=/.test(line))
			out.push(`${where} mutable static field: ${line.trim()}`);
		const collection = COLLECTION.exec(line);
		if (!collection) return;
		const id = collection[1];
		const written = new RegExp(`\\b${id}${WRITES}|\\b${id}\\s*\\[[^\\]]+\\]\\s*=[^=]`).test(all);
		const comment = lines.slice(Math.max(0, i - 8), i).join('\n');
		if (written && !MARKER.test(comment))
			out.push(
				`${where} module-level ${id} is written but not marked "Per process and safe to lose"`,
			);
	});
	return out;
}

module.exports = { nodeSources, findings };
