import { sleep, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { UseApiMinimaxApi } from '../../credentials/UseApiMinimaxApi.credentials';
import { MinimaxGenerate } from '../../nodes/MinimaxGenerate/MinimaxGenerate.node';
import { runNode, type RunNodeResult } from '../harness';
// Plain-JS simulator (CommonJS); its shape is described by Sim below.
import * as simulator from '../simulator';

export const NODE_TYPE = 'n8n-nodes-useapi-minimax.minimaxGenerate';

export interface Sim {
	url: string;
	/** The media origin (another loopback port). */
	cdnUrl: string;
	token: string;
	log: IDataObject[];
	jobs: Map<string, IDataObject>;
	stats(): IDataObject & {
		creates: Record<string, number>;
		maxConcurrentByAccount: Record<string, number>;
		overCapacity: number;
		duplicateCreates: number;
		rejected: Record<string, number>;
	};
	record(id: string): IDataObject | undefined;
	setAccount(account: string, patch: IDataObject): IDataObject;
	setFaults(patch: IDataObject): IDataObject;
	reset(): void;
	/** Ends a running job now (tests start jobs with "[ms=600000]" and end them instead of sleeping). */
	completeJob(id: string): IDataObject;
	close(): Promise<void>;
	options: IDataObject;
}

export async function startSim(options: IDataObject = {}): Promise<Sim> {
	return (await (
		simulator as unknown as { createSimulator(o: IDataObject): Promise<Sim> }
	).createSimulator({
		port: 0,
		jobMs: 300,
		...options,
	})) as Sim;
}

/** Fast waiting for tests: the engine accepts sub-second poll intervals that the UI does not offer. */
export const FAST_WAIT = { pollInterval: 0.1, timeout: 1 };

export async function run(
	sim: Sim,
	parameters: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	extra: {
		continueOnFail?: boolean;
		cancelAfterMs?: number;
		onStart?: (cancel: () => void) => void;
		token?: string;
		typeVersion?: number;
	} = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: new MinimaxGenerate() },
		credentialTypes: { useApiMinimaxApi: new UseApiMinimaxApi() },
		credentials: { useApiMinimaxApi: { apiToken: extra.token ?? sim.token, baseUrl: sim.url } },
		node: {
			type: NODE_TYPE,
			parameters,
			continueOnFail: extra.continueOnFail,
			typeVersion: extra.typeVersion,
		},
		items,
		cancelAfterMs: extra.cancelAfterMs,
		onStart: extra.onStart,
	});
}

export const videoParams = (prompt: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'video',
	operation: 'create',
	videoModel: 'T2V-01',
	prompt,
	waitOptions: FAST_WAIT,
	...extra,
});

export const apiLog = (sim: Sim) => sim.log.filter((e) => e.kind === 'api');
export const ops = (sim: Sim, op: string) => apiLog(sim).filter((e) => e.op === op);

export function png(bytes = 64): { data: string; mimeType: string; fileName: string } {
	const buf = Buffer.alloc(bytes, 7);
	buf.write('\x89PNG', 0, 'latin1');
	return { data: buf.toString('base64'), mimeType: 'image/png', fileName: 'in.png' };
}

/** Waits until `cond` holds (a count or an event in a log), polling every 10 ms, at most `maxMs`. */
export async function until(cond: () => boolean, maxMs = 30_000): Promise<void> {
	for (let i = 0; i * 10 < maxMs && !cond(); i++) await sleep(10);
	expect(cond()).toBe(true);
}
