import type {
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyOptions,
	PreSendAction,
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { checkLimit, MAX_LIMIT, sendAccount } from '../hooks';
import { deleted, respond, whole, type Respond } from '../output';

const show = (resource: string, operations: string[]) => ({
	show: { resource: [resource], operation: operations },
});

export interface OperationSpec extends Respond {
	name: string;
	value: string;
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Omitted when a preSend puts an id into the path. */
	url?: string;
	preSend?: PreSendAction[];
	pagination?: (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	) => Promise<INodeExecutionData[]>;
}

/** One Operation option with its request, hooks and the shared postReceive. */
export function operation(spec: OperationSpec): INodePropertyOptions {
	return {
		name: spec.name,
		value: spec.value,
		action: spec.action,
		description: spec.description,
		routing: {
			request: { method: spec.method, ...(spec.url ? { url: spec.url } : {}) },
			send: { preSend: spec.preSend ?? [], ...(spec.pagination ? { paginate: true } : {}) },
			...(spec.pagination ? { operations: { pagination: spec.pagination } } : {}),
			output: { postReceive: [respond(spec)] },
		},
	};
}

/**
 * A listing ("Get Many …"): a GET whose errors are worded for the account, since a 404 on a
 * listing means the account is not configured.
 */
export function listing(spec: Omit<OperationSpec, 'method' | 'resource'>): INodePropertyOptions {
	return operation({ ...spec, method: 'GET', resource: 'account' });
}

/** How a record is found by its id: the preSend that puts the id into the path, and error wording. */
export interface ById {
	toPath: PreSendAction;
	resource: string;
	idParam: string;
	field: string;
	audio?: boolean;
}

/** Delete and Get of one record by its id (in the panel's order). */
export function deleteAndGet(
	{ toPath, ...one }: ById,
	del: { action: string; description: string },
	get: { action: string; description: string; simplify?: boolean },
): INodePropertyOptions[] {
	const byId = { preSend: [toPath], ...one };
	return [
		operation({
			name: 'Delete',
			value: 'delete',
			...del,
			method: 'DELETE',
			...byId,
			shape: deleted,
		}),
		operation({ name: 'Get', value: 'get', ...get, method: 'GET', ...byId, shape: whole }),
	];
}

export function operationField(
	resource: string,
	options: INodePropertyOptions[],
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultValue,
	};
}

/**
 * The Account picker: "From List" (GET /accounts) or "By ID". Optional ones send `account` in the
 * query only when set, so the API picks its default with a single account.
 */
export function accountField(
	resource: string,
	operations: string[],
	required: boolean,
	audio = false,
): INodeProperties {
	const optional = audio
		? 'The minimax.io account with a MiniMax Audio plan ("supportAudio" in Account → Get Many; the list shows only those). Leave empty when only one account is configured at useapi.net; required when there are several.'
		: 'The hailuoai.video account to use. Leave empty when only one account is configured at useapi.net; required when there are several.';
	return {
		displayName: 'Account',
		name: 'account',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: required ? 'The hailuoai.video account (its numeric MiniMax user ID)' : optional,
		displayOptions: show(resource, operations),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: audio ? 'searchAudioAccounts' : 'searchAccounts',
					searchable: true,
				},
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 987654321' },
		],
		routing: required ? undefined : { send: { preSend: [sendAccount] } },
	};
}

/** Return All + Limit. Limit becomes RoutingNode's maxResults, which the pagination functions honour. */
export function returnAllAndLimit(resource: string, operations: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			required: true,
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show(resource, operations),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_LIMIT },
			required: true,
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show(resource, operations).show, returnAll: [false] } },
			routing: { send: { preSend: [checkLimit] }, output: { maxResults: '={{$value}}' } },
		},
	];
}

export function simplifyField(resource: string, operations: string[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		required: true,
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: show(resource, operations),
	};
}

/** A required id string; the operation's preSend validates it and puts it raw into the path. */
export function idField(
	spec: { name: string; displayName: string; placeholder: string; description: string },
	resource: string,
	operations: string[],
): INodeProperties {
	return {
		...spec,
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(resource, operations),
	};
}

/** A "Filters" collection for a Get Many; the operation's preSend reads and checks it. */
export function filtersField(
	resource: string,
	operations: string[],
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(resource, operations),
		options,
	};
}

/** The fields of a resource's Get Many: the optional Account, Return All + Limit, and its Filters. */
export function getManyFields(
	resource: string,
	options: { audio?: boolean; filters?: INodeProperties[] } = {},
): INodeProperties[] {
	const fields = [
		accountField(resource, ['getAll'], false, options.audio),
		...returnAllAndLimit(resource, ['getAll']),
	];
	return options.filters
		? [...fields, filtersField(resource, ['getAll'], options.filters)]
		: fields;
}
