import { sleep } from 'n8n-workflow';

import { FAST_WAIT, run, startSim, videoParams, type Sim } from '../generate/helpers';
import { createSlowCdn, type SlowCdn } from './hostile';

/** Issue 13, class 7: Stop ends a result download too (the cancel signal goes with the request). */
let cdn: SlowCdn;
let sim: Sim;
beforeAll(async () => {
	// 4 MB at 320 KB/s: about 12 s if nothing stops it.
	cdn = await createSlowCdn();
	sim = await startSim({ jobMs: 200, publicUrl: cdn.url });
});
afterAll(async () => {
	await sim.close();
	await cdn.close();
});

it('a download still streaming when the workflow is stopped ends with the stop, not at the end of the file', async () => {
	const stopAfterMs = 1500;
	const started = Date.now();
	const result = await run(sim, videoParams('slow download', { waitOptions: { ...FAST_WAIT, timeout: 1 } }), [{ json: {} }], { cancelAfterMs: stopAfterMs });
	const stoppedAt = started + stopAfterMs;
	expect(result.canceled).toBe(true);
	expect(cdn.downloads).toHaveLength(1);
	const [download] = cdn.downloads;
	// The server notices the closed socket on its next write (every 50 ms).
	for (let i = 0; i < 40 && download.endedAt === undefined; i++) await sleep(50);
	expect(download.startedAt).toBeLessThan(stoppedAt);
	expect(download.complete).toBe(false);
	// Closed by the stop: far sooner than the ~12 s the file takes.
	expect(download.endedAt).toBeDefined();
	expect(Number(download.endedAt) - stoppedAt).toBeLessThan(3000);
	expect(Date.now() - stoppedAt).toBeLessThan(4000);
});
