'use strict';
// Section 5 (issue 13): the package attacked as a hostile server and a hostile caller would.
// Redirects to another loopback host, echoed Authorization headers, the id/account injection
// table for every node that takes an id, malformed callback bodies for both webhooks.
const { createSimulator } = require('../simulator');
const { createHostile, tokenArrivals } = require('../security/hostile');
const {
	PAYLOADS,
	PNG,
	TRIGGER_PARAMETERS,
	callbackBody,
	idsOf,
	injectionCases,
	injectionTargets,
} = require('../security/injection');
const { deliveries, asRequest } = require('../security/deliveries');
const { callWebhook } = require('../trigger/webhook-context');
const { TOKEN, SECRETS, TYPES, check, run, keep, nodes, findSecrets } = require('./lib');

const IDS = idsOf('600000001');
const { ACCOUNT, VIDEO, IMAGE, AGENT } = IDS;
const totals = {
	nonApiTokenArrivals: 0,
	nonApiRequests: 0,
	echoLeaks: 0,
	injectionRequests: 0,
	injectionCases: 0,
	webhookCases: 0,
};

const generate = (extra = {}) => ({
	resource: 'video',
	operation: 'create',
	videoModel: 'T2V-01',
	prompt: 'hostile run',
	waitForCompletion: true,
	waitOptions: { pollInterval: 0.1, timeout: 0.05, onFailure: 'returnItem' },
	downloadResult: true,
	...extra,
});
/** Every declarative operation that sends the token, one per resource. */
const DECLARATIVE = [
	{ resource: 'account', operation: 'getAll' },
	{ resource: 'video', operation: 'get', videoId: VIDEO },
	{
		resource: 'video',
		operation: 'getAll',
		account: { __rl: true, mode: 'id', value: ACCOUNT },
		limit: 5,
	},
	{ resource: 'image', operation: 'get', imageId: IMAGE },
	{ resource: 'scheduler', operation: 'getAll' },
	{ resource: 'agentJob', operation: 'get', jobId: AGENT },
	{ resource: 'video', operation: 'delete', videoId: VIDEO },
];

/** Every DECLARATIVE operation, one after the other, against `baseUrl`. */
async function declarativeRuns(sim, baseUrl) {
	const results = [];
	for (const parameters of DECLARATIVE)
		results.push(
			await run(sim, { kind: 'declarative', parameters, continueOnFail: true, baseUrl }),
		);
	return results;
}

function visibleLeaks(result) {
	const text = JSON.stringify({
		items: result.items,
		error: result.error && {
			message: result.error.message,
			description: result.error.description,
			stack: result.error.stack,
		},
	});
	return findSecrets(text).length;
}

