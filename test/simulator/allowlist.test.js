'use strict';
// The reference's field lists are the allow-list of every route: one row per (route, field) below,
// generated from the endpoints file, so a field or route added there is covered here too.
const { start } = require('./test-helpers');
const { ROUTES } = require('./routes');
const { compileEndpoints, checkRequest, parseRange } = require('./allowlist');

const ID = {
	account: '987654321',
	id: 'user:1234-minimax:987654321-video:123456789012345678',
};
const pathOf = (route) =>
	`/${route.parts.map((p) => (p.startsWith(':') ? ID[p.slice(1)] || ID.id : p)).join('/')}`;
const jsonRoutes = ROUTES.filter((r) => r.endpoint.contentTypes.includes('application/json'));
const bodyRoutes = ROUTES.filter((r) => r.endpoint.body.size && !r.endpoint.raw);

/** A value of the wrong documented type, as JSON would carry it. */
function wrongJson(field) {
	if (field.type === 'string') return 12345;
	if (field.type === 'integer' || field.type === 'number') return '3';
	if (field.type === 'boolean') return 'true';
	return undefined;
}

function wrongText(field) {
	if (field.type === 'integer') return 'three';
	if (field.type === 'number') return '1,5';
	if (field.type === 'boolean') return 'yes';
	return undefined;
}

const rows = (list, fn) => list.flatMap((r) => fn(r)).filter(Boolean);
const label = (r) => `${r.method} ${pathOf(r)}`;

describe('allow-list from endpoints.json', () => {
	let sim;
	let api;
	beforeAll(async () => ({ sim, api } = await start({ jobMs: 100 })));
	afterAll(() => sim.close());

	const expect400 = (r, fragment) => {
		expect(r.status).toBe(400);
		expect(r.body).toEqual({ error: expect.any(String), code: 400 });
		expect(r.body.error).toContain(fragment);
		return r;
	};

	test('every route is bound to an endpoints-file entry', () => {
		expect(ROUTES.length).toBe(42); // 26 from minimax-v1, 16 speech and music
		for (const r of ROUTES) expect(r.endpoint.op).toBe(r.op);
	});

	test.each(ROUTES.map((r) => [label(r), r]))(
		'%s: unknown query parameter → 400',
		async (_, route) => {
			const before = sim.stats().requests;
			expect400(await api(route.method, `${pathOf(route)}?bogusField=1`), 'bogusField');
			expect(sim.stats().requests).toBe(before + 1);
		},
	);

	test.each(
		rows(ROUTES, (r) =>
			[...r.endpoint.query.values()].filter(wrongText).map((f) => [label(r), f.name, r, f]),
		),
	)('%s: query %s of the wrong type → 400', async (_, name, route, field) => {
		expect400(
			await api(route.method, `${pathOf(route)}?${name}=${encodeURIComponent(wrongText(field))}`),
			name,
		);
	});

	test.each(jsonRoutes.map((r) => [label(r), r]))(
		'%s: unknown body field → 400',
		async (_, route) => {
			expect400(
				await api(route.method, pathOf(route), { json: { bogusField: 'x' } }),
				'bogusField',
			);
		},
	);

	test.each(
		rows(jsonRoutes, (r) =>
			[...r.endpoint.body.values()]
				.filter((f) => wrongJson(f) !== undefined)
				.map((f) => [label(r), f.name, f.type, r, f]),
		),
	)('%s: JSON %s (%s) of the wrong type → 400', async (_, name, type, route, field) => {
		expect400(await api(route.method, pathOf(route), { json: { [name]: wrongJson(field) } }), name);
		expect400(await api(route.method, pathOf(route), { json: { [name]: null } }), name);
	});

	test.each(
		rows(bodyRoutes, (r) =>
			[...r.endpoint.body.values()]
				.filter((f) => f.range && f.range.min !== undefined)
				.map((f) => [label(r), f.name, f.range, r]),
		),
	)('%s: %s outside %j → 400', async (_, name, range, route) => {
		const json = route.endpoint.contentTypes.includes('application/json');
		for (const v of [range.min - 1, range.max + 1]) {
			const body = json ? undefined : form({ [name]: String(v) });
			expect400(
				await api(route.method, pathOf(route), json ? { json: { [name]: v } } : { body }),
				name,
			);
		}
	});

	test.each(
		rows(bodyRoutes, (r) =>
			[...r.endpoint.body.values()]
				.filter((f) => f.range && f.range.maxLength)
				.map((f) => [label(r), f.name, f.range.maxLength, r]),
		),
	)('%s: %s longer than %s characters → 400', async (_, name, max, route) => {
		const value = `https://e.com/${'x'.repeat(max)}`;
		expect400(await api(route.method, pathOf(route), { json: { [name]: value } }), name);
	});

	test.each(
		rows(bodyRoutes, (r) =>
			[...r.endpoint.body.values()]
				.filter((f) => f.enum && f.type === 'string')
				.map((f) => [label(r), f.name, r]),
		),
	)('%s: %s outside its enum → 400', async (_, name, route) => {
		expect400(await api(route.method, pathOf(route), { json: { [name]: 'Not-A-Value' } }), name);
	});

	test.each(
		rows(bodyRoutes, (r) =>
			['text/plain', 'application/x-www-form-urlencoded'].map((t) => [label(r), t, r]),
		),
	)('%s: %s body → 400', async (_, type, route) => {
		const body = type === 'text/plain' ? '{"prompt":"x"}' : 'prompt=x';
		expect400(
			await api(route.method, pathOf(route), { body, headers: { 'Content-Type': type } }),
			'Content-Type',
		);
	});

	test('multipart carries numbers and booleans as text; JSON must not', async () => {
		const ok = await api('POST', '/videos/create', {
			body: form({ prompt: 'x', maxJobs: '3', promptOptimization: 'false' }),
		});
		expect(ok.status).toBe(200);
		expect400(
			await api('POST', '/videos/create', { json: { prompt: 'x', maxJobs: '3' } }),
			'maxJobs',
		);
		expect400(
			await api('POST', '/videos/create', { json: { prompt: 'x', promptOptimization: 'false' } }),
			'promptOptimization',
		);
		expect(sim.stats().creates.video).toBe(1);
	});

	test('the four probes from issue 16', async () => {
		const png = (
			await api('POST', '/files', {
				body: Buffer.from('\x89PNG'),
				headers: { 'Content-Type': 'image/png' },
			})
		).body.fileID;
		expect400(
			await api('POST', '/videos/create', {
				json: { model: 'Veo-3.1', prompt: 'x', fileID: png, endFrameFileID: png },
			}),
			'endFrameFileID',
		);
		expect400(
			await api('POST', '/videos/create', { json: { prompt: 'x', bogusField: 1 } }),
			'bogusField',
		);
		expect400(
			await api('POST', '/images/create', { json: { prompt: 'x', maxJobs: 99 } }),
			'maxJobs',
		);
		expect400(
			await api('POST', '/images/create', { json: { prompt: 'x', maxJobs: 3 } }),
			'maxJobs',
		);
		expect400(
			await api('POST', '/videos/create', {
				body: 'prompt=x',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			}),
			'Content-Type',
		);
	});

	test('POST /agent: multipart only, file parts only as "file"', async () => {
		expect400(
			await api('POST', '/agent', { json: { prompt: 'x', models: 'hailuo-2.3' } }),
			'Content-Type',
		);
		const fd = form({ prompt: 'x', models: 'hailuo-2.3', async: 'true' });
		fd.append('image', new Blob([Buffer.from('x')], { type: 'image/png' }), 'a.png');
		expect400(await api('POST', '/agent', { body: fd }), 'image');
		expect400(
			await api('POST', '/agent', {
				body: form({ prompt: 'x', models: 'hailuo-2.3', file: 'not a file' }),
			}),
			'file',
		);
		expect400(
			await api('POST', '/agent', {
				body: form({ prompt: 'x', models: 'hailuo-2.3', async: 'yes' }),
			}),
			'async',
		);
	});

	test('GET/DELETE routes take no body; raw upload checks only its query', async () => {
		expect400(
			await api('DELETE', `/videos/${ID.id}`, { json: { account: ID.account } }),
			'no request body',
		);
		expect400(
			await api('POST', '/files?account=987654321&name=x', {
				body: Buffer.from('x'),
				headers: { 'Content-Type': 'image/png' },
			}),
			'name',
		);
	});
});

