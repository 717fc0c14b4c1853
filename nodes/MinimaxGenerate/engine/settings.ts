import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { operationError } from '../../shared/errors';

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
}

// The UI minimum is 1 s; hand-written workflows (and tests) may go lower, never below this floor.
const MIN_POLL_MS = 100;
const SLOT_CHECK_MS = 3_000;

/** Reads and checks the wait, download and output options of one item. Throws before any HTTP call. */
export function readSettings(this: IExecuteFunctions, itemIndex: number): JobSettings {
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	const waitMode: WaitMode = wait && this.getNodeParameter('waitMode', itemIndex, 'poll') === 'callback' ? 'callback' : 'poll';
	const waitOptions = (wait ? this.getNodeParameter('waitOptions', itemIndex, {}) : {}) as IDataObject;
	const download = wait && (this.getNodeParameter('downloadResult', itemIndex, true) as boolean);
	const downloadOptions = (download
		? this.getNodeParameter('downloadOptions', itemIndex, {})
		: {}) as IDataObject;
	const output = this.getNodeParameter('outputOptions', itemIndex, {}) as IDataObject;

	const pollSeconds = Number(waitOptions.pollInterval ?? 10);
	const timeoutMinutes = Number(waitOptions.timeout ?? 30);
	if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) {
		throw operationError(this.getNode(), `"Poll Interval (Seconds)" must be a positive number (got ${String(waitOptions.pollInterval)})`, { itemIndex });
	}
	if (!Number.isFinite(timeoutMinutes) || timeoutMinutes <= 0 || timeoutMinutes > 1440) {
		throw operationError(this.getNode(), `"Timeout (Minutes)" must be between 1 and 1440 (got ${String(waitOptions.timeout)})`, { itemIndex });
	}
	// Without waiting, polling only tells when a slot frees for items still queued.
	const pollMs = wait ? Math.max(MIN_POLL_MS, pollSeconds * 1000) : SLOT_CHECK_MS;
	const timeoutMs = timeoutMinutes * 60_000;
	if (wait && waitMode === 'poll' && timeoutMs < pollMs) {
		throw operationError(
			this.getNode(),
			`"Timeout (Minutes)" (${timeoutMinutes} min) is shorter than "Poll Interval (Seconds)" (${pollSeconds} s)`,
			{ itemIndex, description: 'Raise the timeout or lower the poll interval in Wait Options.' },
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
	};
}
