import type {
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeType,
	IRun,
} from 'n8n-workflow';

export interface RunNodeOptions {
	nodeTypes?: Record<string, INodeType | object>;
	credentialTypes?: Record<string, ICredentialType>;
	credentials?: Record<string, IDataObject>;
	node: {
		type: string;
		parameters?: IDataObject;
		typeVersion?: number;
		name?: string;
		continueOnFail?: boolean;
		credentials?: IDataObject;
	};
	items?: INodeExecutionData[];
	cancelAfterMs?: number;
	onStart?: (cancel: () => void) => void;
	staticData?: IDataObject;
	additionalData?: IDataObject;
}

export interface RunNodeResult {
	status: string;
	items: INodeExecutionData[];
	outputs: INodeExecutionData[][];
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	runData: IRun['data']['resultData']['runData'];
	execution?: IRun;
	canceled: boolean;
}

export function runNode(options: RunNodeOptions): Promise<RunNodeResult>;

export interface RunWorkflowOptions extends Omit<RunNodeOptions, 'node' | 'items'> {
	workflow: { name?: string; nodes: IDataObject[]; connections: IDataObject };
	startNode?: string;
	startItems?: INodeExecutionData[];
}

export interface RunWorkflowResult {
	status: string;
	runData: IRun['data']['resultData']['runData'];
	error?: Error;
	execution?: IRun;
	canceled: boolean;
	output(nodeName: string): INodeExecutionData[];
}

export function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult>;
export function loadPackage(packageDir?: string): {
	name: string;
	nodeTypes: Record<string, INodeType>;
	credentialTypes: Record<string, ICredentialType>;
};
export const PACKAGE_NAME: string;
