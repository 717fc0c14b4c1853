import { findings, nodeSources } from './module-state';

/**
 * Queue mode runs every call on whichever process gets it, so node code keeps no module-level
 * mutable state. An exception must say at its declaration that it is "Per process and safe to
 * lose", and why (MinimaxTrigger/guard.ts, Minimax/output.ts).
 */
describe('no module-level mutable state in node code', () => {
	const texts = nodeSources();
	const all = texts.map((t) => t.text).join('\n');

	it('scans the node sources', () => {
		expect(texts.length).toBeGreaterThan(20);
		expect(texts.map((t) => t.name)).toContain('MinimaxGenerate/engine/batch.ts');
	});

	it('finds none (the marked exceptions excepted)', () => {
		expect(texts.flatMap((t) => findings(t.name, t.text, all))).toEqual([]);
	});

	it('would catch the old tagCounter, an unmarked written map and a static counter; not a read-only set', () => {
		const text = [
			'let tagCounter = 0;',
			'const seen = new Map<string, number>();',
			'export function f(k: string) { seen.set(k, 1); }',
			'const FINAL = new Set([2, 3]);',
			'class A {',
			'	static count = 0;',
			'}',
		].join('\n');
		expect(findings('x.ts', text, text)).toEqual([
			'x.ts:1 module-level let tagCounter = 0;',
			'x.ts:2 module-level seen is written but not marked "Per process and safe to lose"',
			'x.ts:6 mutable static field: static count = 0;',
		]);
	});
});
