import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { runNode } from '../harness';

const BASE = 'https://api.test';
const API = '/v1/minimax';
const TOKEN = 'user:1234-review0123456789';
const ACCOUNT = '987654321';
const FILE = `user:1234-minimax:${ACCOUNT}-file:335577991133557799`;
const VOICE = `user:1234-minimax:${ACCOUNT}-voice:445566778899`;

async function runGen(parameters: IDataObject) {
	return await runNode({
		nodeTypes: { 'n8n-nodes-useapi-minimax.minimaxGenerate': new MinimaxGenerate() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: BASE } },
		node: {
			type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
			parameters,
			continueOnFail: true,
			typeVersion: 2,
		},
		items: [{ json: {} }],
	});
}

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());
afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

describe('review2: Voice → Clone answer shapes', () => {
	it.each([
		['voiceId (camelCase)', { voiceId: VOICE, voiceName: 'Narrator' }],
		['data.voice_id (nested)', { data: { voice_id: VOICE, voice_name: 'Narrator' } }],
		['data.voiceId (nested camelCase)', { data: { voiceId: VOICE } }],
	])(
		'[gap] a 200 clone answer with %s is the new voice, not "no voice_id" after the slot was spent',
		async (_shape, answer) => {
			let clones = 0;
			nock(BASE)
				.get(`${API}/speech/equity`)
				.query(true)
				.reply(200, { used: 0, total: 3 })
				.post(`${API}/speech/clone-voice`)
				.reply(200, () => {
					clones++;
					return answer;
				});
			const result = await runGen({
				resource: 'voice',
				operation: 'clone',
				sampleSource: 'fileId',
				sampleFileIds: FILE,
				voiceName: 'Narrator',
				languageTag: 'English',
			});
			expect(clones).toBe(1);
			expect(result.items[0].json.error).toBeUndefined();
			expect(result.items[0].json.voiceId).toBe(VOICE);
			expect(result.items[0].json.voiceName).toBe('Narrator');
		},
	);
});

describe('review2: Music → Create after a 504', () => {
	it('a 504 create whose song shows up in GET /music 7 s later is not sent a second time', async () => {
		let creates = 0;
		let lostAt = 0;
		const song = `user:1234-minimax:${ACCOUNT}-music:998877665544332211`;
		nock(BASE)
			.get(`${API}/accounts`)
			.reply(200, { [ACCOUNT]: { supportAudio: true } })
			.get(`${API}/accounts/${ACCOUNT}`)
			.optionally()
			.reply(200, {})
			.get(`${API}/music`)
			.query(true)
			.times(50)
			.reply(200, () =>
				lostAt && Date.now() - lostAt > 7000
					? [{ musicId: song, statusLabel: 'processing', statusFinal: false }]
					: [],
			)
			.post(`${API}/music/create`)
			.times(2)
			.reply(() => {
				creates++;
				if (creates === 1) {
					// useapi.net accepted it upstream; its gateway timed out before answering.
					lostAt = Date.now();
					return [504, { error: 'Gateway Timeout', code: 504 }];
				}
				return [201, { musicId: `user:1234-minimax:${ACCOUNT}-music:111` }];
			})
			.get(/\/v1\/minimax\/music\/user.*/)
			.times(20)
			.reply(200, { statusLabel: 'processing', statusFinal: false });
		const result = await runGen({
			resource: 'music',
			operation: 'create',
			musicPrompt: 'a calm lo-fi beat',
			waitForCompletion: false,
			options: { timeout: 1 },
		});
		// Today: an empty GET /music for ~2 s counts as proof, the song is created again (2 paid songs).
		expect(creates).toBe(1);
		expect(String(result.items[0].json.error)).toMatch(/song may have been created/);
		// The song that appeared is named as the candidate, on its account.
		expect(JSON.stringify(result.items[0].json)).toContain(song);
		expect(JSON.stringify(result.items[0].json)).toContain(ACCOUNT);
	}, 30_000);
});

describe('Create MP3 answered without an id', () => {
	it('the error does not send the user looking for a replyRef (Create MP3 sends none)', async () => {
		let sent: IDataObject = {};
		nock(BASE)
			.get(`${API}/accounts`)
			.reply(200, { [ACCOUNT]: { supportAudio: true } })
			.post(`${API}/speech/create-mp3`)
			.reply(200, (_uri, body) => {
				sent = body as IDataObject;
				return { statusLabel: 'completed' };
			})
			.get(`${API}/scheduler`)
			.optionally()
			.times(5)
			.reply(200, []);
		const result = await runGen({
			resource: 'speech',
			operation: 'createMp3',
			voiceId: '209533299589184',
			text: 'Hi.',
		});
		expect(sent.replyRef).toBeUndefined();
		const json = JSON.stringify(result.items[0].json);
		expect(json).toMatch(/its ID could not be found/);
		expect(json).toMatch(/may have been made/);
		expect(json).not.toMatch(/replyRef/);
	});
});

