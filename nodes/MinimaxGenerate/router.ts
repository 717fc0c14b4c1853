import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationError } from '../shared/errors';
import { operationOf } from './actions';

/** resource.operation → the operation's execute (actions/index.ts). */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operationOf(resource, operation);
	if (!handler)
		throw operationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	return [await handler.execute.call(this)];
}
