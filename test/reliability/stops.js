'use strict';
// Section 4b (issue 13): Stop at every stage a job can be in — upload, create, poll sleep (cancel.js),
// ambiguous-create recovery, download. After the stop: nothing new is sent, the run ends at once.
const { createSimulator } = require('../simulator');
const { createSlowCdn } = require('../security/hostile');
const { TOKEN, check, run, keep, sleep } = require('./lib');

const PNG = {
	data: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64'),
	mimeType: 'image/png',
	fileName: 'in.png',
};
const GRACE_MS = 1000;

const video = (extra = {}) => ({
	resource: 'video',
	operation: 'create',
	videoModel: 'T2V-01',
	prompt: 'stop test',
	waitForCompletion: true,
	waitOptions: { pollInterval: 0.1, timeout: 2 },
	downloadResult: false,
	...extra,
});

const SCENARIOS = [
	{
		name: 'during upload',
		stopAfterMs: 600,
		parameters: video({ videoModel: 'I2V-01', imageSource: 'binary', imageBinaryProperty: 'data' }),
		items: [{ json: {}, binary: { data: PNG } }],
		fault: (op) => (op === 'files.upload' ? 'slow' : undefined),
		expect: (s) => s.creates === 0,
		what: 'no create sent',
	},
	{
		name: 'during create',
		stopAfterMs: 600,
		parameters: video(),
		fault: (op) => (op === 'videos.create' ? 'slow' : undefined),
		// The simulator skips a slow request whose client went away: no job, no charge.
		expect: (s) => s.jobs === 0,
		what: 'the create was abandoned before the server acted',
	},
	{
		name: 'during ambiguous-create recovery',
		stopAfterMs: 1500,
		parameters: video(),
		fault: (() => {
			let first = true;
			return (op) => {
				if (op === 'videos.create' && first) {
					first = false;
					return 'resetAfter';
				}
				return op === 'scheduler.list' ? '502' : undefined;
			};
		})(),
		expect: (s) => s.creates === 1 && s.lookupsBefore > 0,
		what: 'one create, lookups before the stop, none after',
	},
	{
		name: 'during download',
		stopAfterMs: 1500,
		parameters: video({ downloadResult: true }),
		slowCdn: true,
		expect: (s) =>
			s.cdn &&
			!s.cdn.complete &&
			s.cdn.endedAt !== undefined &&
			s.cdn.endedAt - s.stopAt <= GRACE_MS,
		what: 'the download connection closed with the stop',
	},
];

async function stopScenario(scenario) {
	const cdn = scenario.slowCdn ? await createSlowCdn() : undefined;
	const sim = await createSimulator({
		port: 0,
		token: TOKEN,
		jobMs: 200,
		accounts: [{ account: '800000001', maxJobs: 3, paid: true }],
		faults: { slowMs: 5000 },
		...(cdn ? { publicUrl: cdn.url } : {}),
	});
	try {
		if (scenario.fault) sim.decideFault = scenario.fault;
		let stopAt;
		const result = await run(sim, {
			parameters: scenario.parameters,
			items: scenario.items || [{ json: {} }],
			cancelAfterMs: scenario.stopAfterMs,
			onStart: () => (stopAt = Date.now() + scenario.stopAfterMs),
		});
		const returnedAt = Date.now();
		await sleep(GRACE_MS);
		const log = sim.log.slice();
		keep(`simulator log (stop ${scenario.name})`, log);
		const after = log.filter((e) => e.t > stopAt + 50);
		const state = {
			stopAt,
			creates: log.filter((e) => e.op === 'videos.create').length,
			jobs: sim.jobs.size,
			lookupsBefore: log.filter((e) => e.op === 'scheduler.list' && e.t < stopAt).length,
			cdn: cdn && cdn.downloads[0],
		};
		return { result, returnedAt, after, state };
	} finally {
		await sim.close();
		if (cdn) await cdn.close();
	}
}

async function stops(figures) {
	const section = 'cancellation';
	const rows = [];
	for (const scenario of SCENARIOS) {
		const r = await stopScenario(scenario);
		const back = r.returnedAt - r.state.stopAt;
		check(
			section,
			`stop ${scenario.name}: execution cancelled and returned within ${GRACE_MS} ms`,
			r.result.canceled && back <= GRACE_MS,
			`${r.result.status}, ${back} ms after the stop`,
		);
		check(
			section,
			`stop ${scenario.name}: no request after the stop`,
			r.after.length === 0,
			r.after.map((e) => e.op).join(', '),
		);
		check(
			section,
			`stop ${scenario.name}: ${scenario.what}`,
			scenario.expect(r.state),
			JSON.stringify({
				...r.state,
				cdn: r.state.cdn && {
					sent: r.state.cdn.sent,
					complete: r.state.cdn.complete,
					closedAfterStopMs: r.state.cdn.endedAt - r.state.stopAt,
				},
			}),
		);
		rows.push(`${scenario.name} ${back} ms`);
	}
	figures.push(['stop at each stage: returned after the stop', rows.join(', ')]);
}

module.exports = { stops };
