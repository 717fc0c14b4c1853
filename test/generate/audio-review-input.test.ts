import { ops, run, startSim, type Sim } from './helpers';
const FAST = { pollInterval: 0.1, timeout: 1 };
const V2 = { typeVersion: 2, continueOnFail: true };

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ jobMs: 300 });
});
afterAll(async () => await sim.close());
afterEach(() => {
	sim.reset();
	Object.assign(sim.options, { createMp3Shape: 'record' });
});

describe('review2: wrong types reach paid audio creates', () => {
	it.each([
		['lyrics', { a: 1 }],
		['title', ['a', 'b']],
	])(
		'Music → Create: an expression giving %s an object/array is refused before the create',
		async (field, value) => {
			const result = await run(
				sim,
				{
					resource: 'music',
					operation: 'create',
					musicPrompt: 'a calm lo-fi beat',
					options: { ...FAST, [field]: value },
				},
				undefined,
				V2,
			);
			// Today "[object Object]" / "a,b" is sent as the song's lyrics/title and the song is paid for.
			expect(ops(sim, 'music.create')).toHaveLength(0);
			expect(String(result.items[0].json.error)).toMatch(/must be text/);
		},
	);
});