async function redirects(sim, figures) {
	const section = 'attack';
	const rows = [];
	// Every API request redirected (each 3xx kind), then only downloads (result URLs on the API origin).
	const scenarios = [301, 302, 303, 307, 308].map((status) => ({
		name: `every API request → ${status} elsewhere`,
		rule: () => ({ redirect: status }),
	}));
	scenarios.push({
		name: 'result download on the API origin → 302 elsewhere',
		rule: (req) => (req.url.startsWith('/cdn/') ? { redirect: 302 } : undefined),
		download: true,
	});
	for (const scenario of scenarios) {
		const hostile = await createHostile({
			sim,
			target: scenario.download ? undefined : sim.url,
			rule: scenario.rule,
		});
		try {
			if (scenario.download) sim.state.base = hostile.url;
			const gen = await run(sim, {
				parameters: generate(
					scenario.download ? { waitOptions: { pollInterval: 0.1, timeout: 1 } } : {},
				),
				items: [{ json: {} }],
				continueOnFail: true,
				baseUrl: hostile.url,
			});
			const decl = scenario.download ? [] : await declarativeRuns(sim, hostile.url);
			keep('non-API host requests', hostile.elsewhere.requests);
			const arrivals = tokenArrivals(hostile.elsewhere, SECRETS).length;
			totals.nonApiTokenArrivals += arrivals;
			totals.nonApiRequests += hostile.elsewhere.requests.length;
			const redirected = hostile.served.filter((s) => s.action === 'redirect').length;
			check(
				section,
				`${scenario.name}: token never arrives at the other host`,
				arrivals === 0 && redirected > 0,
				`${redirected} redirects answered, ${hostile.elsewhere.requests.length} requests there, ${arrivals} with the token`,
			);
			if (scenario.download) {
				const ok = gen.items[0] && !gen.items[0].json.error && gen.items[0].binary;
				check(
					section,
					`${scenario.name}: the download still succeeds, without the token`,
					ok && hostile.elsewhere.requests.length > 0,
					JSON.stringify(gen.items[0] && gen.items[0].json.error),
				);
			} else {
				const named = decl.every((r) =>
					/redirect \(\d{3}\)/.test(
						String((r.items[0] && r.items[0].json.error) || (r.error && r.error.message)),
					),
				);
				check(
					section,
					`${scenario.name}: every declarative operation names the redirect`,
					named,
					decl
						.map((r) => String((r.items[0] && r.items[0].json.error) || '').slice(0, 40))
						.join(' | '),
				);
			}
			rows.push([scenario.name, redirected, hostile.elsewhere.requests.length, arrivals]);
		} finally {
			sim.state.base = sim.cdnUrl;
			await hostile.close();
		}
	}
	figures.push([
		'redirect scenarios (3xx answered / requests at other host / token arrivals)',
		rows.map((r) => `${r[1]}/${r[2]}/${r[3]}`).join(', '),
	]);
}

async function echoes(sim, figures) {
	const section = 'attack';
	let leaks = 0;
	let runs = 0;
	for (const status of [400, 401, 404, 500, 502]) {
		const hostile = await createHostile({ sim, rule: () => ({ echo: status }) });
		try {
			const results = [
				await run(sim, {
					parameters: generate(),
					items: [{ json: {} }],
					continueOnFail: true,
					baseUrl: hostile.url,
				}),
			];
			results.push(...(await declarativeRuns(sim, hostile.url)));
			const found = results.reduce((n, r) => n + visibleLeaks(r), 0);
			leaks += found;
			runs += results.length;
			check(
				section,
				`server echoes Authorization in ${status} bodies: token in no output or error`,
				found === 0 && hostile.served.length > 0,
				`${hostile.served.length} answers, ${found} leaks`,
			);
		} finally {
			await hostile.close();
		}
	}
	totals.echoLeaks += leaks;
	figures.push([
		'echoed-Authorization runs (5 statuses × generate + 7 declarative) / token occurrences',
		`${runs} / ${leaks}`,
	]);
}

async function injection(sim, figures) {
	const section = 'attack';
	const pkg = nodes();
	const before = sim.log.length;
	let refused = 0;
	let cases = 0;
	const failures = [];
	for (const [node, name, parameters] of injectionCases(IDS)) {
		cases += 1;
		const start = sim.log.length;
		const r = await run(sim, { kind: node, parameters, items: [PNG], continueOnFail: true });
		const error = String(
			(r.items[0] && r.items[0].json.error) || (r.error && r.error.message) || '',
		);
		if (error && sim.log.length === start) refused += 1;
		else failures.push(name);
	}
	// Callback ids: the trigger (with a credential, so a partial callback would be read) and Until Callback.
	const trigger = pkg.nodeTypes[TYPES.trigger];
	const credentialType = pkg.credentialTypes.useApiMinimaxApi;
	for (const [payload, text] of PAYLOADS) {
		cases += 1;
		const start = sim.log.length;
		const r = await callWebhook({
			nodeType: trigger,
			credentialType,
			credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: sim.url } },
			workflowId: `inject-${payload}`,
			parameters: TRIGGER_PARAMETERS,
			body: callbackBody(text, VIDEO),
		});
		if (r.res.statusCode === 400 && sim.log.length === start) refused += 1;
		else failures.push(`trigger callback id: ${payload}`);
	}
	const requests = sim.log.length - before;
	totals.injectionRequests += requests;
	totals.injectionCases += cases;
	check(
		section,
		`id/account injection table: ${cases} cases over ${injectionTargets(IDS).length + 1} parameters refused before any request`,
		refused === cases && requests === 0,
		failures.slice(0, 4).join('; '),
	);
	figures.push(['injection cases refused / requests sent', `${refused} of ${cases} / ${requests}`]);
}

