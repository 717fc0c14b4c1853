import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { runNode } from '../harness';
import { startSim, type Sim } from '../generate/helpers';
import { simApi, TYPE } from './helpers';
// Plain-JS helpers of the simulator (CommonJS).
import * as media from '../simulator/audio-media';

/**
 * The declarative speech/music operations against the strict simulator: every request the node
 * sends must pass the allow-list of spec/speech-music.endpoints.json (names, types, content types).
 */
const makeWav = (media as unknown as { makeWav(ms: number): Buffer }).makeWav;

let sim: Sim;
const jsonOf = (r: { items: Array<{ json: IDataObject }> }) => r.items.map((i) => i.json);

async function run(parameters: IDataObject) {
	return await runNode({
		nodeTypes: { [TYPE]: new Minimax() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: sim.token, baseUrl: sim.url } },
		node: { type: TYPE, parameters },
	});
}

const api = (method: string, path: string, body?: unknown, type?: string) =>
	simApi(sim, method, path, body, type);

beforeAll(async () => {
	sim = await startSim({ cloneMs: 0 });
});
afterAll(async () => {
	await sim?.close();
});

describe('declarative speech and music against the simulator', () => {
	it('Speech: Get Many (Limit, Return All), Get, Delete; the simulator accepted every request', async () => {
		const voice = String(
			((await api('GET', '/speech/voices?page_size=1')).voice_list as IDataObject[])[0].voice_id,
		);
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			ids.push(
				String(
					(await api('POST', '/speech/create', { text: `line ${i}`, voice_id: voice })).audioId,
				),
			);
			sim.completeJob(ids[i]);
		}
		const all = await run({ resource: 'speech', operation: 'getAll', limit: 2 });
		expect(jsonOf(all).map((j) => j.audio_id)).toEqual([ids[2], ids[1]]);
		const one = await run({ resource: 'speech', operation: 'get', audioId: ids[0] });
		expect(jsonOf(one)[0]).toMatchObject({
			audio_id: ids[0],
			statusLabel: 'completed',
			statusFinal: true,
		});
		expect(jsonOf(await run({ resource: 'speech', operation: 'delete', audioId: ids[0] }))).toEqual(
			[{ deleted: true }],
		);
		const rest = await run({ resource: 'speech', operation: 'getAll', returnAll: true });
		expect(jsonOf(rest).map((j) => j.audio_id)).toEqual([ids[2], ids[1]]);
		const refused = sim.log.filter(
			(e) => String(e.op).startsWith('speech.') && Number(e.status) >= 400,
		);
		expect(refused).toEqual([]);
	});

	it('Voice: tags and Voice Type Cloned find the clone; Delete frees its slot; Get Quota shows it', async () => {
		const sample = await api('POST', '/speech/upload-sample', makeWav(12000), 'audio/wav');
		const clone = await api('POST', '/speech/clone-voice', {
			files: sample.fileID,
			voice_name: 'Mine',
			language_tag: 'English',
		});
		const cloned = await run({
			resource: 'voice',
			operation: 'getAll',
			returnAll: true,
			filters: { voiceType: 'cloned', tags: 'English' },
		});
		expect(jsonOf(cloned)).toEqual([
			{ voice_id: clone.voice_id, voice_name: 'Mine', tag_list: ['English'] },
		]);
		const female = await run({
			resource: 'voice',
			operation: 'getAll',
			returnAll: true,
			filters: { voiceType: 'builtIn', tags: 'Female' },
		});
		expect(female.items).toHaveLength(306);
		expect(
			jsonOf(await run({ resource: 'speechSettings', operation: 'getQuota' }))[0],
		).toMatchObject({ used: 1, total: 3 });
		expect(
			jsonOf(await run({ resource: 'voice', operation: 'delete', voiceId: clone.voice_id })),
		).toEqual([{ deleted: true }]);
		expect(
			jsonOf(await run({ resource: 'speechSettings', operation: 'getQuota' }))[0],
		).toMatchObject({ used: 0 });
		const config = jsonOf(await run({ resource: 'speechSettings', operation: 'get' }))[0];
		expect(Object.keys(config)).toContain('t2a_emotion');
	});

	it('Music: Get Many with filters (bare array), Get, Delete', async () => {
		const songs: string[] = [];
		for (let i = 0; i < 2; i++) {
			songs.push(String((await api('POST', '/music/create', { prompt: `song ${i}` })).musicId));
			sim.completeJob(songs[i]);
		}
		const reference = await api('POST', '/music/reference', makeWav(3000), 'audio/wav');
		const list = await run({ resource: 'music', operation: 'getAll', returnAll: true });
		expect(jsonOf(list).map((j) => j.musicId)).toEqual([songs[1], songs[0]]);
		const refs = await run({
			resource: 'music',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'reference', favorite: false },
		});
		expect(jsonOf(refs).map((j) => j.musicId)).toEqual([reference.musicId]);
		expect(
			jsonOf(await run({ resource: 'music', operation: 'get', musicId: songs[0] }))[0],
		).toMatchObject({ musicId: songs[0], statusLabel: 'completed', typeLabel: 'song' });
		expect(
			jsonOf(await run({ resource: 'music', operation: 'delete', musicId: songs[0] })),
		).toEqual([{ deleted: true }]);
		expect(
			(await run({ resource: 'music', operation: 'get', musicId: songs[0] })).error?.message,
		).toBe('The song was not found (404): Not found.');
		const refused = sim.log.filter(
			(e) => String(e.op).startsWith('music.') && Number(e.status) === 400,
		);
		expect(refused).toEqual([]);
	});
});
