#!/usr/bin/env node
'use strict';
// npm run simulator -- --port 18080 [--token T] [--accounts 987654321:3:paid,123456:2:free] ...
const { createSimulator, DEFAULT_TOKEN } = require('./index');

const USAGE = `Usage: npm run simulator -- [options]
  --port N                 listen port on 127.0.0.1 (default 18080; 0 = random)
  --cdn-port N             port of the media origin (default 0 = random)
  --token T                API token (default ${DEFAULT_TOKEN})
  --accounts LIST          account:maxJobs:paid|free[:queueLimit], comma separated
  --job-ms N               job duration in ms (default 800)
  --fault-rate R           share of API requests that get a fault (0..1)
  --fault-seed N           PRNG seed (default 1)
  --fault-kinds LIST       comma list of 429,429queue,502,504,resetBefore,resetAfter,slow
  --slow-ms N              latency of the slow fault (default 300)
  --media-bytes N          size of served result videos
  --callback-shape S       record | wrapped | partial
  --no-callback-progress   only send final callbacks
  --agent-create-mode M    sse | json | sse-no-final
  --files-listing M        empty | uploaded
  --music-create-shape S   object | array (POST /music/create 201 body)
  --clone-refusal-status N 400 | 429 | 200 (clone slots full, MiniMax 2600010)
  --reference-status N     200 | 201 (POST /music/reference)
  --music-list-shape S     array | object (GET /music envelope)
  --public-url URL         base used in media URLs (e.g. http://host.docker.internal:18081)
  --record-extras          add undocumented helper fields to records (template inputs, paging flags)
`;

function parseAccounts(text) {
	return text
		.split(',')
		.filter(Boolean)
		.map((spec) => {
			const [account, maxJobs, plan, queueLimit] = spec.split(':');
			if (!/^\d+$/.test(account || '')) throw new Error(`Bad account spec ${spec}`);
			return {
				account,
				maxJobs: maxJobs ? Number(maxJobs) : 3,
				paid: plan !== 'free',
				queueLimit: queueLimit ? Number(queueLimit) : undefined,
			};
		});
}

function parseArgs(argv) {
	const o = { port: 18080, faults: {} };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
			return argv[++i];
		};
		switch (a) {
			case '--port':
				o.port = Number(next());
				break;
			case '--cdn-port':
				o.cdnPort = Number(next());
				break;
			case '--record-extras':
				o.recordExtras = true;
				break;
			case '--token':
				o.token = next();
				break;
			case '--accounts':
				o.accounts = parseAccounts(next());
				break;
			case '--job-ms':
				o.jobMs = Number(next());
				break;
			case '--fault-rate':
				o.faults.rate = Number(next());
				break;
			case '--fault-seed':
				o.faults.seed = Number(next());
				break;
			case '--fault-kinds':
				o.faults.kinds = next().split(',').filter(Boolean);
				break;
			case '--slow-ms':
				o.faults.slowMs = Number(next());
				break;
			case '--media-bytes':
				o.mediaBytes = Number(next());
				break;
			case '--callback-shape':
				o.callbackShape = next();
				break;
			case '--no-callback-progress':
				o.callbackProgress = false;
				break;
			case '--agent-create-mode':
				o.agentCreateMode = next();
				break;
			case '--files-listing':
				o.filesListing = next();
				break;
			case '--music-create-shape':
				o.musicCreateShape = next();
				break;
			case '--clone-refusal-status':
				o.cloneRefusalStatus = Number(next());
				break;
			case '--reference-status':
				o.referenceStatus = Number(next());
				break;
			case '--music-list-shape':
				o.musicListShape = next();
				break;
			case '--public-url':
				o.publicUrl = next();
				break;
			case '-h':
			case '--help':
				process.stdout.write(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${a}\n${USAGE}`);
		}
	}
	return o;
}

async function main() {
	const sim = await createSimulator(parseArgs(process.argv.slice(2)));
	const accounts = [...sim.state.accounts.values()]
		.map((a) => `${a.account}(maxJobs ${a.maxJobs}, ${a.paid ? 'paid' : 'free'})`)
		.join(', ');
	process.stdout.write(
		`MiniMax API simulator listening\n  baseUrl: ${sim.url}\n  api:     ${sim.apiUrl}\n  media:   ${sim.cdnUrl}\n  token:   ${sim.token}\n  accounts: ${accounts}\n`,
	);
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping; stats ${JSON.stringify(sim.stats())}\n`);
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
	process.stderr.write(`${e.message}\n`);
	process.exit(1);
});
