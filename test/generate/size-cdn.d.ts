export interface SizeCdn {
	url: string;
	requests: Array<{
		url: string;
		sent: number;
		total: number;
		complete: boolean;
		closed: boolean;
		authorization?: string;
	}>;
	close(): Promise<void>;
}
export function createSizeCdn(): Promise<SizeCdn>;
