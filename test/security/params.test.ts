import type { IDataObject } from 'n8n-workflow';

import { MAX_REPLY_LENGTH, TAG_RESERVE } from '../../nodes/shared/replyRef';
import { ops, run, startSim, type Sim } from '../generate/helpers';

/**
 * Issue 13, classes 8 and 9: every text parameter that reaches a paid create is type-checked (an
 * object or array from an expression is refused, naming the field), and Reply URL / Reply Ref are
 * refused before the call when the API would refuse them.
 */
let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ jobMs: 200 });
});
afterEach(() => sim.reset());
afterAll(async () => await sim.close());

const video = (extra: IDataObject) => ({
	resource: 'video',
	operation: 'create',
	videoModel: 'T2V-01',
	prompt: 'ok',
	waitForCompletion: false,
	...extra,
});
const image = (extra: IDataObject) => ({
	resource: 'image',
	operation: 'create',
	imageModel: 'image-01',
	prompt: 'ok',
	waitForCompletion: false,
	...extra,
});
const agent = (extra: IDataObject) => ({
	resource: 'agent',
	operation: 'run',
	agentPrompt: 'ok',
	agentModels: ['nano-banana-2'],
	waitForCompletion: false,
	...extra,
});
const template = (extra: IDataObject) => ({
	resource: 'video',
	operation: 'createFromTemplate',
	templateId: '1122334455667788',
	waitForCompletion: false,
	...extra,
});
const ITEM = [{ json: { obj: { a: 1 }, arr: ['a', 'b'], n: 42 } }];

async function refused(parameters: IDataObject, pattern: RegExp) {
	const result = await run(sim, parameters, ITEM, { continueOnFail: true });
	expect(String(result.items[0].json.error)).toMatch(pattern);
	expect(
		ops(sim, 'videos.create').length +
			ops(sim, 'images.create').length +
			ops(sim, 'agent.run').length +
			ops(sim, 'videos.agentCreate').length,
	).toBe(0);
	expect(sim.log.filter((e) => e.kind === 'api')).toEqual([]);
}

describe('objects and arrays from expressions never reach a create (class 8)', () => {
	it.each([
		[
			'video prompt, object',
			video({ prompt: '={{ $json.obj }}' }),
			/"Prompt" must be text, but its expression returned an object/,
		],
		[
			'video prompt, array',
			video({ prompt: '={{ $json.arr }}' }),
			/"Prompt" must be text, but its expression returned an array/,
		],
		['image prompt, object', image({ prompt: '={{ $json.obj }}' }), /"Prompt" must be text/],
		['agent prompt, array', agent({ agentPrompt: '={{ $json.arr }}' }), /"Prompt" must be text/],
		[
			'template prompt, object',
			template({ templatePrompt: '={{ $json.obj }}' }),
			/"Prompt" must be text/,
		],
		['model, object', video({ videoModel: '={{ $json.obj }}' }), /"Model" must be text/],
		['account, array', video({ account: '={{ $json.arr }}' }), /"Account" must be text/],
		[
			'reply ref, object',
			video({ callback: { replyRef: '={{ $json.obj }}' } }),
			/"Reply Ref" must be text/,
		],
		[
			'reply url, array',
			video({ callback: { replyUrl: '={{ $json.arr }}' } }),
			/"Reply URL" must be text/,
		],
		[
			'file id, object',
			video({ videoModel: 'I2V-01', imageSource: 'fileId', imageFileId: '={{ $json.obj }}' }),
			/"File ID" must be text/,
		],
	] as Array<[string, IDataObject, RegExp]>)(
		'%s',
		async (_name, parameters, pattern) => await refused(parameters, pattern),
	);

	it('a number is plain text', async () => {
		const result = await run(sim, video({ prompt: '={{ $json.n }}' }), ITEM);
		expect(result.items[0].json.error).toBeUndefined();
		expect((ops(sim, 'videos.create')[0].body as IDataObject).prompt).toBe('42');
	});
});

describe('Reply URL and Reply Ref are checked before the call (class 9)', () => {
	const max = MAX_REPLY_LENGTH - TAG_RESERVE;
	it.each([
		[
			'javascript: scheme',
			{ replyUrl: 'javascript:alert(1)' },
			/"Reply URL" must start with https:\/\/ or http:\/\//,
		],
		[
			'file: scheme',
			{ replyUrl: 'file:///etc/passwd' },
			/"Reply URL" must start with https:\/\/ or http:\/\//,
		],
		['not a URL', { replyUrl: 'hooks.example/x' }, /"Reply URL" is not a URL/],
		[
			'longer than 1024',
			{ replyUrl: `https://hooks.example/${'x'.repeat(1010)}` },
			/"Reply URL" is 1032 characters; useapi\.net allows 1024/,
		],
		[
			'Reply Ref too long for our tag',
			{ replyRef: 'r'.repeat(max + 1) },
			new RegExp(`"Reply Ref" is ${max + 1} characters; at most ${max} fit`),
		],
	] as Array<[string, IDataObject, RegExp]>)(
		'%s',
		async (_name, callback, pattern) => await refused(video({ callback }), pattern),
	);

	it('the longest accepted Reply Ref plus the tag stays within 1024', async () => {
		const result = await run(
			sim,
			video({ callback: { replyRef: 'r'.repeat(max), replyUrl: 'https://hooks.example/cb' } }),
			ITEM,
		);
		expect(result.items[0].json.error).toBeUndefined();
		// The simulator's log cuts long strings; the job keeps the whole replyRef.
		const job = sim.jobs.get(String(result.items[0].json.id)) as IDataObject;
		expect(String(job.replyRef)).toMatch(new RegExp(`^r{${max}}\\|n8n:`));
		expect(String(job.replyRef).length).toBeLessThanOrEqual(MAX_REPLY_LENGTH);
	});
});
