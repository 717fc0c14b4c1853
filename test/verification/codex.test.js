'use strict';
// Codex files: categories that pass every version of the newer codex rules, and search aliases.
const fs = require('fs');
const path = require('path');
const { checkCodex, CATEGORIES } = require('../../scripts/verify/codex');

const root = path.resolve(__dirname, '../..');
const pkg = require('../../package.json');
const codexFiles = pkg.n8n.nodes.map((js) => js.replace(/^dist\//, '').replace(/\.js$/, '.json'));
const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
const rules = (findings) => findings.map((f) => f.rule);

describe('codex files', () => {
	it.each(codexFiles)('%s passes every codex rule', (file) => {
		const name = path.basename(file, '.node.json');
		const nodeType = `${pkg.name}.${name[0].toLowerCase()}${name.slice(1)}`;
		const codex = read(file);
		expect(checkCodex(codex, { nodeType })).toEqual([]);
		expect(codex.subcategories).toBeUndefined();
		expect(codex.categories.every((c) => CATEGORIES.includes(c))).toBe(true);
	});

	it('no node sets its codex inline (the loader would then ignore the .node.json)', () => {
		for (const file of codexFiles) {
			const ts = fs.readFileSync(path.join(root, file.replace(/\.json$/, '.ts')), 'utf8');
			expect(ts).not.toMatch(/\bcodex\s*:/);
		}
	});

	it('flags the codex we used to ship (AI + Marketing + subcategories)', () => {
		const found = rules(checkCodex(read('test/verification/fixtures/broken.node.json')));
		expect(found).toEqual(
			expect.arrayContaining([
				'valid-node-categories',
				'no-ai-codex-category',
				'no-codex-subcategories',
			]),
		);
	});

	it.each([
		[{ categories: [] }, 'valid-node-categories'],
		[{ categories: 'Sales' }, 'valid-node-categories'],
		[{ categories: ['Bananas'] }, 'valid-node-categories'],
		[{ categories: ['Development', 'Developer Tools'] }, 'valid-node-categories'],
		[{ categories: ['Development'], subcategories: { AI: ['Agents'] } }, 'valid-node-categories'],
		[{ categories: ['AI'] }, 'valid-node-categories'],
		[
			{ categories: ['Development'], subcategories: { 'Core Nodes': ['Helpers'] } },
			'no-codex-subcategories',
		],
		[{ categories: ['Logic'] }, 'no-logic-or-flow-nodes'],
		[{ categories: ['Development'], subcategories: { x: ['Flow'] } }, 'no-logic-or-flow-nodes'],
		[{ categories: ['Development'], alias: ['MiniMax'] }, 'codex-search-alias'],
	])('flags %j as %s', (codex, rule) => {
		expect(rules(checkCodex(codex))).toContain(rule);
	});
});
