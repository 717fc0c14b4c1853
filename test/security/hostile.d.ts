import type { IDataObject } from 'n8n-workflow';

export interface Recorded {
	method: string;
	url: string;
	headers: IDataObject;
	body: string;
}

export interface Elsewhere {
	url: string;
	requests: Recorded[];
	close(): Promise<void>;
}

export type Action =
	| { redirect: number }
	| { redirectSame: number }
	| { echo: number }
	| { echoUpper: number }
	| { reset: true }
	| { status: number }
	| undefined;

export interface Hostile {
	url: string;
	elsewhere: Elsewhere;
	served: Array<{ method: string; url: string; action: string }>;
	close(): Promise<void>;
}

export function createHostile(options: {
	sim: { url: string };
	target?: string;
	rule?: (req: { method: string; url: string }) => Action;
}): Promise<Hostile>;
export function createElsewhere(): Promise<Elsewhere>;
export function tokenArrivals(elsewhere: Elsewhere, secrets: string[]): Recorded[];

export interface SlowCdn {
	url: string;
	downloads: Array<{
		url: string;
		startedAt: number;
		endedAt?: number;
		sent: number;
		complete: boolean;
		authorization?: string;
	}>;
	close(): Promise<void>;
}
export function createSlowCdn(options?: {
	total?: number;
	chunk?: number;
	everyMs?: number;
}): Promise<SlowCdn>;
