/**
 * Removes the API token from text a server sent (error bodies, records, headers) before it can
 * reach an error or an output. A hostile or buggy server may echo the Authorization header; the
 * secret part after `user:<n>-` is removed too, since it identifies the token on its own.
 */
export const REDACTED = '[redacted]';
const MAX_DEPTH = 64;

/** The strings to remove for a token: the whole token and its secret part (when long enough to be one). */
export function secretsOf(token: unknown): string[] {
	const whole = typeof token === 'string' ? token.trim() : '';
	if (whole.length < 8) return [];
	const secret = /^user:\d+-(.+)$/.exec(whole)?.[1];
	// Longest first, so the whole token is replaced as one piece.
	return [whole, ...(secret && secret.length >= 8 ? [secret] : [])];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive: a server may echo the header upper-cased ("BEARER USER:1234-ABC…"). */
export function redactText(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (out.toLowerCase().includes(secret.toLowerCase()))
			out = out.replace(new RegExp(escape(secret), 'gi'), REDACTED);
	}
	return out;
}

/** A copy of a JSON-like value with every secret removed from strings and keys; cut below MAX_DEPTH. */
export function redactDeep<T>(value: T, secrets: string[], depth = 0): T {
	if (!secrets.length) return value;
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (!value || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
	if (depth >= MAX_DEPTH) return '[too deeply nested]' as T;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets, depth + 1)) as T;
	if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
		return value;
	const out: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		// defineProperty: a "__proto__" key from JSON stays a plain key.
		Object.defineProperty(out, redactText(key, secrets), {
			value: redactDeep(entry, secrets, depth + 1),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return out as T;
}