async function webhooks(sim, figures) {
	const section = 'attack';
	const pkg = nodes();
	const generateType = pkg.nodeTypes[TYPES.generate];
	const triggerType = pkg.nodeTypes[TYPES.trigger];
	const credentialType = pkg.credentialTypes.useApiMinimaxApi;
	// Until Callback: a valid resume URL (state + secret) for tag TAG, made by the node's own code.
	const {
		encodeState,
		signState,
	} = require('../../dist/nodes/MinimaxGenerate/engine/callbackWait');
	const TAG = 'reliabilitytag1';
	const state = encodeState({
		k: 'video',
		t: TAG,
		i: 0,
		s: Date.now(),
		o: { d: 0, b: 'data', w: 0, p: 0, f: 0 },
	});
	const query = { mmx: state, mmxh: signState(TOKEN, 'exec-rel', state) };
	/** A delivery to this execution's Until Callback resume URL. */
	const untilCallback = (request) =>
		callWebhook({
			nodeType: generateType,
			credentialType,
			credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: sim.url } },
			type: TYPES.generate,
			nodeName: 'Node',
			executionId: 'exec-rel',
			query,
			...request,
		});
	let ok = 0;
	let cases = 0;
	const bad = [];
	for (const d of deliveries(VIDEO, `r|n8n:${TAG}`)) {
		for (const target of ['trigger', 'until callback']) {
			cases += 1;
			let r;
			try {
				r =
					target === 'trigger'
						? await callWebhook({
								nodeType: triggerType,
								workflowId: `wh-${d.name}`,
								parameters: {
									requireSecret: false,
									events: ['completed'],
									kinds: ['video'],
									simplify: false,
									options: {},
								},
								...asRequest(d),
							})
						: await untilCallback(asRequest(d));
			} catch (error) {
				bad.push(`${target} threw on ${d.name}: ${error && error.message}`);
				continue;
			}
			const started = r.items.length > 0;
			const right = d.valid ? started : r.res.statusCode === 400 && !started;
			if (right) ok += 1;
			else bad.push(`${target}: ${d.name} → ${r.res.statusCode} ${started ? 'started' : ''}`);
		}
	}
	// Until Callback must not resume on another job's final callback without our tag.
	cases += 1;
	const foreign = await untilCallback({ body: callbackBody('V', VIDEO) });
	if (!foreign.items.length) ok += 1;
	else bad.push('until callback resumed on a final callback without its tag');
	totals.webhookCases += cases;
	check(
		section,
		`malformed callback bodies: ${cases} deliveries to the trigger and Until Callback — 400 for every malformed one, none threw, no foreign resume`,
		ok === cases,
		bad.slice(0, 4).join('; '),
	);
	figures.push(['webhook deliveries as expected', `${ok} of ${cases}`]);
}

async function attack(figures) {
	const sim = await createSimulator({
		port: 0,
		token: TOKEN,
		jobMs: 150,
		accounts: [{ account: ACCOUNT, maxJobs: 3, paid: true }],
	});
	try {
		await redirects(sim, figures);
		await echoes(sim, figures);
		await injection(sim, figures);
		await webhooks(sim, figures);
		keep('simulator log (attack)', sim.log);
	} finally {
		await sim.close();
	}
}

module.exports = { attack, totals };
