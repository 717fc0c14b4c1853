import type { INodeProperties } from 'n8n-workflow';

/** The Secret of trigger version 1 (query or header) and 2 (part of the path): only the help differs
 * (`effect`: what a call without it gets, with no final period). */
function secretField(
	version: number,
	effect: string,
	extra: Pick<INodeProperties, 'hint'> = {},
): INodeProperties {
	return {
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 7Kq2-xV9p-Lm4T-zR8w',
		...extra,
		description: `Any random string of 16 or more letters, digits, "-" or "_" (pick one with a password generator). ${effect}.`,
		displayOptions: { show: { requireSecret: [true], '@version': [version] } },
	};
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Paste into "replyUrl" (in MiniMax Generate: Options → Reply URL; Generate nodes saved before version 2: Callback → Reply URL): the <b>Production URL</b> shown above, followed by <code>?secret=</code> and your Secret, e.g. <code>https://n8n.example.com/webhook/…/minimax?secret=Your-Secret</code>. Activate (publish) the workflow so it listens. The Test URL listens for only about 2 minutes after "Listen for test event", which is shorter than most jobs.',
		name: 'replyUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName:
			'The <b>Production URL</b> above is the complete Reply URL, secret included: copy it as it is into MiniMax Generate → Options → Reply URL. Activate (publish) the workflow so it listens. The Test URL listens for only about 2 minutes after "Listen for test event", which is shorter than most jobs.',
		name: 'replyUrlNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [2] } },
	},
	{
		displayName: 'Require Secret',
		name: 'requireSecret',
		type: 'boolean',
		required: true,
		default: true,
		description:
			'Whether calls must carry the secret (in the URL, or in the "x-useapi-secret" header). useapi does not sign callbacks, so without it anyone who learns the URL can start this workflow.',
	},
	secretField(
		1,
		'Add it to the replyUrl as "?secret=…". Calls without it, or with another value, get 403 and start nothing',
	),
	secretField(2, 'Calls to a URL without it get 404 (or 403) and start nothing', {
		hint: 'Becomes the last part of the Production URL; only letters, digits, "-" and "_" are used',
	}),
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Completed', value: 'completed', description: 'The job finished with a result' },
			{
				name: 'Failed',
				value: 'failed',
				description: 'The job failed (video/image status 3; agent, speech and music "failed")',
			},
			{
				name: 'Moderated',
				value: 'moderated',
				description: 'MiniMax moderated the result (status 5, 7 or 14)',
			},
			{
				name: 'Progress',
				value: 'progress',
				description: 'Progress updates before the final call',
			},
		],
		required: true,
		default: ['completed'],
		description: 'Which callbacks start the workflow. Others are answered 200 and ignored.',
	},
	{
		displayName: 'Job Kinds',
		name: 'kinds',
		type: 'multiOptions',
		options: [
			{ name: 'Agent', value: 'agent' },
			{ name: 'Image', value: 'image' },
			{ name: 'Music', value: 'music', description: 'Songs and covers (musicId "user:…-music:…")' },
			{ name: 'Speech', value: 'speech', description: 'Text to speech (audioId "user:…-audio:…")' },
			{ name: 'Video', value: 'video' },
		],
		required: true,
		default: ['video', 'image', 'agent', 'speech', 'music'],
		description: 'Which kinds of jobs start the workflow, told apart by the job ID',
	},
	{
		displayName: 'Reply Ref Filter',
		name: 'replyRefFilter',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Equals', value: 'equals' },
			{ name: 'Starts With', value: 'startsWith' },
		],
		required: true,
		default: 'any',
		description:
			'Start the workflow only for jobs created with a matching "replyRef" (the part you set, without the tag MiniMax Generate appends)',
	},
	{
		displayName: 'Reply Ref',
		name: 'replyRefValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order-42',
		displayOptions: { show: { replyRefFilter: ['equals', 'startsWith'] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		required: true,
		default: true,
		description:
			'Whether to return a flat summary (ID, kind, outcome, result URLs, replyRef…) instead of the raw callback body',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Download Result',
				name: 'downloadResult',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the result (videos and images: the first result URL; speech and music: the MP3; agent: every attachment) into binary property "data" ("data_1", … for more). The call is answered before the download starts. A failed download still emits the item, with "downloadError".',
			},
		],
	},
];
