'use strict';
// CLI: node scripts/verify/run.js [projectRoot] [--no-pack]. Needs a build (dist/). Exit 1 on any finding.
const path = require('path');
const { verifyProject, report } = require('./index');

const args = process.argv.slice(2);
const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '../..'));
const accepted = require('./accepted.json');
const { text, failed } = report(
	verifyProject(root, { pack: !args.includes('--no-pack'), accepted }),
);
console.log(text);
process.exit(failed ? 1 : 0);
