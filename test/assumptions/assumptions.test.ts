/**
 * Every place the API reference marks [gap]/[inferred] that the package depends on (README
 * "Assumptions"): each alternative shape is fed in and the result checked. The callback body has its
 * own table in test/callback/parse.test.ts; the declarative node's cancel/files/404 cases live in
 * test/declarative.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseAgentCreate } from '../../nodes/MinimaxGenerate/actions/agent/run';
import {
	parseEventStream,
	parseTemplateCreate,
} from '../../nodes/MinimaxGenerate/actions/video/createFromTemplate';
import { imageAdapter } from '../../nodes/MinimaxGenerate/actions/image/create';
import { videoAdapter } from '../../nodes/MinimaxGenerate/actions/video/create';
import { parseCallback } from '../../nodes/shared/callback';
import { apiMessageOf, describeHttpFailure } from '../../nodes/shared/errors';
import { checkId } from '../../nodes/shared/ids';
import { isFinal, outcomeOf } from '../../nodes/shared/status';

const VIDEO = 'user:1234-minimax:987654321-video:998877665544332211';
const IMAGE = 'user:1234-minimax:987654321-image:357846312387492374';
const JOB = 'p123456789-u1234-a987654321-bot:minimax';

describe('status values', () => {
	it.each([
		[{ status: 2, statusFinal: true }, true, 'completed'],
		[{ status: 99 }, false, 'running'],
		[{ status: 99, statusFinal: true }, true, 'failed'],
		[{ status: 2, statusFinal: false }, false, 'running'],
		[{ status: 3 }, true, 'failed'],
		[{ status: 7 }, true, 'moderated'],
		[{ status: 14, statusLabel: 'moderated' }, true, 'moderated'],
		[{ status: 11 }, false, 'running'],
		[{ status: 'started' }, false, 'running'],
		[{ status: 'completed' }, true, 'completed'],
		[{ status: 'failed' }, true, 'failed'],
	])('%j → final %s, %s', (record, final, outcome) => {
		expect(isFinal(record as IDataObject)).toBe(final);
		expect(outcomeOf(record as IDataObject)).toBe(outcome);
	});
});

describe('POST /images/create: only imageIds is relied on', () => {
	it.each([
		[{ imageIds: [IMAGE] }, [IMAGE]],
		[
			{ imageIds: [IMAGE, IMAGE.replace(/4$/, '5')], code: 200, replyRef: 'x' },
			[IMAGE, IMAGE.replace(/4$/, '5')],
		],
		[{ imageIds: [IMAGE, 42, null] }, [IMAGE]],
		[{ data: { id: '1' } }, []],
		['', []],
	])('%j', (body, ids) => {
		expect(imageAdapter.parseCreate(body).ids).toEqual(ids);
	});

	it('a video create is read from videoId only', () => {
		expect(
			videoAdapter.parseCreate({ data: { id: '998877665544332211' }, videoId: VIDEO }).ids,
		).toEqual([VIDEO]);
		expect(videoAdapter.parseCreate({ data: { id: '998877665544332211' } }).ids).toEqual([]);
	});
});

describe('POST /agent: the job id wherever it is; a finished job is used as is', () => {
	it.each([
		[{ jobId: JOB, status: 'started' }, false],
		[{ job: { jobId: JOB, status: 'started' } }, false],
		[{ data: { jobId: JOB } }, false],
		[{ id: JOB, status: 'started' }, false],
		[{ jobId: JOB, status: 'completed', response: { attachments: [] } }, true],
		[{ jobId: JOB, status: 'failed', error: { message: 'Timeout', status: 504 } }, true],
	])('%j', (body, done) => {
		const parsed = parseAgentCreate(body);
		expect(parsed.ids).toEqual([JOB]);
		expect(Object.keys(parsed.finals)).toEqual(done ? [JOB] : []);
	});

	// What the engine does then (finds the job by its replyRef tag, never sends again) is tested
	// end to end in test/generate/unit.test.ts ("an agent create answered without a job id").
	it('no id anywhere → no ids', () => {
		expect(parseAgentCreate({ status: 'started' }).ids).toEqual([]);
		expect(parseAgentCreate('accepted').ids).toEqual([]);
	});
});

describe('POST /videos/agent-create: JSON or text/event-stream', () => {
	const progress = { videoId: VIDEO, status: 1, statusFinal: false, percent: 40 };
	const done = { videoId: VIDEO, status: 2, statusFinal: true, downloadURL: 'https://cdn/x.mp4' };
	const sse = (...events: unknown[]) =>
		events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');

	it('a stream with a final event ends the job', () => {
		const parsed = parseTemplateCreate(sse(progress, done));
		expect(parsed.ids).toEqual([VIDEO]);
		expect(parsed.finals[VIDEO]).toMatchObject({ status: 2 });
	});

	it('a stream that ends without a final event falls back to polling the video', () => {
		const parsed = parseTemplateCreate(`: keep-alive\n\n${sse(progress)}event: end\ndata: bye\n\n`);
		expect(parsed).toEqual({ ids: [VIDEO], finals: {} });
	});

	it('events wrapped in {data: …} and a plain JSON answer are read too', () => {
		expect(parseTemplateCreate(sse({ data: done })).finals[VIDEO]).toBeDefined();
		expect(parseTemplateCreate({ videoId: VIDEO, code: 200 })).toEqual({
			ids: [VIDEO],
			finals: {},
		});
	});

	// The engine's lookup in GET /scheduler: test/generate/unit.test.ts ("a template stream without a videoId").
	it('a stream with no videoId at all yields no ids', () => {
		expect(parseTemplateCreate(sse({ percent: 10 })).ids).toEqual([]);
		expect(parseEventStream('data: {"a":1}\r\n\r\ndata: not json\n\n')).toEqual([{ a: 1 }]);
	});
});

describe('412 and 596: the status code decides, the body only adds its text', () => {
	it.each([
		[
			412,
			{ error: 'Account 987654321 has run out of credits', code: 412 },
			/run out of credits \(412\): Account 987654321/,
		],
		[412, undefined, /run out of credits \(412\)$/],
		[
			596,
			{ error: 'Account 987654321 is on hold', code: 596 },
			/on hold at hailuoai\.video \(596\): Account/,
		],
		[596, '<html>hold</html>', /on hold at hailuoai\.video \(596\)/],
		[596, { statusInfo: { code: 1, message: 'suspended' } }, /\(596\): suspended/],
	])('%s with %j', (code, body, message) => {
		expect(describeHttpFailure(code, body, { account: '987654321' }).message).toMatch(message);
	});

	it('reads the error text from every documented envelope', () => {
		expect(apiMessageOf({ error: 'x', code: 400 })).toBe('x');
		expect(apiMessageOf({ error: { message: 'y', status: 504 } })).toBe('y');
		expect(apiMessageOf({ statusInfo: { message: 'z' } })).toBe('z');
		expect(apiMessageOf(undefined)).toBeUndefined();
	});
});

describe('ids', () => {
	it('accepts surrounding spaces and refuses URL-encoded ids with a clear message', () => {
		expect(checkId(`  ${VIDEO}\n`, 'Video ID', 'video')).toBe(VIDEO);
		expect(() => checkId(VIDEO.replace(/:/g, '%3A'), 'Video ID', 'video')).toThrow(
			/looks URL-encoded/,
		);
		expect(() => checkId('998877665544332211', 'Video ID', 'video')).toThrow(/bare number/);
		expect(() => checkId(IMAGE, 'Video ID', 'video')).toThrow(/is not a video id/);
		expect(() => checkId(VIDEO, 'Image ID', 'image')).toThrow(/is not an image id/);
		expect(checkId(` ${JOB} `, 'Job ID', 'agent')).toBe(JOB);
	});
});

describe('callback body: the kind from the id format or the fields', () => {
	it.each([
		[{ videoId: VIDEO, status: 2, statusFinal: true }, 'video'],
		[{ data: { imageId: IMAGE, status: 1 } }, 'image'],
		[{ jobId: JOB, status: 'completed' }, 'agent'],
		[{ id: VIDEO, status: 2 }, 'video'],
	])('%j → %s', (body, kind) => {
		const parsed = parseCallback(body);
		expect('error' in parsed ? parsed.error : parsed.kind).toBe(kind);
	});

	it('a body with no id is refused', () => {
		expect(parseCallback({ status: 2, statusFinal: true })).toHaveProperty('error');
	});
});
