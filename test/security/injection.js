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

module.exports = { PAYLOADS, ACCOUNT_PAYLOADS, fill };
