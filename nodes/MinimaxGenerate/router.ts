import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { agentAdapter, readAgentRun } from './actions/agent/run';
import { runFileUpload } from './actions/file/upload';
import { readImageCreate } from './actions/image/create';
import { readVideoCreate } from './actions/video/create';
import { readCreateFromTemplate, templateAdapter } from './actions/video/createFromTemplate';
import { runBatch } from './engine/batch';
import { imageAdapter, videoAdapter } from './engine/kinds';
import { operationError } from '../shared/errors';

type Handler = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/** resource.operation → handler. Creates go through the batch engine; upload is a plain per-item call. */
const HANDLERS: Record<string, Handler> = {
	'video.create': async function () {
		return await runBatch.call(this, videoAdapter, readVideoCreate);
	},
	'video.createFromTemplate': async function () {
		return await runBatch.call(this, templateAdapter, readCreateFromTemplate);
	},
	'image.create': async function () {
		return await runBatch.call(this, imageAdapter, readImageCreate);
	},
	'agent.run': async function () {
		return await runBatch.call(this, agentAdapter, readAgentRun);
	},
	'file.upload': runFileUpload,
};

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = HANDLERS[`${resource}.${operation}`];
	if (!handler)
		throw operationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	return [await handler.call(this)];
}
