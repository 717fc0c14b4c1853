import type { IDataObject } from 'n8n-workflow';

import { DEDUPE_WINDOW_MS, isDuplicateFinal } from '../../nodes/MinimaxTrigger/guard';

/**
 * Another process sees only what was saved: the static data as n8n stores it (JSON in the
 * database), under a scope this process never used (so the same-process memory cannot help).
 */
const saved = (staticData: IDataObject): IDataObject =>
	JSON.parse(JSON.stringify(staticData)) as IDataObject;

let serial = 0;
const scope = () => `wf-guard-${++serial}/MiniMax Trigger`;

describe('trigger dedupe record (static data)', () => {
	it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'user:1-minimax:2-video:3'])(
		'a repeated final for id %j is caught by another process that reads the saved static data',
		(id) => {
			const first: IDataObject = {};
			expect(isDuplicateFinal(first, scope(), id)).toBe(false);
			const elsewhere = saved(first);
			expect(isDuplicateFinal(elsewhere, scope(), id)).toBe(true);
		},
	);

	it('a record of __proto__ does not change the prototype of the stored object', () => {
		const data: IDataObject = {};
		isDuplicateFinal(data, scope(), '__proto__');
		const seen = data.seenFinal as IDataObject;
		expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
		expect(Object.keys(saved(data).seenFinal as IDataObject)).toEqual(['j:__proto__']);
	});

	it('an id never seen is not a duplicate, even when it names an Object.prototype member', () => {
		for (const id of ['__proto__', 'constructor', 'valueOf'])
			expect(isDuplicateFinal({}, scope(), id)).toBe(false);
	});

	it('ignores a damaged record (not an object, or entries that are not times)', () => {
		const data: IDataObject = { seenFinal: ['x'] };
		expect(isDuplicateFinal(data, scope(), 'a')).toBe(false);
		const odd: IDataObject = { seenFinal: { 'j:b': 'yesterday' } };
		expect(isDuplicateFinal(odd, scope(), 'b')).toBe(false);
		expect(typeof (odd.seenFinal as IDataObject)['j:b']).toBe('number');
	});

	it('a repeat after the window starts again', () => {
		const data: IDataObject = {};
		const t0 = Date.now();
		const s = scope();
		expect(isDuplicateFinal(data, s, 'c', t0)).toBe(false);
		expect(isDuplicateFinal(saved(data), scope(), 'c', t0 + DEDUPE_WINDOW_MS + 1)).toBe(false);
	});
});
