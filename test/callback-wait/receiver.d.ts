import type { IDataObject } from 'n8n-workflow';

export interface ReceivedCall {
	path: string;
	query: Record<string, string>;
	body: IDataObject;
}

export interface Receiver {
	url: string;
	calls: ReceivedCall[];
	waitFor(test: (calls: ReceivedCall[]) => boolean, ms?: number): Promise<ReceivedCall[]>;
	close(): Promise<void>;
}

export function createReceiver(): Promise<Receiver>;
