import type { IDataObject } from 'n8n-workflow';

export interface Delivery {
	name: string;
	body?: unknown;
	raw?: string;
	contentType?: string;
	valid: boolean;
}
export function deliveries(videoId: string, replyRef: string): Delivery[];
export function asRequest(d: Delivery): { body: unknown; rawBody?: Buffer; headers?: IDataObject };
