'use strict';
// The project check (scripts/verify): the package passes it, and each deliberately broken copy fails.
const fs = require('fs');
const path = require('path');
const { verifyProject, report } = require('../../scripts/verify');
const accepted = require('../../scripts/verify/accepted.json');
const { root, projectCopy, fixture } = require('./helpers');

const failing = (findings) =>
	[...new Set(findings.filter((f) => !f.accepted).map((f) => f.rule))].sort();
/** The rules a broken copy fails beyond the unbroken package (which the first test proves clean). */
let baseline = [];
const added = (findings) => failing(findings).filter((r) => !baseline.includes(r));

describe('project check on this package', () => {
	it('passes every rule (warnings included), packing the real tarball', () => {
		const findings = verifyProject(root, { accepted });
		const { text, failed } = report(findings);
		expect(failing(findings)).toEqual([]);
		expect(failed).toBe(0);
		expect(text).toMatch(/^verify: \d+ passed, 0 failed$/m);
	});
});

describe('project check on deliberately broken copies', () => {
	let copy;
	beforeAll(() => {
		baseline = failing(verifyProject(root, { pack: false, accepted }));
	});
	beforeEach(() => {
		copy = projectCopy();
	});
	afterEach(() => copy.remove());

	it('a codex with AI, Marketing and subcategories fails the codex rules', () => {
		fs.copyFileSync(
			fixture('broken.node.json'),
			path.join(copy.dir, 'nodes/Minimax/Minimax.node.json'),
		);
		const found = added(verifyProject(copy.dir, { pack: false, accepted }));
		expect(found).toEqual([
			'codex-node-name',
			'no-ai-codex-category',
			'no-codex-subcategories',
			'valid-node-categories',
		]);
	});

	it('a black-only glyph as the dark icon fails icon-contrast on #2b2b2b', () => {
		fs.copyFileSync(
			fixture('black-glyph.svg'),
			path.join(copy.dir, 'nodes/MinimaxGenerate/minimax.dark.svg'),
		);
		const findings = verifyProject(copy.dir, { pack: false, accepted });
		expect(added(findings)).toEqual(['icon-contrast']);
		const messages = findings.filter((f) => f.rule === 'icon-contrast').map((f) => f.message);
		expect(messages).toEqual([
			expect.stringMatching(
				/minimax\.dark\.svg \(dark icon\) has 1\.4\d:1 contrast on the dark theme/,
			),
		]);
	});

	it('a credential icon that is missing fails icon-validation (source and dist)', () => {
		fs.rmSync(path.join(copy.dir, 'credentials/useapi.dark.svg'));
		fs.rmSync(path.join(copy.dir, 'dist/credentials/useapi.dark.svg'));
		expect(added(verifyProject(copy.dir, { pack: false, accepted }))).toEqual(['icon-validation']);
	});

	it('a monorepo package.json with an install script fails, and so does its tarball', () => {
		const real = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		const broken = {
			...JSON.parse(fs.readFileSync(fixture('broken-package.json'), 'utf8')),
			n8n: real.n8n,
		};
		fs.writeFileSync(path.join(copy.dir, 'package.json'), JSON.stringify(broken, null, 2));
		const findings = verifyProject(copy.dir, { accepted });
		expect(added(findings)).toEqual([
			'bugs',
			'homepage',
			'no-install-scripts',
			'no-monorepo',
			'valid-author',
		]);
		expect(findings.filter((f) => f.rule === 'no-install-scripts').map((f) => f.file)).toEqual([
			'package.json',
			'(tarball)',
		]);
	});

	it('a stale accepted-warning entry fails', () => {
		const stale = [
			...accepted,
			{
				rule: 'hint-max-length',
				file: 'nodes/Minimax/Minimax.node.ts',
				field: 'nothing',
				reason: 'x',
			},
		];
		expect(added(verifyProject(copy.dir, { pack: false, accepted: stale }))).toEqual([
			'accepted-list',
		]);
	});

	it('without the accepted list the optional Account pickers are reported', () => {
		const found = verifyProject(copy.dir, { pack: false }).filter(
			(f) => f.rule === 'non-required-fields-in-collection',
		);
		expect(found.map((f) => f.field)).toEqual(expect.arrayContaining(['account']));
	});
});
