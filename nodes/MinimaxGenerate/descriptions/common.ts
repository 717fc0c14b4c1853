import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INode,
	INodeProperties,
} from 'n8n-workflow';

import { operationError } from '../../shared/errors';
import { checkAccount } from '../../shared/ids';
import { readText, textOf } from '../../shared/params';
import { checkReplyRef, checkReplyUrl } from '../../shared/replyRef';

/**
 * Fields shared by every create operation of "MiniMax Generate". Operation files spread
 * `createCommonFields(displayOptions)` (or the single pieces) into their description and read
 * account and callback with `readAccount` / `readCallback`. The engine reads the wait, download and
 * output fields itself by these names, so keep the names stable.
 */

/**
 * Version 2 (the default for new nodes) keeps the top level lean: the settings most runs leave
 * alone live in one "Options" collection. Version 1 is the old layout, kept so saved workflows run
 * unchanged: its fields carry `@version: [1]`, and every reader asks `isLean()` where to look.
 */
export const LEAN_VERSION = 2;

export const isLean = (ctx: { getNode(): INode }): boolean =>
	Number(ctx.getNode().typeVersion ?? 1) >= LEAN_VERSION;

/** A setting's value: in version 2 from the Options collection, in version 1 from its old path. */
export function readOption<T>(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	v1Path: string,
	fallback: T,
): T {
	return this.getNodeParameter(
		isLean(this) ? `options.${name}` : v1Path,
		itemIndex,
		fallback as never,
	) as T;
}

export const onlyV1 = (displayOptions: IDisplayOptions): IDisplayOptions =>
	withShow(displayOptions, { '@version': [1] });
export const onlyV2 = (displayOptions: IDisplayOptions): IDisplayOptions =>
	withShow(displayOptions, { '@version': [LEAN_VERSION] });

/** Merges extra `show` conditions into an operation's displayOptions. */
export function withShow(displayOptions: IDisplayOptions, extra: IDataObject): IDisplayOptions {
	return {
		...displayOptions,
		show: { ...(displayOptions.show ?? {}), ...extra },
	} as IDisplayOptions;
}

export function accountField(displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Account',
		name: 'account',
		type: 'string',
		default: '',
		placeholder: 'Any account with free capacity',
		description:
			'The hailuoai.video account to run on. Leave empty to spread the jobs over every account with free capacity.',
		displayOptions,
	};
}

export function callbackFields(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Callback',
		name: 'callback',
		type: 'collection',
		placeholder: 'Add Callback Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Reply URL',
				name: 'replyUrl',
				type: 'string',
				default: '',
				placeholder: 'https://your-n8n.example.com/webhook/…',
				description:
					"URL useapi.net calls with the job's progress and result. Paste the production URL of a MiniMax Trigger node.",
			},
			{
				displayName: 'Reply Ref',
				name: 'replyRef',
				type: 'string',
				default: '',
				description:
					'Your own reference, echoed back in the result and in callbacks (for example an order ID)',
			},
		],
	};
}

export function waitFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			required: true,
			description:
				'Whether to wait until the job is finished and return its result. When off, the create response (IDs, replyRef) is returned at once.',
			displayOptions,
		},
		{
			displayName: 'Wait Mode',
			name: 'waitMode',
			type: 'options',
			default: 'poll',
			displayOptions: withShow(displayOptions, { waitForCompletion: [true] }),
			options: [
				{
					name: 'Poll',
					value: 'poll',
					description: 'Keep the execution running and check the jobs every Poll Interval',
				},
				{
					name: 'Until Callback',
					value: 'callback',
					description:
						'Pause the execution (shown as Waiting) until useapi.net calls back with the result. One item per execution; n8n must be reachable from the internet.',
				},
			],
		},
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Wait Option',
			default: {},
			displayOptions: withShow(displayOptions, { waitForCompletion: [true] }),
			options: [
				{
					displayName: 'Cancel Job on Stop',
					name: 'cancelOnStop',
					type: 'boolean',
					default: false,
					description:
						'Whether to ask useapi.net to cancel running videos when the workflow is stopped. Only videos can be cancelled; jobs that time out keep running.',
				},
				{
					displayName: 'On Failure',
					name: 'onFailure',
					type: 'options',
					default: 'error',
					description: 'What to do when a job ends failed or moderated',
					options: [
						{ name: 'Error', value: 'error', description: 'Fail the item (or the node)' },
						{
							name: 'Return Item With Status',
							value: 'returnItem',
							description:
								'Output the item with its status and outcome, so the workflow can branch on it',
						},
					],
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					default: 10,
					typeOptions: { minValue: 1 },
					description: 'How often to check running jobs. One status call covers the whole batch.',
				},
				{
					displayName: 'Timeout (Minutes)',
					name: 'timeout',
					type: 'number',
					default: 30,
					typeOptions: { minValue: 1, maxValue: 1440 },
					description:
						'How long to wait for each job after it is first submitted. The job keeps running on the server after a timeout.',
				},
			],
		},
	];
}

