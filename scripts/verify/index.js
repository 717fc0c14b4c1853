'use strict';
// The project check for n8n rules newer than plugin 0.32.0 (see README "n8n verification"). Reads the
// codex files, the built node and credential classes in dist/, their icons, package.json, the TS source,
// and the packed tarball. Each finding is {rule, severity, file, message}; warnings fail here too.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { checkCodex } = require('./codex');
const { checkDescription } = require('./description');
const { checkIcon } = require('./icons');
const { checkPackageJson } = require('./packageJson');
const { hardcodedIds, preferDeclarative } = require('./source');
const { checkTarball } = require('./tarball');

/** Every rule this check enforces, in report order (n8n's names where n8n has one). */
const RULES = [
	'valid-node-categories',
	'no-ai-codex-category',
	'no-codex-subcategories',
	'no-logic-or-flow-nodes',
	'codex-node-name',
	'codex-search-alias',
	'single-credential-per-node',
	'no-monorepo',
	'no-hardcoded-ids',
	'icon-contrast',
	'icon-validation',
	'hint-max-length',
	'open-ended-node-fields',
	'non-required-fields-in-collection',
	'prefer-declarative-style',
	'repository',
	'bugs',
	'homepage',
	'valid-author',
	'no-install-scripts',
	'no-overrides-field',
	'no-runtime-dependencies',
	'tarball-files',
	'no-process-env',
	'no-foreign-urls',
	'no-minified',
	'no-obfuscation',
];

const rel = (root, f) => path.relative(root, f).split(path.sep).join('/');
const loadClass = (file) => {
	const mod = require(file);
	const Class = Object.values(mod).find((v) => typeof v === 'function');
	if (!Class) throw new Error(`${file} exports no class`);
	return new Class();
};

function* tsFiles(dir) {
	if (!fs.existsSync(dir)) return;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) yield* tsFiles(full);
		else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) yield full;
	}
}

/** Packs `root` with npm and unpacks it into a fresh temporary folder; returns that folder. */
function packAndUnpack(root) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-pack-'));
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	);
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', path.join(tmp, info.filename), '-C', dir, '--strip-components=1']);
	return { dir, tarball: path.join(tmp, info.filename), tmp };
}

/** Marks warnings listed in accepted.json (rule + file + field or '*', with a reason) as accepted. */
function applyAccepted(findings, accepted) {
	const used = new Set();
	for (const f of findings) {
		const i = accepted.findIndex(
			(a) =>
				f.severity === 'warn' &&
				a.rule === f.rule &&
				a.file === f.file &&
				(a.field === f.field || a.field === '*'),
		);
		if (i >= 0) {
			f.accepted = accepted[i].reason;
			used.add(i);
		}
	}
	accepted.forEach((a, i) => {
		if (!used.has(i))
			findings.push({
				rule: 'accepted-list',
				severity: 'error',
				file: 'scripts/verify/accepted.json',
				message: `stale entry ${a.rule} ${a.file} ${a.field}: nothing matches it any more, remove it`,
			});
	});
	return findings;
}

function verifyProject(root, { tarballDir, pack = true, accepted = [] } = {}) {
	const findings = [];
	const add = (file, list) => list.forEach((f) => findings.push({ file, ...f }));
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	add('package.json', checkPackageJson(pkg));

	for (const built of pkg.n8n?.nodes ?? []) {
		const source = built.replace(/^dist\//, '').replace(/\.js$/, '');
		const codexFile = path.join(root, `${source}.json`);
		const node = loadClass(path.join(root, built));
		// A VersionedNodeType holds one node per version: check the one new nodes get.
		const d = node.nodeVersions
			? node.nodeVersions[node.currentVersion ?? node.description.defaultVersion].description
			: node.description;
		if (!Array.isArray(d.properties))
			throw new Error(`${built}: description has no properties array`);
		if (d.codex !== undefined)
			add(`${source}.ts`, [
				{
					rule: 'valid-node-categories',
					severity: 'error',
					message: 'inline description.codex: keep the codex in the .node.json only',
				},
			]);
		if (!fs.existsSync(codexFile))
			add(rel(root, codexFile), [
				{ rule: 'valid-node-categories', severity: 'error', message: 'codex file missing' },
			]);
		else
			add(
				rel(root, codexFile),
				checkCodex(JSON.parse(fs.readFileSync(codexFile, 'utf8')), {
					nodeType: `${pkg.name}.${d.name}`,
				}),
			);
		add(`${source}.ts`, checkDescription(d));
		add(`${source}.ts`, checkIcon(d.icon, path.dirname(path.join(root, source))));
		add(
			built,
			checkIcon(d.icon, path.dirname(path.join(root, built))).filter(
				(f) => f.rule === 'icon-validation',
			),
		);
	}
	for (const built of pkg.n8n?.credentials ?? []) {
		const source = built.replace(/^dist\//, '').replace(/\.js$/, '');
		const cred = loadClass(path.join(root, built));
		add(`${source}.ts`, checkIcon(cred.icon, path.dirname(path.join(root, source))));
		add(
			built,
			checkIcon(cred.icon, path.dirname(path.join(root, built))).filter(
				(f) => f.rule === 'icon-validation',
			),
		);
	}
	for (const dir of ['nodes', 'credentials']) {
		for (const file of tsFiles(path.join(root, dir))) {
			const code = fs.readFileSync(file, 'utf8');
			const name = rel(root, file);
			add(name, hardcodedIds(code, name));
			if (name.endsWith('.node.ts')) add(name, preferDeclarative(code, name));
		}
	}
	let packed;
	if (!tarballDir && pack) packed = packAndUnpack(root);
	const dir = tarballDir ?? packed?.dir;
	try {
		if (dir) add('(tarball)', checkTarball(dir));
	} finally {
		if (packed) fs.rmSync(packed.tmp, { recursive: true, force: true });
	}
	return applyAccepted(findings, accepted);
}

/** Per-rule pass/fail lines plus the findings, ending with "verify: N passed, N failed" (rules). */
function report(findings, { rules = RULES } = {}) {
	const lines = [];
	let passed = 0;
	let failed = 0;
	for (const rule of rules) {
		const all = findings.filter((f) => f.rule === rule);
		const hits = all.filter((f) => !f.accepted);
		const ok = all.length - hits.length;
		if (hits.length) failed++;
		else passed++;
		const counts = [hits.length && `${hits.length}`, ok && `${ok} accepted`]
			.filter(Boolean)
			.join(', ');
		lines.push(`${hits.length ? 'FAIL' : 'pass'}  ${rule}${counts ? ` (${counts})` : ''}`);
		for (const h of all)
			lines.push(`      ${h.accepted ? 'accepted' : h.severity}  ${h.file}: ${h.message}`);
	}
	const reasons = [...new Set(findings.filter((f) => f.accepted).map((f) => f.accepted))];
	for (const r of reasons) lines.push(`accepted (scripts/verify/accepted.json): ${r}`);
	for (const f of findings.filter((x) => !rules.includes(x.rule))) {
		failed++;
		lines.push(`FAIL  ${f.rule}: ${f.file}: ${f.message}`);
	}
	lines.push(`verify: ${passed} passed, ${failed} failed`);
	return { text: lines.join('\n'), passed, failed };
}

module.exports = { verifyProject, report, packAndUnpack, RULES };
