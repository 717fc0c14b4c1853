import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateOutcome, KindAdapter } from '../../engine/task';
import type { PreparedCreate } from '../../types';
import { SPEECH_JOBS, speechIdsOf } from '../audioJobs';
import { createOperation } from '../operation';
import { readSpeech, SPEECH_OPTIONS, speechFields, speechOptionsV1 } from './create';

/** The connection stays open while MiniMax renders: give it time, within the item's timeout. */
const MIN_CREATE_MS = 120_000;
const MAX_CREATE_MS = 600_000;

/**
 * POST /speech/create-mp3 answers when the audio is done ([inferred] 200 with the clip record:
 * audio_id, audio_url). It takes no replyUrl/replyRef, so a lost answer can never be matched to its
 * recording (the engine then stops with "may have been created" instead of paying twice).
 */
export const speechMp3Adapter: KindAdapter = {
	kind: 'speechMp3',
	...SPEECH_JOBS,
	createPath: '/speech/create-mp3',
	createRequest(body, _files, timeLeftMs) {
		const rest = { ...body };
		delete rest.replyRef;
		delete rest.replyUrl;
		return {
			body: rest,
			timeoutMs: Math.min(MAX_CREATE_MS, Math.max(MIN_CREATE_MS, timeLeftMs)),
		};
	},
	parseCreate(body): CreateOutcome {
		const [id] = speechIdsOf(body);
		if (!id || !body || typeof body !== 'object') return { ids: [], finals: {} };
		// The answer is the finished clip: final at once (a running one would say statusFinal false).
		const record = { statusFinal: true, statusLabel: 'completed', ...(body as IDataObject) };
		return { ids: [id], finals: record.statusFinal === false ? {} : { [id]: record } };
	},
};

function readSpeechMp3(this: IExecuteFunctions, i: number): PreparedCreate {
	return readSpeech.call(this, i, 'createMp3');
}

/** Nothing to wait for or call back: the shared create fields without the wait and callback ones. */
const NOT_FOR_SYNC = new Set(['waitForCompletion', 'waitMode', 'waitOptions', 'callback']);
const NOT_IN_OPTIONS = new Set(['waitMode', 'pollInterval', 'onFailure', 'replyUrl', 'replyRef']);

/** A condition list without the wait fields (they do not exist for this operation). */
function withoutWaitConditions(conditions: IDataObject | undefined): IDataObject | undefined {
	if (!conditions) return undefined;
	const rest = { ...conditions };
	for (const key of ['waitForCompletion', '/waitForCompletion', 'waitMode']) delete rest[key];
	return rest;
}

function withoutWaiting(properties: INodeProperties[]): INodeProperties[] {
	const strip = (p: INodeProperties): INodeProperties => {
		if (!p.displayOptions) return p;
		const displayOptions: IDataObject = {};
		for (const key of ['show', 'hide'] as const) {
			const conditions = withoutWaitConditions(p.displayOptions[key] as IDataObject);
			if (conditions && Object.keys(conditions).length) displayOptions[key] = conditions;
		}
		const rest = { ...p };
		delete rest.displayOptions;
		if (Object.keys(displayOptions).length)
			rest.displayOptions = displayOptions as INodeProperties['displayOptions'];
		return rest;
	};
	return properties
		.filter((p) => !NOT_FOR_SYNC.has(p.name))
		.map((p) =>
			p.name === 'options' && Array.isArray(p.options)
				? strip({
						...p,
						options: (p.options as INodeProperties[])
							.filter((o) => !NOT_IN_OPTIONS.has(o.name))
							.map(strip),
					})
				: strip(p),
		);
}

const operation = createOperation({
	resource: 'speech',
	operation: 'createMp3',
	name: 'Create MP3',
	action: 'Create an MP3 in one call',
	description:
		'Turn a short text (up to 3,000 characters) into an MP3 in one call, without a job to wait for',
	fields: [
		...speechFields('createMp3', 'up to 3,000 characters: the call waits for the audio'),
		speechOptionsV1('createMp3'),
	],
	features: { own: SPEECH_OPTIONS },
	subtitleParameter: 'speechModel',
	read: readSpeechMp3,
	adapter: speechMp3Adapter,
});

export const speechCreateMp3 = { ...operation, properties: withoutWaiting(operation.properties) };
