'use strict';
// Figures in the README live in generated blocks (scripts/readme-block.js). Each block must name a
// script that writes it; the one whose content is deterministic (the Generate panel) must be current.
const fs = require('fs');
const path = require('path');
const { blocks, README } = require('../../scripts/readme-block');
const { panelBlock } = require('../../scripts/readme-panel');
const { MinimaxGenerate } = require('../../nodes/MinimaxGenerate/MinimaxGenerate.node');

const root = path.join(__dirname, '..', '..');
const text = fs.readFileSync(README, 'utf8');
const found = blocks(text);
const scripts = require('../../package.json').scripts;

/** The file a block's command runs: `node FILE …`, or `npm run NAME` whose script runs `node FILE`. */
function scriptOf(command) {
	const npm = /^npm run ([\w:-]+)/.exec(command);
	const line = npm ? (scripts[npm[1]] ?? '') : command;
	const node = /(?:^|&& )node ([\w./-]+\.js)/.exec(line);
	return node ? node[1] : undefined;
}

describe('README generated blocks', () => {
	it('has the blocks for the test counts, reliability, bench and Generate panel figures', () => {
		expect(found.map((b) => b.name).sort()).toEqual([
			'bench:figures',
			'generate:panel',
			'reliability:figures',
			'tests:counts',
		]);
	});

	it('has no broken markers: every start has its end and its "written by" line', () => {
		const starts = [...text.matchAll(/<!-- ([\w:-]+):start -->/g)].map((m) => m[1]);
		expect(starts.sort()).toEqual(found.map((b) => b.name).sort());
	});

	it.each(found.map((b) => [b.name, b.command]))(
		'%s is written by `%s`, a script that exists and writes that block',
		(name, command) => {
			const file = scriptOf(command);
			expect(file).toBeDefined();
			const source = fs.readFileSync(path.join(root, file), 'utf8');
			expect(source).toContain(`'${name}'`);
			expect(source).toContain('writeBlock(');
		},
	);

	it('generate:panel matches the node (run `npm run build && node scripts/readme-panel.js`)', () => {
		const block = found.find((b) => b.name === 'generate:panel');
		expect(block.body).toBe(panelBlock(new MinimaxGenerate().description));
	});
});
