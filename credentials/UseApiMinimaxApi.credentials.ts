import { describeHttpFailure, NO_ACCOUNT_CONFIGURED } from '../nodes/shared/errors';

import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class UseApiMinimaxApi implements ICredentialType {
	name = 'useApiMinimaxApi';

	displayName = 'useapi.net MiniMax API';

	icon: Icon = { light: 'file:useapi.svg', dark: 'file:useapi.dark.svg' };

	documentationUrl = 'https://useapi.net/docs/start-here/setup-useapi';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'user:1234-abcdefghijklmnopqrstuv',
			description:
				'Your useapi.net API token, including its "user:" prefix. Find it at useapi.net under Account → API token.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.useapi.net',
			description:
				'Leave as is for useapi.net. Change it only for a proxy, a test server or the bundled simulator.',
		},
	];

	// The whole token is sent, "user:" prefix included; trim() guards against pasted whitespace.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken.trim()}}',
			},
		},
	};

	// The same words as the runtime errors for the same answers (nodes/shared/errors.ts).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v1/minimax',
			url: '/accounts',
			method: 'GET',
			// The token never follows a redirect to another host.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: sentence(describeHttpFailure(401, undefined)) },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: sentence(NO_ACCOUNT_CONFIGURED) },
			},
		],
	};
}

function sentence({ message, description }: { message: string; description: string }): string {
	return `${message}. ${description}`;
}
