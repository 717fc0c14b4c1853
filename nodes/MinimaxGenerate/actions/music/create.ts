import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { operationError } from '../../../shared/errors';
import { readText } from '../../../shared/params';
import { readOption, withShow } from '../../descriptions/common';
import type { CreateOutcome, KindAdapter } from '../../engine/task';
import {
	DEFAULT_MUSIC_MODEL,
	MUSIC_FIELDS as F,
	MUSIC_MODELS,
	musicBody,
	validateMusic,
	type MusicInput,
} from '../../models/music';
import type { PreparedCreate } from '../../types';
import { MUSIC_JOBS, musicIdsOf } from '../audioJobs';
import { prepareCreate } from '../createInputs';
import { createOperation } from '../operation';

const show = { resource: ['music'], operation: ['create'] };

const fields: INodeProperties[] = [
	{
		displayName: F.model,
		name: 'musicModel',
		type: 'options',
		default: DEFAULT_MUSIC_MODEL,
		required: true,
		description: 'Which music model writes the song',
		options: MUSIC_MODELS,
		displayOptions: { show },
	},
	{
		displayName: F.prompt,
		name: 'musicPrompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. a playful pop duet about texting too late at night',
		description:
			'Style and subject in one brief, up to 2,000 characters. May stay empty for a cover (Options → Reference Music ID).',
		displayOptions: { show },
	},
];

/** Version 2 in "Options", version 1 in "Song Options". */
const MUSIC_OPTIONS: INodeProperties[] = [
	{
		displayName: F.lyrics,
		name: 'lyrics',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		placeholder: '[Verse]\nLate again, the screen is glowing…\n[Chorus]\n…',
		description:
			'Your own words with section tags such as [Verse], [Chorus] (up to 3,500 characters). Empty: the model writes them. More lyrics make a longer song; there is no duration setting.',
	},
	{
		displayName: F.instrumental,
		name: 'instrumental',
		type: 'boolean',
		default: false,
		description:
			'Whether to make a track without vocals (empty lyrics alone make the model write and sing its own words)',
	},
	{
		displayName: F.title,
		name: 'title',
		type: 'string',
		default: '',
		description: 'Title of the song, up to 40 characters; empty: the model names it',
	},
	{
		displayName: F.reference,
		name: 'referenceMusicId',
		type: 'string',
		default: '',
		placeholder: 'e.g. user:1234-minimax:987654321-music:987654321098766',
		description:
			'Make a cover in the character of this track: a musicId from Music → Upload Reference, or any song on the account. The cover runs on that account. To keep its words, pass its lyrics as Lyrics.',
	},
];

function readMusicCreate(this: IExecuteFunctions, i: number): PreparedCreate {
	const option = <T>(name: string, fallback: T) =>
		readOption.call(this, i, name, `songOptions.${name}`, fallback) as T;
	const input: MusicInput = {
		model: readText.call(this, 'musicModel', i, F.model, DEFAULT_MUSIC_MODEL),
		prompt: readText.call(this, 'musicPrompt', i, F.prompt),
		lyrics: String(option('lyrics', '') ?? ''),
		instrumental: option<unknown>('instrumental', false) === true,
		title: String(option('title', '') ?? ''),
		referenceMusicId: String(option('referenceMusicId', '') ?? ''),
	};
	const prepared = prepareCreate.call(this, i, {
		problems: validateMusic(input),
		body: musicBody(input),
		slots: [],
	});
	// A cover runs where its reference is stored: the musicId names that account.
	const owner = /-minimax:(\d+)-/.exec(input.referenceMusicId ?? '')?.[1];
	if (owner && prepared.account && prepared.account !== owner) {
		throw operationError(
			this.getNode(),
			`"${F.reference}" belongs to account ${owner}, but "Account" is ${prepared.account}`,
			{
				itemIndex: i,
				description:
					'Clear "Account" (the cover then runs there) or use a reference of that account.',
			},
		);
	}
	return owner ? { ...prepared, account: owner } : prepared;
}

/** POST /music/create → 201 with the musicId: an object or an array of them ([gap], both read). */
export const musicAdapter: KindAdapter = {
	kind: 'music',
	...MUSIC_JOBS,
	createPath: '/music/create',
	parseCreate(body): CreateOutcome {
		return { ids: musicIdsOf(body), finals: {} };
	},
	jobsPerCreate: () => 1,
};

export const musicCreate = createOperation({
	resource: 'music',
	operation: 'create',
	name: 'Create',
	action: 'Create a song',
	description:
		'Generate a song (or a cover of a reference track), wait for it and download the MP3',
	fields: [
		...fields,
		{
			displayName: 'Song Options',
			name: 'songOptions',
			type: 'collection',
			placeholder: 'Add Song Option',
			default: {},
			options: MUSIC_OPTIONS,
			displayOptions: withShow({ show }, { '@version': [1] }),
		},
	],
	features: { own: MUSIC_OPTIONS },
	subtitleParameter: 'musicModel',
	read: readMusicCreate,
	adapter: musicAdapter,
});
