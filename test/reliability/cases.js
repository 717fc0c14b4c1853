'use strict';
/**
 * The bad-input table. Each case: node (generate | declarative | trigger), name, parameters, items,
 * expect (regex on the error text: message + description, or the trigger's status + body), http
 * (0 = validation must catch it before any request; 'any' = the API is asked, e.g. 401).
 */
const { WRONG_TOKEN } = require('./lib');

const UID = '4242';
const fileId = (account, n) => `user:${UID}-minimax:${account}-file:${String(n).padStart(18, '7')}`;
const videoId = (account) => `user:${UID}-minimax:${account}-video:998877665544332211`;
const PNG = { data: Buffer.from('89504e470d0a1a0a', 'hex').toString('base64'), mimeType: 'image/png', fileName: 'a.png' };
const PDF = { data: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' };

/** Generation node, Video → Create, not waiting (validation happens before any request anyway). */
function video(extra) {
	return {
		resource: 'video',
		operation: 'create',
		model: 'T2V-01',
		prompt: 'A red robot waves',
		waitForCompletion: false,
		...extra,
	};
}

function generateCases() {
	const g = (name, parameters, expect, more = {}) => ({ node: 'generate', name, parameters, expect, http: 0, ...more });
	return [
		g('empty prompt, no image', video({ prompt: '' }), /prompt is empty/i),
		g('option not valid for the model (02 + 720p-4sec)', video({ model: '02', options: '720p-4sec' }), /720p-4sec.*not available for model 02/i),
	];
}

function declarativeCases() {
	const d = (name, parameters, expect, more = {}) => ({ node: 'declarative', name, parameters, expect, http: 0, ...more });
	return [
		d('account: Max Jobs 0', { resource: 'account', operation: 'upsert', url: 'https://hailuoai.video/x', token: 'jwt', maxJobs: 0 }, /"Max Jobs" must be a whole number from 1 to 10 \(got 0\)/),
		d('account: Max Jobs 11', { resource: 'account', operation: 'upsert', url: 'https://hailuoai.video/x', token: 'jwt', maxJobs: 11 }, /"Max Jobs" must be a whole number from 1 to 10 \(got 11\)/),
		d('account: Hailuoai URL not a URL', { resource: 'account', operation: 'upsert', url: 'hailuoai.video', token: 'jwt', maxJobs: 3 }, /"Hailuoai URL" must be the full https/),
		// An expression that resolves to nothing: the editor's required-field check cannot see it.
		d('account: account expression resolves empty', { resource: 'account', operation: 'get', account: { __rl: true, mode: 'id', value: '={{ $json.missing ?? "" }}' } }, /"Account" is empty/),
		d('account: account id with a space', { resource: 'account', operation: 'get', account: { mode: 'id', value: '98 76' } }, /not a valid account id/),
		d('401: wrong API token names the credential', { resource: 'account', operation: 'getAll' }, /token was rejected \(401.*"useapi\.net MiniMax API" credential/s, { http: 'any', token: WRONG_TOKEN }),
	];
}

function triggerCases() {
	const SECRET = 'Reliability-Secret-7Kq2xV9pLm4T';
	const done = { videoId: videoId('300000001'), status: 2, statusLabel: 'completed', statusFinal: true, videoURL: 'https://cdn.example/v.mp4' };
	const t = (name, c, expect) => ({ node: 'trigger', name, http: 0, expect, parameters: { requireSecret: true, secret: SECRET, ...c.parameters }, query: { secret: SECRET }, ...c });
	return [
		t('bad JSON body', { raw: '{"videoId": "user:4242-minimax:1-video:2", status: ' }, /^400 .*body is not JSON/),
		t('wrong secret', { query: { secret: 'not-the-secret-123456' }, body: done }, /^403 .*Missing or wrong secret/),
		t('no secret given', { query: {}, body: done }, /^403 .*Missing or wrong secret/),
		t('secret required but not set on the node', { parameters: { secret: '' }, body: done }, /^403 .*no Secret set/),
		t('body without a job id', { body: { status: 2, statusLabel: 'completed' } }, /^400 .*no job id/),
		t('file id instead of a job id', { body: { id: fileId('300000001', 3), status: 2 } }, /^400 .*not a video, image, speech or agent id/),
		t('body is a JSON string, not an object', { raw: '"completed"' }, /^400 .*not a JSON object|^400 .*not JSON/),
	];
}

/** Controls: valid inputs of the same shape must pass, so the table cannot pass by failing everything. */
function controls(account) {
	const SECRET = 'Reliability-Secret-7Kq2xV9pLm4T';
	return [
		{ node: 'trigger', name: 'control: right secret, completed video', parameters: { requireSecret: true, secret: SECRET }, query: { secret: SECRET }, body: { videoId: videoId(account), status: 2, statusLabel: 'completed', statusFinal: true } },
		{ node: 'declarative', name: 'control: Account → Get Many', parameters: { resource: 'account', operation: 'getAll' } },
	];
}

function all({ account }) {
	return [...generateCases(account), ...declarativeCases(account), ...triggerCases(account)];
}

module.exports = { all, controls, video, fileId, videoId, PNG, PDF };