export function downloadFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Download Result',
			name: 'downloadResult',
			type: 'boolean',
			default: true,
			required: true,
			description: 'Whether to download the finished file(s) into the item',
			displayOptions: withShow(displayOptions, { waitForCompletion: [true] }),
		},
		{
			displayName: 'Download Options',
			name: 'downloadOptions',
			type: 'collection',
			placeholder: 'Add Download Option',
			default: {},
			displayOptions: withShow(displayOptions, {
				waitForCompletion: [true],
				downloadResult: [true],
			}),
			options: [
				{
					displayName: 'Put Output File in Field',
					name: 'binaryProperty',
					type: 'string',
					default: 'data',
					description:
						'Name of the binary property to write the file to. Further files go to data_1, data_2, … (with your name instead of data).',
				},
				{
					displayName: 'Return As',
					name: 'returnAs',
					type: 'options',
					default: 'binary',
					options: [
						{ name: 'Binary', value: 'binary', description: 'Download the file into the item' },
						{ name: 'URL Only', value: 'url', description: 'Return only the result URLs' },
					],
				},
			],
		},
	];
}

export function outputFields(displayOptions: IDisplayOptions, withSplit = false): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Include Raw Response',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to add the raw API record under "raw"',
		},
	];
	if (withSplit) {
		options.push({
			displayName: 'Split Into Items',
			name: 'splitIntoItems',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item per result file instead of one item with data, data_1, …',
		});
	}
	return {
		displayName: 'Output Options',
		name: 'outputOptions',
		type: 'collection',
		placeholder: 'Add Output Option',
		default: {},
		displayOptions,
		options,
	};
}

/** Version 1: every shared field of a create operation, in display order (Wait for Completion and Download Result are shared with version 2). */
export function createCommonFields(
	displayOptions: IDisplayOptions,
	withSplit = false,
): INodeProperties[] {
	const old = onlyV1(displayOptions);
	const [waitForCompletion, waitMode, waitOptions] = waitFields(old);
	const [downloadResult, downloadOptions] = downloadFields(old);
	return [
		accountField(old),
		{ ...waitForCompletion, displayOptions },
		waitMode,
		waitOptions,
		{ ...downloadResult, displayOptions: withShow(displayOptions, { waitForCompletion: [true] }) },
		downloadOptions,
		callbackFields(old),
		outputFields(old, withSplit),
	];
}

/** What the Options collection of one operation offers besides the common settings. */
export interface LeanFeatures {
	/** Videos: Cancel Job on Stop. */
	cancel?: boolean;
	/** Images and agent: Split Into Items. */
	split?: boolean;
	/** Operation-specific options (Max Jobs, Prompt Optimization, Additional Model IDs…). */
	own?: INodeProperties[];
}

const WAITING = { '/waitForCompletion': [false] };

/** Version 2: Wait for Completion and Download Result on top, every other setting in "Options". */
export function leanCommonFields(
	displayOptions: IDisplayOptions,
	features: LeanFeatures = {},
): INodeProperties[] {
	const show = onlyV2(displayOptions);
	const [, waitMode, waitOptions] = waitFields(show);
	const callback = callbackFields(show).options as INodeProperties[];
	const wait = (waitOptions.options as INodeProperties[]).filter(
		(o) => features.cancel || o.name !== 'cancelOnStop',
	);
	const output = outputFields(show, features.split).options as INodeProperties[];
	const hide = (p: INodeProperties, extra: IDataObject): INodeProperties => ({
		...p,
		displayOptions: { hide: { ...WAITING, ...extra } } as IDisplayOptions,
	});
	const options: INodeProperties[] = [
		accountField(),
		...wait.map((o) => hide(o, o.name === 'pollInterval' ? { waitMode: ['callback'] } : {})),
		hide(waitMode, {}),
		...callback.map((o) =>
			o.name === 'replyUrl'
				? { ...o, displayOptions: { hide: { waitMode: ['callback'] } } as IDisplayOptions }
				: o,
		),
		...output,
		...(features.own ?? []),
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description:
				'Binary field for the downloaded file; further files go to data_1, data_2, … (with your name instead of data)',
			displayOptions: { hide: { ...WAITING, '/downloadResult': [false] } },
		},
	];
	return [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: show,
			options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/** The account the user fixed for this item, or undefined to let the engine pick. */
export function readAccount(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = readText
		.call(this, isLean(this) ? 'options.account' : 'account', itemIndex, 'Account')
		.trim();
	if (!value) return undefined;
	try {
		// It goes into /accounts/{account}: digits only.
		return checkAccount(value);
	} catch (error) {
		throw operationError(this.getNode(), (error as Error).message, {
			itemIndex,
			description:
				'Enter the numeric account id as shown by MiniMax (useapi.net) → Account → Get Many, or leave "Account" empty.',
		});
	}
}

export function readCallback(
	this: IExecuteFunctions,
	itemIndex: number,
): { replyUrl?: string; replyRef?: string } {
	const callback = (
		isLean(this)
			? this.getNodeParameter('options', itemIndex, {})
			: this.getNodeParameter('callback', itemIndex, {})
	) as IDataObject;
	const replyUrl = textOf(this, callback.replyUrl, 'Reply URL', itemIndex).trim();
	const replyRef = textOf(this, callback.replyRef, 'Reply Ref', itemIndex).trim();
	const problem = (replyUrl && checkReplyUrl(replyUrl)) || (replyRef && checkReplyRef(replyRef));
	if (problem)
		throw operationError(this.getNode(), problem, { itemIndex, description: 'Nothing was sent.' });
	return { replyUrl: replyUrl || undefined, replyRef: replyRef || undefined };
}
