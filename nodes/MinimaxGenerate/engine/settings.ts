import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { operationError } from '../../shared/errors';
import { isLean } from '../descriptions/common';

/** Wait modes: "callback" parks the execution until useapi.net calls back (engine/callbackWait.ts). */
export type WaitMode = 'poll' | 'callback';

export interface JobSettings {
	wait: boolean;
	waitMode: WaitMode;
	pollMs: number;
	timeoutMs: number;
	onFailure: 'error' | 'returnItem';
	cancelOnStop: boolean;
	download: boolean;
	binaryProperty: string;
	includeRaw: boolean;
	splitIntoItems: boolean;
	/** Version 2: output without repeated values (one id field, one URL, status in words). */
	lean: boolean;
}

// The UI minimum is 1 s; hand-written workflows (and tests) may go lower, never below this floor.
const MIN_POLL_MS = 100;
const SLOT_CHECK_MS = 3_000;

/** Version 2 keeps every setting in "Options"; version 1 in Wait Options, Download Options and Output Options. */
function rawSettings(ctx: IExecuteFunctions, itemIndex: number, wait: boolean, download: boolean) {
	if (isLean(ctx)) {
		const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const { waitMode, binaryPropertyName, ...rest } = options;
		return {
			waitMode,
			waitOptions: wait ? rest : {},
			downloadOptions: download ? { binaryProperty: binaryPropertyName } : {},
			output: options,
		};
	}
	return {
		waitMode: wait ? ctx.getNodeParameter('waitMode', itemIndex, 'poll') : 'poll',
		waitOptions: (wait ? ctx.getNodeParameter('waitOptions', itemIndex, {}) : {}) as IDataObject,
		downloadOptions: (download
			? ctx.getNodeParameter('downloadOptions', itemIndex, {})
			: {}) as IDataObject,
		output: ctx.getNodeParameter('outputOptions', itemIndex, {}) as IDataObject,
	};
}

/** Reads and checks the wait, download and output options of one item. Throws before any HTTP call. */
export function readSettings(
	this: IExecuteFunctions,
	itemIndex: number,
	defaultPollSeconds = 10,
): JobSettings {
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	const wantsDownload =
		wait && (this.getNodeParameter('downloadResult', itemIndex, true) as boolean);
	const {
		waitMode: mode,
		waitOptions,
		downloadOptions,
		output,
	} = rawSettings(this, itemIndex, wait, wantsDownload);
	const waitMode: WaitMode = wait && mode === 'callback' ? 'callback' : 'poll';
	const download = wantsDownload;

	const pollSeconds = Number(waitOptions.pollInterval ?? defaultPollSeconds);
	const timeoutMinutes = Number(waitOptions.timeout ?? 30);
	if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) {
		throw operationError(
			this.getNode(),
			`"Poll Interval (Seconds)" must be a positive number (got ${String(waitOptions.pollInterval)})`,
			{ itemIndex },
		);
	}
	if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0 || timeoutMinutes > 1440) {
		throw operationError(
			this.getNode(),
			`"Timeout (Minutes)" must be between 1 and 1440 (got ${String(waitOptions.timeout)})`,
			{ itemIndex },
		);
	}
	// Without waiting, polling only tells when a slot frees for items still queued.
	const pollMs = wait ? Math.max(MIN_POLL_MS, pollSeconds * 1000) : SLOT_CHECK_MS;
	const timeoutMs = timeoutMinutes * 60_000;
	if (wait && waitMode === 'poll' && timeoutMs < pollMs) {
		throw operationError(
			this.getNode(),
			`"Timeout (Minutes)" (${timeoutMinutes} min) is shorter than "Poll Interval (Seconds)" (${pollSeconds} s)`,
			{ itemIndex, description: 'Raise the timeout or lower the poll interval in the options.' },
		);
	}
	const binaryProperty = String(downloadOptions.binaryProperty ?? 'data').trim() || 'data';
	return {
		wait,
		waitMode,
		pollMs,
		timeoutMs,
		onFailure: waitOptions.onFailure === 'returnItem' ? 'returnItem' : 'error',
		cancelOnStop: waitOptions.cancelOnStop === true,
		download: download && downloadOptions.returnAs !== 'url',
		binaryProperty,
		includeRaw: output.includeRaw === true,
		splitIntoItems: output.splitIntoItems === true,
		lean: isLean(this),
	};
}
