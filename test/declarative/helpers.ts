import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { Minimax } from '../../nodes/Minimax/Minimax.node';
import { runNode, type RunNodeResult } from '../harness';

export const BASE = 'https://api.useapi.net';
export const TOKEN = 'user:1234-SeCrEtT0kenAbcdefghij0123';
export const ACCOUNT = '987654321';
export const VIDEO_ID = 'user:1234-minimax:987654321-video:998877665544332211';
export const IMAGE_ID = 'user:1234-minimax:987654321-image:357846312387492374';
export const FILE_ID = 'user:1234-minimax:987654321-file:335577991133557799';
export const JOB_ID = 'p123456789-u12345-a67890-bot:minimax';
export const TYPE = 'n8n-nodes-useapi-minimax.minimax';

/** The API mock, answering only requests that carry the whole token. */
export function api() {
	return nock(BASE, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
}

/** A direct call to the simulator's API (to make jobs the declarative node then reads); JSON back. */
export async function simApi(
	sim: { url: string; token: string },
	method: string,
	path: string,
	body?: unknown,
	type = 'application/json',
): Promise<IDataObject> {
	const res = await fetch(`${sim.url}/v1/minimax${path}`, {
		method,
		headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': type },
		body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
	});
	const text = await res.text();
	return text ? (JSON.parse(text) as IDataObject) : {};
}

export const picked = (value: string, mode = 'list') => ({ __rl: true, mode, value });

export async function run(
	parameters: IDataObject,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean; baseUrl?: string } = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [TYPE]: new Minimax() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: TOKEN, baseUrl: options.baseUrl ?? `${BASE}/` } },
		node: { type: TYPE, parameters, continueOnFail: options.continueOnFail },
		items: options.items,
	});
}

export const jsonOf = (result: RunNodeResult) => result.items.map((item) => item.json);
export const pairsOf = (result: RunNodeResult) => result.items.map((item) => item.pairedItem);

export function setupNock() {
	beforeAll(() => {
		if (!nock.isActive()) nock.activate();
		nock.disableNetConnect();
	});
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => {
		nock.enableNetConnect();
		// Unpatch http: a later test file in this worker would otherwise pass through nock's sockets,
		// which read a response eagerly (no backpressure).
		nock.restore();
	});
}

export function video(n: number, extra: IDataObject = {}): IDataObject {
	const raw = String(100000 + n);
	return {
		id: raw,
		videoId: `user:1234-minimax:${ACCOUNT}-video:${raw}`,
		desc: `prompt ${n}`,
		status: 2,
		statusLabel: 'completed',
		statusFinal: true,
		percent: 100,
		videoURL: `https://cdn.hailuoai.video/${raw}/wm.mp4`,
		downloadURL: `https://cdn.hailuoai.video/${raw}/clean.mp4`,
		coverURL: `https://cdn.hailuoai.video/${raw}/cover.jpg`,
		width: 1280,
		height: 720,
		originFiles: [],
		canAppeal: false,
		...extra,
	};
}

export function image(n: number): IDataObject {
	const raw = String(200000 + n);
	return {
		id: raw,
		imageId: `user:1234-minimax:${ACCOUNT}-image:${raw}`,
		desc: `image ${n}`,
		status: 2,
		statusLabel: 'completed',
		statusFinal: true,
		videoURL: `https://cdn.hailuoai.video/${raw}/wm.png`,
		downloadURL: `https://cdn.hailuoai.video/${raw}/clean.png`,
		coverURL: `https://cdn.hailuoai.video/${raw}/cover.png`,
		width: 1024,
		height: 1024,
		createTime: 1732266598000 + n,
		modelID: 'image-01',
		hasVoice: false,
	};
}

export function template(n: number): IDataObject {
	return {
		id: String(300000 + n),
		createTime: 1702953600000 + n,
		videoAsset: { title: `T${n}` },
		cardType: 1,
	};
}

export const range = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => from + i);
