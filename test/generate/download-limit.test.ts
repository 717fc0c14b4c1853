import type { IDataObject } from 'n8n-workflow';

import { createSlowCdn, type SlowCdn } from '../security/hostile';
import { ops, run, startSim, until, videoParams, type Sim } from './helpers';

/**
 * A CDN that trickles one byte every 20 ms keeps a socket idle timeout from ever firing. The whole
 * download is bounded by the node's Timeout (here 0.05 min = 3 s) and ends with an error naming the job.
 */
let cdn: SlowCdn;
let sim: Sim;
beforeAll(async () => {
	cdn = await createSlowCdn({ total: 10_000_000, chunk: 1, everyMs: 20 });
	sim = await startSim({ jobMs: 100, publicUrl: cdn.url });
});
afterAll(async () => {
	await sim.close();
	await cdn.close();
});

it('a trickling download ends at the time limit with an error naming the job, and is not retried', async () => {
	const result = await run(
		sim,
		videoParams('trickle [ms=100]', { waitOptions: { pollInterval: 0.1, timeout: 0.05 } }),
		[{ json: {} }],
		{ continueOnFail: true },
	);
	const jobId = String(ops(sim, 'videos.create').find((e) => e.jobId)?.jobId);
	const json = result.items[0].json as IDataObject;
	expect(String(json.error)).toMatch(
		/^Downloading the result failed: The download of job \S+'s result did not finish within 0\.05 min \(http:\/\/127\.0\.0\.1:\d+ sent it too slowly\)/,
	);
	expect(String(json.error)).toContain(jobId);
	expect(result.items[0].binary).toBeUndefined();
	// One download (no retry), closed by the client long before the ~55 hours the file would take.
	expect(cdn.downloads).toHaveLength(1);
	await until(() => cdn.downloads[0].endedAt !== undefined);
	expect(cdn.downloads[0].complete).toBe(false);
	expect(cdn.downloads[0].sent).toBeGreaterThan(0);
}, 30_000);
