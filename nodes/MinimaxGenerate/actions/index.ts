import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { actionSubtitle } from '../../shared/subtitle';
import type { KindAdapter } from '../engine/task';
import { agentRun } from './agent/run';
import { fileUpload } from './file/upload';
import { imageCreate } from './image/create';
import { musicCreate } from './music/create';
import { musicUploadReference } from './music/uploadReference';
import type { GenerateOperation } from './operation';
import { speechCreate } from './speech/create';
import { speechCreateMp3 } from './speech/createMp3';
import { videoCreate } from './video/create';
import { videoCreateFromTemplate } from './video/createFromTemplate';
import { voiceClone } from './voice/clone';

/**
 * Every operation of "MiniMax Generate": resource → operation → its module. The node's Resource and
 * Operation lists, the router and the Until Callback adapters are made from this map. The first
 * operation of a resource is its default; resources are shown in alphabetical order.
 * Adding an operation: its module (see operation.ts) and one line here.
 */
export const REGISTRY = registry({
	video: { create: videoCreate, createFromTemplate: videoCreateFromTemplate },
	image: { create: imageCreate },
	agent: { run: agentRun },
	file: { upload: fileUpload },
	speech: { create: speechCreate, createMp3: speechCreateMp3 },
	voice: { clone: voiceClone },
	music: { create: musicCreate, uploadReference: musicUploadReference },
});

const DEFAULT_RESOURCE: Resource = 'video';

/** The compiler checks that each module sits under its own resource and operation value. */
function registry<
	T extends { [R in keyof T]: { [O in keyof T[R]]: GenerateOperation<R & string, O & string> } },
>(map: T): T {
	return map;
}

export type Resource = keyof typeof REGISTRY;
/** Every resource/operation pair the node has, as in n8n's node.type.ts. */
export type GenerateType = {
	[R in Resource]: { resource: R; operation: keyof (typeof REGISTRY)[R] };
}[Resource];

const resources = Object.keys(REGISTRY) as Resource[];
const operationsOf = (resource: string): GenerateOperation[] =>
	Object.values((REGISTRY as Record<string, Record<string, GenerateOperation>>)[resource] ?? {});

export const ALL_OPERATIONS: GenerateOperation[] = resources.flatMap(operationsOf);

/** The module of a resource/operation pair, or undefined when the node has no such pair. */
export function operationOf(resource: string, operation: string): GenerateOperation | undefined {
	return operationsOf(resource).find((op) => op.operation === operation);
}

const titleOf = (value: string) => `${value[0].toUpperCase()}${value.slice(1)}`;
const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function operationField(resource: Resource): INodeProperties {
	const operations = operationsOf(resource);
	const first = operations[0].operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: first,
		displayOptions: { show: { resource: [resource] } },
		options: operations
			.map((op) => ({
				name: op.name,
				value: op.operation,
				action: op.action,
				description: op.description,
			}))
			.sort(byName),
	};
}

/** Resource, then one Operation field per resource. */
export const OPERATION_FIELDS: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: DEFAULT_RESOURCE,
		options: resources.map((value) => ({ name: titleOf(value), value })).sort(byName),
	},
	...resources.map(operationField),
];

/** Every field of the node, in registry order. */
export const PROPERTIES: INodeProperties[] = [
	...OPERATION_FIELDS,
	...ALL_OPERATIONS.flatMap((op) => op.properties),
];

/** Canvas subtitle: the operation's action, then its model where it has one. */
export const SUBTITLE = actionSubtitle(
	OPERATION_FIELDS,
	Object.fromEntries(
		ALL_OPERATIONS.filter((op) => op.subtitleParameter).map((op) => [
			`${op.resource}.${op.operation}`,
			op.subtitleParameter as string,
		]),
	),
);

/** Kind → adapter, for the Until Callback resume (the signed state names the kind). */
export function adapterOfKind(kind: string): KindAdapter | undefined {
	return ALL_OPERATIONS.find((op) => op.adapter?.kind === kind)?.adapter;
}
