/**
 * Version 2 puts the secret into the webhook path (`…/minimax/<secret>`), so the Production URL n8n
 * shows is the complete Reply URL to paste. Version 1 keeps the plain `…/minimax` path and takes the
 * secret from `?secret=` or a header. Only URL-safe characters of the secret go into the path.
 */
export const WEBHOOK_PATH =
	'={{ $nodeVersion >= 2 && $parameter["requireSecret"] !== false ? "minimax/" + (String($parameter["secret"] || "").replace(/[^A-Za-z0-9_-]/g, "") || "no-secret-set") : "minimax" }}';

/** The part of a secret that the path carries (the same rule as WEBHOOK_PATH). */
export const pathSecretOf = (secret: string): string => secret.replace(/[^A-Za-z0-9_-]/g, '');

/** The last path segment after `/minimax/` of the request URL, if any. */
export function secretInPath(request: {
	originalUrl?: string;
	url?: string;
	path?: string;
}): string | undefined {
	const path = String(request.originalUrl ?? request.url ?? request.path ?? '').split('?')[0];
	const match = /\/minimax\/([A-Za-z0-9_-]+)\/?$/.exec(path);
	return match?.[1];
}
