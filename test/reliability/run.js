'use strict';
/**
 * Reliability run (`npm run test:reliability`): the built package through n8n's real engine against
 * the simulator. 1 fault run, 2 bad-input table, 3 token safety, 4 cancellation. Prints figures and
 * `N passed, N failed`; exits 1 on any failure. See README.md in this folder.
 */
const lib = require('./lib');

lib.captureOutput();
const { check, checks, nodes, produced, simLogs, written, findSecrets, TYPES } = lib;
const done = { tokenHits: 0 };

function table(rows, headers) {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (r) =>
		r
			.map((c, i) => String(c).padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function section(name, fn, figures) {
	const started = Date.now();
	process.stdout.write(`\n== ${name}\n`);
	try {
		await fn(figures);
	} catch (error) {
		check(
			name,
			'section ran without throwing',
			false,
			error && error.stack ? error.stack.split('\n').slice(0, 4).join(' | ') : error,
		);
	}
	figures.push([`${name}: time`, `${((Date.now() - started) / 1000).toFixed(1)} s`]);
	for (const c of checks.filter((x) => x.section === name)) {
		process.stdout.write(
			`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}\n`,
		);
	}
}

function tokenSafety() {
	const name = 'token safety';
	process.stdout.write(`\n== ${name}\n`);
	// Sources: run results (items, errors, whole execution data), simulator logs, own stdout/stderr.
	const sources = [...produced, { source: 'stdout/stderr', text: written.join('') }];
	const hits = [];
	let chars = 0;
	for (const s of sources) {
		chars += s.text.length;
		for (const secret of findSecrets(s.text)) hits.push(`${s.source}: ${secret.slice(0, 14)}…`);
	}
	// The simulator replaces the token by "[redacted]" wherever a request carried it outside the
	// Authorization header (path, query, body, other headers): that would be a leak to the API.
	done.tokenHits = hits.length;
	const redacted = produced.filter(
		(p) => p.source.startsWith('simulator log') && p.text.includes('[redacted]'),
	).length;
	check(
		name,
		`token absent from ${sources.length} outputs (${(chars / 1e6).toFixed(1)} MB scanned)`,
		hits.length === 0,
		hits.slice(0, 5).join('; '),
	);
	check(
		name,
		'token never sent outside the Authorization header (no "[redacted]" in simulator logs)',
		redacted === 0,
		`${redacted} logs`,
	);
	check(
		name,
		'scan has material (runs and logs were captured)',
		produced.length >= 3 && chars > 10_000,
		`${produced.length} sources`,
	);
	for (const c of checks.filter((x) => x.section === name)) {
		process.stdout.write(
			`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}\n`,
		);
	}
}

async function main() {
	const started = Date.now();
	const figures = [];
	const pkg = nodes();
	check(
		'package',
		'all nodes load from dist/ through package.json (loadPackage)',
		!pkg.error,
		pkg.error ? pkg.error.message.split('\n')[0] : Object.keys(pkg.nodeTypes).join(', '),
	);
	for (const type of Object.values(TYPES))
		check('package', `${type} is built`, Boolean(pkg.nodeTypes[type]));

	const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
	const results = {};
	const want = (s) => !only.length || only.includes(s);
	if (want('faults')) {
		const { faultRun, lostAnswerRun } = require('./fault-run');
		await section(
			'fault run',
			async (f) => {
				results.faultRun = await faultRun(f);
				await lostAnswerRun(f);
			},
			figures,
		);
	}
	if (want('inputs')) await section('bad input', require('./bad-input').badInput, figures);
	if (want('cancel')) {
		await section(
			'cancellation',
			async (f) => {
				await require('./cancel').cancellation(f);
				await require('./stops').stops(f);
			},
			figures,
		);
	}
	if (want('attack')) await section('attack', require('./attack').attack, figures);
	if (want('matrix'))
		await section(
			'fault matrix',
			async (f) => (results.matrix = await require('./matrix').matrix(f)),
			figures,
		);
	results.attack = require('./attack').totals;
	tokenSafety();

	const summary = doneMeans(results);
	figures.push(['total wall time', `${((Date.now() - started) / 1000).toFixed(1)} s`]);
	process.stdout.write(`\n== done means (issue 13)\n${table(summary, ['figure', 'value'])}\n`);
	if (process.argv.includes('--readme'))
		writeReadme(summary, ((Date.now() - started) / 1000).toFixed(0));
	process.stdout.write(`\n== figures\n${table(figures, ['figure', 'value'])}\n`);
	const failed = checks.filter((c) => !c.ok);
	if (failed.length) {
		process.stdout.write(
			`\n== failed checks\n${table(
				failed.map((c) => [c.section, c.name, c.detail.slice(0, 160)]),
				['section', 'check', 'detail'],
			)}\n`,
		);
	}
	process.stdout.write(`\n${checks.length - failed.length} passed, ${failed.length} failed\n`);
	return failed.length ? 1 : 0;
}

/** The figures issue 13 asks for, summed over every section that ran. */
function doneMeans(results) {
	const { isSafePath } = require('../../dist/nodes/shared/ids');
	const m = results.matrix;
	const f = results.faultRun;
	const a = results.attack;
	const api = simLogs.filter(
		(e) => e.kind === 'api' && typeof e.path === 'string' && e.path.startsWith('/v1/minimax'),
	);
	const altered =
		api.filter((e) => !isSafePath(e.path.slice('/v1/minimax'.length) || '/')).length +
		(a ? a.injectionRequests : 0);
	const rows = [];
	if (m) {
		rows.push([
			'seeded fault runs (30 % and 50 % faults on every request kind, 20–50 items, identical prompts, consecutive runs per simulator)',
			`${m.runs} runs, ${m.items} items`,
		]);
		rows.push([
			'duplicate creates per item tag (simulator count / own count) / per prompt',
			`${m.simDuplicates + (f ? f.duplicates : 0)} / ${m.dupTag + m.dupItem} / ${m.dupPrompt}`,
		]);
		rows.push(["items reported completed with another item's or another run's job", m.wrong]);
		rows.push([
			'lost / unpaired items',
			`${m.lost + (f ? f.lost : 0)} / ${m.unpaired + (f ? f.misPaired : 0)}`,
		]);
		rows.push([
			'items completed / ended with a clear per-item error',
			`${m.completed} / ${m.items - m.completed}`,
		]);
	}
	rows.push([
		'token occurrences in outputs, errors, logs and requests to a non-API host',
		done.tokenHits + (a ? a.nonApiTokenArrivals + a.echoLeaks : 0),
	]);
	rows.push([
		'requests altered by an id (injection table + every API path the simulators saw)',
		`${altered} (of ${api.length} requests; ${a ? a.injectionCases : 0} injection cases)`,
	]);
	return rows;
}

/** `--readme`: rewrites the README's reliability block with these figures. */
function writeReadme(summary, seconds) {
	const { markdownTable, writeBlock } = require('../../scripts/readme-block');
	const rows = [...summary, ['whole reliability run (2 cores)', `${seconds} s`]];
	writeBlock(
		'reliability:figures',
		'node test/reliability/run.js --readme',
		markdownTable(['figure', 'value'], rows),
	);
}

main().then(
	(code) => {
		// Give stdout a moment to drain, then leave even if a stopped node left a timer behind.
		process.exitCode = code;
		setTimeout(() => process.exit(code), 100);
	},
	(error) => {
		process.stderr.write(`${error && error.stack}\n`);
		process.exit(1);
	},
);
