'use strict';
// Prints CI's closing line from the runners' own results: jest's JSON report plus the
// "N passed, N failed" lines of the reliability and e2e runners (captured in log files).
const fs = require('fs');

let passed = 0;
let failed = 0;
const parts = [];

const jestReport = process.argv[2];
if (jestReport && fs.existsSync(jestReport)) {
	const r = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	parts.push(`jest ${r.numPassedTests}/${r.numTotalTests}`);
}
for (const log of process.argv.slice(3)) {
	if (!fs.existsSync(log)) continue;
	const lines = fs.readFileSync(log, 'utf8').trim().split('\n').reverse();
	const line = lines.find((l) => /^\S*:?\s*\d+ passed, \d+ failed/.test(l.trim()));
	if (!line) {
		failed += 1;
		parts.push(`${log}: no summary line`);
		continue;
	}
	const [, p, f] = /(\d+) passed, (\d+) failed/.exec(line);
	passed += Number(p);
	failed += Number(f);
	parts.push(`${log.replace(/^.*\//, '').replace(/\.log$/, '')} ${p}/${Number(p) + Number(f)}`);
}
console.log(`(${parts.join(', ')})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
