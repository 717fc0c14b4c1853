import type { IWebhookFunctions } from 'n8n-workflow';

/**
 * The body of a callback POST as n8n hands it over. n8n parses JSON bodies; other content types
 * (text/plain, a missing or wrong Content-Type, a BOM n8n's parser refuses) arrive as a string, a
 * Buffer or only as rawBody. The callback parser accepts all three, so both webhooks read it here.
 */
export function webhookBody(ctx: IWebhookFunctions): unknown {
	const body = ctx.getBodyData() as unknown;
	const empty =
		body === undefined ||
		body === null ||
		(typeof body === 'object' && !Buffer.isBuffer(body) && Object.keys(body).length === 0);
	if (!empty) return body;
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw) && raw.length) return raw;
	return typeof raw === 'string' && raw ? raw : body;
}
