'use strict';
// The pure-TypeScript HMAC must equal Node's crypto (node code may not import crypto itself).
const crypto = require('crypto');
const { hmacSha256Hex, sha256, sameSecret } = require('../../nodes/MinimaxGenerate/engine/callbackSecret');

describe('callback secret', () => {
	it('sha256 matches crypto at every padding boundary', () => {
		for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
			const data = Buffer.alloc(n, n % 251);
			expect(Buffer.from(sha256(data)).toString('hex')).toBe(crypto.createHash('sha256').update(data).digest('hex'));
		}
	});

	it('hmacSha256Hex matches crypto for short, long and non-ASCII keys and messages', () => {
		const cases = [
			['', ''],
			['user:1234-simtoken0123456789', 'minimax-callback\n17\neyJrIjoidmlkZW8ifQ'],
			['k'.repeat(64), 'exactly one block key'],
			['k'.repeat(200), 'm'.repeat(5000)],
			['ключ-ü', 'nachricht-ß'],
		];
		for (const [key, message] of cases) {
			expect(hmacSha256Hex(key, message)).toBe(crypto.createHmac('sha256', key).update(message).digest('hex'));
		}
	});

	it('sameSecret accepts only the exact secret', () => {
		const secret = hmacSha256Hex('k', 'm').slice(0, 40);
		expect(sameSecret(secret, secret)).toBe(true);
		expect(sameSecret(secret.slice(0, 39), secret)).toBe(false);
		expect(sameSecret(`${secret}0`, secret)).toBe(false);
		expect(sameSecret('', secret)).toBe(false);
		expect(sameSecret(`${secret.slice(0, 39)}${secret[39] === 'a' ? 'b' : 'a'}`, secret)).toBe(false);
	});
});
