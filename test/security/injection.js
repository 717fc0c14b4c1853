'use strict';
/**
 * The id/account injection table (issue 13, class 5): every payload must be refused before any
 * request, by every node parameter that takes an id or an account. Shared by jest and the
 * reliability run. `V` marks where a valid id of the parameter's kind goes.
 */
const PAYLOADS = [
	['backslash path', 'V\\..\\..\\accounts\\222222222'],
	['slash path', 'V/../../accounts/222222222'],
	['dot-dot alone', '..'],
	['query ?', 'V?account=222222222'],
	['query &', 'V&account=222222222'],
	['fragment #', 'V#tail'],
	['semicolon ;', 'V;x=1'],
	['encoded slash %2F', 'V%2F..%2Faccounts'],
	['encoded colon %3A', 'V%3A1'],
	['CRLF header', 'V\r\nX-Injected: 1'],
	['LF inside', 'Va\nb'],
	['NUL', 'V\u0000'],
	['unicode line separator', 'V\u2028x'],
	['right-to-left override', 'V\u202e1'],
	['fullwidth digits', 'V１２'],
	['percent', 'V%'],
];

const ACCOUNT_PAYLOADS = [
	['slash path', 'A/../../accounts/222222222'],
	['backslash path', 'A\\..\\222222222'],
	['dot-dot', '..'],
	['query ?', 'A?x=1'],
	['query &', 'A&account=222222222'],
	['fragment #', 'A#x'],
	['semicolon ;', 'A;x'],
	['encoded slash %2F', 'A%2F..'],
	['encoded colon %3A', 'A%3A'],
	['CRLF inside', 'A\r\nX: 1'],
	['fullwidth digits', '１２３４５６'],
	['letters', 'acct-one'],
	['unicode digits (Arabic-Indic)', '٣٠٠٠٠٠'],
];

const fill = (payload, valid) => payload.replace(/^V|^A/, valid);

/** Valid ids of every kind on `account`, for payloads to be built on. */
function idsOf(account, uid = '4242') {
	return {
		ACCOUNT: account,
		VIDEO: `user:${uid}-minimax:${account}-video:998877665544332211`,
		IMAGE: `user:${uid}-minimax:${account}-image:357846312387492374`,
		FILE: `user:${uid}-minimax:${account}-file:335577991133557799`,
		AGENT: `p123456789-u${uid}-a${account}-bot:minimax`,
		TEMPLATE: '1122334455667788',
	};
}

const rl = (value) => ({ __rl: true, mode: 'id', value });

/** Every node parameter that takes an id or an account: [node, name, parameters for a value, valid value]. */
function injectionTargets(ids) {
	const { ACCOUNT, VIDEO, IMAGE, FILE, AGENT, TEMPLATE } = ids;
	const declarative = (name, valid, params) => ['declarative', name, params, valid];
	const generate = (name, valid, params) => ['generate', name, params, valid];
	return [
		declarative('video get', VIDEO, (v) => ({ resource: 'video', operation: 'get', videoId: v })),
		declarative('video delete', VIDEO, (v) => ({
			resource: 'video',
			operation: 'delete',
			videoId: v,
		})),
		declarative('video cancel', VIDEO, (v) => ({
			resource: 'video',
			operation: 'cancel',
			videoId: v,
		})),
		declarative('image get', IMAGE, (v) => ({ resource: 'image', operation: 'get', imageId: v })),
		declarative('image delete', IMAGE, (v) => ({
			resource: 'image',
			operation: 'delete',
			imageId: v,
		})),
		declarative('file delete', FILE, (v) => ({ resource: 'file', operation: 'delete', fileId: v })),
		declarative('agent job get', AGENT, (v) => ({
			resource: 'agentJob',
			operation: 'get',
			jobId: v,
		})),
		declarative('scheduler delete', VIDEO, (v) => ({
			resource: 'scheduler',
			operation: 'delete',
			schedulerId: v,
		})),
		declarative('template get', TEMPLATE, (v) => ({
			resource: 'video',
			operation: 'getTemplate',
			templateId: v,
		})),
		declarative('account get', ACCOUNT, (v) => ({
			resource: 'account',
			operation: 'get',
			account: rl(v),
		})),
		declarative('account delete', ACCOUNT, (v) => ({
			resource: 'account',
			operation: 'delete',
			account: rl(v),
		})),
		declarative('video get many (account)', ACCOUNT, (v) => ({
			resource: 'video',
			operation: 'getAll',
			account: rl(v),
			limit: 5,
		})),
		declarative('feature get (account)', ACCOUNT, (v) => ({
			resource: 'feature',
			operation: 'get',
			account: rl(v),
		})),
		generate('video create (Account)', ACCOUNT, (v) => ({
			resource: 'video',
			operation: 'create',
			videoModel: 'T2V-01',
			prompt: 'x',
			account: v,
			waitForCompletion: false,
		})),
		generate('video create (Image File ID)', FILE, (v) => ({
			resource: 'video',
			operation: 'create',
			videoModel: 'I2V-01',
			prompt: 'x',
			imageSource: 'fileId',
			imageFileId: v,
			waitForCompletion: false,
		})),
		generate('template create (Template ID)', TEMPLATE, (v) => ({
			resource: 'video',
			operation: 'createFromTemplate',
			templateId: v,
			waitForCompletion: false,
		})),
		generate('file upload (Account)', ACCOUNT, (v) => ({
			resource: 'file',
			operation: 'upload',
			account: v,
		})),
	];
}

/** The table as cases: [node, "target: payload", parameters]; accounts get the account payloads. */
function injectionCases(ids) {
	return injectionTargets(ids).flatMap(([node, name, params, valid]) =>
		(/^\d+$/.test(valid) ? ACCOUNT_PAYLOADS : PAYLOADS).map(([payload, text]) => [
			node,
			`${name}: ${payload}`,
			params(fill(text, valid)),
		]),
	);
}

/** The input item of every case (a PNG, for the uploads). */
const PNG = {
	json: {},
	binary: {
		data: {
			data: Buffer.from('89504e470d0a1a0a', 'hex').toString('base64'),
			mimeType: 'image/png',
			fileName: 'a.png',
		},
	},
};

/** Trigger parameters for the callback-id cases: downloads on, so a partial callback would be read. */
const TRIGGER_PARAMETERS = {
	requireSecret: false,
	events: ['completed'],
	kinds: ['video', 'image', 'agent'],
	simplify: true,
	options: { downloadResult: true },
};

/** A final video callback whose videoId is the payload built on `video`. */
const callbackBody = (text, video) => ({
	videoId: fill(text, video),
	status: 2,
	statusLabel: 'completed',
	statusFinal: true,
});

module.exports = {
	PAYLOADS,
	ACCOUNT_PAYLOADS,
	fill,
	idsOf,
	injectionTargets,
	injectionCases,
	PNG,
	TRIGGER_PARAMETERS,
	callbackBody,
};
