'use strict';
// Hints, descriptions and errors that point the user to "Resource → Operation" must name one that
// exists, in the words the panels show (a hint naming "List Characters" sends users looking in vain).
const fs = require('fs');
const path = require('path');
const { Minimax } = require('../../nodes/Minimax/Minimax.node');
const { MinimaxGenerate } = require('../../nodes/MinimaxGenerate/MinimaxGenerate.node');

const root = path.join(__dirname, '..', '..');

/** Resource display name → its operation display names, over both action nodes. */
function operationNames() {
	const names = new Map();
	for (const { description } of [new Minimax(), new MinimaxGenerate()]) {
		const resource = description.properties.find((p) => p.name === 'resource');
		for (const r of resource.options) {
			const ops = names.get(r.name) ?? new Set();
			for (const p of description.properties)
				if (p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value))
					for (const o of p.options) ops.add(o.name);
			names.set(r.name, ops);
		}
	}
	return names;
}

/** Source files whose strings reach the user: the declarative node, the trigger, shared errors. */
function sources(dir) {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
		const rel = path.join(dir, e.name);
		if (e.isDirectory()) return sources(rel);
		return e.name.endsWith('.ts') ? [rel] : [];
	});
}

const NAMES = operationNames();
const RESOURCES = [...NAMES.keys()].sort((a, b) => b.length - a.length);
const ARROW = new RegExp(`\\b(${RESOURCES.join('|')}) → ([^"'\`\\n]+)`, 'g');

/** Every "Resource → …" whose text after the arrow starts with no operation of that resource. */
function wrongReferences(text) {
	return [...text.matchAll(ARROW)]
		.filter(([, resource, rest]) => ![...NAMES.get(resource)].some((op) => rest.startsWith(op)))
		.map(([match]) => match.slice(0, 60));
}

describe('"Resource → Operation" references name real operations', () => {
	it('knows the operations (sanity)', () => {
		expect(NAMES.get('Video')).toEqual(expect.objectContaining({ size: expect.any(Number) }));
		expect([...NAMES.get('Video')]).toEqual(
			expect.arrayContaining(['Get Many Templates', 'Create From Template']),
		);
		expect(wrongReferences('see Video → List Characters')).toEqual(['Video → List Characters']);
		expect(wrongReferences('see Video → Get Many Characters')).toEqual([]);
	});

	it.each(['nodes/Minimax', 'nodes/MinimaxTrigger', 'nodes/shared'])('in %s', (dir) => {
		const wrong = sources(dir).flatMap((file) =>
			wrongReferences(fs.readFileSync(path.join(root, file), 'utf8')).map((w) => `${file}: ${w}`),
		);
		expect(wrong).toEqual([]);
	});
});

describe("the README's operation tables are the nodes' operations", () => {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const section = (heading) => {
		const start = readme.indexOf(`\n## ${heading}\n`);
		return readme.slice(start, readme.indexOf('\n## ', start + 1));
	};
	const pairs = (node) => {
		const { description } = node;
		const resource = description.properties.find((p) => p.name === 'resource');
		return resource.options.map((r) => [
			r.name,
			description.properties
				.filter(
					(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value),
				)
				.flatMap((p) => p.options.map((o) => o.name)),
		]);
	};

	it('MiniMax Generate: one row per Resource → Operation, and no other', () => {
		const text = section('MiniMax Generate (useapi.net)');
		const real = pairs(new MinimaxGenerate()).flatMap(([r, ops]) => ops.map((o) => `${r} → ${o}`));
		const rows = [
			...text.matchAll(/^\| ([A-Z][\w ]* → [A-Z][\w ]*?) \| `(?:POST|GET|DELETE) /gm),
		].map((m) => m[1]);
		expect(rows.sort()).toEqual(real.sort());
	});

	it('MiniMax (declarative): one row per resource, naming each of its operations', () => {
		const text = section('MiniMax (useapi.net) (declarative)');
		const rows = new Map(
			[...text.matchAll(/^\| ([A-Z][\w ]*?) \| (.+) \|$/gm)].map((m) => [m[1], m[2]]),
		);
		rows.delete('resource');
		const real = pairs(new Minimax());
		expect([...rows.keys()].sort()).toEqual(real.map(([r]) => r).sort());
		for (const [r, ops] of real) for (const op of ops) expect(`${r}: ${rows.get(r)}`).toContain(op);
	});
});
