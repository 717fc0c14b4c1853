import type { IDataObject } from 'n8n-workflow';

import { ops, run, startSim, type Sim } from './helpers';
import * as audioMedia from '../simulator/audio-media';

const media = audioMedia as unknown as { makeWav(ms: number): Buffer };
const OTHER = '333333333';

let sim: Sim;
beforeAll(async () => {
	sim = await startSim({ jobMs: 300 });
	sim.setAccount(OTHER, { maxJobs: 1, supportAudio: true, cloneSlots: 3 });
	sim.setAccount('987654321', { supportAudio: true });
});
afterAll(async () => await sim.close());

async function cloneOn(account: string): Promise<string> {
	const auth = { Authorization: `Bearer ${sim.token}` };
	const up = await fetch(`${sim.url}/v1/minimax/speech/upload-sample?account=${account}`, {
		method: 'POST',
		headers: { ...auth, 'Content-Type': 'audio/wav' },
		body: media.makeWav(15000),
	});
	const fileID = ((await up.json()) as IDataObject).fileID as string;
	const clone = await fetch(`${sim.url}/v1/minimax/speech/clone-voice`, {
		method: 'POST',
		headers: { ...auth, 'Content-Type': 'application/json' },
		body: JSON.stringify({ files: fileID, voice_name: 'Mine', language_tag: 'English', account }),
	});
	const body = (await clone.json()) as IDataObject;
	expect(typeof body.voice_id).toBe('string');
	return body.voice_id as string;
}

describe('review2: a cloned voice lives on its account', () => {
	it('Speech → Create with a voice cloned on another account runs there (the wrapped id names it)', async () => {
		const voiceId = await cloneOn(OTHER);
		sim.log.length = 0;
		const result = await run(
			sim,
			{
				resource: 'speech',
				operation: 'create',
				voiceId,
				text: 'In my own voice.',
				options: { pollInterval: 0.1, timeout: 1 },
			},
			[{ json: {} }, { json: {} }, { json: {} }],
			{ typeVersion: 2, continueOnFail: true },
		);
		const creates = ops(sim, 'speech.create');
		// Today unpinned items are spread over both audio accounts; the one without the voice answers 400.
		expect(creates.map((e) => (e.body as IDataObject).account)).toEqual([OTHER, OTHER, OTHER]);
		expect(result.items.map((i) => i.json.error)).toEqual([undefined, undefined, undefined]);
	});
});
