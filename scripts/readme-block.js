'use strict';
// The README's generated blocks. A block is
//   <!-- NAME:start -->
//   <!-- written by `COMMAND`; do not edit by hand -->
//   …body…
//   <!-- NAME:end -->
// and only COMMAND (the script that measures the figures) rewrites it, through writeBlock().
// test/docs/readme-blocks.test.js checks that every block names a script that writes it.
const fs = require('fs');
const path = require('path');

const README = path.join(__dirname, '..', 'README.md');

const BLOCK =
	/<!-- ([a-z0-9-]+:[a-z0-9-]+):start -->\n<!-- written by `([^`]+)`; do not edit by hand -->\n([\s\S]*?)\n?<!-- \1:end -->/g;

function render(name, command, body) {
	return `<!-- ${name}:start -->\n<!-- written by \`${command}\`; do not edit by hand -->\n${body.trimEnd()}\n<!-- ${name}:end -->`;
}

/** Every block of `text`: name, command, body. */
function blocks(text) {
	return [...text.matchAll(BLOCK)].map((m) => ({ name: m[1], command: m[2], body: m[3] }));
}

/** Rewrites block `name` of the README; throws when its markers are missing, so no figure is lost. */
function writeBlock(name, command, body, file = README) {
	const text = fs.readFileSync(file, 'utf8');
	const found = blocks(text).find((b) => b.name === name);
	if (!found)
		throw new Error(`${path.basename(file)} has no block "${name}" (<!-- ${name}:start -->)`);
	const start = text.indexOf(`<!-- ${name}:start -->`);
	const endMark = `<!-- ${name}:end -->`;
	const end = text.indexOf(endMark, start) + endMark.length;
	fs.writeFileSync(file, text.slice(0, start) + render(name, command, body) + text.slice(end));
	process.stdout.write(`${path.basename(file)}: block "${name}" rewritten\n`);
}

/** A Markdown table (unpadded, as the README writes them). */
function markdownTable(header, rows) {
	const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

module.exports = { README, render, blocks, writeBlock, markdownTable };
