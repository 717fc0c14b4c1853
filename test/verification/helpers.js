'use strict';
// A throw-away copy of the built project (package.json, sources, dist) to break one thing in.
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '../..');

function projectCopy() {
	if (!fs.existsSync(path.join(root, 'dist/nodes')))
		throw new Error('dist/ is missing: run npm run build first');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-copy-'));
	for (const f of ['package.json', 'index.js', 'README.md', 'nodes', 'credentials', 'dist']) {
		fs.cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
	}
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
	return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const fixture = (name) => path.join(__dirname, 'fixtures', name);

module.exports = { root, projectCopy, fixture };
