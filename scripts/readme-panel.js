'use strict';
// `node scripts/readme-panel.js` (after a build): the README's Generate panel block, counted from
// the node's description the way n8n's editor shows it: top-level fields of every operation in
// version 1 and 2 (defaults filled in, version 2's default model in both), and its Options.
// test/docs/readme-blocks.test.ts fails when the README's block differs from what this writes.
const { NodeHelpers } = require('n8n-workflow');

/** Extra cases beyond each operation's defaults: [resource, operation, parameters]. */
const EXTRA = [['video', 'create', { videoModel: 'I2V-2.3' }]];

/** The top-level fields n8n's editor shows for these parameters (defaults filled in as it does). */
function shownFields(description, version, parameters) {
	const node = {
		id: '1',
		name: 'MiniMax Generate',
		type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
		typeVersion: version,
		position: [0, 0],
		parameters,
	};
	const desc = { ...description, version };
	const values =
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, desc) ??
		{};
	return description.properties.filter((p) => NodeHelpers.displayParameter(values, p, node, desc));
}

const nameOf = (property, value) =>
	(property.options ?? []).find((o) => o.value === value)?.name ?? value;

/** Every resource → operation of the description, in the editor's order. */
function operations(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	return resource.options.flatMap((r) =>
		description.properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value))
			.flatMap((p) => p.options.map((o) => [r, o])),
	);
}

/** Rows: operation (with its model), top-level fields v1 → v2, the version 2 Options. */
function panelRows(description) {
	const cases = operations(description).flatMap(([r, o]) => [
		[r, o, {}],
		...EXTRA.filter(([res, op]) => res === r.value && op === o.value).map(([, , p]) => [r, o, p]),
	]);
	return cases.map(([r, o, extra]) => {
		const base = { resource: r.value, operation: o.value, ...extra };
		const v2 = shownFields(description, 2, base);
		// The model version 2 starts with, also set in version 1 (whose default model differs).
		const model = v2.find((p) => /Model$/.test(p.name) && p.type === 'options');
		const parameters = model ? { [model.name]: extra[model.name] ?? model.default, ...base } : base;
		const v1 = shownFields(description, 1, parameters);
		const options = v2.find((p) => p.name === 'options' && p.type === 'collection');
		const label = `${r.name} → ${o.name}${model ? `, ${nameOf(model, parameters[model.name])}` : ''}`;
		return [
			label,
			`${v1.length} → ${v2.length}`,
			options ? options.options.map((x) => x.displayName).join(', ') : '(none)',
		];
	});
}

function panelBlock(description) {
	const { markdownTable } = require('./readme-block');
	return markdownTable(
		['operation (defaults)', 'top-level fields, version 1 → 2', 'Options (version 2)'],
		panelRows(description),
	);
}

if (require.main === module) {
	const { MinimaxGenerate } = require('../dist/nodes/MinimaxGenerate/MinimaxGenerate.node.js');
	const { writeBlock } = require('./readme-block');
	writeBlock(
		'generate:panel',
		'node scripts/readme-panel.js',
		panelBlock(new MinimaxGenerate().description),
	);
}

module.exports = { shownFields, panelRows, panelBlock };
