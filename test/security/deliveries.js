'use strict';
/**
 * Callback deliveries a hostile caller or a broken proxy may send (issue 13, class 6), as n8n
 * hands them to webhook(): a parsed `body`, or an empty body with the `raw` text (n8n's parser
 * gave up or the content type is not JSON). `valid`: a real callback that must be processed;
 * every other one must get a 400. Shared by jest and the reliability run.
 */
const BOM = '\uFEFF';

function deliveries(videoId, replyRef) {
	const done = (extra = {}) => ({
		videoId,
		status: 2,
		statusLabel: 'completed',
		statusFinal: true,
		videoURL: 'https://cdn.example/v.mp4',
		...extra,
	});
	let nested = done();
	for (let i = 0; i < 5000; i++) nested = [nested];
	const own = JSON.stringify(done({ replyRef }));
	return [
		{ name: 'JSON with a UTF-8 BOM (raw body)', raw: `${BOM}${own}`, valid: true },
		{ name: 'JSON with a UTF-8 BOM (string body)', body: `${BOM}${own}`, valid: true },
		{ name: 'JSON as text/plain', raw: own, contentType: 'text/plain', valid: true },
		{ name: 'arrays nested 5,000 deep (parsed)', body: nested, valid: false },
		{
			name: 'arrays nested 5,000 deep (raw text)',
			raw: `${'['.repeat(5000)}${own}${']'.repeat(5000)}`,
			valid: false,
		},
		{
			name: 'objects nested 100 deep',
			body: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`),
			valid: false,
		},
		{
			name: 'form-urlencoded, parsed by n8n',
			body: { [own]: '' },
			contentType: 'application/x-www-form-urlencoded',
			valid: false,
		},
		{
			name: 'multipart fields',
			body: { videoId: videoId.replace(':', '%3A'), status: '2' },
			contentType: 'multipart/form-data; boundary=x',
			valid: false,
		},
		{
			name: 'binary garbage',
			raw: '\u0000\u00ff\u00fe{{',
			contentType: 'application/octet-stream',
			valid: false,
		},
		{ name: 'a BOM and nothing else', raw: BOM, valid: false },
		{
			name: 'truncated JSON after a BOM',
			raw: `${BOM}{"videoId": "${videoId}", "status": `,
			valid: false,
		},
		{
			name: 'status and statusFinal as objects',
			body: done({ status: { code: 2 }, statusFinal: { yes: true } }),
			valid: false,
		},
		{ name: 'statusFinal as text', body: done({ statusFinal: 'true' }), valid: false },
		{
			name: '__proto__ keys',
			body: JSON.parse('{"__proto__": {"videoId": "x"}, "constructor": 1}'),
			valid: false,
		},
	];
}

/** callWebhook options for one delivery. */
const asRequest = (d) => ({
	body: d.raw !== undefined ? {} : d.body,
	rawBody: d.raw !== undefined ? Buffer.from(d.raw, 'utf8') : undefined,
	headers: d.contentType ? { 'content-type': d.contentType } : undefined,
});

module.exports = { deliveries, asRequest };
