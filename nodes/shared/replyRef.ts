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
