import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IWebhookResponseData,
} from 'n8n-workflow';

export interface FakeResponse {
	statusCode?: number;
	headers: IDataObject;
	body?: string;
	ended: boolean;
}

export interface CallWebhookOptions {
	nodeType: INodeType;
	credentialType?: ICredentialType;
	parameters?: IDataObject;
	body?: unknown;
	rawBody?: Buffer;
	query?: IDataObject;
	headers?: IDataObject;
	staticData?: IDataObject;
	mode?: 'webhook' | 'manual';
	credentials?: Record<string, IDataObject>;
	workflowId?: string;
	/** Another node type than the trigger (e.g. the generation node's webhook). */
	type?: string;
	nodeName?: string;
	/** The waiting execution's id (resume webhooks). */
	executionId?: string;
	/** Node version (default 1). */
	typeVersion?: number;
	/** The request URL path (and query) as n8n received it. */
	url?: string;
}

export function callWebhook(options: CallWebhookOptions): Promise<{
	result: IWebhookResponseData;
	res: FakeResponse;
	staticData: IDataObject;
	items: INodeExecutionData[];
	json?: IDataObject;
}>;
export const TYPE: string;