describe('allow-list module', () => {
	test('parses the ranges it can apply without a model, and ignores the rest', () => {
		expect(parseRange('1..10')).toEqual({ min: 1, max: 10 });
		expect(parseRange('-12..12')).toEqual({ min: -12, max: 12 });
		expect(parseRange('0.5..2')).toEqual({ min: 0.5, max: 2 });
		expect(parseRange('max 1024 chars')).toEqual({ maxLength: 1024 });
		expect(parseRange('<= 3000 chars')).toEqual({ maxLength: 3000 });
		expect(parseRange('max 2000 chars (7500 for Seedance-2.0*)')).toBeUndefined();
	});

	test('is generic over an endpoints file (e.g. speech-music.endpoints.json)', () => {
		const spec = compileEndpoints([
			{
				resource: 'speech',
				operation: 'create',
				method: 'POST',
				path: '/speech/create',
				query: [],
				bodyContentTypes: ['application/json'],
				body: [
					{ name: 'text', type: 'string', required: true },
					{ name: 'speed', type: 'number', range: '0.5..2' },
				],
			},
			{
				resource: 'webhook',
				operation: 'cb',
				method: 'POST',
				path: '{replyUrl}',
				query: [],
				body: [],
				bodyContentTypes: [],
			},
		]);
		expect([...spec.keys()]).toEqual(['POST speech/create']);
		const ep = spec.get('POST speech/create');
		const req = (body) => () =>
			checkRequest(ep, { query: {}, body, contentType: 'application/json', bodyBytes: 1 });
		expect(req({ text: 'hi', speed: 1.5 })).not.toThrow();
		expect(req({ text: 'hi', speed: 3 })).toThrow(/speed/);
		expect(req({ text: 'hi', speed: '1.5' })).toThrow(/speed/);
		expect(req({ text: 'hi', pitch: 1 })).toThrow(/Unknown parameter pitch/);
	});
});

function form(fields) {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) fd.append(k, v);
	return fd;
}
