'use strict';
// Prints CI's closing line from the runners' own results: jest's JSON report plus the
// "N passed, N failed" lines of the reliability and e2e runners (captured in log files).
// --readme: also writes the counts into the README's tests block (stages not given are left out).
const fs = require('fs');
const path = require('path');

const readme = process.argv.includes('--readme');
const [jestReport, ...logs] = process.argv.slice(2).filter((a) => a !== '--readme');
let passed = 0;
let failed = 0;
const parts = [];
const rows = [];

if (jestReport && fs.existsSync(jestReport)) {
	const r = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	parts.push(`jest ${r.numPassedTests}/${r.numTotalTests}`);
	rows.push([`jest (${r.numTotalTestSuites} files)`, r.numPassedTests, r.numFailedTests]);
}
for (const log of logs) {
	if (!fs.existsSync(log)) continue;
	const name = log.replace(/^.*\//, '').replace(/\.log$/, '');
	const lines = fs.readFileSync(log, 'utf8').trim().split('\n').reverse();
	const line = lines.find((l) => /^\S*:?\s*\d+ passed, \d+ failed/.test(l.trim()));
	if (!line) {
		failed += 1;
		parts.push(`${log}: no summary line`);
		rows.push([name, 0, 'no summary line']);
		continue;
	}
	const [, p, f] = /(\d+) passed, (\d+) failed/.exec(line);
	passed += Number(p);
	failed += Number(f);
	parts.push(`${name} ${p}/${Number(p) + Number(f)}`);
	rows.push([name, Number(p), Number(f)]);
}
console.log(`(${parts.join(', ')})`);
console.log(`${passed} passed, ${failed} failed`);

if (readme) {
	const { markdownTable, writeBlock } = require('./readme-block');
	const given = [jestReport, ...logs].map((f) => path.relative(process.cwd(), f));
	const day = new Date().toISOString().slice(0, 10);
	writeBlock(
		'tests:counts',
		`node scripts/ci-summary.js --readme ${given.join(' ')}`,
		`Last counted ${day}.\n\n${markdownTable(['stage', 'passed', 'failed'], [...rows, ['total', passed, failed]])}`,
	);
}
process.exit(failed ? 1 : 0);
