/**
 * The generation node tags every create's replyRef so it can find a job after an ambiguous create
 * (reset, 502/504) instead of submitting a duplicate paid job. Format: `<user ref>|n8n:<tag>`, or
 * `n8n:<tag>` without a user ref. The trigger strips the tag so users see their own replyRef.
 */
const TAG = /(?:^|\|)n8n:([A-Za-z0-9_-]{6,64})$/;

export function tagReplyRef(userRef: string | undefined, tag: string): string {
	const ref = (userRef ?? '').trim();
	return ref ? `${ref}|n8n:${tag}` : `n8n:${tag}`;
}

export function splitReplyRef(value: unknown): { ref: string; tag?: string } {
	const text = typeof value === 'string' ? value : '';
	const match = TAG.exec(text);
	if (!match) return { ref: text };
	return { ref: text.slice(0, match.index), tag: match[1] };
}

/** Both fields are limited to 1024 characters (https://useapi.net/docs/api-minimax-v1/post-minimax-videos-create). */
export const MAX_REPLY_LENGTH = 1024;
/** Longest tag the node appends (the TAG pattern allows 64 characters) plus its `|n8n:` separator. */
export const TAG_RESERVE = '|n8n:'.length + 64;

/** Why a user's Reply Ref cannot be sent, or undefined. */
export function checkReplyRef(ref: string): string | undefined {
	const max = MAX_REPLY_LENGTH - TAG_RESERVE;
	if (ref.length > max) {
		return `"Reply Ref" is ${ref.length} characters; at most ${max} fit, since the node appends its own "|n8n:<tag>" and useapi.net allows ${MAX_REPLY_LENGTH} in total`;
	}
	return undefined;
}

/** Why a Reply URL cannot be sent (scheme other than http/https, not a URL, too long), or undefined. */
export function checkReplyUrl(url: string): string | undefined {
	if (url.length > MAX_REPLY_LENGTH)
		return `"Reply URL" is ${url.length} characters; useapi.net allows ${MAX_REPLY_LENGTH}`;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `"Reply URL" is not a URL (got "${url.slice(0, 80)}"); use the full https://… address of your webhook`;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		return `"Reply URL" must start with https:// or http:// (got "${parsed.protocol}")`;
	}
	return undefined;
}
