import type { IDataObject, IExecuteSingleFunctions, PreSendAction } from 'n8n-workflow';

import { operationError } from '../shared/errors';
import { idOf } from './hooks';

/** Hooks of the speech, voice and music resources (vendor docs: https://useapi.net/docs/api-minimax-v1/get-minimax-speech, https://useapi.net/docs/api-minimax-v1/post-minimax-music-create and the pages they link). */

const invalid = (ctx: IExecuteSingleFunctions, message: string, description?: string) =>
	operationError(ctx.getNode(), message, { itemIndex: ctx.getItemIndex(), description });

const filtersOf = (ctx: IExecuteSingleFunctions) =>
	(ctx.getNodeParameter('filters', {}) ?? {}) as IDataObject;

/** POST /speech/delete-voice takes only the wrapped voice id (sending `account` is a 400). */
export const voiceDeleteBody: PreSendAction = async function (
	this: IExecuteSingleFunctions,
	request,
) {
	const raw = String(this.getNodeParameter('voiceId', '') ?? '').trim();
	if (/^\d+$/.test(raw)) {
		throw invalid(
			this,
			`"Voice ID" is a built-in voice (${raw}); only cloned voices can be deleted`,
			'Cloned voices have ids like "user:1234-minimax:987654321-voice:445566778899" (Voice → Get Many with Voice Type "Cloned").',
		);
	}
	request.body = { voice_id: idOf(this, 'voiceId', 'Voice ID', 'voice') };
	return request;
};

const VOICE_TYPES = ['all', 'builtIn', 'cloned'];

/** GET /speech/voices: the tag filter as `tag_list` (comma list, exact case); checks Voice Type. */
export const voiceFilters: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	const { tags, voiceType } = filtersOf(this);
	if (voiceType !== undefined && !VOICE_TYPES.includes(String(voiceType))) {
		throw invalid(
			this,
			`"Voice Type" must be All, Built-In or Cloned (got ${JSON.stringify(voiceType)})`,
		);
	}
	if (tags !== undefined && typeof tags !== 'string') {
		throw invalid(
			this,
			`"Tags" must be text such as "English,Female" (got ${JSON.stringify(tags)})`,
		);
	}
	const list = String(tags ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter(Boolean);
	if (list.length) request.qs = { ...request.qs, tag_list: list.join(',') };
	return request;
};

/**
 * Whether a listed voice is a clone. [gap] the listing's clone marker: the delete-voice page says
 * clones come in the wrapped `…-voice:…` form; the legacy listing had `is_system` and a `clone` object.
 */
export function isClonedVoice(voice: IDataObject): boolean {
	return (
		/-voice:/.test(String(voice.voice_id ?? '')) ||
		voice.is_system === false ||
		(typeof voice.clone === 'object' && voice.clone !== null)
	);
}

export function wantedVoice(voice: IDataObject, ctx: IExecuteSingleFunctions): boolean {
	const type = String(filtersOf(ctx).voiceType ?? 'all');
	if (type === 'all') return true;
	return isClonedVoice(voice) === (type === 'cloned');
}

const MUSIC_TYPES = ['song', 'reference', 'all'];

/** GET /music: `type` (song | reference | all) and `favorite=true`, sent only when set. */
export const musicFilters: PreSendAction = async function (this: IExecuteSingleFunctions, request) {
	const { type, favorite } = filtersOf(this);
	const qs: IDataObject = {};
	if (type !== undefined) {
		if (!MUSIC_TYPES.includes(String(type))) {
			throw invalid(this, `"Type" must be Song, Reference or All (got ${JSON.stringify(type)})`);
		}
		qs.type = type;
	}
	if (favorite !== undefined && typeof favorite !== 'boolean') {
		throw invalid(this, `"Favorites Only" must be true or false (got ${JSON.stringify(favorite)})`);
	}
	if (favorite) qs.favorite = true;
	request.qs = { ...request.qs, ...qs };
	return request;
};
