import { FAST_WAIT, run, startSim, until, videoParams, type Sim } from '../generate/helpers';
import { createSlowCdn, type SlowCdn } from './hostile';

/** Issue 13, class 7: Stop ends a result download too (the cancel signal goes with the request). */
let cdn: SlowCdn;
let sim: Sim;
beforeAll(async () => {
	// 400 MB at 320 KB/s: about 20 minutes if nothing stops it, so only the stop can end it.
	cdn = await createSlowCdn({ total: 400_000_000 });
	sim = await startSim({ jobMs: 200, publicUrl: cdn.url });
});
afterAll(async () => {
	await sim.close();
	await cdn.close();
});

it('a download still streaming when the workflow is stopped ends with the stop, not at the end of the file', async () => {
	let stoppedAt = 0;
	const result = await run(
		sim,
		videoParams('slow download', { waitOptions: { ...FAST_WAIT, timeout: 1 } }),
		[{ json: {} }],
		{
			// Stop once the body is streaming (bytes have gone out), however long the machine took to get there.
			onStart: (cancel) =>
				void until(() => cdn.downloads.some((d) => d.sent > 0)).then(() => {
					stoppedAt = Date.now();
					cancel();
				}),
		},
	);
	expect(result.canceled).toBe(true);
	expect(cdn.downloads).toHaveLength(1);
	const [download] = cdn.downloads;
	// The server notices the closed socket on its next write (every 50 ms).
	await until(() => download.endedAt !== undefined);
	expect(download.startedAt).toBeLessThan(stoppedAt);
	expect(download.complete).toBe(false);
	// Closed by the stop: far sooner than the ~20 minutes the file takes.
	expect(Number(download.endedAt) - stoppedAt).toBeLessThan(3000);
	expect(Date.now() - stoppedAt).toBeLessThan(4000);
});
