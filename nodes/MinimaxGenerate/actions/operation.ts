import type {
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { createCommonFields, leanCommonFields, type LeanFeatures } from '../descriptions/common';
import { runBatch, type Reader } from '../engine/batch';
import type { KindAdapter } from '../engine/task';

/**
 * One operation of "MiniMax Generate": everything the node, the router and Until Callback need.
 * Each lives in actions/<resource>/<operation>.ts and is listed once in actions/index.ts.
 */
export interface GenerateOperation<R extends string = string, O extends string = string> {
	/** Parameter values saved in workflows: never change them. */
	resource: R;
	operation: O;
	/** The Operation option: name, action (canvas subtitle), description. */
	name: string;
	action: string;
	description: string;
	/** Every field of the operation, shared create fields included, each shown for this pair only. */
	properties: INodeProperties[];
	/** A parameter whose value the canvas subtitle shows after the action (the model). */
	subtitleParameter?: string;
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
	/** Create operations: their jobs' adapter (the batch engine and the Until Callback resume use it). */
	adapter?: KindAdapter;
}

export const showFor = (resource: string, operation: string): IDisplayOptions => ({
	show: { resource: [resource], operation: [operation] },
});

/**
 * A create operation: its own fields, then the shared create fields (version 1's old layout,
 * version 2's Wait for Completion, Download Result and one Options collection); run by the batch
 * engine with the operation's reader and adapter.
 */
export function createOperation<R extends string, O extends string>(o: {
	resource: R;
	operation: O;
	name: string;
	action: string;
	description: string;
	fields: INodeProperties[];
	features?: LeanFeatures;
	subtitleParameter?: string;
	read: Reader;
	adapter: KindAdapter;
}): GenerateOperation<R, O> {
	const on = showFor(o.resource, o.operation);
	const features = o.features ?? {};
	const { read, adapter } = o;
	return {
		resource: o.resource,
		operation: o.operation,
		name: o.name,
		action: o.action,
		description: o.description,
		properties: [
			...o.fields,
			...createCommonFields(on, features.split),
			...leanCommonFields(on, features),
		],
		...(o.subtitleParameter ? { subtitleParameter: o.subtitleParameter } : {}),
		adapter,
		async execute() {
			return await runBatch.call(this, adapter, read);
		},
	};
}
