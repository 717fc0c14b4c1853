import type { INodeProperties } from 'n8n-workflow';

import {
	adapterOfKind,
	ALL_OPERATIONS,
	OPERATION_FIELDS,
	operationOf,
	REGISTRY,
} from '../../nodes/MinimaxGenerate/actions';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { nodeSources } from '../queue/module-state';

/** Task fields a step could change; only the batch engine may (engine/batch.ts). */
const TASK_FIELDS =
	'state|holdsSlot|account|attempts|nextAttemptAt|ambiguous\\w*|lookups|firstAttemptAt|deadline|submittedAt|finishedAt|ids|pending|records|createBody|uploads|lastFailure|output|error|prepared|settings|tag';
const WRITES = [
	new RegExp(`\\btask\\.(${TASK_FIELDS})\\s*(=(?!=)|\\?\\?=|\\+=|-=|\\+\\+|--)`),
	/\btask\.(records|uploads)\[[^\]]*\]\s*=(?!=)/,
	/\btask\.(pending|uploads)\.(add|delete|clear|set)\(/,
	/Object\.assign\(task\./,
];

/** Lines of node code that change a Task, as "file:line". */
function taskWrites(sources: Array<{ name: string; text: string }>): string[] {
	return sources.flatMap(({ name, text }) =>
		text
			.split('\n')
			.map((line, i) => (WRITES.some((re) => re.test(line)) ? `${name}:${i + 1}` : ''))
			.filter(Boolean),
	);
}

describe('Generate registry (actions/index.ts)', () => {
	const properties = new MinimaxGenerate().description.properties;
	const field = (name: string, resource?: string) =>
		properties.find(
			(p) =>
				p.name === name &&
				(resource === undefined ||
					(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource)),
		) as INodeProperties;

	it('offers exactly the registered resources and operations, each routed to its module', () => {
		const resources = (field('resource').options ?? []).map((o) => (o as { value: string }).value);
		expect([...resources].sort()).toEqual(Object.keys(REGISTRY).sort());
		for (const [resource, operations] of Object.entries(REGISTRY)) {
			const offered = (field('operation', resource).options ?? []).map(
				(o) => (o as { value: string }).value,
			);
			expect([...offered].sort()).toEqual(Object.keys(operations).sort());
			for (const [operation, module] of Object.entries(operations)) {
				expect(operationOf(resource, operation)).toBe(module);
				expect(module).toMatchObject({ resource, operation });
			}
		}
		expect(operationOf('video', 'notAnOperation')).toBeUndefined();
		expect(OPERATION_FIELDS).toHaveLength(1 + Object.keys(REGISTRY).length);
	});

	it('shows every operation field for its own resource and operation only', () => {
		for (const op of ALL_OPERATIONS) {
			for (const p of op.properties) {
				expect(p.displayOptions?.show).toMatchObject({
					resource: [op.resource],
					operation: [op.operation],
				});
			}
		}
	});

	it('resumes Until Callback with the adapter of the kind the signed state names, one kind per adapter', () => {
		const creates = ALL_OPERATIONS.filter((op) => op.adapter);
		const kinds = creates.map((op) => op.adapter!.kind);
		expect(new Set(kinds).size).toBe(kinds.length);
		expect(kinds).toEqual(expect.arrayContaining(['video', 'template', 'image', 'agent']));
		for (const op of creates) expect(adapterOfKind(op.adapter!.kind)).toBe(op.adapter);
		expect(adapterOfKind('nope')).toBeUndefined();
	});
});

describe('one owner of task state', () => {
	it('only engine/batch.ts changes a Task', () => {
		const files = new Set(taskWrites(nodeSources()).map((w) => w.split(':')[0]));
		expect([...files]).toEqual(['MinimaxGenerate/engine/batch.ts']);
	});

	it('would catch a step that changes a task itself', () => {
		const text = [
			"task.state = 'done';",
			'if (task.state === "done") return;',
			'task.records[id] = record;',
			'task.pending.delete(id);',
			'task.attempts += 1;',
			'task.finishedAt ??= Date.now();',
			'const n = task.ids.length;',
		].join('\n');
		expect(taskWrites([{ name: 'x.ts', text }])).toEqual([
			'x.ts:1',
			'x.ts:3',
			'x.ts:4',
			'x.ts:5',
			'x.ts:6',
		]);
	});
});