describe('review2: the token stays on the API origin (new routes)', () => {
	const VOICE_ID = '209533299589184';
	it.each([
		['speech create-mp3', 302],
		['speech create-mp3', 307],
	])('%s answered %s to another host: not followed with the token', async (_name, code) => {
		const seen: Array<string | undefined> = [];
		nock('https://evil.test')
			.persist()
			.post(/.*/)
			.reply(function () {
				seen.push(String(this.req.headers.authorization ?? ''));
				return [200, { audio_id: 'x' }];
			})
			.get(/.*/)
			.reply(function () {
				seen.push(String(this.req.headers.authorization ?? ''));
				return [200, { audio_id: 'x' }];
			});
		nock(BASE)
			.get(`${API}/accounts`)
			.reply(200, { [ACCOUNT]: { supportAudio: true } })
			.post(`${API}/speech/create-mp3`)
			.reply(code, '', { Location: 'https://evil.test/steal' })
			.get(`${API}/scheduler`)
			.optionally()
			.times(5)
			.reply(200, []);
		const result = await runGen({
			resource: 'speech',
			operation: 'createMp3',
			voiceId: VOICE_ID,
			text: 'Hi.',
		});
		expect(seen).toEqual([]);
		expect(JSON.stringify(result.items)).not.toContain(TOKEN);
	});

	it('an SRT and MP3 on another host are fetched without the token', async () => {
		const auth: string[] = [];
		const audioId = `user:1234-minimax:${ACCOUNT}-audio:556677889900112233`;
		nock('https://cdn.other.test')
			.get(/.*/)
			.times(2)
			.reply(function () {
				auth.push(String(this.req.headers.authorization ?? ''));
				return [200, Buffer.from('1\n00:00:00,000 --> 00:00:01,000\nHi\n')];
			});
		nock(BASE)
			.get(`${API}/accounts`)
			.reply(200, { [ACCOUNT]: { supportAudio: true } })
			.post(`${API}/speech/create`)
			.reply(201, { audioId })
			.get(`${API}/scheduler`)
			.optionally()
			.times(20)
			.reply(200, [])
			.get(`${API}/speech/${audioId}`)
			.times(5)
			.reply(200, {
				audio_id: audioId,
				statusLabel: 'completed',
				statusFinal: true,
				audio_url: 'https://cdn.other.test/a.mp3',
				subtitle_url: 'https://cdn.other.test/a.srt',
			});
		const result = await runGen({
			resource: 'speech',
			operation: 'create',
			voiceId: '209533299589184',
			text: 'Hi.',
			waitOptions: { pollInterval: 0.1, timeout: 1 },
			options: { pollInterval: 0.1, timeout: 1 },
		});
		expect(result.items[0].json.error).toBeUndefined();
		expect(auth).toEqual(['', '']);
	});
});

describe('review2: Stop bounds the per-item audio calls', () => {
	it.each(['clone', 'uploadReference'])(
		'Stop ends a hung %s call at once',
		async (op) => {
			const wav = Buffer.alloc(44 + 16000 * 2 * 12);
			wav.write('RIFF', 0, 'latin1');
			wav.writeUInt32LE(wav.length - 8, 4);
			wav.write('WAVEfmt ', 8, 'latin1');
			wav.writeUInt32LE(16, 16);
			wav.writeUInt16LE(1, 20);
			wav.writeUInt16LE(1, 22);
			wav.writeUInt32LE(16000, 24);
			wav.writeUInt32LE(32000, 28);
			wav.writeUInt16LE(2, 32);
			wav.writeUInt16LE(16, 34);
			wav.write('data', 36, 'latin1');
			wav.writeUInt32LE(wav.length - 44, 40);
			nock(BASE)
				.get(`${API}/accounts`)
				.reply(200, { [ACCOUNT]: { supportAudio: true } })
				.get(`${API}/speech/equity`)
				.query(true)
				.optionally()
				.reply(200, { used: 0, total: 3 })
				.post(/\/v1\/minimax\/(speech\/upload-sample|music\/reference)/)
				.query(true)
				.delay(60_000)
				.reply(200, {});
			const started = Date.now();
			const result = await runNode({
				nodeTypes: { 'n8n-nodes-useapi-minimax.minimaxGenerate': new MinimaxGenerate() },
				credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
				credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: BASE } },
				node: {
					type: 'n8n-nodes-useapi-minimax.minimaxGenerate',
					parameters:
						op === 'clone'
							? { resource: 'voice', operation: 'clone', voiceName: 'N', languageTag: 'English' }
							: { resource: 'music', operation: 'uploadReference' },
					typeVersion: 2,
				},
				items: [
					{
						json: {},
						binary: {
							data: { data: wav.toString('base64'), mimeType: 'audio/wav', fileName: 's.wav' },
						},
					},
				],
				cancelAfterMs: 300,
			});
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(result.canceled || result.error !== undefined).toBe(true);
		},
		30_000,
	);
});
